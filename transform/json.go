package transform

import (
	"fmt"
	"unicode/utf8"
)

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
// otherwise kept in _extra). A repeated key keeps its first value in the column.

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
}

func (d *jsonDecoder) decode(b *Builder, body []byte) error {
	*d = jsonDecoder{b: b, s: &b.stage, buf: body}
	if len(body) >= 3 && string(body[:3]) == string(utf8BOM) {
		d.pos = 3
	}
	d.ws()
	var err error
	switch d.peek() {
	case '[':
		err = d.records()
	case '{':
		err = d.wrapper()
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

func (d *jsonDecoder) literal(lit string) error {
	if len(d.buf)-d.pos < len(lit) || string(d.buf[d.pos:d.pos+len(lit)]) != lit {
		return d.unexpected(lit)
	}
	d.pos += len(lit)
	return nil
}

// records reads [{…}, …].
func (d *jsonDecoder) records() error {
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
		v, err := d.value()
		if err != nil {
			return err
		}
		d.s.set(d.b.lookup(d.s.bytes(k), &state), k, v)
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

// str reads a string and returns its decoded text: the page bytes when it has no escapes.
func (d *jsonDecoder) str() (ref, error) {
	buf := d.buf
	start := d.pos + 1
	i := start
	for i < len(buf) && !jsonStringStop[buf[i]] {
		i++
	}
	if i < len(buf) && buf[i] == '"' {
		d.pos = i + 1
		return pageRef(start, i), nil
	}
	s := d.s
	sc := len(s.scratch)
	for {
		s.scratch = append(s.scratch, buf[start:i]...)
		if i >= len(buf) {
			return ref{}, d.fail(len(buf), "unexpected end of input in a string")
		}
		switch c := buf[i]; {
		case c == '"':
			d.pos = i + 1
			return s.scratchRef(sc), nil
		case c < 0x20:
			return ref{}, d.fail(i, "control character %q in a string", c)
		}
		// backslash
		if i+1 >= len(buf) {
			return ref{}, d.fail(len(buf), "unexpected end of input in a string")
		}
		e := buf[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			s.scratch = append(s.scratch, e)
		case 'b':
			s.scratch = append(s.scratch, '\b')
		case 'f':
			s.scratch = append(s.scratch, '\f')
		case 'n':
			s.scratch = append(s.scratch, '\n')
		case 'r':
			s.scratch = append(s.scratch, '\r')
		case 't':
			s.scratch = append(s.scratch, '\t')
		case 'u':
			r, ok := hex4(buf[i:])
			if !ok {
				return ref{}, d.fail(i-2, "invalid \\u escape")
			}
			i += 4
			if r >= 0xD800 && r < 0xDC00 && i+6 <= len(buf) && buf[i] == '\\' && buf[i+1] == 'u' {
				if lo, ok := hex4(buf[i+2:]); ok && lo >= 0xDC00 && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					i += 6
				}
			}
			s.scratch = utf8.AppendRune(s.scratch, r) // a lone surrogate becomes U+FFFD
		default:
			return ref{}, d.fail(i-2, "invalid escape \\%c", e)
		}
		start = i
		for i < len(buf) && !jsonStringStop[buf[i]] {
			i++
		}
	}
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at d.pos.
func (d *jsonDecoder) number() error {
	buf, p := d.buf, d.pos
	digits := func() bool {
		s := p
		for p < len(buf) && buf[p] >= '0' && buf[p] <= '9' {
			p++
		}
		return p > s
	}
	if p < len(buf) && buf[p] == '-' {
		p++
	}
	if p < len(buf) && buf[p] == '0' {
		p++
	} else if !digits() {
		return d.fail(d.pos, "invalid number")
	}
	if p < len(buf) && buf[p] == '.' {
		p++
		if !digits() {
			return d.fail(d.pos, "invalid number")
		}
	}
	if p < len(buf) && (buf[p] == 'e' || buf[p] == 'E') {
		p++
		if p < len(buf) && (buf[p] == '+' || buf[p] == '-') {
			p++
		}
		if !digits() {
			return d.fail(d.pos, "invalid number")
		}
	}
	d.pos = p
	return nil
}

// compact checks the value at d.pos and appends it without insignificant whitespace to scratch.
func (d *jsonDecoder) compact(depth int) error {
	if depth > maxJSONDepth {
		return d.fail(d.pos, "values nested deeper than %d", maxJSONDepth)
	}
	s := d.s
	d.ws()
	start := d.pos
	switch c := d.peek(); {
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		d.pos++
		s.scratch = append(s.scratch, c)
		d.ws()
		if d.peek() == closer {
			d.pos++
			s.scratch = append(s.scratch, closer)
			return nil
		}
		for {
			if c == '{' {
				d.ws()
				if d.peek() != '"' {
					return d.unexpected("a member name")
				}
				if err := d.compact(depth + 1); err != nil {
					return err
				}
				if err := d.expect(':', "':'"); err != nil {
					return err
				}
				s.scratch = append(s.scratch, ':')
			}
			if err := d.compact(depth + 1); err != nil {
				return err
			}
			d.ws()
			switch d.peek() {
			case ',':
				d.pos++
				s.scratch = append(s.scratch, ',')
			case closer:
				d.pos++
				s.scratch = append(s.scratch, closer)
				return nil
			default:
				return d.unexpected(fmt.Sprintf("',' or '%c'", closer))
			}
		}
	case c == '"':
		sc := len(s.scratch)
		if _, err := d.str(); err != nil {
			return err
		}
		s.scratch = append(s.scratch[:sc], d.buf[start:d.pos]...) // the raw literal, escapes kept
		return nil
	case c == '-' || c >= '0' && c <= '9':
		if err := d.number(); err != nil {
			return err
		}
	case c == 't':
		if err := d.literal("true"); err != nil {
			return err
		}
	case c == 'f':
		if err := d.literal("false"); err != nil {
			return err
		}
	case c == 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
	default:
		return d.unexpected("a value")
	}
	s.scratch = append(s.scratch, d.buf[start:d.pos]...)
	return nil
}
