package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// runWindow extracts, decodes, archives and loads one window of one stream, then moves the
// watermark. Pages are decoded into Arrow as they arrive and flushed every batch_rows rows:
// the Parquet file is written and fsynced first, then the same record is inserted. A stream
// may feed several tables (a page names its table, e.g. transcripts and their messages): each
// table has its own builder and batches.
//
// A window is all or nothing: when it fails after some of its batches were inserted, those
// rows (this run, this window's _version) are deleted again, so ClickHouse shows the previous
// version of every row, and the watermark does not move.
func (r *Runner) runWindow(ctx context.Context, ru *run, t target, w extract.Window, adv advanceMode) (res WindowResult) {
	res = WindowResult{Source: t.src.Name, Stream: t.stream.Name(), Table: t.stream.Table().Name, Window: w,
		RowsByTable: map[string]int{}}
	log := r.log.With().Str(fRun, ru.id).Str(fSource, res.Source).Str(fStream, res.Stream).Str(fWindow, windowLabel(w)).Logger()
	wl := &windowLoad{ctx: ctx, r: r, ru: ru, t: t, w: w, res: &res, started: r.now().UTC(), version: nextVersion(),
		builders: map[*schema.Table]*transform.Builder{}}
	r.recordRun(ctx, ru.id, res, wl.started, time.Time{}, "running", 1)
	defer wl.release()

	emit := func(ctx context.Context, p *extract.Page) (int, error) {
		res.Pages++
		res.Bytes += int64(len(p.Body))
		res.Retries += p.Retries
		table := p.Table
		if table == nil {
			table = t.stream.Table()
		}
		b := wl.builder(table)
		n, err := transform.Decode(p.Format, p.Body, b)
		if err != nil {
			// The extractor wraps this with source, stream, entity, window and page.
			path, qerr := r.archive.Quarantine(load.QuarantineItem{
				RunID: ru.id, Source: res.Source, Stream: res.Stream, Name: quarantineName(p),
				Ext: string(p.Format), Request: p.Request, Status: p.Status, Err: err.Error(), Body: p.Body, At: r.now().UTC(),
			})
			if qerr != nil {
				return 0, fmt.Errorf("cannot decode the page (%s): %w; keeping the raw page also failed: %v", p.Request, err, qerr)
			}
			return 0, fmt.Errorf("cannot decode the page (%s): %w; raw page kept at %s", p.Request, err, path)
		}
		ru.progress.page(n)
		crashPoint(crashAfterPage)
		if b.Len() >= t.conf.BatchRows {
			if err := wl.flush(b); err != nil {
				return n, err
			}
		}
		return n, nil
	}

	err := t.stream.Fetch(ctx, w, emit)
	if err == nil {
		err = wl.flushAll()
	}
	if werr := wl.wait(); err == nil {
		err = werr
	}
	if err == nil && t.stream.Mode() == extract.Incremental && adv != advanceNone {
		crashPoint(crashBeforeAdvance)
		err = r.advance(ctx, ru.id, t, w, adv == advanceBackfill)
		crashPoint(crashAfterWatermark)
	}
	for _, b := range wl.builders {
		if c := b.Coerced(); c > 0 {
			log.Warn().Str(fTable, b.Table().Name).Int("values", c).Msg("values that did not fit their column type were kept in _extra")
		}
	}
	res.Duration = r.now().Sub(wl.started)
	if err != nil {
		wl.keepRecords()
		if rerr := wl.rollback(); rerr != nil {
			err = fmt.Errorf("%w; rolling back the window's inserted rows failed: %v", err, rerr)
		}
		var fe *extract.FetchError
		if !errors.As(err, &fe) { // a FetchError already names source, stream and window
			err = fmt.Errorf("%s/%s window %s: %w", res.Source, res.Stream, windowLabel(w), err)
		}
		res.Err = err
		r.recordRun(context.WithoutCancel(ctx), ru.id, res, wl.started, r.now().UTC(), "failed", 2)
		r.metrics.observeWindow(res, r.now())
		log.Error().Err(res.Err).Int(fPages, res.Pages).Msg("window failed")
		return res
	}
	r.recordRun(ctx, ru.id, res, wl.started, r.now().UTC(), "succeeded", 2)
	r.metrics.observeWindow(res, r.now())
	log.Info().Int(fPages, res.Pages).Int(fRows, res.Rows).Dur("took", res.Duration).Msg("window loaded")
	return res
}

// advanceMode says whether a window moves its stream's watermark when it succeeds.
type advanceMode int

const (
	advanceLive     advanceMode = iota // always forward
	advanceBackfill                    // forward, only over windows contiguous with the watermark
	advanceNone                        // the caller moves it (parallel backfills)
)

// windowLoad holds one window's builders and what it has inserted so far.
type windowLoad struct {
	// ctx is the window's context. Inserts use it, not the context an extractor hands to emit:
	// a fan-out's context ends with the fan-out, while a background insert may still run.
	ctx      context.Context
	r        *Runner
	ru       *run
	t        target
	w        extract.Window
	res      *WindowResult
	started  time.Time
	version  uint64
	builders map[*schema.Table]*transform.Builder
	inserted []*schema.Table // tables that received rows of this window
	pipe     *pipeline       // archives and inserts flushed batches in the background (pipeline.go)
}

func (wl *windowLoad) builder(t *schema.Table) *transform.Builder {
	b, ok := wl.builders[t]
	if !ok {
		b = transform.NewBuilder(wl.r.mem, t, transform.Lineage{
			Source: wl.res.Source, RunID: wl.ru.id, ExtractedAt: wl.started, Version: wl.version,
		})
		wl.builders[t] = b
	}
	return b
}

func (wl *windowLoad) release() {
	_ = wl.wait()
	for _, b := range wl.builders {
		b.Release()
	}
}

// wait blocks until every flushed batch is archived and its INSERT committed, and returns the
// first error.
func (wl *windowLoad) wait() error {
	if wl.pipe == nil {
		return nil
	}
	err := wl.pipe.finish()
	wl.pipe = nil
	return err
}

// flushAll flushes every table's remaining rows, in table name order (deterministic batches).
func (wl *windowLoad) flushAll() error {
	tables := make([]*schema.Table, 0, len(wl.builders))
	for t := range wl.builders {
		tables = append(tables, t)
	}
	slices.SortFunc(tables, func(a, b *schema.Table) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range tables {
		if err := wl.flush(wl.builders[t]); err != nil {
			return err
		}
	}
	return wl.wait()
}

// flush hands the builder's rows, as one batch, to the window's pipeline, which writes the
// Parquet file and then inserts the same record in the background while the next batch
// decodes: batches keep their order, and a batch is never inserted before its Parquet file is
// durable. An archive or insert error surfaces at the next flush or at the end of the window.
func (wl *windowLoad) flush(b *transform.Builder) error {
	if b.Len() == 0 {
		return nil
	}
	table := b.Table()
	rec, err := wl.scrub(table, b.NewRecord()) // erased customers stay erased (erasure_filter.go)
	if rec == nil {
		return err
	}
	seq := int(wl.ru.seq.Add(1))
	day := wl.w.From
	if day.IsZero() {
		day = wl.started
	}
	if wl.pipe == nil {
		wl.pipe = newPipeline(wl)
	}
	return wl.pipe.put(&batch{table: table, rec: rec, seq: seq, day: day})
}

// keepRecords loads the rows of KeepOnFailure tables of a failed window (the record of the
// attempt, e.g. a failed export job); best effort, a failure is logged.
func (wl *windowLoad) keepRecords() {
	_ = wl.wait()
	for t, b := range wl.builders {
		if !t.KeepOnFailure || b.Len() == 0 {
			continue
		}
		err := wl.flush(b)
		if err == nil {
			err = wl.wait()
		}
		if err != nil {
			wl.r.log.Warn().Err(err).Str(fTable, t.Name).Msg("could not keep the failed window's own records")
		}
	}
}

// rollback deletes what the window inserted, table by table; KeepOnFailure tables keep theirs.
// The window's files are marked rolled back in the manifest first, so that a restore from the
// archive never brings those rows back (a crash in between leaves rows a restore would not
// reload, never the reverse).
func (wl *windowLoad) rollback() error {
	var errs []error
	var gone []string
	for _, f := range wl.res.Files {
		if t, err := schema.Lookup(f.Table); err != nil || !t.KeepOnFailure {
			gone = append(gone, f.Path)
		}
	}
	if err := wl.ru.manifest.MarkRolledBack(gone...); err != nil {
		errs = append(errs, err)
	}
	for _, t := range wl.inserted {
		if t.KeepOnFailure {
			continue
		}
		errs = append(errs, wl.r.rollback(t, wl.ru.id, wl.version))
	}
	return errors.Join(errs...)
}

func quarantineName(p *extract.Page) string {
	name := fmt.Sprintf("%s-%s-p%d", p.Source, p.Stream, p.Number)
	if p.Entity != "" {
		name += "-" + p.Entity
	}
	return name
}

// rollback deletes the rows a failed window inserted (a ClickHouse mutation; 18.16 has them) and
// waits for the mutation to finish, so that when the run reports failure the rows are gone.
func (r *Runner) rollback(t *schema.Table, runID string, version uint64) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := fmt.Sprintf("DELETE WHERE %s = ? AND %s = ?", schema.Quote(schema.ColRunID), schema.Quote(schema.ColVersion))
	if err := r.ch.Mutate(ctx, t.Name, cmd, runID, version); err != nil {
		return fmt.Errorf("delete rows of run %s from %s: %w", runID, t.Name, err)
	}
	return nil
}

// recordRun writes a _ccwh_runs row. Run history is best effort: failing to write it is logged,
// never fails the load itself.
func (r *Runner) recordRun(ctx context.Context, runID string, res WindowResult, started, finished time.Time, status string, version uint64) {
	byTable, _ := json.Marshal(res.RowsByTable)
	var fin, errText any
	if !finished.IsZero() {
		fin = finished
	}
	if res.Err != nil {
		errText = oneLine(res.Err)
	}
	row := []any{runID, res.Source, res.Stream, res.Window.From.UTC(), res.Window.To.UTC(), started, fin, status,
		int64(res.Pages), int64(res.Rows), string(byTable), res.Bytes, int64(res.Retries), errText, version}
	if err := r.ch.InsertRows(ctx, schema.Runs, [][]any{row}); err != nil {
		r.log.Warn().Err(err).Str(fRun, runID).Msg("could not record the run in _ccwh_runs")
	}
}

// recordPanic records a run that panicked as failed, so that history and the status page show it.
func (r *Runner) recordPanic(source, stream string, err error) {
	now := r.now().UTC()
	res := WindowResult{Source: source, Stream: stream, Err: err}
	if t := r.table(source, stream); t != "" {
		res.Table = t
	}
	r.recordRun(context.Background(), newRunID(now), res, now, now, "failed", 2)
	r.metrics.observeWindow(res, now)
}

func (r *Runner) table(source, stream string) string {
	for _, s := range r.cfg.Sources {
		if s.Name == source {
			if def, ok := kinds[s.Kind].stream(stream); ok {
				return def.Table.Name
			}
		}
	}
	return ""
}
