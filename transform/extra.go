package transform

import (
	"bytes"
	"slices"
)

// _extra holds, as one JSON object, every vendor value that has no typed column: fields the table
// does not know, repeated fields, and values that could not be coerced to their column's type.
// Keys are sorted bytewise; a key that occurs more than once maps to an array of its values in
// document order (the value of the column, if any, first). Text values are JSON strings (empty
// text is null); JSON input keeps its numbers, booleans, objects and arrays as they were.

type extraKV struct {
	key []byte
	val ref
}

// appendExtra renders kvs (which it sorts) as a JSON object onto dst.
func (s *stage) appendExtra(dst []byte, kvs []extraKV) []byte {
	slices.SortStableFunc(kvs, func(a, b extraKV) int { return bytes.Compare(a.key, b.key) })
	dst = append(dst, '{')
	for i := 0; i < len(kvs); {
		j := i + 1
		for j < len(kvs) && bytes.Equal(kvs[j].key, kvs[i].key) {
			j++
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, kvs[i].key)
		dst = append(dst, ':')
		if j-i > 1 {
			dst = append(dst, '[')
		}
		for k := i; k < j; k++ {
			if k > i {
				dst = append(dst, ',')
			}
			dst = s.appendExtraValue(dst, kvs[k].val)
		}
		if j-i > 1 {
			dst = append(dst, ']')
		}
		i = j
	}
	return append(dst, '}')
}

func (s *stage) appendExtraValue(dst []byte, v ref) []byte {
	b := s.bytes(v)
	switch {
	case v.flags&fRaw != 0:
		return append(dst, b...)
	case len(b) == 0:
		return append(dst, "null"...)
	}
	return appendJSONString(dst, b)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s (valid UTF-8) as a JSON string literal.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i, c := range s {
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
