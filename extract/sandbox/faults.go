package sandbox

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault is a misbehaviour the sandbox applies to requests whose path matches.
type Fault struct {
	// Status, when set, answers with this status (and a short text body) instead of the data.
	Status int
	// RetryAfter is sent as the Retry-After header with Status.
	RetryAfter string
	// Times is how many requests the fault hits; 0 means every request.
	Times int
	// Delay waits this long before answering (the request's cancellation ends the wait).
	Delay time.Duration
	// Truncate serves the first half of the real body as a complete 200 response.
	Truncate bool
	// Malformed serves the spec's malformed sample (8x8 agent-shape interactions closing
	// <post-process-time> with </post-proc-time>, seed L507–528).
	Malformed bool
	// ResetConn announces the full body length, sends half of it and closes the connection.
	ResetConn bool
	// RepeatPage ignores the n= offset and serves the first page every time (endless paging).
	RepeatPage bool
}

//go:embed samples/vcc-agent-interactions-malformed.xml
var malformedSample []byte

// Faults holds the injected faults. It is safe for concurrent use.
type Faults struct {
	mu    sync.Mutex
	rules []*rule
}

type rule struct {
	prefix string
	fault  Fault
	hits   int
}

// Inject adds a fault for every request whose URL path, without its format suffix
// (".xml", ".json", ".csv") and trailing slash, starts with pathPrefix. When several faults
// match, the first injected one that still has hits left applies.
func (f *Faults) Inject(pathPrefix string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, &rule{prefix: pathPrefix, fault: fault})
}

// Clear removes every fault.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = nil
}

// take returns the fault for path and counts the hit.
func (f *Faults) take(path string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.rules {
		if !strings.HasPrefix(path, r.prefix) || (r.fault.Times > 0 && r.hits >= r.fault.Times) {
			continue
		}
		r.hits++
		return r.fault, true
	}
	return Fault{}, false
}

func (f *Faults) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, _ := splitFormat(r.URL.Path)
		fault, ok := f.take(path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if fault.Delay > 0 {
			t := time.NewTimer(fault.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch {
		case fault.Status != 0:
			if fault.RetryAfter != "" {
				w.Header().Set("Retry-After", fault.RetryAfter)
			}
			w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
			w.WriteHeader(fault.Status)
			_, _ = fmt.Fprintf(w, "%d %s (sandbox fault)\n", fault.Status, http.StatusText(fault.Status))
		case fault.Malformed:
			w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
			_, _ = w.Write(malformedSample)
		case fault.RepeatPage:
			r2 := r.Clone(r.Context())
			q := r2.URL.Query()
			q.Del("n")
			r2.URL.RawQuery = q.Encode()
			next.ServeHTTP(w, r2)
		case fault.Truncate, fault.ResetConn:
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			half := body[:len(body)/2]
			if fault.Truncate {
				copyHeader(w.Header(), rec.Header())
				w.Header().Set("Content-Length", strconv.Itoa(len(half)))
				w.WriteHeader(rec.Code)
				_, _ = w.Write(half)
				return
			}
			resetConn(w, rec, half, len(body))
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// resetConn writes the recorded response head with the full Content-Length, part of the body,
// and closes the connection, as a dropped connection does.
func resetConn(w http.ResponseWriter, rec *httptest.ResponseRecorder, part []byte, full int) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "sandbox: cannot reset this connection: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer conn.Close()
	h := rec.Header().Clone()
	h.Set("Content-Length", strconv.Itoa(full))
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rec.Code, http.StatusText(rec.Code))
	_ = h.Write(buf)
	_, _ = buf.WriteString("\r\n")
	_, _ = buf.Write(part)
	_ = buf.Flush()
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = append([]string(nil), v...)
	}
}
