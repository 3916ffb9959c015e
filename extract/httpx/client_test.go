package httpx

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
)

// fastOpts keep retry tests quick.
func fastOpts() Options {
	return Options{Timeout: 2 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

// step is one scripted server answer.
type step struct {
	status     int
	retryAfter string
	delay      time.Duration
	reset      bool // send headers and half the body, then close the connection
}

// scripted serves steps in order, then 200 "ok" forever, counting requests.
func scripted(t *testing.T, steps ...step) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i >= len(steps) {
			_, _ = w.Write([]byte("ok"))
			return
		}
		s := steps[i]
		if s.delay > 0 {
			select {
			case <-time.After(s.delay):
			case <-r.Context().Done():
				return
			}
		}
		if s.reset {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(err)
			}
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
			_ = buf.Flush()
			_ = conn.Close()
			return
		}
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		w.WriteHeader(s.status)
		_, _ = fmt.Fprintf(w, "status %d body", s.status)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestGetRetries(t *testing.T) {
	cases := []struct {
		name        string
		steps       []step
		opts        func(*Options)
		wantStatus  int
		wantRetries int
		wantReqs    int32
		wantErr     string
	}{
		{name: "ok", wantStatus: 200, wantReqs: 1},
		{name: "429 with Retry-After", steps: []step{{status: 429, retryAfter: "0"}}, wantStatus: 200, wantRetries: 1, wantReqs: 2},
		{name: "429 without Retry-After", steps: []step{{status: 429}, {status: 429}}, wantStatus: 200, wantRetries: 2, wantReqs: 3},
		{name: "503 then ok", steps: []step{{status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT"}}, wantStatus: 200, wantRetries: 1, wantReqs: 2},
		{name: "500 502 504 then ok", steps: []step{{status: 500}, {status: 502}, {status: 504}}, wantStatus: 200, wantRetries: 3, wantReqs: 4},
		{name: "timeout retried", steps: []step{{delay: 1500 * time.Millisecond, status: 200}},
			opts: func(o *Options) { o.Timeout = 500 * time.Millisecond }, wantStatus: 200, wantRetries: 1, wantReqs: 2},
		{name: "reset mid-body retried", steps: []step{{reset: true}, {reset: true}}, wantStatus: 200, wantRetries: 2, wantReqs: 3},
		{name: "403 not retried", steps: []step{{status: 403}}, wantStatus: 403, wantReqs: 1, wantErr: "HTTP 403 Forbidden: status 403 body"},
		{name: "404 not retried", steps: []step{{status: 404}}, wantStatus: 404, wantReqs: 1, wantErr: "HTTP 404 Not Found"},
		{name: "400 not retried", steps: []step{{status: 400}}, wantStatus: 400, wantReqs: 1, wantErr: "HTTP 400 Bad Request"},
		{name: "500 storm gives up", steps: []step{{status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}},
			wantStatus: 500, wantRetries: 3, wantReqs: 4, wantErr: "HTTP 500 Internal Server Error after 3 retries"},
		{name: "no retries when negative", steps: []step{{status: 503}}, opts: func(o *Options) { o.MaxRetries = -1 },
			wantStatus: 503, wantReqs: 1, wantErr: "HTTP 503"},
		{name: "reset storm gives up", steps: []step{{reset: true}, {reset: true}, {reset: true}, {reset: true}},
			wantRetries: 3, wantReqs: 4, wantErr: "giving up after 3 retries: read body (HTTP 200): unexpected EOF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, n := scripted(t, c.steps...)
			o := fastOpts()
			if c.opts != nil {
				c.opts(&o)
			}
			resp, err := New(o, zerolog.Nop()).Get(context.Background(), srv.URL+"/x", nil)
			if c.wantErr != "" {
				require.ErrorContains(t, err, c.wantErr)
			} else {
				require.NoError(t, err)
				require.Equal(t, "ok", string(resp.Body))
			}
			require.Equal(t, c.wantStatus, resp.Status)
			require.Equal(t, c.wantRetries, resp.Retries)
			require.Equal(t, c.wantReqs, n.Load())
			var se *StatusError
			if c.wantStatus >= 300 {
				require.ErrorAs(t, err, &se)
				require.Equal(t, c.wantStatus, se.Status)
			}
		})
	}
}

func TestGetHonoursRetryAfter(t *testing.T) {
	srv, n := scripted(t, step{status: 429, retryAfter: "1"})
	o := fastOpts()
	o.MaxBackoff = 500 * time.Millisecond // cap 4 × 500ms = 2s, so the full second is honoured
	start := time.Now()
	resp, err := New(o, zerolog.Nop()).Get(context.Background(), srv.URL, nil)
	require.NoError(t, err)
	require.Equal(t, 1, resp.Retries)
	require.Equal(t, int32(2), n.Load())
	require.GreaterOrEqual(t, time.Since(start), time.Second)
}

func TestGetCancellation(t *testing.T) {
	cases := []struct {
		name  string
		steps []step
	}{
		{"while waiting for the response", []step{{delay: 10 * time.Second, status: 200}}},
		{"while backing off", []step{{status: 503, retryAfter: "10"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := scripted(t, c.steps...)
			o := fastOpts()
			o.Timeout, o.MaxBackoff = 30*time.Second, 10*time.Second
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := New(o, zerolog.Nop()).Get(ctx, srv.URL, nil)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Less(t, time.Since(start), 2*time.Second)
		})
	}
}

func TestGetRateLimit(t *testing.T) {
	srv, n := scripted(t)
	o := fastOpts()
	o.RateLimit, o.Burst = 20, 1
	c := New(o, zerolog.Nop())
	start := time.Now()
	for range 5 {
		_, err := c.Get(context.Background(), srv.URL, nil)
		require.NoError(t, err)
	}
	require.Equal(t, int32(5), n.Load())
	require.GreaterOrEqual(t, time.Since(start), 180*time.Millisecond) // 4 waits of 50ms
}

func TestGetSendsHeadersAndUserAgent(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
	defer srv.Close()
	h := http.Header{"Authorization": {"Basic YWNtZTp4"}}
	_, err := New(Options{UserAgent: "ccwh-test"}, zerolog.Nop()).Get(context.Background(), srv.URL, h)
	require.NoError(t, err)
	require.Equal(t, "Basic YWNtZTp4", got.Get("Authorization"))
	require.Equal(t, "ccwh-test", got.Get("User-Agent"))
}

// TestNoSecretsInLogsOrErrors captures the client's log and its errors while retrying a request
// that carries a token in the query, credentials in the URL and an Authorization header.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	const secret = "s3cr3t-t0ken"
	auth := "Basic " + secret + "-base64"
	cases := []struct {
		name  string
		steps []step
	}{
		{"status storm", []step{{status: 500}, {status: 503}, {status: 500}, {status: 500}}},
		{"reset storm", []step{{reset: true}, {reset: true}, {reset: true}, {reset: true}}},
		{"403", []step{{status: 403}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := scripted(t, c.steps...)
			var logs bytes.Buffer
			log := zerolog.New(&logs).Level(zerolog.DebugLevel)
			u := strings.Replace(srv.URL, "http://", "http://acme:"+secret+"@", 1) + "/api?d=today&token=" + secret + "&api_key=" + secret
			_, err := New(fastOpts(), log).Get(context.Background(), u, http.Header{"Authorization": {auth}})
			require.Error(t, err)
			for _, s := range []string{err.Error(), logs.String()} {
				require.NotContains(t, s, secret)
				require.NotContains(t, s, "Authorization")
			}
			require.Contains(t, err.Error(), "/api?d=today&token=REDACTED&api_key=REDACTED")
			if c.name != "403" {
				require.Equal(t, 3, bytes.Count(logs.Bytes(), []byte("retrying request")))
			}
		})
	}
}

func TestTimeoutCoversBody(t *testing.T) {
	// Headers arrive at once, the body never finishes: the per-attempt timeout must still fire.
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 1 {
			_, _ = w.Write([]byte("ok"))
			return
		}
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		_, _ = w.Write([]byte("partial"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	o := fastOpts()
	o.Timeout = 500 * time.Millisecond
	resp, err := New(o, zerolog.Nop()).Get(context.Background(), srv.URL, nil)
	require.NoError(t, err)
	require.Equal(t, 1, resp.Retries)
	require.Equal(t, "ok", string(resp.Body))
}

func TestBackoffBounds(t *testing.T) {
	min, max := 10*time.Millisecond, 300*time.Millisecond
	for attempt := range 12 {
		ceil := min << attempt
		if ceil > max {
			ceil = max
		}
		for range 200 {
			d := Backoff(min, max, attempt, nil)
			require.GreaterOrEqual(t, d, min)
			require.GreaterOrEqual(t, d, ceil/2)
			require.LessOrEqual(t, d, ceil)
		}
	}
	// Retry-After wins over the exponential schedule, capped at RetryAfterCapFactor × max.
	resp := &http.Response{Header: http.Header{"Retry-After": {"1"}}}
	require.Equal(t, time.Second, Backoff(min, max, 0, resp))
	resp.Header.Set("Retry-After", "3600")
	require.Equal(t, RetryAfterCapFactor*max, Backoff(min, max, 0, resp))
	resp.Header.Set("Retry-After", "soon")
	require.LessOrEqual(t, Backoff(min, max, 0, resp), min)
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"120", 120 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"99999999999", 24 * time.Hour, true},
		{"Fri, 20 Nov 2026 12:00:30 GMT", 30 * time.Second, true}, // IMF-fixdate
		{"Friday, 20-Nov-26 12:01:00 GMT", time.Minute, true},     // RFC 850
		{"Fri Nov 20 12:00:05 2026", 5 * time.Second, true},       // ANSI C asctime
		{"Fri, 20 Nov 2026 11:00:00 GMT", 0, true},                // in the past
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d, ok := RetryAfter(c.in, now)
			require.Equal(t, c.wantOK, ok)
			require.Equal(t, c.want, d)
		})
	}
}

func TestRedact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://vcc-na4.8x8.com/api/stats/groups.xml", "https://vcc-na4.8x8.com/api/stats/groups.xml"},
		{"https://acme:tok@vcc-na4.8x8.com/api/stats/groups.xml", "https://vcc-na4.8x8.com/api/stats/groups.xml"},
		{"https://h/api/stats/allinteractions.json?d=20261120T0000Z,20261121T0000Z&n=51",
			"https://h/api/stats/allinteractions.json?d=20261120T0000Z,20261121T0000Z&n=51"},
		{"https://h/AGUI/controlRecording.php?action=pause&token=d3078e5b", "https://h/AGUI/controlRecording.php?action=pause&token=REDACTED"},
		{"https://h/x?Access_Token=a&API_KEY=b&keep=c&client_secret=d&sig", "https://h/x?Access_Token=REDACTED&API_KEY=REDACTED&keep=c&client_secret=REDACTED&sig"},
		{"https://h/x?to%6Ben=a", "https://h/x?to%6Ben=REDACTED"},
		{"http://user:pa ss@h/x?token=1", "http://h/x"}, // unparseable: cut userinfo and query
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) { require.Equal(t, c.want, Redact(c.in)) })
	}
}

func TestStatusErrorExcerpt(t *testing.T) {
	long := strings.Repeat("é", 300)
	e := &StatusError{Method: "GET", URL: "https://h/x", Status: 500, Body: excerpt([]byte("  <error>\n  busy </error>"))}
	require.Equal(t, "GET https://h/x: HTTP 500 Internal Server Error: <error> busy </error>", e.Error())
	ex := excerpt([]byte(long))
	require.True(t, strings.HasSuffix(ex, "…"))
	require.LessOrEqual(t, len(ex), excerptLen+len("…"))
	require.True(t, errors.Is(e, e))
}

func TestObserveSeesEveryAttempt(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	var mu sync.Mutex
	var seen []int
	c := New(Options{MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Observe: func(status int, d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, status)
		require.Positive(t, d)
	}}, zerolog.Nop())
	_, err := c.Get(context.Background(), srv.URL, nil)
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []int{429, 200}, seen)
}

// TestRootCAsVerifyTheVendor: a vendor behind a private CA is reachable once its CA is trusted,
// and refused (certificate error, not retried into success) otherwise: verification is never off.
func TestRootCAsVerifyTheVendor(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	resp, err := New(Options{RootCAs: pool, MaxRetries: -1}, zerolog.Nop()).Get(context.Background(), srv.URL, nil)
	require.NoError(t, err)
	require.Equal(t, "ok", string(resp.Body))
	_, err = New(Options{MaxRetries: -1}, zerolog.Nop()).Get(context.Background(), srv.URL, nil)
	require.ErrorContains(t, err, "certificate")
}
