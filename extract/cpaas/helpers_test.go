package cpaas_test

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
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

func day(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }

// env is a sandbox behind an httptest server that records every request.
type env struct {
	sb  *sandbox.Server
	srv *httptest.Server
	mu  sync.Mutex
	req []string // "METHOD path"
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{sb: sandbox.New(sandbox.Options{Seed: 7, Now: func() time.Time { return day(20) }})}
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

func (e *env) requests() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.req...)
}

func (e *env) count(method string) int {
	n := 0
	for _, r := range e.requests() {
		if len(r) > len(method) && r[:len(method)+1] == method+" " {
			n++
		}
	}
	return n
}

func (e *env) config() cpaas.Config {
	base := e.srv.URL + "/cpaas"
	return cpaas.Config{Source: "acme", APIKey: sandbox.DefaultToken, SubAccountID: "acme_sub", AccountID: "acme-account",
		ChatAppsURL: base + "/chatapps", SMSURL: base + "/sms", VoiceURL: base + "/voice", AutomationURL: base + "/automation",
		PollInterval: time.Millisecond, MaxPollInterval: 4 * time.Millisecond, ExportTimeout: 5 * time.Second,
		ChunkRows: 100, TempDir: t0TempDir}
}

var t0TempDir = ""

func (e *env) stream(t *testing.T, cfg cpaas.Config, name string) *cpaas.Stream {
	t.Helper()
	client := httpx.New(httpx.Options{Timeout: 5 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}, zerolog.Nop())
	src, err := cpaas.New(cfg, client, zerolog.Nop())
	require.NoError(t, err)
	st, err := src.Stream(name)
	require.NoError(t, err)
	return st
}

// collector decodes every emitted page into Arrow, per table, like the pipeline does.
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
		b = transform.NewBuilder(c.mem, p.Table, transform.Lineage{Source: p.Source, RunID: "test", ExtractedAt: day(20), Version: 1})
		c.builders[p.Table.Name] = b
	}
	return transform.Decode(p.Format, p.Body, b)
}

// rows returns the table's rows as maps of column name → Go value (JSON round trip).
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
	// NewRecord drained the builder: put nothing back, tests read a table once.
	return out
}

func sandboxFault(status, times int) sandbox.Fault {
	return sandbox.Fault{Status: status, RetryAfter: "0", Times: times}
}
