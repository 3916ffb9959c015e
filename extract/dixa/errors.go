package dixa

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
)

var (
	// ErrConfig: the source configuration is invalid (New).
	ErrConfig = errors.New("dixa: invalid config")
	// ErrUnknownStream: Source.Stream was asked for a stream the source does not have.
	ErrUnknownStream = errors.New("dixa: unknown stream")
	// ErrShape: a response is valid JSON but not the documented shape ({"data": …}).
	ErrShape = errors.New("dixa: unexpected response shape")
)

// authError is Dixa's refusal of the API token (401 or 403): never retried.
type authError struct{ cause error }

func (e *authError) Error() string {
	return fmt.Sprintf("Dixa rejected the API token; check the token (a \"Dixa API\" token, not an Integrations API one) and auth_prefix (%v)", e.cause)
}

func (e *authError) Unwrap() []error { return []error{extract.ErrAuth, e.cause} }

// explain turns an auth failure into an authError; other errors pass unchanged.
func explain(err error) error {
	var se *httpx.StatusError
	if errors.As(err, &se) && (se.Status == http.StatusForbidden || se.Status == http.StatusUnauthorized) {
		return &authError{cause: err}
	}
	return err
}
