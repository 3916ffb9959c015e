package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// StreamStatus is one configured stream as `ccwh jobs` and the status page show it.
type StreamStatus struct {
	Source, Kind, Stream, Table, Mode string
	Schedule                          string
	Next                              time.Time
	Watermark                         time.Time     // zero: none yet (or a full-refresh stream)
	Lag                               time.Duration // now − watermark
	LastStatus                        string        // succeeded, failed, running or "" (never ran)
	LastStarted                       time.Time
	LastDuration                      time.Duration
	LastRows                          int64
	LastError                         string
}

// Failure is one failed window run.
type Failure struct {
	Source, Stream string
	From, To       time.Time
	At             time.Time
	Error          string
}

// Status reads every configured stream's watermark and last run from ClickHouse.
func (r *Runner) Status(ctx context.Context) ([]StreamStatus, error) {
	db := schema.Quote(r.ch.Database())
	type key struct{ source, stream string }
	wms := map[key]time.Time{}
	rows, err := r.ch.Query(ctx, fmt.Sprintf(
		"SELECT source, stream, argMax(watermark, version) FROM %s.%s GROUP BY source, stream", db, schema.Quote(schema.State.Name)))
	if err != nil {
		return nil, fmt.Errorf("read watermarks: %w", err)
	}
	for rows.Next() {
		var src, st string
		var wm *time.Time
		if err := rows.Scan(&src, &st, &wm); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read watermarks: %w", err)
		}
		if wm != nil {
			wms[key{src, st}] = wm.UTC()
		}
	}
	rows.Close()

	type last struct {
		status          string
		started, finish time.Time
		rows            int64
		err             string
	}
	lasts := map[key]last{}
	rows, err = r.ch.Query(ctx, fmt.Sprintf(`SELECT source, stream,
	argMax(status, tuple(started_at, run_id, window_from)), max(started_at),
	argMax(finished_at, tuple(started_at, run_id, window_from)), argMax(ifNull(rows, 0), tuple(started_at, run_id, window_from)),
	argMax(ifNull(error, ''), tuple(started_at, run_id, window_from))
FROM %s.%s FINAL GROUP BY source, stream`, db, schema.Quote(schema.Runs.Name)))
	if err != nil {
		return nil, fmt.Errorf("read run history: %w", err)
	}
	for rows.Next() {
		var src, st string
		var l last
		var status *string
		var fin *time.Time
		if err := rows.Scan(&src, &st, &status, &l.started, &fin, &l.rows, &l.err); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read run history: %w", err)
		}
		if status != nil {
			l.status = *status
		}
		if fin != nil {
			l.finish = fin.UTC()
		}
		lasts[key{src, st}] = l
	}
	rows.Close()

	now := r.now().UTC()
	var out []StreamStatus
	for _, s := range r.cfg.Sources {
		k := kinds[s.Kind]
		for _, name := range s.StreamNames() {
			def, _ := k.stream(name)
			sc := s.Streams[name]
			st := StreamStatus{Source: s.Name, Kind: s.Kind, Stream: name, Table: def.Table.Name, Mode: def.Mode.String(),
				Schedule: sc.Schedule, Next: sc.Next(now)}
			if wm, ok := wms[key{s.Name, name}]; ok {
				st.Watermark, st.Lag = wm, now.Sub(wm)
			}
			if l, ok := lasts[key{s.Name, name}]; ok {
				st.LastStatus, st.LastStarted, st.LastRows, st.LastError = l.status, l.started.UTC(), l.rows, l.err
				if !l.finish.IsZero() {
					st.LastDuration = l.finish.Sub(l.started)
				}
			}
			out = append(out, st)
		}
	}
	return out, nil
}

// RecentFailures returns the last n failed window runs, newest first.
func (r *Runner) RecentFailures(ctx context.Context, n int) ([]Failure, error) {
	rows, err := r.ch.Query(ctx, fmt.Sprintf(`SELECT source, stream, window_from, window_to, started_at, ifNull(error, '')
FROM %s.%s FINAL WHERE status = 'failed' ORDER BY started_at DESC LIMIT %d`,
		schema.Quote(r.ch.Database()), schema.Quote(schema.Runs.Name), n))
	if err != nil {
		return nil, fmt.Errorf("read failures: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		var from, to *time.Time
		if err := rows.Scan(&f.Source, &f.Stream, &from, &to, &f.At, &f.Error); err != nil {
			return nil, fmt.Errorf("read failures: %w", err)
		}
		if from != nil && to != nil {
			f.From, f.To = from.UTC(), to.UTC()
		}
		f.At = f.At.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}
