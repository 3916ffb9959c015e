package transform

import (
	"math"
	"strconv"
)

// Value coercions from vendor text to column types. Each returns ok=false for text it cannot
// coerce; the caller then stores NULL (or the zero value of a key column) and keeps the raw text
// in _extra. Empty text and Column.NullValues are handled before these are called.

// parseBool accepts Yes/No, Y/N, true/false and 1/0 in any case.
func parseBool(s []byte) (v, ok bool) {
	switch len(s) {
	case 1:
		switch s[0] {
		case 'y', 'Y', '1':
			return true, true
		case 'n', 'N', '0':
			return false, true
		}
	case 2:
		if s[0]|0x20 == 'n' && s[1]|0x20 == 'o' {
			return false, true
		}
	case 3:
		if s[0]|0x20 == 'y' && s[1]|0x20 == 'e' && s[2]|0x20 == 's' {
			return true, true
		}
	case 4:
		if s[0]|0x20 == 't' && s[1]|0x20 == 'r' && s[2]|0x20 == 'u' && s[3]|0x20 == 'e' {
			return true, true
		}
	case 5:
		if s[0]|0x20 == 'f' && s[1]|0x20 == 'a' && s[2]|0x20 == 'l' && s[3]|0x20 == 's' && s[4]|0x20 == 'e' {
			return false, true
		}
	}
	return false, false
}

// parseInt accepts an optional sign and decimal digits, without overflow.
func parseInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	u, ok := parseDigits(s)
	if !ok {
		return 0, false
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// parseUint accepts an optional plus sign and decimal digits, without overflow.
func parseUint(s []byte) (uint64, bool) {
	if len(s) > 0 && s[0] == '+' {
		s = s[1:]
	}
	return parseDigits(s)
}

func parseDigits(s []byte) (uint64, bool) {
	if len(s) == 0 || len(s) > 20 {
		return 0, false
	}
	var u uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if u > (math.MaxUint64-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	return u, true
}

// parseFloat accepts decimal and exponent notation; NaN and infinities are refused.
func parseFloat(s []byte) (float64, bool) {
	for _, c := range s {
		// strconv also takes "inf", "nan", hex floats and underscores: keep to plain decimals.
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// isSpace reports XML, JSON and CSV insignificant whitespace.
func isSpace(c byte) bool { return spaceTable[c] }

var spaceTable = [256]bool{' ': true, '\n': true, '\t': true, '\r': true}

// trim removes surrounding whitespace.
func trim(s []byte) []byte {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
