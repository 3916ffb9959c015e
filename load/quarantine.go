package load

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// QuarantineItem is a raw vendor page that could not be processed, kept for inspection.
type QuarantineItem struct {
	RunID, Source, Stream string
	Name                  string // file name without extension, e.g. "page-0051"
	Ext                   string // body extension: xml, json, csv (default bin)
	Request               string // method and URL, perhaps headers; credentials already stripped
	Status                int    // HTTP status
	Err                   string // why it was quarantined
	Body                  []byte
	At                    time.Time
}

// quarantineMeta is the JSON written beside the body.
type quarantineMeta struct {
	RunID      string    `json:"run_id"`
	Source     string    `json:"source"`
	Stream     string    `json:"stream"`
	Request    string    `json:"request"`
	Status     int       `json:"status"`
	Error      string    `json:"error"`
	At         time.Time `json:"at"`
	BodyFile   string    `json:"body_file"`
	BodyBytes  int64     `json:"body_bytes"`
	BodySHA256 string    `json:"body_sha256"`
}

// Quarantine writes q.Body to <dir>/quarantine/<run_id>/<name>.<ext> and its description to
// <name>.request.json beside it, both atomically, and returns the body's path. Callers strip credentials
// before; as a second line of defence the request and error text are redacted here too
// (Authorization and similar headers, userinfo in URLs, secret-looking query parameters).
func (a *Archive) Quarantine(q QuarantineItem) (string, error) {
	if err := checkName("run id", q.RunID); err != nil {
		return "", fmt.Errorf("load: quarantine: %w", err)
	}
	name := safeFileName(q.Name)
	ext := safeFileName(strings.TrimPrefix(q.Ext, "."))
	if q.Ext == "" {
		ext = "bin"
	}
	dir := filepath.Join(a.dir, "quarantine", q.RunID)
	bodyPath := filepath.Join(dir, name+"."+ext)
	size, sum, err := writeAtomic(bodyPath, func(w io.Writer) error {
		_, err := w.Write(q.Body)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("load: quarantine %s/%s page %s: %w", q.Source, q.Stream, name, err)
	}
	at := q.At
	if at.IsZero() {
		at = time.Now()
	}
	meta, err := json.MarshalIndent(quarantineMeta{
		RunID: q.RunID, Source: q.Source, Stream: q.Stream,
		Request: Redact(q.Request), Status: q.Status, Error: Redact(q.Err), At: at.UTC(),
		BodyFile: filepath.Base(bodyPath), BodyBytes: size, BodySHA256: sum,
	}, "", "  ")
	if err != nil {
		return "", fmt.Errorf("load: quarantine %s: %w", name, err)
	}
	// The request sits beside the page as <name>.request.json, so a JSON page keeps its own name.
	if _, _, err := writeAtomic(filepath.Join(dir, name+".request.json"), func(w io.Writer) error {
		_, err := w.Write(append(meta, '\n'))
		return err
	}); err != nil {
		return "", fmt.Errorf("load: quarantine %s/%s page %s: %w", q.Source, q.Stream, name, err)
	}
	return bodyPath, nil
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._=-]+`)

// safeFileName keeps a name inside its directory and readable.
func safeFileName(s string) string {
	s = strings.Trim(unsafeChars.ReplaceAllString(s, "_"), ".")
	if s == "" {
		return "page"
	}
	return s
}

var (
	secretHeader = regexp.MustCompile(`(?im)^([ \t]*(?:proxy-)?(?:authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token)[ \t]*:[ \t]*)[^\r\n]*`)
	urlUserinfo  = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@`)
	secretParam  = regexp.MustCompile(`(?i)([?&;](?:password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api_key|apikey|auth|signature)=)[^&;#\s]*`)
	bearerToken  = regexp.MustCompile(`(?i)\b(bearer)[ \t]+[A-Za-z0-9._~+/=-]{8,}`)
)

// Redact removes credentials from a request dump or an error text: the values of Authorization
// (and cookie / API-key) headers, userinfo in URLs, secret-looking query parameters and bearer
// tokens anywhere.
func Redact(s string) string {
	s = secretHeader.ReplaceAllString(s, "${1}[REDACTED]")
	s = urlUserinfo.ReplaceAllString(s, "${1}[REDACTED]@")
	s = secretParam.ReplaceAllString(s, "${1}[REDACTED]")
	s = bearerToken.ReplaceAllString(s, "${1} [REDACTED]")
	return s
}
