// Package jobs wires extract → transform → load: configuration, the source registry, windows,
// watermarks, run history and the sync runner.
package jobs

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"golang.org/x/sync/errgroup"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/load"
)

// Log field names used across the runner.
const (
	fSource = "source"
	fStream = "stream"
	fWindow = "window"
	fRows   = "rows"
	fPages  = "pages"
	fRun    = "run_id"
	fTable  = "table"
)

// Runner runs streams once: the body of `ccwh sync` and of every scheduled tick.
type Runner struct {
	cfg     *Config
	ch      *load.ClickHouse
	archive *load.Archive
	log     zerolog.Logger
	mem     memory.Allocator
	now     func() time.Time
	metrics *Metrics // nil: none

	mu      sync.Mutex
	streams map[string][]Stream // by source name, built once
}

// NewRunner builds a runner over an open warehouse and archive. metrics may be nil.
func NewRunner(cfg *Config, ch *load.ClickHouse, archive *load.Archive, metrics *Metrics, log zerolog.Logger) *Runner {
	return &Runner{cfg: cfg, ch: ch, archive: archive, log: log, mem: memory.DefaultAllocator, now: time.Now,
		metrics: metrics, streams: map[string][]Stream{}}
}

// sourceStreams builds a source's streams once; every later sync reuses them (and their HTTP
// client and rate limiter).
func (r *Runner) sourceStreams(sc *SourceConfig) ([]Stream, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.streams[sc.Name]; ok {
		return s, nil
	}
	s, err := BuildStreams(sc, r.metrics.httpObserver(sc.Name), r.log.With().Str(fSource, sc.Name).Logger())
	if err != nil {
		return nil, err
	}
	r.streams[sc.Name] = s
	return s, nil
}

// SyncOptions selects what one sync does.
type SyncOptions struct {
	// Streams are "source/stream", "stream" (in every source) or "source" (all its streams);
	// empty means every configured stream.
	Streams []string
	// From/To set an explicit range (a backfill). Zero means the live range from the watermark.
	From, To time.Time
	// Parallel is how many windows of a backfill run at once (default 1). Live syncs run a
	// stream's windows in order and stop at the first failure.
	Parallel int
	// Progress, when set, is called after every page and every window with the totals so far.
	Progress func(Progress)
}

// Progress is a sync's running total.
type Progress struct {
	Windows, WindowsDone, WindowsFailed int
	Pages, Rows                         int64
	Started                             time.Time
}

// Report is what one sync did.
type Report struct {
	RunID   string
	Windows []WindowResult
}

// WindowResult is one (source, stream, window) run.
type WindowResult struct {
	Source, Stream, Table string // Table: the stream's main table
	Window                extract.Window
	Pages, Rows, Retries  int
	RowsByTable           map[string]int
	Bytes                 int64
	Files                 []load.FileEntry
	Duration              time.Duration
	Err                   error
}

// Failed lists the windows that failed.
func (r *Report) Failed() []WindowResult {
	var out []WindowResult
	for _, w := range r.Windows {
		if w.Err != nil {
			out = append(out, w)
		}
	}
	return out
}

type target struct {
	src    *SourceConfig
	stream Stream
	conf   *StreamConfig
}

// run is the state shared by every window of one sync.
type run struct {
	id       string
	manifest *load.Manifest
	seq      atomic.Int64
	progress *progress
	erasures erasureFilter // the load-time erasure filter, read at the first batch
}

// progress aggregates a sync's totals for its Progress callback; goroutine-safe.
type progress struct {
	mu sync.Mutex
	cb func(Progress)
	p  Progress
}

func (p *progress) report() {
	if p == nil || p.cb == nil {
		return
	}
	p.cb(p.p)
}

func (p *progress) page(rows int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.p.Pages++
	p.p.Rows += int64(rows)
	p.report()
}

func (p *progress) window(failed bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.p.WindowsDone++
	if failed {
		p.p.WindowsFailed++
	}
	p.report()
}

// Sync runs the selected streams once and returns what happened. A failed window stops its
// stream (later windows would leave a gap behind the watermark) but not the other streams.
func (r *Runner) Sync(ctx context.Context, opts SyncOptions) (*Report, error) {
	targets, err := r.targets(opts.Streams)
	if err != nil {
		return nil, err
	}
	if (opts.From.IsZero()) != (opts.To.IsZero()) || (!opts.From.IsZero() && !opts.From.Before(opts.To)) {
		return nil, fmt.Errorf("sync: --from and --to go together and --from must be before --to")
	}
	started := r.now().UTC()
	// A process killed mid-write leaves temporary files; they were never in a manifest.
	if removed, err := load.CleanStrayTemps(r.archive.Dir()); err != nil {
		r.log.Warn().Err(err).Msg("could not clean stray temporary archive files")
	} else if len(removed) > 0 {
		r.log.Warn().Strs("files", removed).Msg("removed temporary archive files a killed run left behind")
	}
	ru := &run{id: newRunID(started)}
	ru.manifest = r.archive.NewManifest(ru.id, started)
	rep := &Report{RunID: ru.id}
	log := r.log.With().Str(fRun, ru.id).Logger()
	log.Debug().Int("streams", len(targets)).Msg("sync started")

	type job struct {
		t target
		w extract.Window
	}
	var backfill [][]job // per target, windows in order
	for _, t := range targets {
		windows, err := r.windows(ctx, t, opts)
		if err != nil {
			rep.Windows = append(rep.Windows, WindowResult{Source: t.src.Name, Stream: t.stream.Name(), Table: t.stream.Table().Name, Err: err})
			continue
		}
		var js []job
		for _, w := range windows {
			js = append(js, job{t, w})
		}
		backfill = append(backfill, js)
	}
	prog := &progress{cb: opts.Progress, p: Progress{Started: started}}
	for _, js := range backfill {
		prog.p.Windows += len(js)
	}
	prog.report()
	ru.progress = prog

	isBackfill := !opts.From.IsZero()
	var mu sync.Mutex
	record := func(res WindowResult) {
		mu.Lock()
		rep.Windows = append(rep.Windows, res)
		mu.Unlock()
		prog.window(res.Err != nil)
	}
	if !isBackfill || opts.Parallel <= 1 {
		for _, js := range backfill {
			for _, j := range js {
				adv := advanceLive
				if isBackfill {
					adv = advanceBackfill
				}
				res := r.runWindow(ctx, ru, j.t, j.w, adv)
				record(res)
				if res.Err != nil && !isBackfill {
					break // a later window would leave a gap behind the watermark
				}
			}
			if ctx.Err() != nil {
				break
			}
		}
	} else {
		// Backfill windows are independent: each is idempotent and the watermark only moves
		// forward over contiguous windows, so they may run in any order.
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(opts.Parallel)
		for _, js := range backfill {
			for _, j := range js {
				g.Go(func() error {
					if gctx.Err() == nil {
						record(r.runWindow(gctx, ru, j.t, j.w, advanceNone))
					}
					return nil
				})
			}
		}
		_ = g.Wait()
		// Windows finished in any order: move each watermark once, over the contiguous run of
		// succeeded windows from the start of the range.
		for _, js := range backfill {
			if len(js) == 0 || js[0].t.stream.Mode() != extract.Incremental {
				continue
			}
			end := contiguousEnd(rep.Windows, js[0].t, js[0].w.From)
			if !end.IsZero() {
				if err := r.advance(ctx, ru.id, js[0].t, extract.Window{From: js[0].w.From, To: end}, true); err != nil {
					rep.Windows = append(rep.Windows, WindowResult{Source: js[0].t.src.Name, Stream: js[0].t.stream.Name(),
						Table: js[0].t.stream.Table().Name, Err: err})
				}
			}
		}
	}
	slices.SortStableFunc(rep.Windows, func(a, b WindowResult) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Stream, b.Stream), a.Window.From.Compare(b.Window.From))
	})
	var errs []error
	for _, w := range rep.Failed() {
		errs = append(errs, w.Err)
	}
	return rep, errors.Join(errs...)
}

func (r *Runner) targets(selectors []string) ([]target, error) {
	var out []target
	matched := make([]bool, len(selectors))
	for _, sc := range r.cfg.Sources {
		streams, err := r.sourceStreams(sc)
		if err != nil {
			return nil, err
		}
		for _, s := range streams {
			keep := len(selectors) == 0
			for i, sel := range selectors {
				if sel == sc.Name || sel == s.Name() || sel == sc.Name+"/"+s.Name() {
					keep, matched[i] = true, true
				}
			}
			if keep {
				out = append(out, target{src: sc, stream: s, conf: sc.Streams[s.Name()]})
			}
		}
	}
	for i, ok := range matched {
		if !ok {
			return nil, fmt.Errorf("sync: %q matches no configured source or stream", selectors[i])
		}
	}
	return out, nil
}

// windows computes what a stream reads in this sync: one unbounded window for dimensions,
// the explicit range for a backfill, else the live range from the watermark.
func (r *Runner) windows(ctx context.Context, t target, opts SyncOptions) ([]extract.Window, error) {
	if t.stream.Mode() != extract.Incremental { // dimensions and snapshots: one read per run
		return []extract.Window{{}}, nil
	}
	if !opts.From.IsZero() {
		return splitWindows(opts.From, opts.To, t.conf.Window.D()), nil
	}
	wm, err := r.Watermark(ctx, t.src.Name, t.stream.Name())
	if err != nil {
		return nil, err
	}
	from, to := liveRange(wm, t.conf, r.now())
	return splitWindows(from, to, t.conf.Window.D()), nil
}

func newRunID(t time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

func windowLabel(w extract.Window) string {
	if w.From.IsZero() && w.To.IsZero() {
		return "full"
	}
	return w.String()
}

// oneLine keeps error text on one line for run rows and tables.
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

// contiguousEnd is the end of the unbroken run of succeeded windows of t starting at from.
func contiguousEnd(results []WindowResult, t target, from time.Time) time.Time {
	ok := map[time.Time]time.Time{}
	for _, res := range results {
		if res.Source == t.src.Name && res.Stream == t.stream.Name() && res.Err == nil {
			ok[res.Window.From] = res.Window.To
		}
	}
	end := time.Time{}
	for cur := from; ; {
		to, found := ok[cur]
		if !found {
			return end
		}
		end, cur = to, to
	}
}
