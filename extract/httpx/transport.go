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
	if stream, _ := req.Context().Value(streamKey{}).(bool); stream {
		return t.roundTripStream(req, st)
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

// roundTripStream performs one attempt of a Download: the body is handed on unread, guarded by
// an idle timeout (no byte for t.timeout cancels the attempt) instead of a total one.
func (t *bufferingTransport) roundTripStream(req *http.Request, st *attemptState) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	timer := time.AfterFunc(t.timeout, cancel)
	start := time.Now()
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	if t.observe != nil {
		t.observe(status, time.Since(start))
	}
	if err != nil {
		timer.Stop()
		cancel()
		if req.Context().Err() == nil && ctx.Err() != nil {
			err = fmt.Errorf("attempt timed out after %s: %w", t.timeout, context.DeadlineExceeded)
		}
		if st != nil {
			st.failed(err.Error())
		}
		return nil, err
	}
	if st != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500) {
		st.failed(fmt.Sprintf("HTTP %d", resp.StatusCode))
	}
	resp.Body = &streamBody{rc: resp.Body, timer: timer, d: t.timeout, cancel: cancel}
	return resp, nil
}
