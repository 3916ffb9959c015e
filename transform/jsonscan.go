package transform

// The lexical pieces of the JSON scanner: strings, numbers, literals, and whole values copied
// compactly.

import (
	"fmt"
	"unicode/utf8"
)

func (d *jsonDecoder) literal(lit string) error {
	if len(d.buf)-d.pos < len(lit) || string(d.buf[d.pos:d.pos+len(lit)]) != lit {
		return d.unexpected(lit)
	}
	d.pos += len(lit)
	return nil
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
