package httpx

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff is the wait before retry attemptNum+1 (attemptNum starts at 0). A Retry-After header on
// the failed response (seconds or an HTTP date) wins, capped at RetryAfterCapFactor × max;
// otherwise the wait is exponential, min·2^attemptNum capped at max, with "equal jitter": a
// uniformly random value in [d/2, d], never below min.
func Backoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if limit := max * RetryAfterCapFactor; d > limit {
				d = limit
			}
			return d
		}
	}
	d := min
	for i := 0; i < attemptNum && d < max; i++ {
		d *= 2
	}
	if d > max || d <= 0 {
		d = max
	}
	half := d / 2
	d = half + rand.N(d-half+1)
	if d < min {
		d = min
	}
	return d
}

// RetryAfter parses a Retry-After header value: delay-seconds ("120") or an HTTP date
// ("Fri, 31 Dec 1999 23:59:59 GMT", and the other two forms RFC 9110 allows). A date in the past
// means no wait. ok is false when the header is absent or unparseable.
func RetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}
