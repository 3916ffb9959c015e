package compliance

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// Filter keeps erased customers out of later loads: a re-extraction serves their records
// again, and the Filter applies the erasure rules (see scrubber) to every batch before it is
// archived and inserted: rows of erased conversations and persons are dropped, rows that
// mention an erased customer lose their customer columns, and erased e-mail addresses and
// phone numbers inside customer text columns and _extra become [email] / [phone]. It matches by
// the keyed hashes recorded in _ccwh_erasures. A nil or empty Filter returns every record as it
// is, at the cost of one pointer check. It is safe for concurrent use.
type Filter struct {
	m      *Matcher            // erasures of every source
	scoped map[string]*Matcher // erasures limited to one source (--source), by source
	mem    memory.Allocator
	stats  struct{ dropped, blanked, rewritten atomic.Int64 }
}

// NewFilter returns a Filter matching with m (tests; runs use LoadFilter).
func NewFilter(m *Matcher, mem memory.Allocator) *Filter {
	if m.Empty() {
		return nil
	}
	return &Filter{m: m, mem: mem}
}

// LoadFilter builds the Filter of every erasure recorded in _ccwh_erasures (whatever its
// status: an erasure that failed half-way still keeps its customer out). It returns nil when
// there are none.
func LoadFilter(ctx context.Context, ch *load.ClickHouse, mem memory.Allocator) (*Filter, error) {
	q := fmt.Sprintf("SELECT DISTINCT ifNull(source, ''), subject_hashes, conversation_hashes FROM %s", tableRef(ch, schema.Erasures))
	rows, err := ch.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("compliance: read %s for the erasure filter (run ccwh migrate if it is missing): %w", schema.Erasures.Name, err)
	}
	defer rows.Close()
	var sources []string
	var subjects, convs [][]string
	for rows.Next() {
		var src string
		var s, c []string
		if err := rows.Scan(&src, &s, &c); err != nil {
			return nil, fmt.Errorf("compliance: read %s: %w", schema.Erasures.Name, err)
		}
		sources, subjects, convs = append(sources, src), append(subjects, s), append(convs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compliance: read %s: %w", schema.Erasures.Name, err)
	}
	if len(subjects) == 0 {
		return nil, nil
	}
	h, err := LoadHasher(ctx, ch)
	if err != nil {
		return nil, err
	}
	f := &Filter{m: NewMatcher(h), scoped: map[string]*Matcher{}, mem: mem}
	for i := range subjects {
		m := f.m
		if src := sources[i]; src != "" {
			if f.scoped[src] == nil {
				f.scoped[src] = NewMatcher(h)
			}
			m = f.scoped[src]
		}
		m.AddHashes(subjects[i], convs[i])
	}
	return f, nil
}

// Scrub applies the filter to a batch of table t. It returns rec itself when nothing matched;
// otherwise it releases rec and returns the filtered record (possibly with no rows). On error
// rec is released too.
func (f *Filter) Scrub(t *schema.Table, rec arrow.Record) (arrow.Record, error) {
	if f == nil {
		return rec, nil
	}
	var err error
	if rec, err = f.pass(scrubber{t: t, m: f.m}, rec); err != nil {
		return nil, err
	}
	for src, m := range f.scoped {
		if rec, err = f.pass(scrubber{t: t, m: m, source: src}, rec); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// pass applies one scrubber; rec is released when replaced or on error.
func (f *Filter) pass(s scrubber, rec arrow.Record) (arrow.Record, error) {
	out, st, err := s.scrub(f.mem, rec)
	if err != nil {
		rec.Release()
		return nil, err
	}
	if out != rec {
		rec.Release()
	}
	f.stats.dropped.Add(st.Dropped)
	f.stats.blanked.Add(st.Blanked)
	f.stats.rewritten.Add(st.Rewritten)
	return out, nil
}

// Stats is what the filter has done so far.
func (f *Filter) Stats() ScrubStats {
	if f == nil {
		return ScrubStats{}
	}
	return ScrubStats{Dropped: f.stats.dropped.Load(), Blanked: f.stats.blanked.Load(), Rewritten: f.stats.rewritten.Load()}
}
