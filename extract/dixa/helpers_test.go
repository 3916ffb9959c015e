package dixa_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/dixa"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

func day(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }

// sandboxNow is the sandbox clock: 20 days of conversations exist.
var sandboxNow = day(21)

var (
	testMetrics = []dixa.Metric{
		{ID: "closed_conversations", Aggregations: []string{"Count", "Sum"}},
		{ID: "csat", Aggregations: []string{"Average"}, Filters: []dixa.Filter{{Attribute: "channel", Values: []string{"email"}}}},
	}
	testRecords = []dixa.Record{{ID: "conversations"}, {ID: "ratings"}}
)

// env is a Dixa sandbox behind an httptest server that counts requests.
type env struct {
	sb       *sandbox.Server
	srv      *httptest.Server
	mu       sync.Mutex
	paths    []string
	inFlight atomic.Int32
	maxIn    atomic.Int32
}

func newEnv(t *testing.T, scale int) *env {
	t.Helper()
	e := &env{sb: sandbox.New(sandbox.Options{Seed: 7, Scale: scale, Now: func() time.Time { return sandboxNow }})}
	e.sb.SetDixaRateLimit(0, 0)
	h := e.sb.Handler()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.paths = append(e.paths, r.Method+" "+r.URL.RequestURI())
		e.mu.Unlock()
		n := e.inFlight.Add(1)
		defer e.inFlight.Add(-1)
		for {
			m := e.maxIn.Load()
			if n <= m || e.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) requests(prefix string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, p := range e.paths {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

func fastHTTP() httpx.Options {
	return httpx.Options{Timeout: 2 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

func (e *env) source(t *testing.T, cfg dixa.Config, ho httpx.Options) *dixa.Source {
	t.Helper()
	if cfg.Source == "" {
		cfg.Source = "acme"
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = e.srv.URL + "/dixa"
	}
	if cfg.Token == "" {
		cfg.Token = sandbox.DefaultToken
	}
	if cfg.Metrics == nil {
		cfg.Metrics = testMetrics
	}
	if cfg.Records == nil {
		cfg.Records = testRecords
	}
	if cfg.PageLimit == 0 {
		cfg.PageLimit = 7 // several pages everywhere
	}
	s, err := dixa.New(cfg, httpx.New(ho, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	return s
}

// decoder is an Emit that decodes every page with transform into one builder per table, as
// the pipeline does, and keeps the pages.
type decoder struct {
	t        *testing.T
	mem      *memory.CheckedAllocator
	builders map[*schema.Table]*transform.Builder
	pages    []*extract.Page
	inEmit   atomic.Int32
	maxEmit  atomic.Int32
}

func newDecoder(t *testing.T) *decoder {
	d := &decoder{t: t, mem: memory.NewCheckedAllocator(memory.NewGoAllocator()), builders: map[*schema.Table]*transform.Builder{}}
	t.Cleanup(func() {
		for _, b := range d.builders {
			b.Release()
		}
		d.mem.AssertSize(t, 0)
	})
	return d
}

func (d *decoder) emit(_ context.Context, p *extract.Page) (int, error) {
	n := d.inEmit.Add(1)
	defer d.inEmit.Add(-1)
	if n > d.maxEmit.Load() {
		d.maxEmit.Store(n)
	}
	b, ok := d.builders[p.Table]
	if !ok {
		b = transform.NewBuilder(d.mem, p.Table, transform.Lineage{Source: p.Source, RunID: "r1", ExtractedAt: sandboxNow, Version: 1})
		d.builders[p.Table] = b
	}
	d.pages = append(d.pages, p)
	return transform.Decode(p.Format, p.Body, b)
}

// rows returns the decoded rows of a table as maps column → Go value (nil for NULL).
func (d *decoder) rows(tb *schema.Table) []map[string]any {
	b, ok := d.builders[tb]
	if !ok {
		return nil
	}
	require.Zero(d.t, b.Coerced(), "values of %s that did not fit their column", tb.Name)
	rec := b.NewRecord()
	defer rec.Release()
	out := make([]map[string]any, rec.NumRows())
	for i := range out {
		out[i] = map[string]any{}
		for c, col := range rec.Columns() {
			name := rec.ColumnName(c)
			if col.IsNull(i) {
				out[i][name] = nil
				continue
			}
			out[i][name] = value(col, i)
		}
	}
	return out
}

func value(col arrow.Array, i int) any {
	switch a := col.(type) {
	case interface{ Value(int) string }:
		return a.Value(i)
	case interface{ Value(int) int64 }:
		return a.Value(i)
	case interface{ Value(int) float64 }:
		return a.Value(i)
	case interface{ Value(int) bool }:
		return a.Value(i)
	case interface{ Value(int) arrow.Timestamp }:
		return time.UnixMilli(int64(a.Value(i))).UTC()
	}
	return col.ValueStr(i)
}

func keysOf(rows []map[string]any, cols ...string) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		var parts []string
		for _, c := range cols {
			parts = append(parts, toString(r[c]))
		}
		out[strings.Join(parts, "|")]++
	}
	return out
}

func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339Nano)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(func() string { b, _ := jsonMarshal(v); return string(b) }(), "\n", ""), "\"", ""))
}
