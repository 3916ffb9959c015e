package load

import (
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"

	"github.com/ccwh/ccwh/schema"
)

// scratch holds reusable slices for converting Arrow columns into the Go slices that
// clickhouse-go's columnar Append takes. Nullable columns use pointer slices (nil = NULL) whose
// pointers point into the matching value slice, so a column costs two allocations at most and
// none once the scratch has grown. (Plain value slices are not safe for every Nullable type: the
// driver's Date column returns no null flags for []time.Time, which misaligns Nullable(Date).)
type scratch struct {
	i64  []int64
	pi64 []*int64
	u64  []uint64
	pu64 []*uint64
	f64  []float64
	pf64 []*float64
	u8   []uint8
	pu8  []*uint8
	b    []bool
	pb   []*bool
	str  []string
	pstr []*string
	tm   []time.Time
	ptm  []*time.Time
	anys []any
	lstr [][]string // Array(String) rows, slices of str
	li64 [][]int64  // Array(Int64) rows, slices of i64
	// boxed holds one interface per distinct LowCardinality value.
	boxed map[string]any
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch  { return scratchPool.Get().(*scratch) }
func putScratch(s *scratch) { s.clearPointers(); scratchPool.Put(s) }

// clearPointers drops references into values (strings alias Arrow buffers) once the driver has
// copied them, so a pooled scratch keeps no record alive.
func (s *scratch) clearPointers() {
	clear(s.pi64[:cap(s.pi64)])
	clear(s.pu64[:cap(s.pu64)])
	clear(s.pf64[:cap(s.pf64)])
	clear(s.pu8[:cap(s.pu8)])
	clear(s.pb[:cap(s.pb)])
	clear(s.str[:cap(s.str)])
	clear(s.pstr[:cap(s.pstr)])
	clear(s.ptm[:cap(s.ptm)])
	clear(s.anys[:cap(s.anys)])
	clear(s.lstr[:cap(s.lstr)])
	clear(s.li64[:cap(s.li64)])
	clear(s.boxed)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// pointers returns ps[i] = &vals[i], or nil where arr is null. It reads the validity bitmap
// directly: this runs for every value of every Nullable column.
func pointers[T any](ps []*T, vals []T, arr arrow.Array) []*T {
	ps = grow(ps, len(vals))
	for i := range vals {
		ps[i] = &vals[i]
	}
	if arr.NullN() == 0 {
		return ps
	}
	bits, off := arr.NullBitmapBytes(), arr.Data().Offset()
	for i := range vals {
		if !bitutil.BitIsSet(bits, off+i) {
			ps[i] = nil
		}
	}
	return ps
}

// numeric returns the values of a fixed-width column for a non-Nullable ClickHouse column: the
// Arrow buffer itself when there are no nulls, else a copy with nulls as zero. For a Nullable
// column it returns pointers into a copy.
func numeric[T int64 | uint64 | float64](raw []T, arr arrow.Array, nullable bool, vals *[]T, ptrs *[]*T) any {
	if !nullable && arr.NullN() == 0 {
		return raw
	}
	*vals = grow(*vals, len(raw))
	copy(*vals, raw)
	if !nullable {
		var zero T
		for i := range *vals {
			if arr.IsNull(i) {
				(*vals)[i] = zero
			}
		}
		return *vals
	}
	*ptrs = pointers(*ptrs, *vals, arr)
	return *ptrs
}

// column converts one Arrow column (already checked against col) to an Append argument.
func (s *scratch) column(col schema.Column, arr arrow.Array, boolType bool) any {
	n := arr.Len()
	nullable := col.Nullable()
	switch col.Type {
	case schema.String:
		a := arr.(*array.String)
		if col.LowCardinality {
			// The driver appends LowCardinality values one by one as interfaces and keys its
			// dictionary by them: pointers would make every row a new key. So values are boxed
			// strings (each distinct value boxed once) and NULLs nil interfaces.
			if s.boxed == nil {
				s.boxed = map[string]any{}
			}
			clear(s.boxed)
			s.anys = grow(s.anys, n)
			for i := range n {
				switch {
				case a.IsNull(i) && nullable:
					s.anys[i] = nil
				default:
					v := a.Value(i)
					box, ok := s.boxed[v]
					if !ok {
						box = v
						s.boxed[v] = box
					}
					s.anys[i] = box
				}
			}
			return s.anys
		}
		s.str = grow(s.str, n)
		for i := range n {
			s.str[i] = a.Value(i) // "" for NULL
		}
		if !nullable {
			return s.str
		}
		s.pstr = pointers(s.pstr, s.str, arr)
		return s.pstr
	case schema.Int64:
		return numeric(arr.(*array.Int64).Int64Values(), arr, nullable, &s.i64, &s.pi64)
	case schema.UInt64:
		return numeric(arr.(*array.Uint64).Uint64Values(), arr, nullable, &s.u64, &s.pu64)
	case schema.Float64:
		return numeric(arr.(*array.Float64).Float64Values(), arr, nullable, &s.f64, &s.pf64)
	case schema.Bool:
		a := arr.(*array.Boolean)
		if boolType {
			s.b = grow(s.b, n)
			for i := range n {
				s.b[i] = a.IsValid(i) && a.Value(i)
			}
			if !nullable {
				return s.b
			}
			s.pb = pointers(s.pb, s.b, arr)
			return s.pb
		}
		s.u8 = grow(s.u8, n)
		for i := range n {
			s.u8[i] = 0
			if a.IsValid(i) && a.Value(i) {
				s.u8[i] = 1
			}
		}
		if !nullable {
			return s.u8
		}
		s.pu8 = pointers(s.pu8, s.u8, arr)
		return s.pu8
	case schema.Timestamp:
		a := arr.(*array.Timestamp)
		unit := a.DataType().(*arrow.TimestampType).Unit
		s.tm = grow(s.tm, n)
		for i := range n {
			if a.IsNull(i) {
				s.tm[i] = time.Time{} // 1970-01-01 in a non-Nullable column
			} else {
				s.tm[i] = a.Value(i).ToTime(unit)
			}
		}
		if !nullable {
			return s.tm
		}
		s.ptm = pointers(s.ptm, s.tm, arr)
		return s.ptm
	case schema.Date:
		a := arr.(*array.Date32)
		s.tm = grow(s.tm, n)
		for i := range n {
			if a.IsNull(i) {
				s.tm[i] = time.Time{}
			} else {
				s.tm[i] = time.Unix(int64(a.Value(i))*86400, 0).UTC()
			}
		}
		if !nullable {
			return s.tm
		}
		s.ptm = pointers(s.ptm, s.tm, arr)
		return s.ptm
	case schema.StringList:
		a := arr.(*array.List)
		vals := a.ListValues().(*array.String)
		s.lstr = grow(s.lstr, n)
		if n == 0 {
			return s.lstr
		}
		first, _ := a.ValueOffsets(0)
		_, last := a.ValueOffsets(n - 1)
		s.str = grow(s.str, int(last-first))
		for i := first; i < last; i++ {
			s.str[i-first] = vals.Value(int(i))
		}
		for i := range n {
			lo, hi := a.ValueOffsets(i)
			s.lstr[i] = s.str[lo-first : hi-first : hi-first]
		}
		return s.lstr
	case schema.Int64List:
		a := arr.(*array.List)
		vals := a.ListValues().(*array.Int64).Int64Values()
		s.li64 = grow(s.li64, n)
		for i := range n {
			lo, hi := a.ValueOffsets(i)
			s.li64[i] = vals[lo:hi:hi] // the driver copies the values
		}
		return s.li64
	}
	panic("load: unknown column type " + col.Type.String()) // checkRecord rejects it first
}
