package transform

import (
	"bytes"
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
// _extra under its name; its column, if any, is left NULL.

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
}

func (d *xmlDecoder) decode(b *Builder, body []byte) error {
	*d = xmlDecoder{b: b, s: &b.stage, buf: body, record: b.t.Record, stack: d.stack[:0], tmp: d.tmp[:0]}
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
	for p < len(buf) && spaceTable[buf[p]] {
		p++
	}
	d.pos = p
}

// declaration checks <?xml …?> at the start of the document: only UTF-8 (or its ASCII subset)
// can be decoded without conversion.
func (d *xmlDecoder) declaration() error {
	start := d.pos
	end := bytes.Index(d.buf[start:], []byte("?>"))
	if end < 0 {
		return d.fail(start, "unterminated XML declaration")
	}
	body := d.buf[start+5 : start+end]
	d.pos = start + end + 2
	for i := 0; ; {
		for i < len(body) && isSpace(body[i]) {
			i++
		}
		if i == len(body) {
			return nil
		}
		ns := i
		for i < len(body) && xmlNameChar[body[i]] {
			i++
		}
		name := string(body[ns:i])
		for i < len(body) && isSpace(body[i]) {
			i++
		}
		if name == "" || i == len(body) || body[i] != '=' {
			return d.fail(start, "malformed XML declaration")
		}
		for i++; i < len(body) && isSpace(body[i]); i++ {
		}
		if i == len(body) || body[i] != '\'' && body[i] != '"' {
			return d.fail(start, "malformed XML declaration")
		}
		q := bytes.IndexByte(body[i+1:], body[i])
		if q < 0 {
			return d.fail(start, "malformed XML declaration")
		}
		val := body[i+1 : i+1+q]
		i += q + 2
		if name == "encoding" && !isUTF8Name(val) {
			return &posError{off: start, err: fmt.Errorf("XML encoding %q (only UTF-8 is decoded): %w", val, ErrUnsupported)}
		}
	}
}

func isUTF8Name(v []byte) bool {
	for _, ok := range []string{"utf-8", "utf8", "us-ascii", "ascii"} {
		if string(bytes.ToLower(v)) == ok {
			return true
		}
	}
	return false
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
		// <name>, <name/> or <name />.
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
		val := ref{off: uint32(d.pos)}
		if !self {
			if val, err = d.fieldContent(field); err != nil {
				return err
			}
		}
		d.s.set(col, pageRef(ns, ne), val)
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

// appendNewlines appends text with \r\n and \r turned into \n.
func appendNewlines(dst, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '\r')
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(append(dst, text[:i]...), '\n')
		text = text[i+1:]
		if len(text) > 0 && text[0] == '\n' {
			text = text[1:]
		}
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

// startTag reads "<name attr='v' …>" or "<name …/>" at d.pos and returns the name's span.
func (d *xmlDecoder) startTag() (ns, ne int, self bool, err error) {
	buf := d.buf
	at := d.pos
	p := at + 1
	if p >= len(buf) || !xmlNameStart[buf[p]] {
		return 0, 0, false, d.fail(at, "invalid tag %s", d.excerpt(at))
	}
	ns = p
	for p < len(buf) && xmlNameChar[buf[p]] {
		p++
	}
	ne = p
	if p < len(buf) && buf[p] == '>' {
		d.pos = p + 1
		return ns, ne, false, nil
	}
	for {
		sp := p
		for p < len(buf) && isSpace(buf[p]) {
			p++
		}
		if p >= len(buf) {
			return 0, 0, false, d.fail(len(buf), "unexpected end of input in tag <%s", buf[ns:ne])
		}
		switch c := buf[p]; {
		case c == '>':
			d.pos = p + 1
			return ns, ne, false, nil
		case c == '/':
			if p+1 < len(buf) && buf[p+1] == '>' {
				d.pos = p + 2
				return ns, ne, true, nil
			}
			return 0, 0, false, d.fail(p, "invalid tag <%s: %s", buf[ns:ne], d.excerpt(p))
		case p == sp || !xmlNameStart[c]:
			return 0, 0, false, d.fail(p, "invalid tag <%s: %s", buf[ns:ne], d.excerpt(p))
		}
		if p, err = d.attribute(p, buf[ns:ne]); err != nil {
			return 0, 0, false, err
		}
	}
}

// attribute checks name='value' at p and returns the offset after it.
func (d *xmlDecoder) attribute(p int, tag []byte) (int, error) {
	buf := d.buf
	for p < len(buf) && xmlNameChar[buf[p]] {
		p++
	}
	for p < len(buf) && isSpace(buf[p]) {
		p++
	}
	if p >= len(buf) || buf[p] != '=' {
		return 0, d.fail(min(p, len(buf)), "attribute without value in <%s>", tag)
	}
	for p++; p < len(buf) && isSpace(buf[p]); p++ {
	}
	if p >= len(buf) || buf[p] != '"' && buf[p] != '\'' {
		return 0, d.fail(min(p, len(buf)), "unquoted attribute value in <%s>", tag)
	}
	q := buf[p]
	for p++; p < len(buf) && buf[p] != q; {
		switch buf[p] {
		case '<':
			return 0, d.fail(p, "'<' in an attribute value of <%s>", tag)
		case '&':
			d.pos = p
			var err error
			if d.tmp, err = d.entity(d.tmp[:0]); err != nil {
				return 0, err
			}
			p = d.pos
		default:
			p++
		}
	}
	if p >= len(buf) {
		return 0, d.fail(len(buf), "unexpected end of input in an attribute of <%s>", tag)
	}
	return p + 1, nil
}

// endTag reads "</name>" at d.pos and checks it closes want.
func (d *xmlDecoder) endTag(want []byte) error {
	buf := d.buf
	at := d.pos
	p := at + 2
	if e := p + len(want); e < len(buf) && buf[e] == '>' && string(buf[p:e]) == string(want) {
		d.pos = e + 1
		return nil
	}
	ns := p
	for p < len(buf) && xmlNameChar[buf[p]] {
		p++
	}
	got := buf[ns:p]
	for p < len(buf) && isSpace(buf[p]) {
		p++
	}
	if p >= len(buf) {
		return d.fail(len(buf), "unexpected end of input in end tag </%s", got)
	}
	if buf[p] != '>' || len(got) == 0 {
		return d.fail(at, "invalid end tag %s", d.excerpt(at))
	}
	if !bytes.Equal(got, want) {
		return d.fail(at, "mismatched end tag </%s>, want </%s>", got, want)
	}
	d.pos = p + 1
	return nil
}

// entity decodes the reference at d.pos ("&amp;", "&#39;", "&#x27;") onto dst.
func (d *xmlDecoder) entity(dst []byte) ([]byte, error) {
	buf := d.buf
	at := d.pos
	end := bytes.IndexByte(buf[at:min(at+16, len(buf))], ';')
	if end < 0 {
		return dst, d.fail(at, "invalid entity reference %s", d.excerpt(at))
	}
	name := buf[at+1 : at+end]
	d.pos = at + end + 1
	switch string(name) {
	case "amp":
		return append(dst, '&'), nil
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "quot":
		return append(dst, '"'), nil
	case "apos":
		return append(dst, '\''), nil
	}
	if len(name) < 2 || name[0] != '#' {
		return dst, d.fail(at, "unknown entity &%s;", name)
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	var r rune
	for _, c := range digits {
		var v rune
		switch {
		case c >= '0' && c <= '9':
			v = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return dst, d.fail(at, "invalid character reference &%s;", name)
		}
		if r = r*base + v; r > utf8.MaxRune {
			return dst, d.fail(at, "invalid character reference &%s;", name)
		}
	}
	if len(digits) == 0 || !isXMLChar(r) {
		return dst, d.fail(at, "invalid character reference &%s;", name)
	}
	return utf8.AppendRune(dst, r), nil
}

// isXMLChar reports the characters XML 1.0 allows in a document.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

// comment skips "<!-- … -->" at d.pos; "--" may not occur inside.
func (d *xmlDecoder) comment() error {
	at := d.pos
	i := bytes.Index(d.buf[at+4:], []byte("--"))
	if i < 0 {
		return d.fail(len(d.buf), "unexpected end of input in a comment")
	}
	e := at + 4 + i
	if e+2 >= len(d.buf) {
		return d.fail(len(d.buf), "unexpected end of input in a comment")
	}
	if d.buf[e+2] != '>' {
		return d.fail(e, "\"--\" inside a comment")
	}
	d.pos = e + 3
	return nil
}

// cdata reads "<![CDATA[ … ]]>" at d.pos and returns its text.
func (d *xmlDecoder) cdata() ([]byte, error) {
	start := d.pos + len("<![CDATA[")
	i := bytes.Index(d.buf[start:], []byte("]]>"))
	if i < 0 {
		return nil, d.fail(len(d.buf), "unexpected end of input in a CDATA section")
	}
	d.pos = start + i + 3
	return d.buf[start : start+i], nil
}

// pi skips a processing instruction "<?target …?>" at d.pos. The XML declaration is only
// allowed at the start of the document.
func (d *xmlDecoder) pi() error {
	at := d.pos
	p := at + 2
	for p < len(d.buf) && xmlNameChar[d.buf[p]] {
		p++
	}
	target := d.buf[at+2 : p]
	if len(target) == 0 || !xmlNameStart[target[0]] {
		return d.fail(at, "invalid processing instruction %s", d.excerpt(at))
	}
	if string(bytes.ToLower(target)) == "xml" {
		return d.fail(at, "XML declaration not at the start of the document")
	}
	i := bytes.Index(d.buf[p:], []byte("?>"))
	if i < 0 {
		return d.fail(len(d.buf), "unexpected end of input in a processing instruction")
	}
	if i > 0 && !isSpace(d.buf[p]) {
		return d.fail(at, "invalid processing instruction %s", d.excerpt(at))
	}
	d.pos = p + i + 2
	return nil
}
