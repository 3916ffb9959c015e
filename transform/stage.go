package transform

import "slices"

// The decoders stage a whole page before anything reaches the Arrow builders, so that a page
// that turns out malformed halfway leaves the Builder untouched (Decode is atomic). Staged values
// are references into the page or into a scratch buffer (for text that needed decoding); the
// commit then coerces them column by column.

// ref locates one staged value (or key) in the page or in the stage's scratch buffer.
type ref struct {
	off, n uint32
	flags  uint8
}

const (
	fPresent uint8 = 1 << iota // the field occurred in the record (maybe empty)
	fScratch                   // the bytes live in stage.scratch, not in the page
	fRaw                       // JSON text to embed as is: number, true, false, object, array
	fNested                    // a structured value: inner XML markup, or a JSON object or array
)

// extra is a vendor field that has no column of its own (or a repeated one), kept for _extra.
type extra struct{ key, val ref }

type stage struct {
	body    []byte
	scratch []byte
	ncols   int
	vals    []ref   // ncols per staged record
	firstX  []int32 // per staged record: index of its first entry in extras
	extras  []extra
	// items are the elements of list columns, in record order.
	items []item
	// uncoerced counts values kept in _extra at decode time that a column could not take (a
	// list holding objects); added to Builder.Coerced at commit.
	uncoerced int
}

// item is one element of a list column of staged record rec.
type item struct {
	rec, col int32
	val      ref
}

func (s *stage) reset(body []byte, ncols int) {
	s.body, s.ncols = body, ncols
	s.scratch = s.scratch[:0]
	s.vals = s.vals[:0]
	s.firstX = s.firstX[:0]
	s.extras = s.extras[:0]
	s.items = s.items[:0]
	s.uncoerced = 0
}

func (s *stage) records() int { return len(s.firstX) }

// beginRecord opens a staged record with every column absent.
func (s *stage) beginRecord() {
	n := len(s.vals)
	s.vals = slices.Grow(s.vals, s.ncols)[:n+s.ncols]
	clear(s.vals[n:])
	s.firstX = append(s.firstX, int32(len(s.extras)))
}

// set stages a field of the current record: into its column when the table knows the field and
// the record had no value for it yet, into the extras otherwise.
func (s *stage) set(col int, key, val ref) {
	val.flags |= fPresent
	if col >= 0 {
		slot := &s.vals[len(s.vals)-s.ncols+col]
		if slot.flags&fPresent == 0 {
			*slot = val
			return
		}
	}
	s.extras = append(s.extras, extra{key: key, val: val})
}

// recordExtras returns the staged extras of record r.
func (s *stage) recordExtras(r int) []extra {
	end := len(s.extras)
	if r+1 < len(s.firstX) {
		end = int(s.firstX[r+1])
	}
	return s.extras[s.firstX[r]:end]
}

func (s *stage) bytes(r ref) []byte {
	if r.flags&fScratch != 0 {
		return s.scratch[r.off : r.off+r.n]
	}
	return s.body[r.off : r.off+r.n]
}

// pageRef references body[start:end].
func pageRef(start, end int) ref { return ref{off: uint32(start), n: uint32(end - start)} }

// scratchRef references scratch[start:] as it is now.
func (s *stage) scratchRef(start int) ref {
	return ref{off: uint32(start), n: uint32(len(s.scratch) - start), flags: fScratch}
}

// trimRef trims surrounding whitespace off a staged value.
func (s *stage) trimRef(r ref) ref {
	b := s.bytes(r)
	i, j := 0, len(b)
	for i < j && isSpace(b[i]) {
		i++
	}
	for j > i && isSpace(b[j-1]) {
		j--
	}
	r.off += uint32(i)
	r.n = uint32(j - i)
	return r
}
