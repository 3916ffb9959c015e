package compliance

import (
	"context"
	"fmt"
	"strings"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// tablePlan is what an erasure does to one table in ClickHouse: the same rules as scrubber,
// written as conditions over the exact values resolution and the text scan confirmed.
type tablePlan struct {
	t         *schema.Table
	del       cond            // rows to delete
	blank     cond            // rows whose blankCols are blanked (EraseBlank tables)
	blankCols []schema.Column // customer columns that can be blanked
	scrub     []scrubCol      // texts to rewrite, per column
	scrubCond cond            // rows holding one of them

	Deleted, Blanked, Rewritten uint64 // rows, counted before the mutations
}

// scrubCol is one column's texts that mention the subject and their replacements.
type scrubCol struct {
	col      schema.Column
	old, new []string
}

// touches is true for every row the plan changes.
func (p *tablePlan) touches() cond {
	var c cond
	c.or(p.del.sql, p.del.args...)
	c.or(p.blank.sql, p.blank.args...)
	c.or(p.scrubCond.sql, p.scrubCond.args...)
	return c
}

// empty reports whether the plan changes nothing.
func (p *tablePlan) empty() bool { return p.Deleted+p.Blanked+p.Rewritten == 0 }

// planTable builds and counts the plan of one table.
func planTable(ctx context.Context, ch *load.ClickHouse, res *Resolution, t *schema.Table) (*tablePlan, error) {
	p := &tablePlan{t: t}
	ident, conv := res.identCond(t), res.convCond(t)
	keyHit, err := keyHits(ctx, ch, res, t)
	if err != nil {
		return nil, err
	}
	p.del = keyHit
	switch t.Erase {
	case schema.EraseConversation:
		p.del.or(ident.sql, ident.args...)
		p.del.or(conv.sql, conv.args...)
	case schema.ErasePerson:
		p.del.or(ident.sql, ident.args...)
	default:
		for _, c := range t.Columns {
			if blankable(t, c) {
				p.blankCols = append(p.blankCols, c)
			}
		}
		if len(p.blankCols) > 0 {
			p.blank = ident
			p.blank.or(conv.sql, conv.args...)
		}
	}
	if p.scrub, err = scrubTexts(ctx, ch, res, t); err != nil {
		return nil, err
	}
	for _, s := range p.scrub {
		sql := fmt.Sprintf("has(?, %s)", scalarExpr(s.col))
		if s.col.Type.IsList() {
			sql = fmt.Sprintf("hasAny(%s, ?)", schema.Quote(s.col.Name))
		}
		p.scrubCond.or(sql, s.old)
	}
	if err := p.count(ctx, ch, res.Subject.Source); err != nil {
		return nil, err
	}
	return p, nil
}

// count counts the rows each step changes (a row deleted is not counted again).
func (p *tablePlan) count(ctx context.Context, ch *load.ClickHouse, source string) error {
	scope := cond{sql: "1"}
	if source != "" {
		scope = cond{sql: schema.Quote(schema.ColSource) + " = ?", args: []any{source}}
	}
	notDel := cond{sql: "1"}
	if p.del.sql != "" {
		notDel = cond{sql: "NOT " + p.del.sql, args: p.del.args}
	}
	for _, s := range []struct {
		c   cond
		out *uint64
	}{{p.del, &p.Deleted}, {and(p.blank, notDel), &p.Blanked}, {and(p.scrubCond, notDel), &p.Rewritten}} {
		c := and(s.c, scope)
		if c.sql == "" {
			continue
		}
		if err := ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s WHERE %s", tableRef(ch, p.t), c.sql), c.args...).Scan(s.out); err != nil {
			return fmt.Errorf("compliance: count rows of %s to erase: %w", p.t.Name, err)
		}
	}
	return nil
}

// keyHits is true for rows whose sort-key columns identify or mention the subject: ClickHouse
// cannot update a key, so those rows are deleted.
func keyHits(ctx context.Context, ch *load.ClickHouse, res *Resolution, t *schema.Table) (cond, error) {
	var c cond
	for _, m := range res.tables[t.Name] {
		if t.IsKey(m.col.Name) {
			sql, args := valuesCond(m.col, m.values)
			c.or(sql, args...)
		}
	}
	for _, col := range t.Columns {
		if col.Type != schema.String || !t.IsKey(col.Name) || col.Name == schema.ColSource {
			continue
		}
		vals, err := matchingValues(ctx, ch, t, col, schema.PIIFreeText, res.Subject, func(_, v string) bool {
			_, changed := res.Matcher.ScrubText(v)
			return changed
		})
		if err != nil {
			return cond{}, err
		}
		sql, args := valuesCond(col, vals)
		c.or(sql, args...)
	}
	return c, nil
}

// scrubTexts scans every non-key String and list column of t (annotated or not: the sweep is
// the safety net of the annotations) for texts that mention the subject's e-mail addresses or
// phone numbers, and pairs each with its replacement (Matcher.ScrubText).
func scrubTexts(ctx context.Context, ch *load.ClickHouse, res *Resolution, t *schema.Table) ([]scrubCol, error) {
	var items, lists []string
	var cols []schema.Column
	for _, c := range t.Columns {
		if c.Type != schema.String && c.Type != schema.StringList || t.IsKey(c.Name) {
			continue
		}
		i := len(cols)
		cols = append(cols, c)
		if c.Type.IsList() {
			lists = append(lists, fmt.Sprintf("arrayMap(x -> (toUInt32(%d), x), %s)", i, schema.Quote(c.Name)))
		} else {
			items = append(items, fmt.Sprintf("(toUInt32(%d), %s)", i, scalarExpr(c)))
		}
	}
	cand, args := candidate(schema.PIIFreeText, res.Subject, "p.2")
	if len(cols) == 0 || cand == "" {
		return nil, nil
	}
	all := "[" + strings.Join(items, ", ") + "]"
	if len(items) == 0 {
		all = "emptyArrayString()" // not reached: every table has _extra
	}
	if len(lists) > 0 {
		all = "arrayConcat(" + all + ", " + strings.Join(lists, ", ") + ")"
	}
	q := fmt.Sprintf("SELECT DISTINCT p.1, p.2 FROM %s ARRAY JOIN %s AS p WHERE %s", tableRef(ch, t), all, cand)
	if res.Subject.Source != "" {
		q += " AND " + schema.Quote(schema.ColSource) + " = ?"
		args = append(args, res.Subject.Source)
	}
	rows, err := ch.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("compliance: search texts of %s: %w", t.Name, err)
	}
	defer rows.Close()
	byCol := map[uint32]*scrubCol{}
	var order []uint32
	for rows.Next() {
		var i uint32
		var v string
		if err := rows.Scan(&i, &v); err != nil {
			return nil, fmt.Errorf("compliance: search texts of %s: %w", t.Name, err)
		}
		nv, changed := res.Matcher.ScrubText(v)
		if !changed || int(i) >= len(cols) {
			continue
		}
		sc := byCol[i]
		if sc == nil {
			sc = &scrubCol{col: cols[i]}
			byCol[i] = sc
			order = append(order, i)
		}
		sc.old, sc.new = append(sc.old, v), append(sc.new, nv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compliance: search texts of %s: %w", t.Name, err)
	}
	out := make([]scrubCol, 0, len(order))
	for _, i := range order {
		out = append(out, *byCol[i])
	}
	return out, nil
}

// apply runs the plan's mutations: delete, blank, rewrite, each waited for.
func (p *tablePlan) apply(ctx context.Context, ch *load.ClickHouse, source string) error {
	scope := cond{sql: "1"}
	if source != "" {
		scope = cond{sql: schema.Quote(schema.ColSource) + " = ?", args: []any{source}}
	}
	if c := and(p.del, scope); c.sql != "" && p.Deleted > 0 {
		if err := ch.Mutate(ctx, p.t.Name, "DELETE WHERE "+c.sql, c.args...); err != nil {
			return fmt.Errorf("compliance: delete from %s: %w", p.t.Name, err)
		}
	}
	if c := and(p.blank, scope); c.sql != "" && p.Blanked > 0 {
		sets := make([]string, len(p.blankCols))
		for i, col := range p.blankCols {
			v := "NULL"
			if col.Type.IsList() {
				v = "emptyArrayString()"
			}
			sets[i] = schema.Quote(col.Name) + " = " + v
		}
		if err := ch.Mutate(ctx, p.t.Name, "UPDATE "+strings.Join(sets, ", ")+" WHERE "+c.sql, c.args...); err != nil {
			return fmt.Errorf("compliance: blank customer columns of %s: %w", p.t.Name, err)
		}
	}
	if c := and(p.scrubCond, scope); c.sql != "" && len(p.scrub) > 0 {
		var sets []string
		var args []any
		for _, s := range p.scrub {
			q := schema.Quote(s.col.Name)
			if s.col.Type.IsList() {
				sets = append(sets, fmt.Sprintf("%s = arrayMap(x -> transform(x, ?, ?, x), %s)", q, q))
			} else {
				sets = append(sets, fmt.Sprintf("%s = transform(%s, ?, ?, %s)", q, q, q))
			}
			args = append(args, s.old, s.new)
		}
		args = append(args, c.args...)
		if err := ch.Mutate(ctx, p.t.Name, "UPDATE "+strings.Join(sets, ", ")+" WHERE "+c.sql, args...); err != nil {
			return fmt.Errorf("compliance: rewrite texts of %s: %w", p.t.Name, err)
		}
	}
	return nil
}
