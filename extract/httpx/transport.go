package httpx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// bufferingTransport waits for the rate limiter, then performs one attempt under the per-attempt
// timeout and reads the whole body before returning. A body that breaks off (connection reset,
// unexpected EOF, timeout) therefore fails the attempt itself, and go-retryablehttp retries it.
type bufferingTransport struct {
	base    http.RoundTripper
	limiter *rate.Limiter
	timeout time.Duration
	observe func(status int, d time.Duration)
}

func (t *bufferingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st, _ := req.Context().Value(stateKey{}).(*attemptState)
	if t.limiter != nil {
		if err := t.limiter.Wait(req.Context()); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	start := time.Now()
	status := 0
	if t.observe != nil {
		defer func() { t.observe(status, time.Since(start)) }()
	}
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		err = t.explain(req.Context(), err)
		if st != nil {
			st.failed(err.Error())
		}
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		err = fmt.Errorf("read body (HTTP %d): %w", resp.StatusCode, t.explain(req.Context(), err))
		if st != nil {
			st.failed(err.Error())
		}
		return nil, err
	}
	if st != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500) {
		st.failed(fmt.Sprintf("HTTP %d", resp.StatusCode))
	}
	status = resp.StatusCode
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// explain names a per-attempt timeout as such; the caller's own cancellation passes through.
func (t *bufferingTransport) explain(parent context.Context, err error) error {
	if parent.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("attempt timed out after %s: %w", t.timeout, err)
	}
	return err
}
