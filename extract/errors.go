package extract

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors shared by every extractor; FetchError wraps them (test with errors.Is).
var (
	// ErrAuth: the vendor rejected the configured credentials. Never retried.
	ErrAuth = errors.New("credentials rejected")
	// ErrTooManyPages: paging went past the configured maximum pages per entity and window.
	ErrTooManyPages = errors.New("too many pages")
	// ErrRepeatedPage: the vendor served the same page body twice in a row (endless paging).
	ErrRepeatedPage = errors.New("page repeats the previous page")
	// ErrNoWindow: an incremental stream was fetched with the zero Window.
	ErrNoWindow = errors.New("incremental stream needs a window")
)

// FetchError says which source, stream, entity, window and page failed, and why.
type FetchError struct {
	Source, Stream, Entity string
	Window                 Window
	// Page is the 1-based page number; Offset the record offset requested (0 when the vendor
	// pages by cursor).
	Page, Offset int
	// Request is the redacted "GET <url>" of the failed page, when one was sent.
	Request string
	// Status is the last HTTP status received, 0 when none.
	Status int
	Err    error
}

// Error reads "fetch page n=51 of acme/interactions window 2026-…Z/2026-…Z: cause".
func (e *FetchError) Error() string {
	var b strings.Builder
	b.WriteString("fetch page ")
	if e.Offset > 0 {
		fmt.Fprintf(&b, "n=%d", e.Offset)
	} else {
		fmt.Fprintf(&b, "%d", e.Page)
	}
	fmt.Fprintf(&b, " of %s/%s", e.Source, e.Stream)
	if e.Entity != "" {
		b.WriteString(" " + e.Entity)
	}
	if !e.Window.IsZero() {
		b.WriteString(" window " + e.Window.String())
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *FetchError) Unwrap() error { return e.Err }
