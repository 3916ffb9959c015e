package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Post sends body with retries (the same policy as Get: 429, 5xx and network errors are retried,
// Retry-After honoured); header should carry the Content-Type. The body is re-sent whole on
// every attempt. Errors are as for Get.
func (c *Client) Post(ctx context.Context, url string, header http.Header, body []byte) (Response, error) {
	if body == nil {
		body = []byte{}
	}
	return c.do(ctx, http.MethodPost, url, header, body)
}

// Delete sends a DELETE with retries. Errors are as for Get.
func (c *Client) Delete(ctx context.Context, url string, header http.Header) (Response, error) {
	return c.do(ctx, http.MethodDelete, url, header, nil)
}

// streamKey marks a request whose body the transport must not buffer (Download).
type streamKey struct{}

// ErrSink marks an error returned by a Download sink itself (not a failed read of the body):
// such errors are not retried.
var ErrSink = errors.New("download sink failed")

// Download GETs url and streams the response body to sink without holding it in memory: large
// files (log exports) pass through in constant memory. The request itself is retried like Get
// (429, 5xx, network errors, Retry-After). When the body breaks off while sink reads it, the
// whole download is retried from the start, up to MaxRetries times: sink must therefore start
// over on every call (truncate its file). An error sink returns for its own reasons (not a read
// of r) should wrap ErrSink; it is not retried. A stalled body (no bytes for Options.Timeout)
// fails the attempt. The returned Response has no Body.
func (c *Client) Download(ctx context.Context, url string, header http.Header, sink func(r io.Reader) error) (Response, error) {
	red := Redact(url)
	total := 0
	for attempt := 0; ; attempt++ {
		out, err := c.downloadOnce(ctx, url, header, sink)
		total += out.Retries
		out.Retries = total
		var re *readError
		if err == nil || !errors.As(err, &re) || attempt >= c.opts.MaxRetries || ctx.Err() != nil {
			if err != nil && ctx.Err() != nil {
				return out, fmt.Errorf("httpx: GET %s: %w", red, ctx.Err())
			}
			return out, err
		}
		total++
		wait := Backoff(c.opts.MinBackoff, c.opts.MaxBackoff, attempt, nil)
		c.log.Warn().Str("url", red).Int("retry", attempt+1).Int("max_retries", c.opts.MaxRetries).
			Str("reason", re.Error()).Msg("retrying download")
		select {
		case <-ctx.Done():
			return out, fmt.Errorf("httpx: GET %s: %w", red, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// readError is a failed read of a streamed body (retryable).
type readError struct{ err error }

func (e *readError) Error() string { return "read body: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

type errReader struct{ r io.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		err = &readError{err: err}
	}
	return n, err
}

func (c *Client) downloadOnce(ctx context.Context, url string, header http.Header, sink func(r io.Reader) error) (Response, error) {
	st := &attemptState{}
	ctx = context.WithValue(ctx, stateKey{}, st)
	ctx = context.WithValue(ctx, streamKey{}, true)
	red := Redact(url)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Response{}, fmt.Errorf("httpx: GET %s: %w", red, redactErr(err))
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
			return out, fmt.Errorf("httpx: GET %s: %w", red, ctx.Err())
		}
		if out.Retries > 0 {
			return out, fmt.Errorf("httpx: GET %s: giving up after %d retries: %w", red, out.Retries, redactErr(err))
		}
		return out, fmt.Errorf("httpx: GET %s: %w", red, redactErr(err))
	}
	defer resp.Body.Close()
	out.Status, out.Header = resp.StatusCode, resp.Header
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return out, &StatusError{Method: http.MethodGet, URL: red, Status: resp.StatusCode, Body: excerpt(b), Retries: out.Retries}
	}
	if err := sink(errReader{resp.Body}); err != nil {
		var re *readError
		if errors.As(err, &re) {
			return out, fmt.Errorf("httpx: GET %s: %w", red, re)
		}
		return out, fmt.Errorf("httpx: GET %s: %w", red, err)
	}
	return out, nil
}

// streamBody cancels the attempt's context when closed, and when no byte arrived for timeout.
type streamBody struct {
	rc     io.ReadCloser
	timer  *time.Timer
	d      time.Duration
	cancel context.CancelFunc
}

func (b *streamBody) Read(p []byte) (int, error) {
	b.timer.Reset(b.d)
	return b.rc.Read(p)
}

func (b *streamBody) Close() error {
	b.timer.Stop()
	b.cancel()
	return b.rc.Close()
}
