package vccchat

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
)

// Sentinel errors of the package.
var (
	ErrConfig        = errors.New("vccchat: invalid config")
	ErrUnknownStream = errors.New("vccchat: unknown stream")
	ErrBadResponse   = errors.New("unexpected response")
	// ErrToken: the token endpoint did not issue a usable token.
	ErrToken = errors.New("no access token")
)

// Problem is any of the error bodies the API documents (A.9), read into one shape:
// RequestOAuthProblem {ErrorCode, Error}, the Apigee fault {fault:{faultstring, detail:{errorcode}}},
// {message, errors:[string]} (constraint, forbidden, not found, internal + referenceId),
// {message, errors:[{code,message}], validations:[…]} and the RFC 7807-like JWK 404
// {type,title,status,detail,…}.
type Problem struct {
	Code        string   // ErrorCode, fault detail errorcode, or the first errors[].code
	Message     string   // Error, faultstring, message or title/detail
	Errors      []string // errors[] (strings, or "code: message" of objects)
	ReferenceID string
}

func (p *Problem) Error() string {
	s := "8x8 chat API"
	if p.Code != "" {
		s += " " + p.Code
	}
	if p.Message != "" {
		s += ": " + p.Message
	}
	if len(p.Errors) > 0 {
		s += " (" + strings.Join(p.Errors, "; ") + ")"
	}
	if p.ReferenceID != "" {
		s += " [referenceId " + p.ReferenceID + "]"
	}
	return s
}

// ParseProblem decodes an error body of any documented shape; ok is false for anything else.
func ParseProblem(body []byte) (*Problem, bool) {
	var raw struct {
		ErrorCode string `json:"ErrorCode"`
		Error     string `json:"Error"`
		Fault     *struct {
			Faultstring string `json:"faultstring"`
			Detail      struct {
				Errorcode string `json:"errorcode"`
			} `json:"detail"`
		} `json:"fault"`
		Message     string            `json:"message"`
		Errors      []json.RawMessage `json:"errors"`
		ReferenceID string            `json:"referenceId"`
		Title       string            `json:"title"`
		Detail      string            `json:"detail"`
		Type        string            `json:"type"`
	}
	if json.Unmarshal(body, &raw) != nil {
		return nil, false
	}
	p := &Problem{ReferenceID: raw.ReferenceID}
	switch {
	case raw.Fault != nil:
		p.Code, p.Message = raw.Fault.Detail.Errorcode, raw.Fault.Faultstring
	case raw.ErrorCode != "" || raw.Error != "":
		p.Code, p.Message = raw.ErrorCode, raw.Error
	case raw.Message != "":
		p.Message = raw.Message
	case raw.Title != "":
		p.Code, p.Message = raw.Type, strings.TrimSpace(raw.Title+" "+raw.Detail)
	default:
		return nil, false
	}
	for _, e := range raw.Errors {
		var s string
		if json.Unmarshal(e, &s) == nil {
			p.Errors = append(p.Errors, s)
			continue
		}
		var o struct{ Code, Message string }
		if json.Unmarshal(e, &o) == nil {
			if p.Code == "" {
				p.Code = o.Code
			}
			p.Errors = append(p.Errors, strings.TrimPrefix(o.Code+": "+o.Message, ": "))
		}
	}
	return p, true
}

// explain names rejected credentials (extract.ErrAuth) and decodes documented error bodies.
func explain(err error) error {
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return err
	}
	var cause error = err
	if p, ok := ParseProblem([]byte(se.Body)); ok {
		cause = fmt.Errorf("%s %s: HTTP %d: %w", se.Method, se.URL, se.Status, p)
	}
	if se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden {
		return fmt.Errorf("%w: %w", extract.ErrAuth, cause)
	}
	return cause
}
