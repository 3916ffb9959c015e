// Package extract holds the types every vendor extractor shares: the time window of an
// incremental fetch, the raw page handed to the pipeline, the Emit callback and FetchError.
//
// Extractors (extract/vcc, …) page through a vendor API and hand each raw page, bytes and format
// untouched, to Emit; decoding is transform/'s job. Sub-packages import only schema/ of ours.
package extract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// Window is the half-open time range [From, To) of an incremental fetch, in UTC. Dimension
// streams take the zero Window.
type Window struct{ From, To time.Time }

// String renders the window as "2026-11-20T00:00:00Z/2026-11-21T00:00:00Z" (RFC 3339, UTC), or ""
// for the zero Window.
func (w Window) String() string {
	if w.IsZero() {
		return ""
	}
	return w.From.UTC().Format(time.RFC3339) + "/" + w.To.UTC().Format(time.RFC3339)
}

// IsZero reports whether w is the zero Window (a dimension fetch).
func (w Window) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// Empty reports whether w covers no time at all (To is not after From).
func (w Window) Empty() bool { return !w.To.After(w.From) }

// Mode says how a stream is fetched.
type Mode int

const (
	// Dimension streams are refreshed in full on every run; they take no window.
	Dimension Mode = iota + 1
	// Incremental streams are fetched window by window.
	Incremental
	// Snapshot streams read the vendor's current state on every run (8x8 real-time statistics)
	// and add rows stamped with the time of the read; they take no window.
	Snapshot
)

func (m Mode) String() string {
	switch m {
	case Dimension:
		return "dimension"
	case Incremental:
		return "incremental"
	case Snapshot:
		return "snapshot"
	}
	return "unknown"
}

// Page is one raw response page of a stream, as the vendor sent it.
type Page struct {
	Source, Stream string
	Table          *schema.Table
	// Entity is the fan-out entity the page belongs to, e.g. "group=122"; "" when none.
	Entity string
	// Number is the 1-based page number within (stream, entity, window).
	Number int
	// Offset is the record offset requested (8x8: the n= value 1, 51, 101, …; 1 for a first page
	// requested without n).
	Offset int
	// Request is "GET <url>" with credentials and secret parameters redacted.
	Request string
	Status  int
	Format  schema.Format
	Body    []byte
	// Retries is how many retries fetching this page took.
	Retries int
}

// Emit hands one page to the pipeline, which decodes and stages it and returns how many records
// it held (the extractor uses this to stop paging on a short page). An error aborts the fetch.
// Extractors call Emit from one goroutine at a time, also when they fan out.
type Emit func(ctx context.Context, p *Page) (records int, err error)

// FindStream returns the stream called name. Otherwise it returns an error wrapping notFound
// (the vendor package's ErrUnknownStream) that lists the source's streams.
func FindStream[S interface{ Name() string }](notFound error, source string, streams []S, name string) (S, error) {
	names := make([]string, len(streams))
	for i, st := range streams {
		if st.Name() == name {
			return st, nil
		}
		names[i] = st.Name()
	}
	var zero S
	return zero, fmt.Errorf("%w: %q (source %s has %s)", notFound, name, source, strings.Join(names, ", "))
}
