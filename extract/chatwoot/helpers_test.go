package chatwoot_test

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
	"github.com/ccwh/ccwh/extract/chatwoot"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
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

func (e *env) config() chatwoot.Config {
	return chatwoot.Config{Source: "acme", BaseURL: e.srv.URL + "/chatwoot", AccountID: sandbox.ChatwootAccountID, Token: sandbox.DefaultToken}
}

func (e *env) stream(t *testing.T, cfg chatwoot.Config, name string) *chatwoot.Stream {
	t.Helper()
	client := httpx.New(httpx.Options{Timeout: 5 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}, zerolog.Nop())
	src, err := chatwoot.New(cfg, client, zerolog.Nop())
	require.NoError(t, err)
	st, err := src.Stream(name)
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
