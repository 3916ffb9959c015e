package jobs

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// Watermark returns the end of the last fully loaded window of a stream, or zero.
func (r *Runner) Watermark(ctx context.Context, source, stream string) (time.Time, error) {
	q := fmt.Sprintf("SELECT watermark FROM %s.%s WHERE source = ? AND stream = ? ORDER BY version DESC LIMIT 1",
		schema.Quote(r.ch.Database()), schema.Quote(schema.State.Name))
	rows, err := r.ch.Query(ctx, q, source, stream)
	if err != nil {
		return time.Time{}, fmt.Errorf("read watermark of %s/%s: %w", source, stream, err)
	}
	defer rows.Close()
	var wm *time.Time
	if rows.Next() {
		if err := rows.Scan(&wm); err != nil {
			return time.Time{}, fmt.Errorf("read watermark of %s/%s: %w", source, stream, err)
		}
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, fmt.Errorf("read watermark of %s/%s: %w", source, stream, err)
	}
	if wm == nil {
		return time.Time{}, nil
	}
	return wm.UTC(), nil
}

// advance moves the watermark to the end of a loaded window. It never moves backwards, and a
// backfill window that starts after the watermark (leaving a gap) does not move it at all; the
// first backfill of a stream that has no watermark yet starts one.
func (r *Runner) advance(ctx context.Context, runID string, t target, w extract.Window, backfill bool) error {
	cur, err := r.Watermark(ctx, t.src.Name, t.stream.Name())
	if err != nil {
		return err
	}
	if !w.To.After(cur) {
		return nil
	}
	if backfill && !cur.IsZero() && w.From.After(cur) {
		return nil
	}
	now := r.now().UTC()
	row := []any{t.src.Name, t.stream.Name(), w.To.UTC(), runID, now, nextVersion()}
	if err := r.ch.InsertRows(ctx, schema.State, [][]any{row}); err != nil {
		return fmt.Errorf("move watermark of %s/%s to %s: %w", t.src.Name, t.stream.Name(), w.To.Format(time.RFC3339), err)
	}
	r.metrics.observeWatermark(t.src.Name, t.stream.Name(), w.To)
	return nil
}

var lastVersion atomic.Uint64

// nextVersion returns a row version: the wall clock in nanoseconds, strictly increasing within
// the process, so a later extraction always wins in ReplacingMergeTree and in _ccwh_state.
func nextVersion() uint64 {
	for {
		last := lastVersion.Load()
		v := max(uint64(time.Now().UnixNano()), last+1)
		if lastVersion.CompareAndSwap(last, v) {
			return v
		}
	}
}
