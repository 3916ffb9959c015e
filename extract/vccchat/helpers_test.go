package vccchat_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vccchat"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform/transformtest"
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

// collector decodes every emitted page into Arrow, per table, like the pipeline does.
type collector struct {
	*transformtest.Collector
	pages []*extract.Page
}

func newCollector(t *testing.T) *collector {
	return &collector{Collector: transformtest.New(t, time.Time{})}
}

func (c *collector) emit(_ context.Context, p *extract.Page) (int, error) {
	c.pages = append(c.pages, p)
	return c.Decode(p.Table, p.Source, p.Format, p.Body)
}

func (c *collector) rows(table *schema.Table) []map[string]any { return c.Rows(table) }

func zerologNop() zerolog.Logger { return zerolog.Nop() }
