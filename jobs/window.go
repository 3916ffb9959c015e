package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// runWindow extracts, decodes, archives and loads one window of one stream, then moves the
// watermark. Pages are decoded into Arrow as they arrive and flushed every batch_rows rows:
// the Parquet file is written and fsynced first, then the same record is inserted.
//
// A window is all or nothing: when it fails after some of its batches were inserted, those
// rows (this run, this window's _version) are deleted again, so ClickHouse shows the previous
// version of every row, and the watermark does not move.
func (r *Runner) runWindow(ctx context.Context, ru *run, t target, w extract.Window, backfill bool) (res WindowResult) {
	table := t.stream.Table()
	res = WindowResult{Source: t.src.Name, Stream: t.stream.Name(), Table: table.Name, Window: w}
	log := r.log.With().Str(fRun, ru.id).Str(fSource, res.Source).Str(fStream, res.Stream).Str(fWindow, windowLabel(w)).Logger()
	started := r.now().UTC()
	version := nextVersion()
	r.recordRun(ctx, ru.id, res, started, time.Time{}, "running", 1)

	b := transform.NewBuilder(r.mem, table, transform.Lineage{
		Source: res.Source, RunID: ru.id, ExtractedAt: started, Version: version,
	})
	defer b.Release()
	inserted := false

	flush := func() error {
		if b.Len() == 0 {
			return nil
		}
		rec := b.NewRecord()
		defer rec.Release()
		seq := int(ru.seq.Add(1))
		day := w.From
		if day.IsZero() {
			day = started
		}
		entry, err := r.archive.WriteBatch(table, ru.id, seq, day, rec)
		if err != nil {
			return fmt.Errorf("archive batch %d of %s: %w", seq, table.Name, err)
		}
		if err := ru.manifest.Add(entry); err != nil {
			return fmt.Errorf("manifest of run %s: %w", ru.id, err)
		}
		res.Files = append(res.Files, entry)
		token := fmt.Sprintf("%s:%s:%s:%d:%s", res.Source, res.Stream, windowLabel(w), seq, ru.id)
		inserted = true
		if err := r.ch.Insert(ctx, table, rec, token); err != nil {
			return fmt.Errorf("insert batch %d (%d rows) into %s: %w", seq, rec.NumRows(), table.Name, err)
		}
		res.Rows += int(rec.NumRows())
		log.Debug().Str(fTable, table.Name).Int64(fRows, rec.NumRows()).Int("seq", seq).Msg("batch loaded")
		return nil
	}

	emit := func(ctx context.Context, p *extract.Page) (int, error) {
		res.Pages++
		res.Bytes += int64(len(p.Body))
		res.Retries += p.Retries
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
		if b.Len() >= t.conf.BatchRows {
			if err := flush(); err != nil {
				return n, err
			}
		}
		return n, nil
	}

	err := t.stream.Fetch(ctx, w, emit)
	if err == nil {
		err = flush()
	}
	if err == nil && t.stream.Mode() == extract.Incremental {
		err = r.advance(ctx, ru.id, t, w, backfill)
	}
	if c := b.Coerced(); c > 0 {
		log.Warn().Int("values", c).Msg("values that did not fit their column type were kept in _extra")
	}
	res.Duration = r.now().Sub(started)
	if err != nil {
		if inserted {
			if rerr := r.rollback(table, ru.id, version); rerr != nil {
				err = fmt.Errorf("%w; rolling back the window's inserted rows failed: %v", err, rerr)
			}
		}
		var fe *extract.FetchError
		if !errors.As(err, &fe) { // a FetchError already names source, stream and window
			err = fmt.Errorf("%s/%s window %s: %w", res.Source, res.Stream, windowLabel(w), err)
		}
		res.Err = err
		r.recordRun(context.WithoutCancel(ctx), ru.id, res, started, r.now().UTC(), "failed", 2)
		r.metrics.observeWindow(res, r.now())
		log.Error().Err(res.Err).Int(fPages, res.Pages).Msg("window failed")
		return res
	}
	r.recordRun(ctx, ru.id, res, started, r.now().UTC(), "succeeded", 2)
	r.metrics.observeWindow(res, r.now())
	log.Info().Int(fPages, res.Pages).Int(fRows, res.Rows).Dur("took", res.Duration).Msg("window loaded")
	return res
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
	db := r.ch.Database()
	q := fmt.Sprintf("ALTER TABLE %s.%s DELETE WHERE %s = ? AND %s = ?",
		schema.Quote(db), schema.Quote(t.Name), schema.Quote(schema.ColRunID), schema.Quote(schema.ColVersion))
	if err := r.ch.Exec(ctx, q, runID, version); err != nil {
		return fmt.Errorf("delete rows of run %s from %s: %w", runID, t.Name, err)
	}
	for {
		var pending uint64
		if err := r.ch.QueryRow(ctx, "SELECT count() FROM system.mutations WHERE database = ? AND table = ? AND is_done = 0",
			db, t.Name).Scan(&pending); err != nil {
			return fmt.Errorf("wait for the delete on %s: %w", t.Name, err)
		}
		if pending == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for the delete on %s: %w", t.Name, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// recordRun writes a _ccwh_runs row. Run history is best effort: failing to write it is logged,
// never fails the load itself.
func (r *Runner) recordRun(ctx context.Context, runID string, res WindowResult, started, finished time.Time, status string, version uint64) {
	byTable, _ := json.Marshal(map[string]int{res.Table: res.Rows})
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
