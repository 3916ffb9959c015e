package compliance

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// EraseOptions is one erasure request.
type EraseOptions struct {
	Subject Subject
	Reason  string // reason or ticket, recorded
	DryRun  bool   // resolve, check holds and count; change nothing, record nothing
	Mem     memory.Allocator
	Log     zerolog.Logger
}

// TableResult is what an erasure did (or would do) to one table.
type TableResult struct {
	Table                       string
	Deleted, Blanked, Rewritten uint64
}

// EraseResult is the summary of an erasure.
type EraseResult struct {
	ID            string // empty for a dry run
	DryRun        bool
	Identifiers   map[string]int // kind → identifiers erased (given and found on the person's records)
	Conversations int
	Tables        []TableResult // tables with changes, by name
	ArchiveFiles  int           // Parquet files rewritten (dry run: that would be)
	ArchiveStats  ScrubStats    // rows dropped, blanked, rewritten in the archive
}

// Erase removes a customer from ClickHouse and the Parquet archive (see the package doc and
// the README section "Erasure"). It refuses, with ErrHeld naming the hold, when any row it
// would change is under an active legal hold. Unless DryRun, the request is recorded in
// _ccwh_erasures before anything is changed (so that loads running from then on filter the
// customer) and updated with the counts when done.
func Erase(ctx context.Context, ch *load.ClickHouse, ar *load.Archive, o EraseOptions) (*EraseResult, error) {
	if o.Subject.Empty() {
		return nil, fmt.Errorf("compliance: erase: %w: give an e-mail address, a phone number or a customer id", ErrBadSubject)
	}
	if o.Mem == nil {
		o.Mem = memory.DefaultAllocator
	}
	hasher, err := erasureHasher(ctx, ch, o.DryRun)
	if err != nil {
		return nil, err
	}
	given := o.Subject.Kinds()
	res, err := Resolve(ctx, ch, hasher, o.Subject, true)
	if err != nil {
		return nil, err
	}
	out := &EraseResult{DryRun: o.DryRun, Conversations: res.Conversations(), Identifiers: map[string]int{
		kindEmail: len(res.Subject.Emails), kindPhone: len(res.Subject.Phones), kindCustomerID: len(res.Subject.IDs)}}
	var plans []*tablePlan
	for _, t := range schema.Tables() {
		p, err := planTable(ctx, ch, res, t)
		if err != nil {
			return nil, err
		}
		if !p.empty() {
			plans = append(plans, p)
			out.Tables = append(out.Tables, TableResult{Table: t.Name, Deleted: p.Deleted, Blanked: p.Blanked, Rewritten: p.Rewritten})
		}
	}
	if err := checkHolds(ctx, ch, res, plans); err != nil {
		return out, err
	}
	if o.DryRun {
		out.ArchiveFiles, out.ArchiveStats, err = eraseArchive(ar, res.Matcher, o.Subject.Source, o.Mem, true)
		return out, err
	}
	out.ID = newID("e-")
	rec := erasureRecord{id: out.ID, requested: time.Now().UTC(), kinds: given, m: res.Matcher, source: o.Subject.Source, reason: o.Reason}
	if err := rec.write(ctx, ch, "running", out, nil); err != nil {
		return out, err
	}
	log := o.Log.With().Str("erasure", out.ID).Logger()
	err = func() error {
		for _, p := range plans {
			if err := p.apply(ctx, ch, o.Subject.Source); err != nil {
				return err
			}
			log.Debug().Str("table", p.t.Name).Uint64("deleted", p.Deleted).Uint64("blanked", p.Blanked).
				Uint64("rewritten", p.Rewritten).Msg("table erased")
		}
		if err := forgetRemovedHolds(ctx, ch, res.Subject); err != nil {
			return err
		}
		var err error
		out.ArchiveFiles, out.ArchiveStats, err = eraseArchive(ar, res.Matcher, o.Subject.Source, o.Mem, false)
		return err
	}()
	status := "succeeded"
	if err != nil {
		status = "failed"
	}
	if werr := rec.write(context.WithoutCancel(ctx), ch, status, out, err); werr != nil && err == nil {
		err = werr
	}
	return out, err
}

// erasureHasher is the warehouse key; a dry run that finds none uses a throwaway key rather
// than creating one.
func erasureHasher(ctx context.Context, ch *load.ClickHouse, dryRun bool) (*Hasher, error) {
	if !dryRun {
		return LoadHasher(ctx, ch)
	}
	key, err := readKey(ctx, ch)
	if err != nil {
		return nil, err
	}
	if key != "" {
		return LoadHasher(ctx, ch)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("compliance: %w", err)
	}
	return NewHasher(b), nil
}

// checkHolds refuses the erasure when a subject identifier is held or when a row it would
// change is under an active hold.
func checkHolds(ctx context.Context, ch *load.ClickHouse, res *Resolution, plans []*tablePlan) error {
	hs, err := LoadHolds(ctx, ch)
	if err != nil {
		return err
	}
	for _, h := range hs.holds {
		if heldSubject(h.Hold, res.Subject) {
			return fmt.Errorf("compliance: erase refused: the customer is under %s: %w", h.Describe(), ErrHeld)
		}
	}
	for _, p := range plans {
		touch := p.touches()
		for i := range hs.holds {
			hc := hs.holds[i].cond(p.t)
			c := and(touch, hc)
			if c.sql == "" {
				continue
			}
			var n uint64
			if err := ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s WHERE %s", tableRef(ch, p.t), c.sql), c.args...).Scan(&n); err != nil {
				return fmt.Errorf("compliance: check holds on %s: %w", p.t.Name, err)
			}
			if n > 0 {
				return fmt.Errorf("compliance: erase refused: %d rows of %s are under %s: %w", n, p.t.Name, hs.holds[i].Describe(), ErrHeld)
			}
		}
	}
	return nil
}

// heldSubject reports whether a customer hold names one of the subject's identifiers.
func heldSubject(h Hold, s Subject) bool {
	if h.Source != "" && s.Source != "" && h.Source != s.Source {
		return false
	}
	switch h.Kind {
	case HoldEmail:
		return slices.Contains(s.Emails, h.Value)
	case HoldPhone:
		for _, p := range s.Phones {
			if phoneMatch(p, h.Value) {
				return true
			}
		}
	case HoldCustomerID:
		for _, id := range s.IDs {
			if id.Value == h.Value && (id.Source == "" || h.Source == "" || id.Source == h.Source) {
				return true
			}
		}
	}
	return false
}

// forgetRemovedHolds blanks the value of removed holds on the subject (active ones refused
// the erasure): a hold keeps its value only while it is in force. value_hash stays.
func forgetRemovedHolds(ctx context.Context, ch *load.ClickHouse, s Subject) error {
	all, err := ListHolds(ctx, ch, true)
	if err != nil {
		return err
	}
	var ids []string
	for _, h := range all {
		if !h.Active() && h.Value != "" && heldSubject(h, s) {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if err := ch.Mutate(ctx, schema.Holds.Name, "UPDATE value = '' WHERE has(?, hold_id)", ids); err != nil {
		return fmt.Errorf("compliance: forget the values of removed holds: %w", err)
	}
	return nil
}

// eraseArchive rewrites (dry run: counts) every archived file with rows of the matched
// customer (of source, when set), with the scrubber over every text column.
func eraseArchive(ar *load.Archive, m *Matcher, source string, mem memory.Allocator, dryRun bool) (int, ScrubStats, error) {
	var total ScrubStats
	files := 0
	ms, err := ar.Manifests()
	if err != nil {
		return 0, total, err
	}
	var errs []error
	type rewritten struct {
		manifest string
		entry    load.FileEntry
	}
	var done []rewritten
	for _, mf := range ms {
		for _, e := range slices.Clone(mf.Files) {
			t, err := schema.Lookup(e.Table)
			if err != nil { // a table this build does not know: nothing of ours to match
				continue
			}
			sc := scrubber{t: t, m: m, allColumns: true, source: source}
			ne, changed, err := ar.Rewrite(mf, e, t, mem, func(rec arrow.Record) (arrow.Record, bool, error) {
				out, st, err := sc.scrub(mem, rec)
				if err != nil || !st.Changed() {
					return nil, false, err
				}
				total.add(st)
				if dryRun {
					if out != rec {
						out.Release()
					}
					files++
					return nil, false, nil
				}
				return out, true, nil
			})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if changed {
				files++
				done = append(done, rewritten{mf.Path(), ne})
			}
		}
	}
	// A sync running meanwhile rewrites its own manifest from memory and may have put a
	// rewritten file's old entry back: check every entry once more on disk.
	for _, d := range done {
		mf, err := load.ReadManifest(d.manifest)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range mf.Files {
			if e.Path == d.entry.Path && e.SHA256 != d.entry.SHA256 {
				errs = append(errs, mf.Add(d.entry))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return files, total, fmt.Errorf("compliance: erase from the archive: %w", err)
	}
	return files, total, nil
}

// erasureRecord writes the _ccwh_erasures row of one erasure.
type erasureRecord struct {
	id        string
	requested time.Time
	kinds     []string
	m         *Matcher
	source    string
	reason    string
	version   uint64
}

func (r *erasureRecord) write(ctx context.Context, ch *load.ClickHouse, status string, out *EraseResult, failure error) error {
	r.version++
	deleted, updated := map[string]uint64{}, map[string]uint64{}
	for _, t := range out.Tables {
		if t.Deleted > 0 {
			deleted[t.Table] = t.Deleted
		}
		if n := t.Blanked + t.Rewritten; n > 0 {
			updated[t.Table] = n
		}
	}
	dj, _ := json.Marshal(deleted)
	uj, _ := json.Marshal(updated)
	var finished, errText any
	if status != "running" {
		finished = time.Now().UTC()
	}
	if failure != nil {
		errText = failure.Error()
	}
	row := []any{r.id, r.requested, finished, status, r.kinds, r.m.SubjectHashes(), r.m.ConversationHashes(), r.source, r.reason,
		string(dj), string(uj), int64(out.ArchiveFiles), out.ArchiveStats.Dropped, errText, r.version}
	if err := ch.InsertRows(ctx, schema.Erasures, [][]any{row}); err != nil {
		return fmt.Errorf("compliance: record erasure %s in %s: %w", r.id, schema.Erasures.Name, err)
	}
	return nil
}
