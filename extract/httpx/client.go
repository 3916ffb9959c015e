// Package httpx is the HTTP layer every extractor shares: retries with exponential backoff and
// jitter (github.com/hashicorp/go-retryablehttp) that honour Retry-After, a per-source rate limit
// (golang.org/x/time/rate), a per-attempt timeout, and redaction of secrets in errors and logs.
//
// Every attempt reads the whole response body inside the retry, so a connection reset or an
// unexpected EOF in the middle of a body is retried like any other network error.
package httpx

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/rs/zerolog"
	"golang.org/x/time/rate"
)

// Options tune a Client. Zero values take the defaults below.
type Options struct {
	// Timeout bounds one attempt (connect, headers and the whole body). Default 60s.
	Timeout time.Duration
	// MaxRetries is how many times a failed request is retried. Default 5; negative means none.
	MaxRetries int
	// MinBackoff and MaxBackoff bound the exponential backoff between retries. Defaults 1s and 30s.
	// A Retry-After header is honoured up to RetryAfterCapFactor × MaxBackoff.
	MinBackoff, MaxBackoff time.Duration
	// RateLimit is the sustained request rate per second across all goroutines; 0 means none.
	RateLimit float64
	// Burst is the rate limiter's burst. Default 1 when RateLimit is set.
	Burst int
	// Limiter, when set, is used instead of one built from RateLimit and Burst, so that several
	// clients (e.g. sources sharing one API token) share one limit.
	Limiter *rate.Limiter
	// UserAgent is sent with every request. Default "ccwh".
	UserAgent string
	// RootCAs, when set, replaces the system roots for verifying the vendor's certificate (a
	// corporate proxy's CA, say). Verification itself is always on; there is no way to skip it.
	RootCAs *x509.CertPool
	// Observe, when set, is called after every attempt with its HTTP status (0 when the attempt
	// failed without a complete response) and how long it took (rate-limit wait excluded). The
	// daemon feeds its page latency histograms and 429 counters from it.
	Observe func(status int, d time.Duration)
}

// Defaults applied by New.
const (
	DefaultTimeout    = 60 * time.Second
	DefaultMaxRetries = 5
	DefaultMinBackoff = time.Second
	DefaultMaxBackoff = 30 * time.Second
	DefaultUserAgent  = "ccwh"
	// RetryAfterCapFactor × MaxBackoff is the longest a Retry-After header makes the client wait.
	RetryAfterCapFactor = 4
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = DefaultMaxRetries
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = o.MinBackoff
	}
	if o.RateLimit > 0 && o.Burst <= 0 {
		o.Burst = 1
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Client performs GET requests with retries. It is safe for concurrent use; use one per source so
// that the source's requests share one rate limiter.
type Client struct {
	opts Options
	rc   *retryablehttp.Client
	log  zerolog.Logger
}

// Response is the final response of a request.
type Response struct {
	Status  int
	Body    []byte
	Header  http.Header
	Retries int // retries spent on this request
}

// New returns a Client. log receives one warning per retry (URL redacted) and nothing on success.
func New(o Options, log zerolog.Logger) *Client {
	o = o.withDefaults()
	c := &Client{opts: o, log: log}
	hc := cleanhttp.DefaultPooledClient()
	if o.RootCAs != nil {
		tr := hc.Transport.(*http.Transport)
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: o.RootCAs}
	}
	lim := o.Limiter
	if lim == nil && o.RateLimit > 0 {
		lim = rate.NewLimiter(rate.Limit(o.RateLimit), o.Burst)
	}
	// The timeout is per attempt and lives in the transport, so that waiting for the rate limiter
	// does not count against it and the body is read under it.
	hc.Timeout = 0
	hc.Transport = &bufferingTransport{base: hc.Transport, limiter: lim, timeout: o.Timeout, observe: o.Observe}
	c.rc = &retryablehttp.Client{
		HTTPClient:     hc,
		Logger:         nil, // its messages carry unredacted query strings; we log in the hook
		RetryWaitMin:   o.MinBackoff,
		RetryWaitMax:   o.MaxBackoff,
		RetryMax:       o.MaxRetries,
		CheckRetry:     retryablehttp.DefaultRetryPolicy, // 429, 5xx but 501, network errors; not ctx
		Backoff:        Backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: c.beforeAttempt,
	}
	return c
}

// Get fetches url with retries. header is sent as is (e.g. Authorization) and never logged.
// A non-2xx final status returns the Response and a *StatusError; other failures return an error
// that names the redacted URL and wraps the cause (context errors included).
func (c *Client) Get(ctx context.Context, url string, header http.Header) (Response, error) {
	return c.do(ctx, http.MethodGet, url, header, nil)
}

// Options returns the options the client was built with (defaults applied), e.g. to build a
// sibling client with another rate limit.
func (c *Client) Options() Options { return c.opts }

// do performs one request with retries; reqBody nil sends no body (GET, DELETE).
func (c *Client) do(ctx context.Context, method, url string, header http.Header, reqBody []byte) (Response, error) {
	st := &attemptState{}
	ctx = context.WithValue(ctx, stateKey{}, st)
	red := Redact(url)
	var rb any
	if reqBody != nil {
		rb = reqBody
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, url, rb)
	if err != nil {
		return Response{}, fmt.Errorf("httpx: %s %s: %w", method, red, redactErr(err))
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	resp, err := c.rc.Do(req)
	out := Response{Retries: st.retries()}
	if err != nil {
		if resp != nil {
			_ = resp.Body.Close()
		}
		if ctx.Err() != nil {
			return out, fmt.Errorf("httpx: %s %s: %w", method, red, ctx.Err())
		}
		if out.Retries > 0 {
			return out, fmt.Errorf("httpx: %s %s: giving up after %d retries: %w", method, red, out.Retries, redactErr(err))
		}
		return out, fmt.Errorf("httpx: %s %s: %w", method, red, redactErr(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body) // already in memory: bufferingTransport read it
	if err != nil {
		return out, fmt.Errorf("httpx: %s %s: read body: %w", method, red, err)
	}
	out.Status, out.Body, out.Header = resp.StatusCode, body, resp.Header
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return out, &StatusError{Method: method, URL: red, Status: resp.StatusCode, Body: excerpt(body), Retries: out.Retries}
	}
	return out, nil
}

// beforeAttempt runs before every attempt; attempt 0 is the first try.
func (c *Client) beforeAttempt(_ retryablehttp.Logger, req *http.Request, attempt int) {
	st, _ := req.Context().Value(stateKey{}).(*attemptState)
	if st == nil || attempt == 0 {
		return
	}
	st.mu.Lock()
	st.n = attempt
	reason := st.last
	st.mu.Unlock()
	c.log.Warn().Str("url", Redact(req.URL.String())).Int("retry", attempt).Int("max_retries", c.opts.MaxRetries).
		Str("reason", reason).Msg("retrying request")
}

type stateKey struct{}

// attemptState follows one Get across its attempts.
type attemptState struct {
	mu   sync.Mutex
	n    int    // retries started
	last string // why the previous attempt failed, for the retry log
}

func (s *attemptState) retries() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *attemptState) failed(reason string) {
	s.mu.Lock()
	s.last = reason
	s.mu.Unlock()
}
