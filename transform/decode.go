package transform

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/ccwh/ccwh/schema"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode appends every record of one raw page to b and returns the number of rows appended.
// It is atomic: the whole page is checked and staged first, and on error nothing of it has been
// appended. Errors are *DecodeError; errors.Is(err, ErrMalformed) holds for syntax problems.
func Decode(f schema.Format, body []byte, b *Builder) (int, error) {
	if err := decode(f, body, b); err != nil {
		var pe *posError
		if !asPosError(err, &pe) {
			return 0, &DecodeError{Format: f, Line: 1, Err: err}
		}
		return 0, &DecodeError{Format: f, Line: lineOf(body, pe.off), Offset: int64(pe.off), Record: pe.record, Err: pe.err}
	}
	return b.commitStage(), nil
}

func asPosError(err error, pe **posError) bool {
	p, ok := err.(*posError)
	*pe = p
	return ok
}

func decode(f schema.Format, body []byte, b *Builder) error {
	if uint64(len(body)) > math.MaxUint32 {
		return fmt.Errorf("page of %d bytes is over 4 GiB: %w", len(body), ErrUnsupported)
	}
	b.stage.reset(body, len(b.cols))
	if !utf8.Valid(body) {
		off := 0
		for off < len(body) {
			r, n := utf8.DecodeRune(body[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return &posError{off: off, err: malformed("invalid UTF-8")}
	}
	switch f {
	case schema.XML:
		return b.xml.decode(b, body)
	case schema.JSON:
		return b.json.decode(b, body)
	case schema.CSV:
		return b.csv.decode(b, body)
	}
	return fmt.Errorf("format %q: %w", f, ErrUnsupported)
}
