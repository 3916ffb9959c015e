package transform

import (
	"regexp"
	"sort"
	"strings"
)

// PIIKind is a kind of personal identifier found in free text. Kinds combine as a bit set.
type PIIKind uint8

const (
	PIIEmail PIIKind = 1 << iota // an e-mail address
	PIIPhone                     // a phone number: 9–15 digits, or 7–15 after a leading +
	PIICard                      // a payment card number: 13–19 digits passing the Luhn check

	PIIAll = PIIEmail | PIIPhone | PIICard
)

// String names the kind as it appears in redaction marks ("email", "phone", "card").
func (k PIIKind) String() string {
	switch k {
	case PIIEmail:
		return "email"
	case PIIPhone:
		return "phone"
	case PIICard:
		return "card"
	}
	return "pii"
}

// PIIMatch is one identifier found in a text: s[Start:End].
type PIIMatch struct {
	Kind       PIIKind
	Start, End int
}

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	// A run of digits with the separators people type inside phone and card numbers.
	digitsRe = regexp.MustCompile(`\+?\(?\d(?:[\d\-. ()/]{0,2}\d)*`)
	// Calendar dates and clock times look like digit runs but are not identifiers.
	dateRe = regexp.MustCompile(`^\d{4}[-./]\d{1,2}[-./]\d{1,2}|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}:\d{2}`)
)

// FindPII returns the identifiers of the given kinds in s, in order, without overlaps. Card
// numbers win over phone numbers (a Luhn-valid 13–19 digit run is a card). Detection errs on
// the side of finding: a long order number may be reported as a phone number.
func FindPII(s string, kinds PIIKind) []PIIMatch {
	var out []PIIMatch
	if kinds&PIIEmail != 0 && strings.IndexByte(s, '@') >= 0 {
		for _, m := range emailRe.FindAllStringIndex(s, -1) {
			out = append(out, PIIMatch{Kind: PIIEmail, Start: m[0], End: m[1]})
		}
	}
	if kinds&(PIIPhone|PIICard) != 0 && strings.ContainsAny(s, "0123456789") {
		for _, m := range digitsRe.FindAllStringIndex(s, -1) {
			start, end := m[0], m[1]
			if overlaps(out, start, end) {
				continue
			}
			run := s[start:end]
			if strings.HasPrefix(run, "(") && !strings.Contains(run, ")") {
				run, start = run[1:], start+1
			}
			if dateRe.MatchString(strings.TrimPrefix(run, "+")) {
				continue
			}
			digits := Digits(run)
			switch {
			case kinds&PIICard != 0 && len(digits) >= 13 && len(digits) <= 19 && Luhn(digits) && !strings.HasPrefix(run, "+"):
				out = append(out, PIIMatch{Kind: PIICard, Start: start, End: end})
			case kinds&PIIPhone != 0 && len(digits) <= 15 && (len(digits) >= 9 || strings.HasPrefix(run, "+") && len(digits) >= 7):
				out = append(out, PIIMatch{Kind: PIIPhone, Start: start, End: end})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func overlaps(ms []PIIMatch, start, end int) bool {
	for _, m := range ms {
		if start < m.End && m.Start < end {
			return true
		}
	}
	return false
}

// Redact replaces every identifier of the given kinds in s with a mark naming its kind
// ("[email]", "[phone]", "[card]"). It returns s itself when nothing was found.
func Redact(s string, kinds PIIKind) string {
	return ReplacePII(s, kinds, func(m PIIMatch, _ string) (string, bool) { return "[" + m.Kind.String() + "]", true })
}

// ReplacePII calls repl for every identifier of the given kinds in s (with the matched text) and
// replaces the ones for which repl reports true. It returns s itself when nothing was replaced.
func ReplacePII(s string, kinds PIIKind, repl func(m PIIMatch, text string) (string, bool)) string {
	ms := FindPII(s, kinds)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	last, changed := 0, false
	for _, m := range ms {
		r, ok := repl(m, s[m.Start:m.End])
		if !ok {
			continue
		}
		b.WriteString(s[last:m.Start])
		b.WriteString(r)
		last, changed = m.End, true
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Digits keeps only the ASCII digits of s.
func Digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Luhn reports whether a string of ASCII digits passes the Luhn (mod 10) check.
func Luhn(digits string) bool {
	if digits == "" {
		return false
	}
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// NormalizeEmail is the form e-mail addresses are compared in: trimmed and lower-cased.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// NormalizePhone is the form phone numbers are compared in: digits only, without an
// international prefix's leading "00" or a national trunk "0". "+44 7700 900123",
// "0044 7700-900123" and "447700900123" all become "447700900123"; "07700 900123" becomes
// "7700900123", which PhoneMatch relates to the international form.
func NormalizePhone(s string) string {
	d := Digits(s)
	d = strings.TrimPrefix(d, "00")
	return strings.TrimLeft(d, "0")
}

// PhoneMatch reports whether two normalized phone numbers are the same number: equal, or one
// is the other with a country code in front (the shorter has at least 7 digits).
func PhoneMatch(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	return b != "" && (a == b || len(b) >= 7 && len(a)-len(b) <= 3 && strings.HasSuffix(a, b))
}
