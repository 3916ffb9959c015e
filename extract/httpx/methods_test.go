package httpx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
)

func TestPostAndDeleteRetryLikeGet(t *testing.T) {
	cases := []struct {
		name     string
		method   string
		steps    []step
		wantReqs int32
		wantErr  string
	}{
		{"post ok", http.MethodPost, nil, 1, ""},
		{"post 429 then ok", http.MethodPost, []step{{status: 429, retryAfter: "0"}}, 2, ""},
		{"post 503 twice then ok", http.MethodPost, []step{{status: 503}, {status: 503}}, 3, ""},
		{"post 400 not retried", http.MethodPost, []step{{status: 400}}, 1, "HTTP 400"},
		{"delete 500 then ok", http.MethodDelete, []step{{status: 500}}, 2, ""},
		{"delete 404 not retried", http.MethodDelete, []step{{status: 404}}, 1, "HTTP 404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var bodies []string
			var methods []string
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				bodies = append(bodies, string(b))
				methods = append(methods, r.Method)
				i := int(n.Add(1)) - 1
				if i < len(tc.steps) {
					if tc.steps[i].retryAfter != "" {
						w.Header().Set("Retry-After", tc.steps[i].retryAfter)
					}
					w.WriteHeader(tc.steps[i].status)
					return
				}
				_, _ = w.Write([]byte(`{"jobId":"j1"}`))
			}))
			defer srv.Close()
			c := New(fastOpts(), zerolog.Nop())
			var resp Response
			var err error
			if tc.method == http.MethodPost {
				resp, err = c.Post(context.Background(), srv.URL, http.Header{"Content-Type": {"application/json"}}, []byte(`{"from":"x"}`))
			} else {
				resp, err = c.Delete(context.Background(), srv.URL, nil)
			}
			require.Equal(t, tc.wantReqs, n.Load())
			for i := range methods {
				require.Equal(t, tc.method, methods[i])
				if tc.method == http.MethodPost {
					require.Equal(t, `{"from":"x"}`, bodies[i], "attempt %d re-sends the body", i)
				}
			}
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				var se *StatusError
				require.ErrorAs(t, err, &se)
				require.Equal(t, tc.method, se.Method)
				return
			}
			require.NoError(t, err)
			require.Equal(t, int(tc.wantReqs-1), resp.Retries)
			require.Equal(t, `{"jobId":"j1"}`, string(resp.Body))
		})
	}
}

func TestDownloadStreams(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	cases := []struct {
		name     string
		steps    []step
		wantReqs int32
		wantErr  string
	}{
		{"ok", nil, 1, ""},
		{"429 then ok", []step{{status: 429, retryAfter: "0"}}, 2, ""},
		{"reset mid-body then ok", []step{{reset: true}}, 2, ""},
		{"reset every time", []step{{reset: true}, {reset: true}, {reset: true}, {reset: true}}, 4, "read body"},
		{"403 not retried", []step{{status: 403}}, 1, "HTTP 403"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				if i < len(tc.steps) {
					s := tc.steps[i]
					if s.reset {
						conn, buf, _ := w.(http.Hijacker).Hijack()
						_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n0123456789")
						_ = buf.Flush()
						_ = conn.Close()
						return
					}
					if s.retryAfter != "" {
						w.Header().Set("Retry-After", s.retryAfter)
					}
					w.WriteHeader(s.status)
					return
				}
				_, _ = w.Write(big)
			}))
			defer srv.Close()
			c := New(fastOpts(), zerolog.Nop())
			var got bytes.Buffer
			calls := 0
			resp, err := c.Download(context.Background(), srv.URL+"/f.csv?X-Amz-Signature=s3cr3t", nil, func(r io.Reader) error {
				calls++
				got.Reset()
				_, err := io.Copy(&got, r)
				return err
			})
			require.Equal(t, tc.wantReqs, n.Load())
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				require.NotContains(t, err.Error(), "s3cr3t")
				return
			}
			require.NoError(t, err)
			require.Equal(t, 200, resp.Status)
			require.Nil(t, resp.Body)
			require.Equal(t, int(tc.wantReqs-1), resp.Retries)
			require.True(t, bytes.Equal(big, got.Bytes()))
		})
	}
}

func TestDownloadSinkErrorNotRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = w.Write([]byte("a,b\n1,2\n"))
	}))
	defer srv.Close()
	c := New(fastOpts(), zerolog.Nop())
	boom := errors.New("disk full")
	_, err := c.Download(context.Background(), srv.URL, nil, func(io.Reader) error { return errors.Join(ErrSink, boom) })
	require.ErrorIs(t, err, boom)
	require.Equal(t, int32(1), n.Load())
}

func TestDownloadStallTimesOutAndCancels(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		_, _ = w.Write([]byte("partial"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	o := fastOpts()
	o.Timeout = 100 * time.Millisecond
	o.MaxRetries = 1
	c := New(o, zerolog.Nop())
	start := time.Now()
	_, err := c.Download(context.Background(), srv.URL, nil, func(r io.Reader) error { _, err := io.Copy(io.Discard, r); return err })
	require.Error(t, err)
	require.Less(t, time.Since(start), 3*time.Second)

	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	o.Timeout = 10 * time.Second
	c = New(o, zerolog.Nop())
	_, err = c.Download(ctx, srv.URL, nil, func(r io.Reader) error { _, err := io.Copy(io.Discard, r); return err })
	require.ErrorIs(t, err, context.Canceled)
	require.False(t, strings.Contains(err.Error(), "giving up"))
}
