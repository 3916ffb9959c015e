package transform

// A hand-rolled ISO-8601 parser: time.Parse costs about ten times as much and allocates on error.
//
// Accepted, after the caller trimmed surrounding whitespace:
//
//	2008-03-09T09:13:02-07:00   extended date and time, offset ±hh:mm, ±hhmm or ±hh, or Z
//	2008-03-09 09:13:02.123Z    a space (or t) instead of T; fraction of 1–9 digits after . or ,
//	2007-08-05 13:15Z           seconds omitted
//	20070805T1315Z              compact date and time (both compact), seconds optional
//	2008-03-09T09:13:02         no zone: UTC
//	2008-03-09, 20080309        date only: midnight UTC
//
// Years are 0000–9999; months, days (leap years included), hours 00–23, minutes and seconds 00–59
// (no leap second) are range checked. Fractions below a millisecond are truncated.

const msPerDay = 86_400_000

// parseTimestamp returns the instant as Unix milliseconds in UTC.
func parseTimestamp(s []byte) (int64, bool) {
	days, ms, off, ok := parseISO(s)
	if !ok {
		return 0, false
	}
	return days*msPerDay + ms - off*1000, true
}

// parseDate returns the calendar date as written (days since 1970-01-01): "YYYY-MM-DD",
// "YYYYMMDD", or the date part of a full timestamp, which must itself be valid. The written date
// is kept, not the UTC date: a hire date of 2008-03-23T23:00-07:00 is the 23rd.
func parseDate(s []byte) (int32, bool) {
	days, _, _, ok := parseISO(s)
	if !ok {
		return 0, false
	}
	return int32(days), true
}

// parseISO splits an ISO-8601 value into days since the epoch of the written date, milliseconds
// of the written time of day, and the zone offset in seconds east of UTC.
func parseISO(s []byte) (days, ms, off int64, ok bool) {
	if len(s) < 8 {
		return 0, 0, 0, false
	}
	y, ok1 := digits4(s)
	var mo, d int
	var i int
	var ext, ok2, ok3 bool
	if s[4] == '-' {
		if len(s) < 10 || s[7] != '-' {
			return 0, 0, 0, false
		}
		mo, ok2 = digits2(s[5:])
		d, ok3 = digits2(s[8:])
		i, ext = 10, true
	} else {
		mo, ok2 = digits2(s[4:])
		d, ok3 = digits2(s[6:])
		i = 8
	}
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, 0, 0, false
	}
	days = daysFromCivil(y, mo, d)
	if i == len(s) {
		return days, 0, 0, true
	}
	if c := s[i]; c != 'T' && c != 't' && c != ' ' {
		return 0, 0, 0, false
	}
	i++
	rest := s[i:]
	hh, ok1 := digits2(rest)
	if !ok1 || hh > 23 {
		return 0, 0, 0, false
	}
	rest = rest[2:]
	if ext {
		if len(rest) == 0 || rest[0] != ':' {
			return 0, 0, 0, false
		}
		rest = rest[1:]
	}
	mm, ok1 := digits2(rest)
	if !ok1 || mm > 59 {
		return 0, 0, 0, false
	}
	rest = rest[2:]
	ss := 0
	hasSec := false
	if ext {
		if len(rest) > 0 && rest[0] == ':' {
			if ss, ok1 = digits2(rest[1:]); !ok1 {
				return 0, 0, 0, false
			}
			rest, hasSec = rest[3:], true
		}
	} else if len(rest) >= 2 && isDigit(rest[0]) {
		if ss, ok1 = digits2(rest); !ok1 {
			return 0, 0, 0, false
		}
		rest, hasSec = rest[2:], true
	}
	if ss > 59 {
		return 0, 0, 0, false
	}
	frac := 0
	if hasSec && len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
		n := 1
		for n < len(rest) && isDigit(rest[n]) {
			if n <= 3 {
				frac = frac*10 + int(rest[n]-'0')
			}
			n++
		}
		nd := n - 1
		if nd < 1 || nd > 9 {
			return 0, 0, 0, false
		}
		for ; nd < 3; nd++ {
			frac *= 10
		}
		rest = rest[n:]
	}
	ms = int64(((hh*60+mm)*60+ss)*1000 + frac)
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
	case rest[0] == '+' || rest[0] == '-':
		oh, ok1 := digits2(rest[1:])
		if !ok1 || oh > 23 {
			return 0, 0, 0, false
		}
		om := 0
		switch z := rest[3:]; {
		case len(z) == 0:
		case len(z) == 3 && z[0] == ':':
			om, ok1 = digits2(z[1:])
		case len(z) == 2:
			om, ok1 = digits2(z)
		default:
			ok1 = false
		}
		if !ok1 || om > 59 {
			return 0, 0, 0, false
		}
		off = int64(oh*3600 + om*60)
		if rest[0] == '-' {
			off = -off
		}
	default:
		return 0, 0, 0, false
	}
	return days, ms, off, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digits2(s []byte) (int, bool) {
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func digits4(s []byte) (int, bool) {
	a, ok1 := digits2(s)
	b, ok2 := digits2(s[2:])
	return a*100 + b, ok1 && ok2
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic
// Gregorian date.
func daysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := yy - era*400
	mp := int64(m+9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
