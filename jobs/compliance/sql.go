package compliance

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ccwh/ccwh/schema"
)

// This file renders the ClickHouse conditions of subject resolution. Candidate conditions are
// cheap supersets (every value Go would confirm passes them); row conditions name the exact
// stored values Go confirmed, so ClickHouse and Go never disagree about what matched.

// scalarExpr is a column's value as a non-NULL String.
func scalarExpr(c schema.Column) string {
	q := schema.Quote(c.Name)
	if c.Type == schema.String {
		return "ifNull(" + q + ", '')"
	}
	return "ifNull(toString(" + q + "), '')"
}

// phoneRegex matches any text whose digits contain the last seven digits of p in order with
// anything but digits between them: every text whose normalized form, or a phone number in
// it, PhoneMatches p contains them so.
func phoneRegex(p string) string {
	tail := p[max(0, len(p)-minPhoneDigits):]
	parts := make([]string, len(tail))
	for i := range tail {
		parts[i] = tail[i : i+1]
	}
	return strings.Join(parts, "[^0-9]*")
}

// candidate is a condition over the String expression x that is true for every value that may
// identify the subject as kind: a customer id equal to one of its ids, or (any other kind) a
// text that may hold one of its e-mail addresses or phone numbers; "" when the subject has no
// identifier to look for.
func candidate(kind schema.PII, s Subject, x string) (string, []any) {
	var parts []string
	var args []any
	if kind == schema.PIICustomerID {
		if len(s.IDs) > 0 {
			var vals []string
			for _, id := range s.IDs {
				vals = append(vals, id.Value)
			}
			parts = append(parts, "has(?, "+x+")")
			args = append(args, uniq(vals))
		}
	} else { // e-mail and phone columns hold either in contact-center data; free text may mention both
		for _, e := range s.Emails {
			parts = append(parts, "positionCaseInsensitive("+x+", ?) > 0")
			args = append(args, e)
		}
		for _, p := range s.Phones {
			parts = append(parts, "match("+x+", ?)")
			args = append(args, phoneRegex(p))
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// columnCandidate applies candidate to a scalar or list column.
func columnCandidate(c schema.Column, kind schema.PII, s Subject) (string, []any) {
	if c.Type.IsList() {
		cond, args := candidate(kind, s, "x")
		if cond == "" {
			return "", nil
		}
		return "arrayExists(x -> " + cond + ", " + schema.Quote(c.Name) + ")", args
	}
	return candidate(kind, s, scalarExpr(c))
}

// valuesCond is true for rows whose column holds one of the values of their source (a list
// column: any of them); values under source "" apply to every source.
func valuesCond(c schema.Column, bySource map[string][]string) (string, []any) {
	var parts []string
	var args []any
	for _, src := range slices.Sorted(maps.Keys(bySource)) {
		vals := bySource[src]
		if len(vals) == 0 {
			continue
		}
		test := fmt.Sprintf("has(?, %s)", scalarExpr(c))
		if c.Type.IsList() {
			test = fmt.Sprintf("hasAny(%s, ?)", schema.Quote(c.Name))
		}
		if src == "" { // any source
			parts = append(parts, test)
			args = append(args, vals)
			continue
		}
		parts = append(parts, fmt.Sprintf("(%s = ? AND %s)", schema.Quote(schema.ColSource), test))
		args = append(args, src, vals)
	}
	return orJoin(parts), args
}

// orJoin joins conditions with OR; "" when there are none.
func orJoin(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// cond is a ClickHouse condition and the arguments of its ? placeholders.
type cond struct {
	sql  string
	args []any
}

// or adds another condition with OR.
func (c *cond) or(sql string, args ...any) {
	if sql == "" {
		return
	}
	if c.sql == "" {
		c.sql, c.args = sql, args
		return
	}
	c.sql = "(" + c.sql + " OR " + sql + ")"
	c.args = append(append([]any(nil), c.args...), args...)
}

// and combines two conditions with AND.
func and(a, b cond) cond {
	if a.sql == "" || b.sql == "" {
		return cond{}
	}
	return cond{sql: "(" + a.sql + ") AND (" + b.sql + ")", args: append(append([]any(nil), a.args...), b.args...)}
}

func uniq(vs []string) []string {
	out := slices.Clone(vs)
	slices.Sort(out)
	return slices.Compact(out)
}
