package cpaas_test

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
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform/transformtest"
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
	*transformtest.Collector
	pages []*extract.Page
}

func newCollector(t *testing.T) *collector {
	return &collector{Collector: transformtest.New(t, day(20))}
}

func (c *collector) emit(_ context.Context, p *extract.Page) (int, error) {
	c.pages = append(c.pages, p)
	return c.Decode(p.Table, p.Source, p.Format, p.Body)
}

func (c *collector) rows(table *schema.Table) []map[string]any { return c.Rows(table) }

func sandboxFault(status, times int) sandbox.Fault {
	return sandbox.Fault{Status: status, RetryAfter: "0", Times: times}
}
