package vcc_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// streamCase describes one vcc stream for the conformance suite.
type streamCase struct {
	name  string
	table *schema.Table
	key   string // vendor field that identifies a record
	fault string // sandbox path prefix that hits the stream's data pages
	mode  extract.Mode
	// scale makes the sandbox serve several full pages of the stream in window3.
	scale int
}

var streamCases = []streamCase{
	{"groups", schema.VCCGroups, "group-id", "/api/stats/groups", extract.Dimension, 20},                             // 60 groups
	{"agents", schema.VCCAgents, "agent-id", "/api/stats/agents", extract.Dimension, 20},                             // 200: 4 full pages and an empty one
	{"queues", schema.VCCQueues, "queue-id", "/api/stats/queues", extract.Dimension, 20},                             // 100
	{"activities", schema.VCCActivities, "transaction_id", "/api/stats/groups/", extract.Incremental, 2},             // ~90 per group
	{"interactions", schema.VCCInteractions, "interaction-id", "/api/stats/allinteractions", extract.Incremental, 2}, // 432
}

func day(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }

// env is a sandbox behind an httptest server that records every request.
type env struct {
	sb  *sandbox.Server
	srv *httptest.Server

	mu       sync.Mutex
	requests []*http.Request
	inFlight atomic.Int32
	maxIn    atomic.Int32
	delay    time.Duration // added to every request, to make concurrency observable
}

func newEnv(t *testing.T, scale int) *env {
	t.Helper()
	e := &env{sb: sandbox.New(sandbox.Options{Seed: 7, Scale: scale})}
	h := e.sb.Handler()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.requests = append(e.requests, r.Clone(context.Background()))
		e.mu.Unlock()
		n := e.inFlight.Add(1)
		defer e.inFlight.Add(-1)
		for {
			m := e.maxIn.Load()
			if n <= m || e.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		if e.delay > 0 {
			time.Sleep(e.delay)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) requestCount(prefix string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, r := range e.requests {
		if len(r.URL.Path) >= len(prefix) && r.URL.Path[:len(prefix)] == prefix {
			n++
		}
	}
	return n
}

// fastHTTP keeps retry tests quick.
func fastHTTP() httpx.Options {
	return httpx.Options{Timeout: 2 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

func (e *env) source(t *testing.T, cfg vcc.Config, ho httpx.Options) *vcc.Source {
	t.Helper()
	if cfg.Source == "" {
		cfg.Source = "acme"
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = e.srv.URL
	}
	if cfg.Tenant == "" {
		cfg.Tenant = sandbox.DefaultTenant
	}
	if cfg.Token == "" {
		cfg.Token = sandbox.DefaultToken
	}
	s, err := vcc.New(cfg, httpx.New(ho, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	return s
}

// collector is an Emit that counts records by a quick parse of each page and keeps the pages.
type collector struct {
	key     string
	pages   []*extract.Page
	records int
	keys    map[string]int
	// inEmit and maxInEmit prove that emit is never called concurrently.
	inEmit, maxInEmit atomic.Int32
	hold              time.Duration
}

func newCollector(key string) *collector { return &collector{key: key, keys: map[string]int{}} }

func (c *collector) emit(_ context.Context, p *extract.Page) (int, error) {
	n := c.inEmit.Add(1)
	defer c.inEmit.Add(-1)
	if n > c.maxInEmit.Load() {
		c.maxInEmit.Store(n)
	}
	if c.hold > 0 {
		time.Sleep(c.hold)
	}
	keys, err := recordKeys(p, c.key)
	if err != nil {
		return 0, err
	}
	c.pages = append(c.pages, p)
	c.records += len(keys)
	for _, k := range keys {
		c.keys[k]++
	}
	return len(keys), nil
}

// recordKeys parses a page in its format and returns the key field of every record.
func recordKeys(p *extract.Page, key string) ([]string, error) {
	var out []string
	switch p.Format {
	case schema.JSON:
		var doc map[string]map[string][]map[string]string
		if err := json.Unmarshal(p.Body, &doc); err != nil {
			return nil, err
		}
		for _, r := range doc[p.Table.Root][p.Table.Record] {
			v, ok := r[key]
			if !ok {
				return nil, fmt.Errorf("record without %s", key)
			}
			out = append(out, v)
		}
	case schema.CSV:
		rows, err := csv.NewReader(bytes.NewReader(p.Body)).ReadAll()
		if err != nil {
			return nil, err
		}
		col := -1
		for i, h := range rows[0] {
			if h == key {
				col = i
			}
		}
		if col < 0 {
			return nil, fmt.Errorf("no %s column", key)
		}
		for _, r := range rows[1:] {
			out = append(out, r[col])
		}
	default:
		dec := xml.NewDecoder(bytes.NewReader(p.Body))
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == key {
				var v string
				if err := dec.DecodeElement(&v, &se); err != nil {
					return nil, err
				}
				out = append(out, v)
			}
		}
	}
	return out, nil
}
