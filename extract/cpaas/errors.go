package cpaas

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
)

// Sentinel errors of the package (test with errors.Is).
var (
	// ErrConfig: the source configuration is invalid.
	ErrConfig = errors.New("cpaas: invalid config")
	// ErrUnknownStream: no stream of that name.
	ErrUnknownStream = errors.New("cpaas: unknown stream")
	// ErrJobFailed: an export job ended failed, error or cancelled. The error names the job id.
	ErrJobFailed = errors.New("export job did not succeed")
	// ErrJobTimeout: an export job did not finish before the configured deadline; it was
	// cancelled (DELETE).
	ErrJobTimeout = errors.New("export job did not finish in time")
	// ErrBadResponse: a response body is not the documented shape.
	ErrBadResponse = errors.New("unexpected response")
)

// APIError is the body every CPaaS API answers errors with (spec §11): code, message, errorId,
// timestamp — e.g. {"code":4018,"message":"Invalid jobId","errorId":"aa40…","timestamp":"…"}.
type APIError struct {
	Code      int    `json:"code"`
	Message   string `json:"message"`
	ErrorID   string `json:"errorId"`
	Timestamp string `json:"timestamp"`
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("8x8 error %d: %s", e.Code, e.Message)
	if e.ErrorID != "" {
		s += " (errorId " + e.ErrorID + ")"
	}
	return s
}

// ParseAPIError decodes an error body; ok is false when body is not that shape.
func ParseAPIError(body []byte) (*APIError, bool) {
	var e APIError
	if json.Unmarshal(body, &e) != nil || (e.Code == 0 && e.Message == "") {
		return nil, false
	}
	return &e, true
}

// explain turns an httpx error into one that says what went wrong in the vendor's words:
// rejected credentials wrap extract.ErrAuth, a documented error body becomes an *APIError.
func explain(err error) error {
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return err
	}
	var cause error = err
	if ae, ok := ParseAPIError([]byte(se.Body)); ok {
		cause = fmt.Errorf("%s %s: HTTP %d: %w", se.Method, se.URL, se.Status, ae)
	}
	if se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden {
		return fmt.Errorf("%w: %w", extract.ErrAuth, cause)
	}
	return cause
}
