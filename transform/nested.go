package transform

import (
	"bytes"
	"strconv"

	"github.com/apache/arrow/go/v17/arrow/array"
)

// Nested vendor data (see the package comment): list columns, dotted fields, and child records
// found along Table.RecordPath with values copied from their ancestors (Parent columns) and
// their position in their list (the Position column). Flat tables never reach this file's code
// but for one comparison per record (the Position column): list and prefix columns are kept off
// XML's learned fast path instead of being tested on it. Measured on BenchmarkDecodeXML
// (-cpu 1, 2-core machine under load): best 248k rows/s against 250k before, within noise.

// parentVal is a value of a Parent column found in an ancestor of the records.
type parentVal struct {
	col int
	val ref // fPresent set
}

// hasCol reports whether pv already holds a value for col (the first occurrence wins).
func hasCol(pv []parentVal, col int) bool {
	for _, p := range pv {
		if p.col == col {
			return true
		}
	}
	return false
}

// nextDot returns the index of the next '.' in f after i, or -1.
func nextDot(f string, i int) int {
	if j := bytes.IndexByte([]byte(f[i+1:]), '.'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// addItem stages one element of list column col of the current record. Empty elements (and JSON
// null) are left out: a list element is never NULL.
func (s *stage) addItem(col int, v ref) {
	if v.n == 0 {
		return
	}
	v.flags |= fPresent
	s.items = append(s.items, item{rec: int32(s.records() - 1), col: int32(col), val: v})
}

// splitItems stages text v as elements of list column col: split on sep (each part trimmed), or
// whole when sep is empty.
func (s *stage) splitItems(col int, v ref, sep []byte) {
	if len(sep) == 0 {
		s.addItem(col, v)
		return
	}
	b := s.bytes(v)
	for off := 0; ; {
		i := bytes.Index(b[off:], sep)
		end := len(b)
		if i >= 0 {
			end = off + i
		}
		part := v
		part.off, part.n = v.off+uint32(off), uint32(end-off)
		s.addItem(col, s.trimRef(part))
		if i < 0 {
			return
		}
		off = end + len(sep)
	}
}

// keepExtra stages a value that list column could not take (objects, mixed markup) in _extra.
func (s *stage) keepExtra(key, val ref) {
	val.flags |= fPresent
	s.extras = append(s.extras, extra{key: key, val: val})
	s.uncoerced++
}

// setPosition stages pos as the Position column of the current record.
func (s *stage) setPosition(col, pos int) {
	sc := len(s.scratch)
	s.scratch = strconv.AppendInt(s.scratch, int64(pos), 10)
	v := s.scratchRef(sc)
	v.flags |= fPresent
	s.vals[len(s.vals)-s.ncols+col] = v
}

// dotted stages the key prefix + "." + name.
func (s *stage) dotted(prefix, name ref) ref {
	sc := len(s.scratch)
	s.scratch = append(s.scratch, s.bytes(prefix)...)
	s.scratch = append(s.scratch, '.')
	s.scratch = append(s.scratch, s.bytes(name)...)
	return s.scratchRef(sc)
}

// fillParents gives the records staged since record first the ancestor values pv, where they
// have none yet (inner ancestors close, and so fill, first: the nearest wins).
func (s *stage) fillParents(first int, pv []parentVal) {
	if len(pv) == 0 {
		return
	}
	for r := first; r < s.records(); r++ {
		row := s.vals[r*s.ncols : (r+1)*s.ncols]
		for _, p := range pv {
			if row[p.col].flags&fPresent == 0 {
				row[p.col] = p.val
			}
		}
	}
}

// commitList appends list column c of every staged record. Elements that are one of the
// column's NullValues are left out; elements that do not coerce go to _extra.
func (b *Builder) commitList(c, n int, lb *array.ListBuilder) {
	col, s, cm := &b.cols[c], &b.stage, &b.commit
	items := s.items
	lb.Reserve(n)
	vb := lb.ValueBuilder()
	j := 0
	for r := range n {
		lb.Append(true)
	elems:
		for ; j < len(items) && int(items[j].rec) == r; j++ {
			it := items[j]
			if int(it.col) != c {
				continue
			}
			text := s.bytes(it.val)
			for _, nv := range col.nulls {
				if string(text) == nv {
					continue elems
				}
			}
			switch vb := vb.(type) {
			case *array.StringBuilder:
				vb.BinaryBuilder.Append(text)
			case *array.Int64Builder:
				if v, ok := parseInt(text); ok {
					vb.Append(v)
				} else {
					cm.late = append(cm.late, lateExtra{int32(r), int32(c), int32(j)})
				}
			}
		}
	}
}

// --- XML ---

// setField stages a field value of the current record; a list column takes it as elements.
func (d *xmlDecoder) setField(col int, key, val ref) {
	if col >= 0 && d.b.cols[col].kind == kindList {
		d.listValue(col, key, val)
		return
	}
	d.s.set(col, key, val)
}

// listValue stages an XML field for a list column: its text is one element; children that all
// share one name and hold text only are one element each; other markup goes to _extra.
func (d *xmlDecoder) listValue(col int, key, val ref) {
	if val.flags&fNested == 0 {
		d.s.addItem(col, val)
		return
	}
	if !d.childTexts(col, val) {
		d.s.keepExtra(key, val)
	}
}

// childTexts stages the texts of the child elements in the inner markup val (already checked
// for well-formedness) as elements of list column col, if they all have one name and no
// children of their own. Otherwise it stages nothing and reports false.
func (d *xmlDecoder) childTexts(col int, val ref) bool {
	saved, mark := d.pos, len(d.s.items)
	defer func() { d.pos = saved }()
	end := int(val.off + val.n)
	var name []byte
	for d.pos = int(val.off); ; {
		d.skipSpace()
		if d.pos >= end {
			return true
		}
		if d.buf[d.pos] != '<' || d.pos+1 >= end {
			d.s.items = d.s.items[:mark]
			return false
		}
		switch d.buf[d.pos+1] {
		case '!':
			if !bytes.HasPrefix(d.buf[d.pos:], []byte("<!--")) || d.comment() != nil {
				d.s.items = d.s.items[:mark]
				return false
			}
			continue
		case '?':
			if d.pi() != nil {
				d.s.items = d.s.items[:mark]
				return false
			}
			continue
		}
		ns, ne, self, err := d.startTag()
		if err == nil && name == nil {
			name = d.buf[ns:ne]
		}
		if err != nil || !bytes.Equal(name, d.buf[ns:ne]) {
			d.s.items = d.s.items[:mark]
			return false
		}
		if self {
			continue
		}
		v, err := d.fieldContent(name)
		if err != nil || v.flags&fNested != 0 {
			d.s.items = d.s.items[:mark]
			return false
		}
		d.s.addItem(col, v)
	}
}

// nested reads the children of a field element that is a prefix of dotted fields ("metadata" for
// "metadata.agentId") as fields named prefix.child. An element holding text instead is left to
// the caller (descended = false, nothing read).
func (d *xmlDecoder) nested(prefix ref, name []byte) (descended bool, err error) {
	at := d.pos
	d.skipSpace()
	if d.pos+1 >= len(d.buf) || d.buf[d.pos] != '<' || d.buf[d.pos+1] == '!' {
		d.pos = at
		return false, nil
	}
	buf := d.buf
	for {
		d.skipSpace()
		if d.pos+1 >= len(buf) {
			return true, d.fail(len(buf), "unexpected end of input: <%s> not closed", name)
		}
		if buf[d.pos] != '<' {
			return true, d.fail(d.pos, "text %s mixed with the child elements of <%s>", d.excerpt(d.pos), name)
		}
		switch buf[d.pos+1] {
		case '/':
			return true, d.endTag(name)
		case '!':
			if err := d.bang(name); err != nil {
				return true, err
			}
			continue
		case '?':
			if err := d.pi(); err != nil {
				return true, err
			}
			continue
		}
		ns, ne, self, err := d.startTag()
		if err != nil {
			return true, err
		}
		key := d.s.dotted(prefix, pageRef(ns, ne))
		col, ok := d.b.fields[string(d.s.bytes(key))]
		if !ok {
			col = -1
		}
		if !self && d.b.prefixes[string(d.s.bytes(key))] {
			done, err := d.nested(key, buf[ns:ne])
			if err != nil {
				return true, err
			}
			if done {
				continue
			}
		}
		val := ref{off: uint32(d.pos)}
		if !self {
			if val, err = d.fieldContent(buf[ns:ne]); err != nil {
				return true, err
			}
		}
		d.setField(col, key, val)
	}
}

// ancestor reads the children of an element on the RecordPath (level 0: the root element) up to
// and including its end tag. Children named RecordPath[level] are descended into, or, at the
// last level, are the records; children named by a Parent column are kept for the records
// inside (the first occurrence); every other child is checked and skipped: it belongs to the
// parent table.
func (d *xmlDecoder) ancestor(name []byte, level int) error {
	path := d.b.t.RecordPath
	want, last := path[level], level == len(path)-1
	first, mark := d.s.records(), len(d.pvals)
	if last {
		d.listPos = 0
	}
	for {
		d.skipSpace()
		if d.pos+1 >= len(d.buf) {
			return d.fail(len(d.buf), "unexpected end of input: <%s> not closed", name)
		}
		if d.buf[d.pos] != '<' {
			return d.fail(d.pos, "text %s directly inside <%s>", d.excerpt(d.pos), name)
		}
		switch d.buf[d.pos+1] {
		case '/':
			if err := d.endTag(name); err != nil {
				return err
			}
			d.s.fillParents(first, d.pvals[mark:])
			d.pvals = d.pvals[:mark]
			return nil
		case '!':
			if err := d.bang(name); err != nil {
				return err
			}
			continue
		case '?':
			if err := d.pi(); err != nil {
				return err
			}
			continue
		}
		ns, ne, self, err := d.startTag()
		if err != nil {
			return err
		}
		child := d.buf[ns:ne]
		switch {
		case string(child) == want && last:
			d.beginRecord()
			if !self {
				err = d.recordContent(child)
			}
			d.inRec = false
		case string(child) == want:
			if !self {
				err = d.ancestor(child, level+1)
			}
		default:
			val := ref{off: uint32(d.pos)}
			if !self {
				val, err = d.fieldContent(child)
			}
			if c, ok := d.b.parents[string(child)]; ok && err == nil && !hasCol(d.pvals[mark:], c) {
				val.flags |= fPresent
				d.pvals = append(d.pvals, parentVal{c, val})
			}
		}
		if err != nil {
			return err
		}
	}
}

// --- JSON ---

// member reads the value of a record member (or of a member of a nested object, with its dotted
// key) and stages it.
func (d *jsonDecoder) member(col int, key ref) error {
	if col >= 0 && d.b.cols[col].kind == kindList {
		return d.listValue(col, key)
	}
	if col < 0 && d.b.prefixes != nil || col >= 0 && d.b.cols[col].prefix {
		d.ws()
		if d.peek() == '{' && d.b.prefixes[string(d.s.bytes(key))] {
			return d.object(key)
		}
	}
	v, err := d.value()
	if err != nil {
		return err
	}
	d.s.set(col, key, v)
	return nil
}

// object reads a nested object whose members are addressed by dotted fields: each member is
// staged under prefix.name.
func (d *jsonDecoder) object(prefix ref) error {
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		if d.peek() != '"' {
			return d.unexpected("a field name")
		}
		k, err := d.str()
		if err != nil {
			return err
		}
		if err := d.expect(':', "':'"); err != nil {
			return err
		}
		key := d.s.dotted(prefix, k)
		col, ok := d.b.fields[string(d.s.bytes(key))]
		if !ok {
			col = -1
		}
		if err := d.member(col, key); err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.unexpected("',' or '}'")
		}
	}
}

// listValue reads the value of a list column: an array of scalars (one element each; null and
// "" left out), a single scalar (one element), or null (none). An object, or an array holding
// an object or array, goes to _extra whole.
func (d *jsonDecoder) listValue(col int, key ref) error {
	d.ws()
	if d.peek() != '[' {
		v, err := d.value()
		if err != nil {
			return err
		}
		if v.flags&fNested != 0 {
			d.s.keepExtra(key, v)
		} else {
			d.s.addItem(col, v)
		}
		return nil
	}
	start, mark := d.pos, len(d.s.items)
	d.pos++
	d.ws()
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		if c := d.peek(); c == '{' || c == '[' {
			d.s.items = d.s.items[:mark]
			d.pos = start
			v, err := d.value()
			if err != nil {
				return err
			}
			d.s.keepExtra(key, v)
			return nil
		}
		v, err := d.value()
		if err != nil {
			return err
		}
		d.s.addItem(col, v)
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return d.unexpected("',' or ']'")
		}
	}
}

// ancestor reads an object on the RecordPath (level 0: the root object): the member named
// RecordPath[level] is descended into, or, at the last level, holds the records (an array, a
// single object, null or ""); members named by a Parent column are kept for the records inside;
// every other member is checked and skipped.
func (d *jsonDecoder) ancestor(level int) error {
	path := d.b.t.RecordPath
	want, last := path[level], level == len(path)-1
	first, mark := d.s.records(), len(d.pvals)
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		if d.peek() != '"' {
			return d.unexpected("a member name")
		}
		k, err := d.str()
		if err != nil {
			return err
		}
		if err := d.expect(':', "':'"); err != nil {
			return err
		}
		d.ws()
		key := d.s.bytes(k)
		switch {
		case string(key) == want && last:
			if d.peek() == '{' {
				d.listPos = 0
				err = d.record()
			} else {
				err = d.list(want)
			}
		case string(key) == want:
			err = d.descend(level + 1)
		default:
			c, ok := d.b.parents[string(key)]
			if ok && !hasCol(d.pvals[mark:], c) {
				var v ref
				if v, err = d.value(); err == nil {
					v.flags |= fPresent
					d.pvals = append(d.pvals, parentVal{c, v})
				}
			} else {
				sc := len(d.s.scratch)
				err = d.compact(0)
				d.s.scratch = d.s.scratch[:sc]
			}
		}
		if err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.s.fillParents(first, d.pvals[mark:])
			d.pvals = d.pvals[:mark]
			return nil
		default:
			return d.unexpected("',' or '}'")
		}
	}
}

// descend reads a value on the RecordPath above the records: an object, an array of objects
// (each walked in turn), or null.
func (d *jsonDecoder) descend(level int) error {
	switch d.peek() {
	case '{':
		return d.ancestor(level)
	case 'n':
		return d.literal("null")
	case '[':
		d.pos++
		d.ws()
		if d.peek() == ']' {
			d.pos++
			return nil
		}
		for {
			d.ws()
			if d.peek() != '{' {
				return d.unexpected("an object on the record path")
			}
			if err := d.ancestor(level); err != nil {
				return err
			}
			d.ws()
			switch d.peek() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				return nil
			default:
				return d.unexpected("',' or ']'")
			}
		}
	}
	return d.unexpected("an object or an array of objects on the record path")
}
