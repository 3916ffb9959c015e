package vcc

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
)

var (
	// ErrConfig: the source configuration is invalid (New).
	ErrConfig = errors.New("vcc: invalid config")
	// ErrUnknownStream: Source.Stream was asked for a stream the source does not have.
	ErrUnknownStream = errors.New("vcc: unknown stream")
	// ErrTranscriptsCSV: the transcript detail has no CSV (spec §4.1), so the transcripts stream
	// needs format xml or json.
	ErrTranscriptsCSV = errors.New("the transcripts stream needs format xml or json: 8x8's transcript detail (/api/recordings/transcripts/{interactionGUID}) has no CSV")
)

// authError is 8x8's refusal of the credentials (403, or 401 without any): never retried.
type authError struct {
	tenant string
	cause  error
}

func (e *authError) Error() string {
	return fmt.Sprintf("8x8 rejected the credentials for tenant %q; check the tenant name and its Data Request Token (%v)",
		e.tenant, e.cause)
}

func (e *authError) Unwrap() []error { return []error{extract.ErrAuth, e.cause} }

// explain turns an auth failure into an authError; other errors pass unchanged.
func (s *Source) explain(err error) error {
	var se *httpx.StatusError
	if errors.As(err, &se) && (se.Status == http.StatusForbidden || se.Status == http.StatusUnauthorized) {
		return &authError{tenant: s.cfg.Tenant, cause: err}
	}
	return err
}
