package httpx

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// StatusError is a non-2xx final response: not retryable, or still failing after every retry.
type StatusError struct {
	Method string
	URL    string // redacted
	Status int
	// Body is a short excerpt of the response body, whitespace collapsed.
	Body    string
	Retries int
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.URL, e.Status, http.StatusText(e.Status))
	if e.Retries > 0 {
		s += fmt.Sprintf(" after %d retries", e.Retries)
	}
	if e.Body != "" {
		s += ": " + e.Body
	}
	return s
}

const excerptLen = 200

func excerpt(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) <= excerptLen {
		return s
	}
	s = s[:excerptLen]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
