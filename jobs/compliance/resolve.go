package compliance

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// Resolution is where a subject's data is in ClickHouse: for every table, the exact values of
// its identifier columns that identify the subject, and the conversations (per source) of the
// rows they identify.
type Resolution struct {
	Subject Subject
	// Matcher matches the subject's identifiers and conversations by keyed hash.
	Matcher *Matcher
	tables  map[string][]colMatch      // table name → identifier columns that matched
	convs   map[string]map[string]bool // source → conversation ids

}

// colMatch is one identifier column of a table and its values (per source) that identify the
// subject.
type colMatch struct {
	col    schema.Column
	values map[string][]string
}

// Conversations is the number of conversations found.
func (r *Resolution) Conversations() int {
	n := 0
	for _, ids := range r.convs {
		n += len(ids)
	}
	return n
}

// identCond is true for the rows of t that an identifier column marks as the subject's; the
// zero cond when there are none.
func (r *Resolution) identCond(t *schema.Table) cond {
	var c cond
	for _, m := range r.tables[t.Name] {
		sql, args := valuesCond(m.col, m.values)
		c.or(sql, args...)
	}
	return c
}

// convCond is true for the rows of t that belong to one of the subject's conversations.
func (r *Resolution) convCond(t *schema.Table) cond {
	return convSetCond(t, r.convs)
}

// convSetCond is true for the rows of t whose conversation is in set (source → ids).
func convSetCond(t *schema.Table, set map[string]map[string]bool) cond {
	if t.ConversationColumn == "" || len(set) == 0 {
		return cond{}
	}
	col := t.Columns[t.Column(t.ConversationColumn)]
	bySource := map[string][]string{}
	for src, ids := range set {
		bySource[src] = slices.Sorted(maps.Keys(ids))
	}
	sql, args := valuesCond(col, bySource)
	return cond{sql: sql, args: args}
}

// maxExpansions bounds how often resolution follows a person's records to their other
// identifiers.
const maxExpansions = 3

// Resolve finds the subject's data in every vendor table. With expand, the identifiers on the
// subject's own person records (a Dixa end user, a Chatwoot contact: tables with
// schema.ErasePerson) are added to the subject, so an erasure by e-mail also finds the
// conversations the person had by phone; Subject of the result is the expanded subject.
func Resolve(ctx context.Context, ch *load.ClickHouse, h *Hasher, s Subject, expand bool) (*Resolution, error) {
	s.Emails, s.Phones, s.IDs = slices.Clone(s.Emails), slices.Clone(s.Phones), slices.Clone(s.IDs)
	var res *Resolution
	for i := 0; ; i++ {
		var err error
		if res, err = scanIdentifiers(ctx, ch, h, s); err != nil {
			return nil, err
		}
		if !expand || i == maxExpansions {
			break
		}
		n := s.size()
		if err := expandSubject(ctx, ch, res, &s); err != nil {
			return nil, err
		}
		if s.size() == n {
			break
		}
	}
	if err := findConversations(ctx, ch, res); err != nil {
		return nil, err
	}
	return res, nil
}

// scanIdentifiers finds, per table and identifier column, the values that identify s.
func scanIdentifiers(ctx context.Context, ch *load.ClickHouse, h *Hasher, s Subject) (*Resolution, error) {
	m := NewMatcher(h)
	m.AddSubject(s)
	res := &Resolution{Subject: s, Matcher: m, tables: map[string][]colMatch{}, convs: map[string]map[string]bool{}}
	for _, t := range schema.Tables() {
		for _, c := range t.Columns {
			if !c.PII.Identifier() {
				continue
			}
			vals, err := matchingValues(ctx, ch, t, c, c.PII, s, func(src, v string) bool { return m.Identifies(c.PII, src, v) })
			if err != nil {
				return nil, err
			}
			if len(vals) > 0 {
				res.tables[t.Name] = append(res.tables[t.Name], colMatch{col: c, values: vals})
			}
		}
	}
	return res, nil
}

// matchingValues reads the distinct values (list columns: elements) of column c of t that pass
// the candidate condition of kind for s, and keeps those keep confirms, per source.
func matchingValues(ctx context.Context, ch *load.ClickHouse, t *schema.Table, c schema.Column, kind schema.PII, s Subject,
	keep func(source, v string) bool) (map[string][]string, error) {
	var q string
	var args []any
	if c.Type.IsList() {
		cand, a := candidate(kind, s, "x")
		if cand == "" {
			return nil, nil
		}
		q = fmt.Sprintf("SELECT DISTINCT %s, x FROM %s ARRAY JOIN %s AS x WHERE %s", schema.Quote(schema.ColSource),
			tableRef(ch, t), schema.Quote(c.Name), cand)
		args = a
	} else {
		cand, a := candidate(kind, s, scalarExpr(c))
		if cand == "" {
			return nil, nil
		}
		q = fmt.Sprintf("SELECT DISTINCT %s, %s FROM %s WHERE %s", schema.Quote(schema.ColSource), scalarExpr(c), tableRef(ch, t), cand)
		args = a
	}
	if s.Source != "" {
		q += " AND " + schema.Quote(schema.ColSource) + " = ?"
		args = append(args, s.Source)
	}
	rows, err := ch.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("compliance: search %s.%s: %w", t.Name, c.Name, err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var src, v string
		if err := rows.Scan(&src, &v); err != nil {
			return nil, fmt.Errorf("compliance: search %s.%s: %w", t.Name, c.Name, err)
		}
		if keep(src, v) {
			out[src] = append(out[src], v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compliance: search %s.%s: %w", t.Name, c.Name, err)
	}
	return out, nil
}

// expandSubject adds the identifiers found on the subject's person records to s.
func expandSubject(ctx context.Context, ch *load.ClickHouse, res *Resolution, s *Subject) error {
	for _, t := range schema.Tables() {
		if t.Erase != schema.ErasePerson || len(res.tables[t.Name]) == 0 {
			continue
		}
		c := res.identCond(t)
		for _, col := range t.Columns {
			if !col.PII.Identifier() {
				continue
			}
			expr := scalarExpr(col)
			if col.Type.IsList() {
				expr = "arrayJoin(" + schema.Quote(col.Name) + ")"
			}
			q := fmt.Sprintf("SELECT DISTINCT %s, %s FROM %s WHERE %s", schema.Quote(schema.ColSource), expr, tableRef(ch, t), c.sql)
			vals, err := queryPairs(ctx, ch, q, c.args...)
			if err != nil {
				return fmt.Errorf("compliance: identifiers of the person in %s: %w", t.Name, err)
			}
			for _, p := range vals {
				if p[1] == "" {
					continue
				}
				switch col.PII {
				case schema.PIIEmail:
					_ = s.AddEmail(p[1]) // not every value is an address; those are no identifiers
				case schema.PIIPhone:
					_ = s.AddPhone(p[1])
				case schema.PIICustomerID:
					_ = s.AddID(p[0], p[1])
				}
			}
		}
	}
	return nil
}

// findConversations collects the conversations of the rows the identifiers mark.
func findConversations(ctx context.Context, ch *load.ClickHouse, res *Resolution) error {
	for _, t := range schema.Tables() {
		if t.ConversationColumn == "" || len(res.tables[t.Name]) == 0 {
			continue
		}
		c := res.identCond(t)
		col := t.Columns[t.Column(t.ConversationColumn)]
		q := fmt.Sprintf("SELECT DISTINCT %s, %s FROM %s WHERE %s", schema.Quote(schema.ColSource), scalarExpr(col), tableRef(ch, t), c.sql)
		pairs, err := queryPairs(ctx, ch, q, c.args...)
		if err != nil {
			return fmt.Errorf("compliance: conversations in %s: %w", t.Name, err)
		}
		for _, p := range pairs {
			if p[1] == "" {
				continue
			}
			if res.convs[p[0]] == nil {
				res.convs[p[0]] = map[string]bool{}
			}
			res.convs[p[0]][p[1]] = true
			res.Matcher.AddConversation(p[0], p[1])
		}
	}
	return nil
}

// queryPairs runs a query of two String columns.
func queryPairs(ctx context.Context, ch *load.ClickHouse, q string, args ...any) ([][2]string, error) {
	rows, err := ch.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
