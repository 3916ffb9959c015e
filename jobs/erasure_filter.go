package jobs

import (
	"context"
	"fmt"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/ccwh/ccwh/jobs/compliance"
	"github.com/ccwh/ccwh/schema"
)

// erasureFilter is a sync's load-time erasure filter (compliance.Filter): read from
// _ccwh_erasures at the run's first batch and kept for the run, so every batch costs one
// pointer check when no customer was ever erased. A failed read fails that batch's window and
// is tried again at the next batch.
type erasureFilter struct {
	mu     sync.Mutex
	loaded bool
	f      *compliance.Filter
}

func (e *erasureFilter) get(ctx context.Context, r *Runner) (*compliance.Filter, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.loaded {
		f, err := compliance.LoadFilter(ctx, r.ch, r.mem)
		if err != nil {
			return nil, err
		}
		e.f, e.loaded = f, true
	}
	return e.f, nil
}

// scrub passes a batch through the erasure filter before it is archived and inserted. It
// returns nil (and rec released) when no row is left or on error.
func (wl *windowLoad) scrub(t *schema.Table, rec arrow.Record) (arrow.Record, error) {
	f, err := wl.ru.erasures.get(wl.ctx, wl.r)
	if err == nil {
		rec, err = f.Scrub(t, rec)
	} else {
		rec.Release()
	}
	if err != nil {
		return nil, fmt.Errorf("erasure filter on %s: %w", t.Name, err)
	}
	if rec.NumRows() == 0 {
		rec.Release()
		return nil, nil
	}
	return rec, nil
}
