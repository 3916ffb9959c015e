package transform

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/schema"
)

// Lineage is stamped on every row appended to a Builder.
type Lineage struct {
	Source, RunID string
	ExtractedAt   time.Time
	Version       uint64
}

type colKind uint8

const (
	kindVendor      colKind = iota // fed by a vendor field
	kindSource                     // _source
	kindRunID                      // _run_id
	kindExtractedAt                // _extracted_at
	kindVersion                    // _version
	kindExtra                      // _extra
	kindOther                      // no field, no lineage: left NULL (or zero)
	kindList                       // a list column fed by a vendor field (stage.items)
)

type colInfo struct {
	kind     colKind
	typ      schema.Type
	nullable bool
	field    string
	fieldB   []byte
	nulls    []string
	sep      []byte // Column.ListSep
	prefix   bool   // the field is also a prefix of dotted fields ("a" and "a.b")
	slow     bool   // prefix or list: never on XML's fast path (succ), which handles plain text only
}

// Builder holds the Arrow builders of one table and the state to decode pages into them. It is
// not safe for concurrent use.
type Builder struct {
	t      *schema.Table
	lin    Lineage
	rb     *array.RecordBuilder
	source []byte // lin.Source
	runID  []byte // lin.RunID
	cols   []colInfo
	fields map[string]int // vendor field name → column index
	// Nested data (nil or -1 for flat tables, which then pay nothing for it).
	prefixes map[string]bool // proper prefixes of dotted fields: "requester" for "requester.id"
	parents  map[string]int  // Parent column fields → column index
	posCol   int             // the Position column, or -1
	succ     []int32         // learned field order: succ[state] = column expected next
	rows     int
	coerced  int
	// Sizes of the last batch: the next one reserves them up front instead of growing its
	// buffers by doubling (fewer copies, half the garbage).
	hintRows int
	hintData []int

	stage  stage
	xml    xmlDecoder
	csv    csvDecoder
	json   jsonDecoder
	commit committer
}

// NewBuilder binds Arrow builders allocated from mem to the columns of t.
func NewBuilder(mem memory.Allocator, t *schema.Table, lin Lineage) *Builder {
	b := &Builder{
		t:        t,
		lin:      lin,
		source:   []byte(lin.Source),
		runID:    []byte(lin.RunID),
		rb:       array.NewRecordBuilder(mem, t.ArrowSchema()),
		cols:     make([]colInfo, len(t.Columns)),
		fields:   make(map[string]int, len(t.Columns)),
		succ:     make([]int32, len(t.Columns)+2),
		hintData: make([]int, len(t.Columns)),
		posCol:   -1,
	}
	for i, c := range t.Columns {
		ci := colInfo{typ: c.Type, nullable: c.Nullable(), field: c.Field, fieldB: []byte(c.Field), nulls: c.NullValues, sep: []byte(c.ListSep)}
		switch {
		case c.Position:
			ci.kind = kindVendor
			b.posCol = i
		case c.Parent:
			ci.kind = kindVendor
			if b.parents == nil {
				b.parents = map[string]int{}
			}
			b.parents[c.Field] = i
		case c.Field != "":
			ci.kind = kindVendor
			if c.Type.IsList() {
				ci.kind = kindList
			}
			b.fields[c.Field] = i
			for j := strings.IndexByte(c.Field, '.'); j > 0; j = nextDot(c.Field, j) {
				if b.prefixes == nil {
					b.prefixes = map[string]bool{}
				}
				b.prefixes[c.Field[:j]] = true
			}
		case t.Internal:
			ci.kind = kindOther
		case c.Name == schema.ColSource:
			ci.kind = kindSource
		case c.Name == schema.ColRunID:
			ci.kind = kindRunID
		case c.Name == schema.ColExtractedAt:
			ci.kind = kindExtractedAt
		case c.Name == schema.ColVersion:
			ci.kind = kindVersion
		case c.Name == schema.ColExtra:
			ci.kind = kindExtra
		default:
			ci.kind = kindOther
		}
		b.cols[i] = ci
	}
	for f, i := range b.fields {
		b.cols[i].prefix = b.prefixes[f]
		b.cols[i].slow = b.cols[i].prefix || b.cols[i].kind == kindList
	}
	for i := range b.succ {
		b.succ[i] = -1
	}
	return b
}

// Table returns the table the builder is bound to.
func (b *Builder) Table() *schema.Table { return b.t }

// Len returns the number of rows appended since the last NewRecord.
func (b *Builder) Len() int { return b.rows }

// Coerced returns how many values, since NewBuilder, could not be coerced to their column's type
// and were stored as NULL (or a key column's zero value) with their raw text in _extra.
func (b *Builder) Coerced() int { return b.coerced }

// NewRecord returns the rows appended so far as one record (the caller releases it) and resets
// the builder, which stays usable.
func (b *Builder) NewRecord() arrow.Record {
	b.hintRows = b.rows
	for i, f := range b.rb.Fields() {
		if sb, ok := f.(*array.StringBuilder); ok {
			b.hintData[i] = sb.DataLen()
		}
	}
	b.rows = 0
	return b.rb.NewRecord()
}

// Release frees the Arrow builders.
func (b *Builder) Release() { b.rb.Release() }

// lookup returns the column fed by a vendor field, or -1. Vendors send fields in a stable order,
// so the column that followed the previous one last time is tried before the map.
func (b *Builder) lookup(name []byte, state *int32) int {
	s := *state
	if p := b.succ[s]; p >= 0 && string(name) == b.cols[p].field {
		*state = p + 1
		return int(p)
	}
	i, ok := b.fields[string(name)]
	if !ok {
		*state = int32(len(b.cols) + 1)
		return -1
	}
	if !b.cols[i].slow {
		b.succ[s] = int32(i)
	}
	*state = int32(i + 1)
	return i
}

// committer holds the reusable buffers of a commit.
type committer struct {
	late  []lateExtra
	kvs   []extraKV
	buf   []byte
	valid []bool
	i64   []int64
	u64   []uint64
	f64   []float64
	bools []bool
	ts    []arrow.Timestamp
	dates []arrow.Date32
	dirty bool // valid holds a false
}

// lateExtra is a value that failed coercion at commit: record r, column c, and for a list
// column the index it of the element in stage.items (-1 otherwise).
type lateExtra struct{ r, c, it int32 }

// commitStage appends every staged record to the Arrow builders. It cannot fail.
func (b *Builder) commitStage() int {
	s, cm := &b.stage, &b.commit
	n := s.records()
	if n == 0 {
		return 0
	}
	cm.late = cm.late[:0]
	cm.valid = grow(cm.valid, n)
	if b.rows == 0 && b.hintRows > n {
		b.rb.Reserve(b.hintRows)
		for i, f := range b.rb.Fields() {
			if sb, ok := f.(*array.StringBuilder); ok {
				reserveData(sb, b.hintData[i])
			}
		}
	}
	for c := range b.cols {
		col := &b.cols[c]
		fb := b.rb.Field(c)
		switch col.kind {
		case kindVendor:
			b.commitVendor(c, n, fb)
		case kindList:
			b.commitList(c, n, fb.(*array.ListBuilder))
		case kindSource:
			appendStrings(fb.(*array.StringBuilder), b.source, n)
		case kindRunID:
			appendStrings(fb.(*array.StringBuilder), b.runID, n)
		case kindExtractedAt:
			tb := fb.(*array.TimestampBuilder)
			tb.Reserve(n)
			v := arrow.Timestamp(b.lin.ExtractedAt.UnixMilli())
			for range n {
				tb.UnsafeAppend(v)
			}
		case kindVersion:
			ub := fb.(*array.Uint64Builder)
			ub.Reserve(n)
			for range n {
				ub.UnsafeAppend(b.lin.Version)
			}
		case kindExtra:
			b.commitExtra(fb.(*array.StringBuilder), n)
		default:
			for range n {
				if col.nullable {
					fb.AppendNull()
				} else {
					fb.AppendEmptyValue()
				}
			}
		}
	}
	b.rows += n
	b.coerced += len(cm.late) + s.uncoerced
	return n
}

// reserveData makes room for n more bytes of string data. ReserveData alone grows the buffer to
// the exact size asked, which would copy the whole buffer on every page.
func reserveData(sb *array.StringBuilder, n int) {
	if need := sb.DataLen() + n; need > sb.DataCap() {
		sb.ReserveData(max(n, need))
	}
}

func appendStrings(sb *array.StringBuilder, v []byte, n int) {
	sb.Reserve(n)
	reserveData(sb, n*len(v))
	for range n {
		sb.BinaryBuilder.UnsafeAppend(v)
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// text returns the text of a staged value and whether it stands for no value: absent, empty, or
// one of the column's NullValues.
func (s *stage) text(v ref, nulls []string) (text []byte, null bool) {
	if v.flags&fPresent == 0 || v.n == 0 {
		return nil, true
	}
	text = s.bytes(v)
	for _, nv := range nulls {
		if string(text) == nv {
			return nil, true
		}
	}
	return text, false
}

// commitVendor coerces column c of every staged record and appends it.
func (b *Builder) commitVendor(c, n int, fb array.Builder) {
	col, cm := &b.cols[c], &b.commit
	if col.typ == schema.String {
		sb := fb.(*array.StringBuilder)
		sb.Reserve(n)
		total := 0
		for r := range n {
			total += int(b.stage.vals[r*b.stage.ncols+c].n)
		}
		reserveData(sb, total)
		for r, i := 0, c; r < n; r, i = r+1, i+b.stage.ncols {
			v := b.stage.vals[i]
			text, null := b.stage.text(v, col.nulls)
			if !null && v.flags&(fNested|fRaw) == fNested {
				// Inner XML markup is not a string value: keep it in _extra.
				cm.late = append(cm.late, lateExtra{int32(r), int32(c), -1})
				null = true
			}
			switch {
			case !null:
				sb.BinaryBuilder.UnsafeAppend(text)
			case col.nullable:
				sb.AppendNull()
			default:
				sb.BinaryBuilder.UnsafeAppend(nil)
			}
		}
		return
	}
	cm.dirty = false
	switch col.typ {
	case schema.Int64:
		cm.i64 = grow(cm.i64, n)
		fill(b, c, n, cm.i64, parseInt)
		fb.(*array.Int64Builder).AppendValues(cm.i64, cm.validity())
	case schema.UInt64:
		cm.u64 = grow(cm.u64, n)
		fill(b, c, n, cm.u64, parseUint)
		fb.(*array.Uint64Builder).AppendValues(cm.u64, cm.validity())
	case schema.Float64:
		cm.f64 = grow(cm.f64, n)
		fill(b, c, n, cm.f64, parseFloat)
		fb.(*array.Float64Builder).AppendValues(cm.f64, cm.validity())
	case schema.Bool:
		cm.bools = grow(cm.bools, n)
		fill(b, c, n, cm.bools, parseBool)
		fb.(*array.BooleanBuilder).AppendValues(cm.bools, cm.validity())
	case schema.Timestamp:
		cm.ts = grow(cm.ts, n)
		fill(b, c, n, cm.ts, func(s []byte) (arrow.Timestamp, bool) {
			v, ok := parseTimestamp(s)
			return arrow.Timestamp(v), ok
		})
		fb.(*array.TimestampBuilder).AppendValues(cm.ts, cm.validity())
	case schema.Date:
		cm.dates = grow(cm.dates, n)
		fill(b, c, n, cm.dates, func(s []byte) (arrow.Date32, bool) {
			v, ok := parseDate(s)
			return arrow.Date32(v), ok
		})
		fb.(*array.Date32Builder).AppendValues(cm.dates, cm.validity())
	default:
		panic(fmt.Sprintf("transform: column %s has unsupported type %s", b.t.Columns[c].Name, col.typ))
	}
}

// validity returns the validity slice of the last fill, or nil when every value is valid.
func (cm *committer) validity() []bool {
	if cm.dirty {
		return cm.valid
	}
	return nil
}

// fill coerces column c of every staged record into out and the committer's validity.
func fill[T any](b *Builder, c, n int, out []T, parse func([]byte) (T, bool)) {
	col, cm, s := &b.cols[c], &b.commit, &b.stage
	var zero T
	for r, i := 0, c; r < n; r, i = r+1, i+s.ncols {
		v := s.vals[i]
		text, null := s.text(v, col.nulls)
		ok := false
		if !null {
			if v.flags&fNested == 0 {
				out[r], ok = parse(text)
			}
			if !ok {
				cm.late = append(cm.late, lateExtra{int32(r), int32(c), -1})
			}
		}
		if !ok {
			out[r] = zero
		}
		valid := ok || !col.nullable
		cm.valid[r] = valid
		if !valid {
			cm.dirty = true
		}
	}
}

// commitExtra renders _extra for every staged record.
func (b *Builder) commitExtra(sb *array.StringBuilder, n int) {
	s, cm := &b.stage, &b.commit
	// cm.late is ordered by column, then record; _extra needs it by record.
	slices.SortFunc(cm.late, func(x, y lateExtra) int {
		if x.r != y.r {
			return int(x.r - y.r)
		}
		if x.c != y.c {
			return int(x.c - y.c)
		}
		return int(x.it - y.it)
	})
	sb.Reserve(n)
	li := 0
	for r := range n {
		cm.kvs = cm.kvs[:0]
		for ; li < len(cm.late) && int(cm.late[li].r) == r; li++ {
			c := int(cm.late[li].c)
			v := s.vals[r*s.ncols+c]
			if it := cm.late[li].it; it >= 0 {
				v = s.items[it].val
			}
			cm.kvs = append(cm.kvs, extraKV{key: b.cols[c].fieldB, val: v})
		}
		for _, x := range s.recordExtras(r) {
			cm.kvs = append(cm.kvs, extraKV{key: s.bytes(x.key), val: x.val})
		}
		if len(cm.kvs) == 0 {
			sb.AppendEmptyValue()
			continue
		}
		cm.buf = s.appendExtra(cm.buf[:0], cm.kvs)
		sb.BinaryBuilder.Append(cm.buf)
	}
}
