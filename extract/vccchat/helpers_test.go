package vccchat_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vccchat"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

type env struct {
	sb  *sandbox.Server
	srv *httptest.Server
	mu  sync.Mutex
	req []string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{sb: sandbox.New(sandbox.Options{Seed: 7})}
	h := e.sb.Handler()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.req = append(e.req, r.Method+" "+r.URL.Path)
		e.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) config() vccchat.Config {
	return vccchat.Config{Source: "acme", BaseURL: e.srv.URL + "/vcc-chat", Region: "eu", Tenant: sandbox.DefaultTenant,
		Key: sandbox.VCCChatKey, Secret: sandbox.DefaultToken, PageSize: 5}
}

func (e *env) source(t *testing.T, cfg vccchat.Config) *vccchat.Source {
	t.Helper()
	client := httpx.New(httpx.Options{Timeout: 5 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}, zerolog.Nop())
	src, err := vccchat.New(cfg, client, zerolog.Nop())
	require.NoError(t, err)
	return src
}

func (e *env) stream(t *testing.T, cfg vccchat.Config, name string) *vccchat.Stream {
	st, err := e.source(t, cfg).Stream(name)
	require.NoError(t, err)
	return st
}

type collector struct {
	t        *testing.T
	mem      *memory.CheckedAllocator
	builders map[string]*transform.Builder
	pages    []*extract.Page
}

func newCollector(t *testing.T) *collector {
	c := &collector{t: t, mem: memory.NewCheckedAllocator(memory.NewGoAllocator()), builders: map[string]*transform.Builder{}}
	t.Cleanup(func() {
		for _, b := range c.builders {
			b.Release()
		}
		c.mem.AssertSize(t, 0)
	})
	return c
}

func (c *collector) emit(_ context.Context, p *extract.Page) (int, error) {
	c.pages = append(c.pages, p)
	b, ok := c.builders[p.Table.Name]
	if !ok {
		b = transform.NewBuilder(c.mem, p.Table, transform.Lineage{Source: p.Source, RunID: "test", Version: 1})
		c.builders[p.Table.Name] = b
	}
	return transform.Decode(p.Format, p.Body, b)
}

func (c *collector) rows(table *schema.Table) []map[string]any {
	b, ok := c.builders[table.Name]
	if !ok {
		return nil
	}
	rec := b.NewRecord()
	defer rec.Release()
	var out []map[string]any
	for i := 0; i < int(rec.NumRows()); i++ {
		m := map[string]any{}
		for j, f := range rec.Schema().Fields() {
			col := rec.Column(j)
			if col.IsNull(i) {
				m[f.Name] = nil
				continue
			}
			var v any
			raw, _ := json.Marshal(col.GetOneForMarshal(i))
			_ = json.Unmarshal(raw, &v)
			if f.Type.ID() == arrow.TIMESTAMP {
				v = col.ValueStr(i)
			}
			m[f.Name] = v
		}
		out = append(out, m)
	}
	return out
}

func zerologNop() zerolog.Logger { return zerolog.Nop() }
