package transform

import (
	"errors"
	"fmt"

	"github.com/ccwh/ccwh/schema"
)

// ErrMalformed marks a page that is not well-formed in its format: mismatched or unclosed tags,
// truncated documents, invalid UTF-8, ragged CSV rows, an unexpected JSON layout.
var ErrMalformed = errors.New("malformed input")

// ErrUnsupported marks a page this package cannot decode at all: an unknown format, a page over
// 4 GiB, an XML encoding other than UTF-8 or a DOCTYPE.
var ErrUnsupported = errors.New("unsupported input")

// DecodeError reports where in a raw page decoding stopped. Nothing of that page was appended.
type DecodeError struct {
	Format schema.Format
	// Line is the 1-based line of Offset; Offset is the byte offset in the page.
	Line   int
	Offset int64
	// Record is the 1-based number of the record being decoded (the CSV data row), or 0 when the
	// error lies outside any record (prolog, root element, header).
	Record int
	Err    error
}

func (e *DecodeError) Error() string {
	where := fmt.Sprintf("line %d, offset %d", e.Line, e.Offset)
	if e.Record > 0 {
		where += fmt.Sprintf(", record %d", e.Record)
	}
	return fmt.Sprintf("transform: decode %s: %s: %v", e.Format, where, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// malformed builds the error of a syntax problem; the DecodeError around it is added by Decode.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrMalformed)
}

// posError is the internal error of the decoders: the reason and the offset it applies to.
type posError struct {
	off    int
	record int
	err    error
}

func (e *posError) Error() string { return e.err.Error() }

// lineOf returns the 1-based line of off in body.
func lineOf(body []byte, off int) int {
	if off > len(body) {
		off = len(body)
	}
	n := 1
	for _, c := range body[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}
