package transform

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// A strict, allocation-light XML scanner for the record-oriented documents of the vendors:
//
//	<?xml version='1.0' encoding='UTF-8' ?>      optional declaration (UTF-8 or ASCII only)
//	<interactions>                               root element, any name
//	  <interaction>                              record: a child of the root named Table.Record
//	    <media-type>Phone</media-type>           field: one child element of the record
//	    <agent-name />                           empty or self-closing: no value
//	  </interaction>
//	</interactions>
//
// A document whose root element is itself named Table.Record is one record (the rtstats
// single-item paths return <agent>…</agent>). Comments and processing instructions may appear
// anywhere; CDATA sections and the five predefined and numeric character references are decoded;
// \r\n and \r become \n. Attributes are checked for syntax and ignored. Well-formedness of the
// tag nesting is enforced; DOCTYPE is refused (no DTD, no entity expansion).
//
// Deliberate strictness: an element of the root that is not a record, and non-whitespace text
// directly inside the root or inside a record, are ErrMalformed. The second rule rejects the
// vendor's "<group> ... </group>" placeholder records in the documentation samples, which would
// otherwise become rows of NULLs.
//
// A field element that has child elements of its own is kept as its inner markup (trimmed) in
// _extra under its name; its column, if any, is left NULL. Exceptions, for nested data (see the
// package comment): list columns, dotted fields, and tables with a RecordPath, where the records
// are found along the path instead of as children of the root.

const maxXMLDepth = 256

var (
	xmlNameStart [256]bool
	xmlNameChar  [256]bool
	xmlTextStop  [256]bool // bytes that end the fast path of a text value
)

func init() {
	for c := 0; c < 256; c++ {
		start := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
		xmlNameStart[c] = start
		xmlNameChar[c] = start || c >= '0' && c <= '9' || c == '-' || c == '.'
	}
	xmlTextStop['<'], xmlTextStop['&'], xmlTextStop['\r'] = true, true, true
}

type xmlDecoder struct {
	b      *Builder
	s      *stage
	buf    []byte
	pos    int
	record string // Table.Record
	rec    int    // records started
	inRec  bool
	stack  []ref  // open elements of a nested field value
	tmp    []byte // entity decoding when only validating
	// Nested data (nested.go).
	listPos int         // position of the last record in its list
	pvals   []parentVal // Parent column values of the open ancestors
}

func (d *xmlDecoder) decode(b *Builder, body []byte) error {
	*d = xmlDecoder{b: b, s: &b.stage, buf: body, record: b.t.Record, stack: d.stack[:0], tmp: d.tmp[:0], pvals: d.pvals[:0]}
	if bytes.HasPrefix(body, utf8BOM) {
		d.pos = len(utf8BOM)
	}
	d.skipSpace() // not XML, but harmless: a newline before the declaration is common
	if rest := body[d.pos:]; len(rest) > 5 && string(rest[:5]) == "<?xml" && (isSpace(rest[5]) || rest[5] == '?') {
		if err := d.declaration(); err != nil {
			return err
		}
	}
	if err := d.misc(); err != nil {
		return err
	}
	if d.pos >= len(d.buf) {
		return d.fail(d.pos, "no root element")
	}
	if d.buf[d.pos] != '<' {
		return d.fail(d.pos, "text %s before the root element", d.excerpt(d.pos))
	}
	if bytes.HasPrefix(d.buf[d.pos:], []byte("<!DOCTYPE")) {
		return &posError{off: d.pos, err: fmt.Errorf("DOCTYPE declarations are not supported: %w", ErrUnsupported)}
	}
	ns, ne, self, err := d.startTag()
	if err != nil {
		return err
	}
	root := d.buf[ns:ne]
	switch {
	case len(d.b.t.RecordPath) > 0:
		if !self {
			err = d.ancestor(root, 0)
		}
	case string(root) == d.record && d.b.t.Root != d.record:
		d.beginRecord()
		if !self {
			err = d.recordContent(root)
		}
		d.inRec = false
	case !self:
		err = d.rootContent(root)
	}
	if err != nil {
		return err
	}
	if err := d.misc(); err != nil {
		return err
	}
	if d.pos < len(d.buf) {
		return d.fail(d.pos, "content %s after the root element </%s>", d.excerpt(d.pos), root)
	}
	return nil
}

func (d *xmlDecoder) fail(off int, format string, args ...any) error {
	rec := 0
	if d.inRec {
		rec = d.rec
	}
	return &posError{off: off, record: rec, err: malformed(format, args...)}
}

// excerpt quotes a few bytes at off for an error message.
func (d *xmlDecoder) excerpt(off int) string {
	end := min(off+24, len(d.buf))
	for end < len(d.buf) && end > off && !utf8.RuneStart(d.buf[end]) {
		end--
	}
	return fmt.Sprintf("%q", d.buf[off:end])
}

func (d *xmlDecoder) skipSpace() {
	p, buf := d.pos, d.buf
	if p < len(buf) && buf[p] == '\n' { // indentation: a newline, then runs of spaces
		p++
		for p+8 <= len(buf) && binary.LittleEndian.Uint64(buf[p:]) == eightSpaces {
			p += 8
		}
	}
	for p < len(buf) && spaceTable[buf[p]] {
		p++
	}
	d.pos = p
}

const (
	eightSpaces = 0x2020202020202020
	lsb         = 0x0101010101010101
	msb         = 0x8080808080808080
)

// textStop8 reports whether the 8 bytes of w hold '<', '&' or '\r' (it may also report a byte
// after one of them: the caller then looks byte by byte).
func textStop8(w uint64) bool {
	a, b, c := w^(lsb*'<'), w^(lsb*'&'), w^(lsb*'\r')
	return ((a-lsb)&^a|(b-lsb)&^b|(c-lsb)&^c)&msb != 0
}

// misc skips whitespace, comments and processing instructions outside the root element.
func (d *xmlDecoder) misc() error {
	for {
		d.skipSpace()
		if d.pos+1 >= len(d.buf) || d.buf[d.pos] != '<' {
			return nil
		}
		switch {
		case d.buf[d.pos+1] == '?':
			if err := d.pi(); err != nil {
				return err
			}
		case bytes.HasPrefix(d.buf[d.pos:], []byte("<!--")):
			if err := d.comment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

func (d *xmlDecoder) beginRecord() {
	d.rec++
	d.inRec = true
	d.s.beginRecord()
	if d.b.posCol >= 0 {
		d.listPos++
		d.s.setPosition(d.b.posCol, d.listPos)
	}
}

// rootContent reads the children of the root element up to and including its end tag.
func (d *xmlDecoder) rootContent(root []byte) error {
	for {
		d.skipSpace()
		if d.pos >= len(d.buf) {
			return d.fail(d.pos, "unexpected end of input: <%s> not closed", root)
		}
		if d.buf[d.pos] != '<' {
			return d.fail(d.pos, "text %s directly inside <%s>", d.excerpt(d.pos), root)
		}
		if d.pos+1 >= len(d.buf) {
			return d.fail(len(d.buf), "unexpected end of input: <%s> not closed", root)
		}
		switch d.buf[d.pos+1] {
		case '/':
			return d.endTag(root)
		case '!':
			if err := d.bang(root); err != nil {
				return err
			}
		case '?':
			if err := d.pi(); err != nil {
				return err
			}
		default:
			at := d.pos
			ns, ne, self, err := d.startTag()
			if err != nil {
				return err
			}
			if string(d.buf[ns:ne]) != d.record {
				return d.fail(at, "unexpected element <%s> in <%s>, want <%s>", d.buf[ns:ne], root, d.record)
			}
			d.beginRecord()
			if !self {
				if err := d.recordContent(d.buf[ns:ne]); err != nil {
					return err
				}
			}
			d.inRec = false
		}
	}
}

// bang handles "<!" in element content where no text is allowed: comments, and CDATA sections
// that hold only whitespace.
func (d *xmlDecoder) bang(parent []byte) error {
	rest := d.buf[d.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return d.comment()
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		at := d.pos
		text, err := d.cdata()
		if err != nil {
			return err
		}
		if len(trim(text)) > 0 {
			return d.fail(at, "text %s directly inside <%s>", d.excerpt(at), parent)
		}
		return nil
	case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
		return &posError{off: d.pos, err: fmt.Errorf("DOCTYPE declarations are not supported: %w", ErrUnsupported)}
	}
	return d.fail(d.pos, "invalid markup %s", d.excerpt(d.pos))
}

// recordContent reads the fields of a record up to and including its end tag.
func (d *xmlDecoder) recordContent(name []byte) error {
	state := int32(0)
	buf := d.buf
	for {
		d.skipSpace()
		if d.pos+1 >= len(buf) {
			return d.fail(len(buf), "unexpected end of input: <%s> not closed", name)
		}
		if buf[d.pos] != '<' {
			return d.fail(d.pos, "text %s directly inside <%s> (a placeholder record?)", d.excerpt(d.pos), name)
		}
		switch buf[d.pos+1] {
		case '/':
			return d.endTag(name)
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
		// Fast path: the field the vendor sent after the previous one last time, as a plain
		// <name>, <name/> or <name />. (List and prefix columns are never learned: see lookup.)
		if p := d.b.succ[state]; p >= 0 {
			f := d.b.cols[p].fieldB
			ns, ne := d.pos+1, d.pos+1+len(f)
			if ne+2 < len(buf) && string(buf[ns:ne]) == string(f) {
				switch {
				case buf[ne] == '>':
					d.pos = ne + 1
					val, err := d.fieldContent(f)
					if err != nil {
						return err
					}
					state = p + 1
					d.s.set(int(p), pageRef(ns, ne), val)
					continue
				case buf[ne] == '/' && buf[ne+1] == '>':
					d.pos = ne + 2
				case buf[ne] == ' ' && buf[ne+1] == '/' && buf[ne+2] == '>':
					d.pos = ne + 3
				default:
					goto general
				}
				state = p + 1
				d.s.set(int(p), pageRef(ns, ne), ref{off: uint32(d.pos)})
				continue
			}
		}
	general:
		ns, ne, self, err := d.startTag()
		if err != nil {
			return err
		}
		field := buf[ns:ne]
		col := d.b.lookup(field, &state)
		if !self && (col < 0 && d.b.prefixes != nil && d.b.prefixes[string(field)] || col >= 0 && d.b.cols[col].prefix) {
			done, err := d.nested(pageRef(ns, ne), field)
			if err != nil {
				return err
			}
			if done {
				continue
			}
		}
		val := ref{off: uint32(d.pos)}
		if !self {
			if val, err = d.fieldContent(field); err != nil {
				return err
			}
		}
		d.setField(col, pageRef(ns, ne), val)
	}
}

// fieldContent reads the value of a field element up to and including its end tag. The value is
// the page bytes themselves unless entities, CDATA, comments or \r made a decoded copy necessary.
func (d *xmlDecoder) fieldContent(name []byte) (ref, error) {
	buf, s := d.buf, d.s
	start, seg := d.pos, d.pos
	sc := -1 // start of the decoded copy in scratch, once one is needed
	nested := false
	copyText := func(i int) {
		if sc < 0 {
			sc = len(s.scratch)
		}
		s.scratch = append(s.scratch, buf[seg:i]...)
	}
	for {
		i := d.pos
		for i+8 <= len(buf) && !textStop8(binary.LittleEndian.Uint64(buf[i:])) {
			i += 8
		}
		for i < len(buf) && !xmlTextStop[buf[i]] {
			i++
		}
		if i+1 >= len(buf) {
			return ref{}, d.fail(len(buf), "unexpected end of input: <%s> not closed", name)
		}
		switch buf[i] {
		case '&':
			copyText(i)
			d.pos = i
			var err error
			if s.scratch, err = d.entity(s.scratch); err != nil {
				return ref{}, err
			}
		case '\r':
			copyText(i)
			s.scratch = append(s.scratch, '\n')
			d.pos = i + 1
			if buf[d.pos] == '\n' {
				d.pos++
			}
		default: // '<'
			d.pos = i
			switch buf[i+1] {
			case '/':
				if sc >= 0 {
					copyText(i)
				}
				if err := d.endTag(name); err != nil {
					return ref{}, err
				}
				switch {
				case nested:
					if sc >= 0 {
						s.scratch = s.scratch[:sc]
					}
					v := s.trimRef(pageRef(start, i))
					v.flags |= fNested
					return v, nil
				case sc >= 0:
					return s.trimRef(s.scratchRef(sc)), nil
				}
				return s.trimRef(pageRef(start, i)), nil
			case '!':
				copyText(i)
				switch {
				case bytes.HasPrefix(buf[i:], []byte("<!--")):
					if err := d.comment(); err != nil {
						return ref{}, err
					}
				case bytes.HasPrefix(buf[i:], []byte("<![CDATA[")):
					text, err := d.cdata()
					if err != nil {
						return ref{}, err
					}
					s.scratch = appendNewlines(s.scratch, text)
				default:
					return ref{}, d.fail(i, "invalid markup %s in <%s>", d.excerpt(i), name)
				}
			case '?':
				copyText(i)
				if err := d.pi(); err != nil {
					return ref{}, err
				}
			default:
				if err := d.skipElement(); err != nil {
					return ref{}, err
				}
				nested = true
			}
		}
		seg = d.pos
	}
}

// skipElement checks one element and everything inside it (a nested field value).
func (d *xmlDecoder) skipElement() error {
	ns, ne, self, err := d.startTag()
	if err != nil || self {
		return err
	}
	buf := d.buf
	d.stack = append(d.stack[:0], pageRef(ns, ne))
	for len(d.stack) > 0 {
		i := d.pos
		for i < len(buf) && buf[i] != '<' && buf[i] != '&' {
			i++
		}
		d.pos = i
		top := d.stack[len(d.stack)-1]
		topName := buf[top.off : top.off+top.n]
		if i+1 >= len(buf) {
			return d.fail(len(buf), "unexpected end of input: <%s> not closed", topName)
		}
		if buf[i] == '&' {
			if d.tmp, err = d.entity(d.tmp[:0]); err != nil {
				return err
			}
			continue
		}
		switch buf[i+1] {
		case '/':
			if err := d.endTag(topName); err != nil {
				return err
			}
			d.stack = d.stack[:len(d.stack)-1]
		case '!':
			switch {
			case bytes.HasPrefix(buf[i:], []byte("<!--")):
				err = d.comment()
			case bytes.HasPrefix(buf[i:], []byte("<![CDATA[")):
				_, err = d.cdata()
			default:
				err = d.fail(i, "invalid markup %s in <%s>", d.excerpt(i), topName)
			}
			if err != nil {
				return err
			}
		case '?':
			if err := d.pi(); err != nil {
				return err
			}
		default:
			if len(d.stack) >= maxXMLDepth {
				return d.fail(i, "elements nested deeper than %d", maxXMLDepth)
			}
			ns, ne, self, err := d.startTag()
			if err != nil {
				return err
			}
			if !self {
				d.stack = append(d.stack, pageRef(ns, ne))
			}
		}
	}
	return nil
}
