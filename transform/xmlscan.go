package transform

// The lexical pieces of the XML scanner: tags, attributes, references, comments, CDATA,
// processing instructions and the declaration. Each reads at d.pos and moves d.pos past it.

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

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
