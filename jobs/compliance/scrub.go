package compliance

import (
	"fmt"
	"strconv"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/schema"
)

// ScrubStats counts what scrubbing records did.
type ScrubStats struct {
	Dropped   int64 // rows removed
	Blanked   int64 // rows whose customer columns were blanked
	Rewritten int64 // rows where an e-mail or phone in text was replaced
}

func (s *ScrubStats) add(o ScrubStats) {
	s.Dropped += o.Dropped
	s.Blanked += o.Blanked
	s.Rewritten += o.Rewritten
}

// Changed reports whether anything was changed.
func (s ScrubStats) Changed() bool { return s.Dropped+s.Blanked+s.Rewritten > 0 }

// scrubber applies the erasure rules to records of one table, the same rules the ClickHouse
// mutations of an erasure apply:
//
//   - a row is dropped when it belongs to a matching conversation (EraseConversation tables),
//     when an identifier column identifies a matching subject (EraseConversation and
//     ErasePerson tables), or when a sort-key column identifies or mentions one (keys cannot be
//     blanked in ClickHouse);
//   - otherwise, in EraseBlank tables, a row that an identifier identifies or that belongs to a
//     matching conversation has its customer columns blanked (NULL, or [] for lists);
//   - in the remaining rows, matching e-mail addresses and phone numbers inside text columns
//     are replaced by [email] / [phone]: in every String column (allColumns, for the archive
//     rewrite of an erasure) or in the customer columns and _extra (the load-time filter).
//
// With source set, only rows of that configured source are considered (an erasure limited
// with --source); the other rows are left as they are.
type scrubber struct {
	t          *schema.Table
	m          *Matcher
	allColumns bool
	source     string
}

// rowPlan is the decision for one row.
type rowPlan uint8

const (
	rowKeep  rowPlan = iota
	rowBlank         // customer columns blanked
	rowDrop          // left out
	rowOther         // another source than the scrubber's: untouched
)

// scrub returns rec unchanged (the same record, not retained again) when nothing matches;
// otherwise a new record (the caller releases both) and what changed.
func (s scrubber) scrub(mem memory.Allocator, rec arrow.Record) (arrow.Record, ScrubStats, error) {
	var st ScrubStats
	if s.m.Empty() || rec.NumRows() == 0 {
		return rec, st, nil
	}
	if int(rec.NumCols()) != len(s.t.Columns) {
		return nil, st, fmt.Errorf("compliance: record of %s has %d columns, the table %d", s.t.Name, rec.NumCols(), len(s.t.Columns))
	}
	n := int(rec.NumRows())
	plans := make([]rowPlan, n)
	src, _ := rec.Column(s.t.Column(schema.ColSource)).(*array.String)
	var conv arrow.Array
	if s.t.ConversationColumn != "" {
		conv = rec.Column(s.t.Column(s.t.ConversationColumn))
	}
	for i := 0; i < n; i++ {
		source := ""
		if src != nil {
			source = src.Value(i)
		}
		if s.source != "" && source != s.source {
			plans[i] = rowOther
			continue
		}
		convHit := conv != nil && s.m.Conversation(source, scalarString(conv, i))
		ident, keyHit := s.identifies(rec, i, source)
		switch {
		case keyHit,
			s.t.Erase == schema.EraseConversation && (convHit || ident),
			s.t.Erase == schema.ErasePerson && ident:
			plans[i] = rowDrop
			st.Dropped++
		case s.t.Erase == schema.EraseBlank && (convHit || ident):
			plans[i] = rowBlank
			st.Blanked++
		}
	}
	// Text replacement in the kept rows, column by column.
	repl := make([]map[int]string, len(s.t.Columns)) // column → row → new text (scalar)
	lrepl := make([]map[int][]string, len(s.t.Columns))
	rewritten := make([]bool, n)
	for ci, c := range s.t.Columns {
		if !s.scrubsText(c) {
			continue
		}
		switch arr := rec.Column(ci).(type) {
		case *array.String:
			for i := 0; i < n; i++ {
				if plans[i] == rowDrop || plans[i] == rowOther || arr.IsNull(i) {
					continue
				}
				if v, ok := s.m.ScrubText(arr.Value(i)); ok {
					if repl[ci] == nil {
						repl[ci] = map[int]string{}
					}
					repl[ci][i], rewritten[i] = v, true
				}
			}
		case *array.List:
			vals, ok := arr.ListValues().(*array.String)
			if !ok {
				continue
			}
			for i := 0; i < n; i++ {
				if plans[i] == rowDrop || plans[i] == rowOther || arr.IsNull(i) {
					continue
				}
				lo, hi := arr.ValueOffsets(i)
				var out []string
				for j := lo; j < hi; j++ {
					v, ok := s.m.ScrubText(vals.Value(int(j)))
					if ok && out == nil {
						out = make([]string, 0, hi-lo)
						for k := lo; k < j; k++ {
							out = append(out, vals.Value(int(k)))
						}
					}
					if out != nil {
						out = append(out, v)
					}
				}
				if out != nil {
					if lrepl[ci] == nil {
						lrepl[ci] = map[int][]string{}
					}
					lrepl[ci][i], rewritten[i] = out, true
				}
			}
		}
	}
	for _, r := range rewritten {
		if r {
			st.Rewritten++
		}
	}
	if !st.Changed() {
		return rec, st, nil
	}
	out, err := s.rebuild(mem, rec, plans, repl, lrepl)
	return out, st, err
}

// identifies reports whether an identifier column of row i identifies a matching subject, and
// whether a sort-key column does (or, a String key, mentions one).
func (s scrubber) identifies(rec arrow.Record, i int, source string) (ident, keyHit bool) {
	for ci, c := range s.t.Columns {
		key := s.t.IsKey(c.Name) && c.Name != schema.ColSource
		if !c.PII.Identifier() && !(key && c.Type == schema.String) {
			continue
		}
		arr := rec.Column(ci)
		if c.PII.Identifier() && s.m.HasSubjects() {
			hit := false
			if l, ok := arr.(*array.List); ok {
				if vals, ok := l.ListValues().(*array.String); ok && !l.IsNull(i) {
					lo, hi := l.ValueOffsets(i)
					for j := lo; j < hi && !hit; j++ {
						hit = s.m.Identifies(c.PII, source, vals.Value(int(j)))
					}
				}
			} else {
				hit = s.m.Identifies(c.PII, source, scalarString(arr, i))
			}
			if hit {
				ident = true
				keyHit = keyHit || key
			}
		}
		if key && !keyHit && c.Type == schema.String {
			if _, changed := s.m.ScrubText(scalarString(arr, i)); changed {
				keyHit = true
			}
		}
	}
	return ident, keyHit
}

// scrubsText reports whether the column's text is searched for e-mails and phones.
func (s scrubber) scrubsText(c schema.Column) bool {
	if c.Type != schema.String && c.Type != schema.StringList || s.t.IsKey(c.Name) {
		return false
	}
	if s.allColumns {
		return true
	}
	return c.PII.Customer()
}

// scalarString is row i of a String or Int64 array as text; "" for NULL.
func scalarString(arr arrow.Array, i int) string {
	if arr.IsNull(i) {
		return ""
	}
	switch a := arr.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Int64:
		return strconv.FormatInt(a.Value(i), 10)
	}
	return ""
}

// rebuild makes the scrubbed record: dropped rows left out, blanked rows' customer columns
// NULL (lists empty), replaced texts in place. Untouched columns are sliced, not copied.
func (s scrubber) rebuild(mem memory.Allocator, rec arrow.Record, plans []rowPlan, repl []map[int]string,
	lrepl []map[int][]string) (arrow.Record, error) {
	n := len(plans)
	var runs [][2]int // kept row ranges [lo, hi)
	kept := 0
	for i := 0; i < n; {
		if plans[i] == rowDrop {
			i++
			continue
		}
		j := i
		for j < n && plans[j] != rowDrop {
			j++
		}
		runs = append(runs, [2]int{i, j})
		kept += j - i
		i = j
	}
	sc := rec.Schema()
	cols := make([]arrow.Array, len(s.t.Columns))
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for ci, c := range s.t.Columns {
		blank := blankable(s.t, c)
		touched := repl[ci] != nil || lrepl[ci] != nil || blank && hasBlank(plans)
		var err error
		switch {
		case touched:
			cols[ci], err = rebuildColumn(mem, c, rec.Column(ci), plans, repl[ci], lrepl[ci], blank)
		case kept == n:
			cols[ci] = rec.Column(ci)
			cols[ci].Retain()
		default:
			cols[ci], err = keepRuns(mem, rec.Column(ci), runs, sc.Field(ci).Type)
		}
		if err != nil {
			return nil, fmt.Errorf("compliance: scrub %s.%s: %w", s.t.Name, c.Name, err)
		}
	}
	return array.NewRecord(sc, cols, int64(kept)), nil
}

// blankable reports whether erasure blanks the column in rows that mention a customer: a
// customer column that is not a key and can be NULL (or is a list, which empties).
func blankable(t *schema.Table, c schema.Column) bool {
	return c.PII.Customer() && !t.IsKey(c.Name) && (c.Nullable() || c.Type.IsList())
}

func hasBlank(plans []rowPlan) bool {
	for _, p := range plans {
		if p == rowBlank {
			return true
		}
	}
	return false
}

// keepRuns concatenates the kept row ranges of arr.
func keepRuns(mem memory.Allocator, arr arrow.Array, runs [][2]int, typ arrow.DataType) (arrow.Array, error) {
	if len(runs) == 0 {
		b := array.NewBuilder(mem, typ)
		defer b.Release()
		return b.NewArray(), nil
	}
	parts := make([]arrow.Array, len(runs))
	for i, r := range runs {
		parts[i] = array.NewSlice(arr, int64(r[0]), int64(r[1]))
	}
	defer func() {
		for _, p := range parts {
			p.Release()
		}
	}()
	return array.Concatenate(parts, mem)
}

// rebuildColumn copies a String, StringList or Int64 column's kept rows with replacements and
// blanks applied.
func rebuildColumn(mem memory.Allocator, c schema.Column, arr arrow.Array, plans []rowPlan, repl map[int]string,
	lrepl map[int][]string, blank bool) (arrow.Array, error) {
	switch a := arr.(type) {
	case *array.String:
		b := array.NewStringBuilder(mem)
		defer b.Release()
		for i, p := range plans {
			switch {
			case p == rowDrop:
			case p == rowBlank && blank, a.IsNull(i):
				b.AppendNull()
			default:
				if v, ok := repl[i]; ok {
					b.Append(v)
				} else {
					b.Append(a.Value(i))
				}
			}
		}
		return b.NewArray(), nil
	case *array.Int64:
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for i, p := range plans {
			switch {
			case p == rowDrop:
			case p == rowBlank && blank, a.IsNull(i):
				b.AppendNull()
			default:
				b.Append(a.Value(i))
			}
		}
		return b.NewArray(), nil
	case *array.List:
		vals, ok := a.ListValues().(*array.String)
		if !ok {
			return nil, fmt.Errorf("list of %s, want strings", a.ListValues().DataType())
		}
		b := array.NewBuilder(mem, a.DataType()).(*array.ListBuilder)
		defer b.Release()
		vb := b.ValueBuilder().(*array.StringBuilder)
		for i, p := range plans {
			switch {
			case p == rowDrop:
			case p == rowBlank && blank:
				b.Append(true)
			case a.IsNull(i):
				b.AppendNull()
			default:
				b.Append(true)
				if v, ok := lrepl[i]; ok {
					vb.AppendValues(v, nil)
					continue
				}
				lo, hi := a.ValueOffsets(i)
				for j := lo; j < hi; j++ {
					vb.Append(vals.Value(int(j)))
				}
			}
		}
		return b.NewArray(), nil
	}
	return nil, fmt.Errorf("cannot rewrite a %s column", arr.DataType())
}
