package transform

// CSV as RFC 4180 and encoding/csv read it (the reference the fuzz tests compare against): the
// first record is the header of vendor field names, then one record per row. Fields are
// separated by commas; quoted fields may hold commas, quotes ("") and line breaks; lines end in
// \n or \r\n (\r\n inside a quoted field becomes \n); empty lines are skipped; a UTF-8 BOM at the
// start is dropped. A bare quote in an unquoted field, text after a closing quote and rows whose
// field count differs from the header's are ErrMalformed. Values are trimmed; headers the table
// does not know go to _extra. An empty page is zero rows.

var csvStop = [256]bool{',': true, '\n': true, '"': true, '\r': true}

type csvDecoder struct {
	b      *Builder
	s      *stage
	buf    []byte
	pos    int
	rec    int
	header []ref
	cols   []int
	fields []ref
}

func (d *csvDecoder) decode(b *Builder, body []byte) error {
	*d = csvDecoder{b: b, s: &b.stage, buf: body, header: d.header[:0], cols: d.cols[:0], fields: d.fields[:0]}
	if len(body) >= 3 && string(body[:3]) == string(utf8BOM) {
		d.pos = 3
	}
	if !d.skipEmptyLines() {
		return nil
	}
	if err := d.readRecord(); err != nil {
		return err
	}
	for _, f := range d.fields {
		h := d.s.trimRef(f)
		d.header = append(d.header, h)
		col, ok := b.fields[string(d.s.bytes(h))]
		if !ok {
			col = -1
		}
		d.cols = append(d.cols, col)
	}
	for d.skipEmptyLines() {
		d.rec++
		at := d.pos
		if err := d.readRecord(); err != nil {
			return err
		}
		if len(d.fields) != len(d.header) {
			return &posError{off: at, record: d.rec, err: malformed("row has %d fields, the header has %d", len(d.fields), len(d.header))}
		}
		d.s.beginRecord()
		if b.posCol >= 0 {
			d.s.setPosition(b.posCol, d.rec)
		}
		for i, f := range d.fields {
			c := d.cols[i]
			if c >= 0 && b.cols[c].kind == kindList {
				d.s.splitItems(c, d.s.trimRef(f), b.cols[c].sep)
				continue
			}
			d.s.set(c, d.header[i], d.s.trimRef(f))
		}
	}
	return nil
}

// skipEmptyLines moves past empty lines and reports whether a record follows.
func (d *csvDecoder) skipEmptyLines() bool {
	buf := d.buf
	for d.pos < len(buf) {
		switch {
		case buf[d.pos] == '\n':
			d.pos++
		case buf[d.pos] == '\r' && (d.pos+1 == len(buf) || buf[d.pos+1] == '\n'):
			d.pos = min(d.pos+2, len(buf))
		default:
			return true
		}
	}
	return false
}

func (d *csvDecoder) fail(off int, format string, args ...any) error {
	return &posError{off: off, record: d.rec, err: malformed(format, args...)}
}

// readRecord reads the fields of one record (untrimmed) into d.fields, up to and including its
// line end.
func (d *csvDecoder) readRecord() error {
	buf := d.buf
	d.fields = d.fields[:0]
	for {
		var f ref
		var err error
		if d.pos < len(buf) && buf[d.pos] == '"' {
			f, err = d.quoted()
		} else {
			f, err = d.unquoted()
		}
		if err != nil {
			return err
		}
		d.fields = append(d.fields, f)
		// d.pos is at the separator or line end that ended the field.
		switch {
		case d.pos >= len(buf):
			return nil
		case buf[d.pos] == ',':
			d.pos++
		case buf[d.pos] == '\n':
			d.pos++
			return nil
		case buf[d.pos] == '\r' && (d.pos+1 == len(buf) || buf[d.pos+1] == '\n'):
			d.pos = min(d.pos+2, len(buf))
			return nil
		default:
			return d.fail(d.pos, "extraneous %q after a quoted field", buf[d.pos])
		}
	}
}

func (d *csvDecoder) unquoted() (ref, error) {
	buf := d.buf
	start := d.pos
	i := start
	for ; i < len(buf); i++ {
		if !csvStop[buf[i]] {
			continue
		}
		switch buf[i] {
		case ',', '\n':
			d.pos = i
			return pageRef(start, i), nil
		case '"':
			return ref{}, d.fail(i, `bare " in an unquoted field`)
		case '\r':
			if i+1 == len(buf) || buf[i+1] == '\n' {
				d.pos = i
				return pageRef(start, i), nil
			}
		}
	}
	d.pos = i
	return pageRef(start, i), nil
}

func (d *csvDecoder) quoted() (ref, error) {
	buf, s := d.buf, d.s
	at := d.pos
	start := at + 1
	sc := -1
	for i := start; ; i++ {
		if i >= len(buf) {
			return ref{}, d.fail(at, "unexpected end of input in a quoted field")
		}
		switch buf[i] {
		case '"':
			if i+1 < len(buf) && buf[i+1] == '"' {
				if sc < 0 {
					sc = len(s.scratch)
				}
				s.scratch = append(s.scratch, buf[start:i+1]...)
				i++
				start = i + 1
				continue
			}
			d.pos = i + 1
			if sc < 0 {
				return pageRef(start, i), nil
			}
			s.scratch = append(s.scratch, buf[start:i]...)
			return s.scratchRef(sc), nil
		case '\r':
			if i+1 < len(buf) && buf[i+1] == '\n' {
				if sc < 0 {
					sc = len(s.scratch)
				}
				s.scratch = append(s.scratch, buf[start:i]...)
				start = i + 1 // keep the \n
			}
		}
	}
}
