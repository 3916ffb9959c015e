package vcc_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// The conformance suite (STYLE.md 13): every vcc stream passes the same tests for paging, auth
// errors, empty windows, retries, permanent failures, timeouts, resets, cancellation and the
// endless-paging guards, against the sandbox.

// window3 spans three days: at its streamCase.scale every stream has more than one full page.
var window3 = extract.Window{From: day(5), To: day(8)}

func windowFor(sc streamCase, w extract.Window) extract.Window {
	if sc.mode != extract.Incremental {
		return extract.Window{}
	}
	if !sc.window.IsZero() {
		return sc.window
	}
	return w
}

func TestConformancePaging(t *testing.T) {
	for _, sc := range streamCases {
		e := newEnv(t, sc.scale)
		for _, f := range []schema.Format{schema.XML, schema.JSON, schema.CSV} {
			t.Run(sc.name+"/"+string(f), func(t *testing.T) {
				st, err := e.source(t, vcc.Config{Format: f}, fastHTTP()).Stream(sc.name)
				require.NoError(t, err)
				require.Equal(t, sc.table, st.Table())
				require.Equal(t, sc.mode, st.Mode())
				w := windowFor(sc, window3)
				c := newCollector(sc.key)
				require.NoError(t, st.Fetch(context.Background(), w, c.emit))

				want := e.sb.VCCCounts(w)[sc.table.Name]
				require.Positive(t, want)
				require.Equal(t, want, c.records, "records")
				require.Len(t, c.keys, want, "every record exactly once")

				// Pages of each entity: numbered 1.., offsets 1, 51, 101, …, n= from page 2 on,
				// full pages until the last.
				byEntity := map[string][]*extract.Page{}
				for _, p := range c.pages {
					byEntity[p.Entity] = append(byEntity[p.Entity], p)
				}
				multi := false
				for ent, ps := range byEntity {
					if sc.entity != "" {
						require.Regexp(t, sc.entity, ent)
					} else {
						require.Empty(t, ent)
					}
					multi = multi || len(ps) > 1
					for i, p := range ps {
						require.Equal(t, i+1, p.Number)
						require.Equal(t, 1+50*i, p.Offset)
						wantFormat := f
						if f == schema.CSV && sc.noCSV {
							wantFormat = schema.XML
						}
						require.Equal(t, wantFormat, p.Format)
						require.Equal(t, 200, p.Status)
						require.Equal(t, "acme", p.Source)
						require.Equal(t, sc.name, p.Stream)
						require.Equal(t, sc.table, p.Table)
						u, err := url.Parse(p.Request[len("GET "):])
						require.NoError(t, err)
						require.Regexp(t, `\.`+string(wantFormat)+`$`, u.Path)
						q := u.Query()
						if i == 0 {
							require.False(t, q.Has("n"), p.Request)
						} else {
							require.Equal(t, strconv.Itoa(1+50*i), q.Get("n"))
						}
						if sc.mode == extract.Incremental {
							require.Equal(t, w.From.Format("20060102T1504Z")+","+w.To.Format("20060102T1504Z"), q.Get("d"))
						} else {
							require.False(t, q.Has("d"))
						}
						n, err := recordKeys(p, sc.key)
						require.NoError(t, err)
						if sc.single {
							require.Len(t, ps, 1, "one request per entity")
						} else if i < len(ps)-1 {
							require.Len(t, n, 50)
						} else {
							require.Less(t, len(n), 50)
						}
					}
				}
				require.True(t, multi || sc.single, "the test should page")
			})
		}
	}
}

func TestConformanceAuthRejected(t *testing.T) {
	e := newEnv(t, 1)
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			before := e.requestCount("/")
			st, err := e.source(t, vcc.Config{Token: "wrong-token-123"}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)
			c := newCollector(sc.key)
			err = st.Fetch(context.Background(), windowFor(sc, window3), c.emit)
			require.ErrorIs(t, err, extract.ErrAuth)
			require.ErrorContains(t, err, `8x8 rejected the credentials for tenant "acme"`)
			require.NotContains(t, err.Error(), "wrong-token-123")
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, 403, fe.Status)
			require.Equal(t, sc.name, fe.Stream)
			require.Equal(t, 1, e.requestCount("/")-before, "403 is not retried")
			require.Empty(t, c.pages)
		})
	}
}

func TestConformanceEmptyWindow(t *testing.T) {
	e := newEnv(t, 1)
	for _, sc := range streamCases {
		if sc.mode != extract.Incremental {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			st, err := e.source(t, vcc.Config{}, fastHTTP()).Stream(sc.name)
			require.NoError(t, err)

			// [t, t) asks for nothing.
			before := e.requestCount("/")
			c := newCollector(sc.key)
			require.NoError(t, st.Fetch(context.Background(), extract.Window{From: day(5), To: day(5)}, c.emit))
			require.Empty(t, c.pages)
			require.Equal(t, before, e.requestCount("/"))

			// A window without data (before the sandbox's epoch): empty pages, no records, no error.
			old := extract.Window{From: day(1).AddDate(0, -1, 0), To: day(1).AddDate(0, 0, -1)}
			require.Zero(t, e.sb.VCCCounts(old)[sc.table.Name])
			c = newCollector(sc.key)
			require.NoError(t, st.Fetch(context.Background(), old, c.emit))
			require.Zero(t, c.records)

			// The zero window is a programming error for an incremental stream.
			err = st.Fetch(context.Background(), extract.Window{}, c.emit)
			require.ErrorIs(t, err, extract.ErrNoWindow)
		})
	}
}

// TestConformanceRecovers: transient faults are retried and the fetch still returns exactly the
// sandbox's records.
func TestConformanceRecovers(t *testing.T) {
	faults := []struct {
		name    string
		fault   sandbox.Fault
		http    func(*httpx.Options)
		retries int
	}{
		{"429 with Retry-After", sandbox.Fault{Status: 429, RetryAfter: "1", Times: 1}, nil, 1},
		{"429 without Retry-After", sandbox.Fault{Status: 429, Times: 2}, nil, 2},
		{"503", sandbox.Fault{Status: 503, Times: 2}, nil, 2},
		{"500 then ok", sandbox.Fault{Status: 500, Times: 3}, nil, 3},
		{"timeout", sandbox.Fault{Delay: 1500 * time.Millisecond, Times: 1},
			func(o *httpx.Options) { o.Timeout = 500 * time.Millisecond }, 1},
		{"reset mid-body", sandbox.Fault{ResetConn: true, Times: 2}, nil, 2},
	}
	for _, sc := range streamCases {
		for _, fc := range faults {
			t.Run(sc.name+"/"+fc.name, func(t *testing.T) {
				e := newEnv(t, 1)
				e.sb.Faults().Inject(sc.fault, fc.fault)
				ho := fastHTTP()
				if fc.http != nil {
					fc.http(&ho)
				}
				st, err := e.source(t, vcc.Config{}, ho).Stream(sc.name)
				require.NoError(t, err)
				w := windowFor(sc, window3)
				c := newCollector(sc.key)
				require.NoError(t, st.Fetch(context.Background(), w, c.emit))
				require.Equal(t, e.sb.VCCCounts(w)[sc.table.Name], c.records)
				require.Len(t, c.keys, c.records)
				retries := 0
				for _, p := range c.pages {
					retries += p.Retries
				}
				require.Equal(t, fc.retries, retries)
			})
		}
	}
}

func TestConformancePermanentServerError(t *testing.T) {
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, 1)
			e.sb.Faults().Inject(sc.fault, sandbox.Fault{Status: 500})
			ho := fastHTTP()
			ho.MaxRetries = 2
			st, err := e.source(t, vcc.Config{Concurrency: 1}, ho).Stream(sc.name)
			require.NoError(t, err)
			w := windowFor(sc, window3)
			err = st.Fetch(context.Background(), w, newCollector(sc.key).emit)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "acme", fe.Source)
			require.Equal(t, sc.name, fe.Stream)
			require.Equal(t, w, fe.Window)
			require.Equal(t, 1, fe.Page)
			require.Equal(t, 1, fe.Offset)
			require.Equal(t, 500, fe.Status)
			require.Contains(t, fe.Request, "GET "+e.srv.URL+sc.fault)
			var se *httpx.StatusError
			require.ErrorAs(t, err, &se)
			require.Equal(t, 2, se.Retries)
			require.Equal(t, 3, e.requestCount(sc.fault), "1 try + 2 retries")
			wantMsg := "fetch page n=1 of acme/" + sc.name
			require.ErrorContains(t, err, wantMsg)
			if sc.mode == extract.Incremental {
				require.ErrorContains(t, err, "window "+w.String())
			}
			require.ErrorContains(t, err, "HTTP 500 Internal Server Error after 2 retries")
		})
	}
}

func TestConformanceCancellation(t *testing.T) {
	for _, sc := range streamCases {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, 1)
			e.sb.Faults().Inject(sc.fault, sandbox.Fault{Delay: time.Minute})
			ho := fastHTTP()
			ho.Timeout = time.Minute
			st, err := e.source(t, vcc.Config{}, ho).Stream(sc.name)
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			start := time.Now()
			err = st.Fetch(ctx, windowFor(sc, window3), newCollector(sc.key).emit)
			require.ErrorIs(t, err, context.Canceled)
			var fe *extract.FetchError
			require.ErrorAs(t, err, &fe)
			require.Less(t, time.Since(start), 2*time.Second)
		})
	}
}

func TestConformancePagingGuards(t *testing.T) {
	cases := []struct {
		name  string
		fault sandbox.Fault
		cfg   vcc.Config
		want  error
	}{
		{"server ignores n", sandbox.Fault{RepeatPage: true}, vcc.Config{}, extract.ErrRepeatedPage},
		{"max pages", sandbox.Fault{}, vcc.Config{MaxPages: 1}, extract.ErrTooManyPages},
	}
	for _, sc := range streamCases {
		if sc.single {
			continue // one request per entity: nothing to page
		}
		for _, c := range cases {
			t.Run(sc.name+"/"+c.name, func(t *testing.T) {
				e := newEnv(t, sc.scale)
				if c.fault != (sandbox.Fault{}) {
					e.sb.Faults().Inject(sc.fault, c.fault)
				}
				st, err := e.source(t, c.cfg, fastHTTP()).Stream(sc.name)
				require.NoError(t, err)
				err = st.Fetch(context.Background(), windowFor(sc, window3), newCollector(sc.key).emit)
				require.ErrorIs(t, err, c.want)
				var fe *extract.FetchError
				require.ErrorAs(t, err, &fe)
				require.Equal(t, 2, fe.Page)
				require.Equal(t, 51, fe.Offset)
				require.ErrorContains(t, err, "fetch page n=51 of acme/"+sc.name)
			})
		}
	}
}

// TestConformanceBadPages: a page the pipeline cannot decode (truncated, or the spec's own
// malformed sample) aborts the fetch with a FetchError wrapping the pipeline's error.
func TestConformanceBadPages(t *testing.T) {
	cases := []struct {
		name  string
		fault sandbox.Fault
	}{
		{"truncated", sandbox.Fault{Truncate: true}},
		{"malformed", sandbox.Fault{Malformed: true}},
	}
	for _, sc := range streamCases {
		for _, c := range cases {
			t.Run(sc.name+"/"+c.name, func(t *testing.T) {
				e := newEnv(t, 1)
				e.sb.Faults().Inject(sc.fault, c.fault)
				st, err := e.source(t, vcc.Config{}, fastHTTP()).Stream(sc.name)
				require.NoError(t, err)
				bad := errors.New("decode failed")
				emit := func(ctx context.Context, p *extract.Page) (int, error) {
					if _, err := recordKeys(p, sc.key); err != nil {
						return 0, fmt.Errorf("%w: %v", bad, err)
					}
					return 0, nil
				}
				err = st.Fetch(context.Background(), windowFor(sc, window3), emit)
				require.ErrorIs(t, err, bad)
				var fe *extract.FetchError
				require.ErrorAs(t, err, &fe)
				require.Equal(t, 200, fe.Status)
				require.Equal(t, 1, fe.Page)
			})
		}
	}
}
