package httpx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// TestSharedLimiter: two clients built with one Options.Limiter share its rate.
func TestSharedLimiter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	lim := rate.NewLimiter(20, 1)
	o := fastOpts()
	o.Limiter = lim
	a, b := New(o, zerolog.Nop()), New(o, zerolog.Nop())
	require.Same(t, lim, a.Options().Limiter)
	start := time.Now()
	for i := 0; i < 6; i++ {
		c := a
		if i%2 == 1 {
			c = b
		}
		_, err := c.Get(context.Background(), srv.URL, nil)
		require.NoError(t, err)
	}
	require.GreaterOrEqual(t, time.Since(start), 240*time.Millisecond, "6 requests at 20/s burst 1 across both clients")
}

// TestOptionsReportsDefaults: Options returns the options with defaults applied.
func TestOptionsReportsDefaults(t *testing.T) {
	o := New(Options{RateLimit: 3}, zerolog.Nop()).Options()
	require.Equal(t, DefaultTimeout, o.Timeout)
	require.Equal(t, 1, o.Burst)
	require.Equal(t, 3.0, o.RateLimit)
}
