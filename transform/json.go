package transform

import "fmt"

// A strict JSON scanner (RFC 8259) that stages records without building maps. 8x8 does not
// document its JSON layout beyond "the same field names", so every shape an XML-to-JSON mapping
// commonly produces is accepted:
//
//	[{…}, …]                                   a bare array of records
//	{"<any>": [{…}, …]}                        e.g. {"interactions": […]} or {"interaction": […]}
//	{"<any>": {"<record>": [{…}, …]}}          {"interactions": {"interaction": […]}}
//	{"<any>": {"<record>": {…}}}               a single record not wrapped in an array
//	{"<record>": {…}}                          a single record ({"agent": {…}})
//	{"<any>": null | "" | {}}, {"<any>": {"<record>": null | ""}}   no records
//
// Field values: strings (trimmed), numbers and booleans (their JSON text, coerced like XML
// text), null (no value), objects and arrays (compact JSON text: the value of a String column,
// otherwise kept in _extra). A repeated key keeps its first value in the column. Tables with a
// RecordPath do not use these layouts: the document is walked along the path (package comment),
// and list columns and dotted fields read arrays and nested objects.

const maxJSONDepth = 256

var jsonStringStop [256]bool // bytes that end the fast path of a string

func init() {
	for c := 0; c < 0x20; c++ {
		jsonStringStop[c] = true
	}
	jsonStringStop['"'], jsonStringStop['\\'] = true, true
}

type jsonDecoder struct {
	b     *Builder
	s     *stage
	buf   []byte
	pos   int
	rec   int
	inRec bool
	// Nested data (nested.go).
	listPos int         // position of the last record in its list
	pvals   []parentVal // Parent column values of the open ancestors
}

func (d *jsonDecoder) decode(b *Builder, body []byte) error {
	*d = jsonDecoder{b: b, s: &b.stage, buf: body, pvals: d.pvals[:0]}
	path := len(b.t.RecordPath) > 0
	if len(body) >= 3 && string(body[:3]) == string(utf8BOM) {
		d.pos = 3
	}
	d.ws()
	var err error
	switch d.peek() {
	case '[':
		if path {
			err = d.descend(0)
		} else {
			err = d.records()
		}
	case '{':
		if path {
			err = d.ancestor(0)
		} else {
			err = d.wrapper()
		}
	case 0:
		return d.fail(d.pos, "empty document")
	default:
		return d.fail(d.pos, "want an object or an array of %s records", b.t.Record)
	}
	if err != nil {
		return err
	}
	d.ws()
	if d.pos < len(d.buf) {
		return d.fail(d.pos, "content after the JSON document")
	}
	return nil
}

func (d *jsonDecoder) fail(off int, format string, args ...any) error {
	rec := 0
	if d.inRec {
		rec = d.rec
	}
	return &posError{off: off, record: rec, err: malformed(format, args...)}
}

func (d *jsonDecoder) ws() {
	for d.pos < len(d.buf) && isSpace(d.buf[d.pos]) {
		d.pos++
	}
}

// peek returns the byte at d.pos, or 0 at the end of input (a NUL byte is never valid here).
func (d *jsonDecoder) peek() byte {
	if d.pos < len(d.buf) {
		return d.buf[d.pos]
	}
	return 0
}

func (d *jsonDecoder) expect(c byte, what string) error {
	d.ws()
	if d.peek() != c {
		return d.unexpected(what)
	}
	d.pos++
	return nil
}

func (d *jsonDecoder) unexpected(what string) error {
	if d.pos >= len(d.buf) {
		return d.fail(d.pos, "unexpected end of input, want %s", what)
	}
	return d.fail(d.pos, "unexpected %q, want %s", d.buf[d.pos], what)
}

// wrapper reads {"<root>": …} (see the package comment for the shapes).
func (d *jsonDecoder) wrapper() error {
	d.pos++
	d.ws()
	if d.peek() != '"' {
		return d.unexpected(`{"<root>": …} with a single member`)
	}
	k, err := d.str()
	if err != nil {
		return err
	}
	outer := string(d.s.bytes(k))
	if err := d.expect(':', "':'"); err != nil {
		return err
	}
	d.ws()
	switch d.peek() {
	case '{':
		if outer == d.b.t.Record {
			err = d.record()
		} else {
			err = d.inner(outer)
		}
	default:
		err = d.list(outer)
	}
	if err != nil {
		return err
	}
	return d.expect('}', fmt.Sprintf("'}' closing the single member %q", outer))
}

// inner reads {"<record>": […] | {…} | null | ""} or {}.
func (d *jsonDecoder) inner(outer string) error {
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	at := d.pos
	if d.peek() != '"' {
		return d.unexpected(fmt.Sprintf("%q in %q", d.b.t.Record, outer))
	}
	k, err := d.str()
	if err != nil {
		return err
	}
	if key := string(d.s.bytes(k)); key != d.b.t.Record {
		return d.fail(at, "unexpected member %q in %q, want %q", key, outer, d.b.t.Record)
	}
	if err := d.expect(':', "':'"); err != nil {
		return err
	}
	d.ws()
	if d.peek() == '{' {
		err = d.record()
	} else {
		err = d.list(d.b.t.Record)
	}
	if err != nil {
		return err
	}
	return d.expect('}', fmt.Sprintf("'}' closing %q (a single member)", outer))
}

// list reads an array of records, or null or "" for none.
func (d *jsonDecoder) list(name string) error {
	switch d.peek() {
	case '[':
		return d.records()
	case 'n':
		return d.literal("null")
	case '"':
		at := d.pos
		v, err := d.str()
		if err != nil {
			return err
		}
		if d.s.trimRef(v).n != 0 {
			return d.fail(at, "want %s records in %q, found a string", d.b.t.Record, name)
		}
		return nil
	}
	return d.unexpected(fmt.Sprintf("an array of %s records in %q", d.b.t.Record, name))
}

// records reads [{…}, …].
func (d *jsonDecoder) records() error {
	d.listPos = 0
	d.pos++
	d.ws()
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		if d.peek() != '{' {
			return d.unexpected(fmt.Sprintf("a record object (%s)", d.b.t.Record))
		}
		if err := d.record(); err != nil {
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

// record reads one record object and stages its fields.
func (d *jsonDecoder) record() error {
	d.rec++
	d.inRec = true
	d.s.beginRecord()
	if d.b.posCol >= 0 {
		d.listPos++
		d.s.setPosition(d.b.posCol, d.listPos)
	}
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		d.inRec = false
		return nil
	}
	state := int32(0)
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
		if err := d.member(d.b.lookup(d.s.bytes(k), &state), k); err != nil {
			return err
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.inRec = false
			return nil
		default:
			return d.unexpected("',' or '}'")
		}
	}
}

// value reads a field value.
func (d *jsonDecoder) value() (ref, error) {
	d.ws()
	start := d.pos
	switch c := d.peek(); {
	case c == '"':
		v, err := d.str()
		return d.s.trimRef(v), err
	case c == '-' || c >= '0' && c <= '9':
		if err := d.number(); err != nil {
			return ref{}, err
		}
	case c == 't':
		if err := d.literal("true"); err != nil {
			return ref{}, err
		}
	case c == 'f':
		if err := d.literal("false"); err != nil {
			return ref{}, err
		}
	case c == 'n':
		return ref{off: uint32(start)}, d.literal("null")
	case c == '{' || c == '[':
		sc := len(d.s.scratch)
		if err := d.compact(0); err != nil {
			return ref{}, err
		}
		v := d.s.scratchRef(sc)
		v.flags |= fRaw | fNested
		return v, nil
	default:
		return ref{}, d.unexpected("a value")
	}
	v := pageRef(start, d.pos)
	v.flags |= fRaw
	return v, nil
}
