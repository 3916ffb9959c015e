package jobs

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"
)

// Daemon runs every configured stream on its cron schedule (UTC). A stream never runs twice at
// once, a panic in one run is recovered and recorded as a failed run, each source has its own
// concurrency limit and the daemon a global one.
type Daemon struct {
	cfg     *Config
	runner  *Runner
	log     zerolog.Logger
	cron    *cron.Cron
	global  chan struct{}
	sources map[string]chan struct{}
	ctx     context.Context // the runs' context: cancelled when the shutdown grace runs out
	cancel  context.CancelFunc
}

// NewDaemon schedules every stream of cfg. Nothing runs before Start.
func NewDaemon(cfg *Config, runner *Runner, log zerolog.Logger) (*Daemon, error) {
	ctx, cancel := context.WithCancel(context.Background())
	d := &Daemon{
		cfg: cfg, runner: runner, log: log, ctx: ctx, cancel: cancel,
		global:  make(chan struct{}, cfg.Daemon.MaxConcurrent),
		sources: map[string]chan struct{}{},
	}
	d.cron = cron.New(cron.WithLocation(time.UTC), cron.WithParser(cronParser), cron.WithLogger(cronLogger{log}))
	for _, s := range cfg.Sources {
		d.sources[s.Name] = make(chan struct{}, s.MaxConcurrent)
		for _, name := range s.StreamNames() {
			st := s.Streams[name]
			d.cron.Schedule(st.schedule, d.jobChain(s.Name, name).Then(d.job(s.Name, name)))
		}
	}
	d.scheduleRetention() // retention_daemon.go
	return d, nil
}

// jobChain wraps a stream's job. The order matters: robfig/cron v3.0.1's SkipIfStillRunning
// loses its token when the job it wraps panics (upstream issue #366), after which the stream
// would be skipped forever. Recovery therefore sits inside the skip guard.
func (d *Daemon) jobChain(source, stream string) cron.Chain {
	return cron.NewChain(cron.SkipIfStillRunning(cronLogger{d.log}), d.recoverInto(source, stream))
}

// recoverInto turns a panic of one run into a logged, recorded failure; the job runs again at
// its next tick.
func (d *Daemon) recoverInto(source, stream string) cron.JobWrapper {
	return func(j cron.Job) cron.Job {
		return cron.FuncJob(func() {
			defer func() {
				if p := recover(); p != nil {
					stack := string(debug.Stack())
					err := fmt.Errorf("%s/%s: panic: %v", source, stream, p)
					d.log.Error().Str(fSource, source).Str(fStream, stream).Str("stack", stack).Err(err).Msg("run panicked")
					d.runner.recordPanic(source, stream, err)
				}
			}()
			j.Run()
		})
	}
}

func (d *Daemon) job(source, stream string) cron.Job {
	return cron.FuncJob(func() {
		if !acquire(d.ctx, d.global) {
			return
		}
		defer release(d.global)
		if !acquire(d.ctx, d.sources[source]) {
			return
		}
		defer release(d.sources[source])
		// Window errors are logged and recorded by the runner.
		_, _ = d.runner.Sync(d.ctx, SyncOptions{Streams: []string{source + "/" + stream}})
	})
}

func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func release(sem chan struct{}) { <-sem }

// Start begins scheduling. The metrics learn every stream's current watermark first, so that its
// lag is reported before the stream's first tick.
func (d *Daemon) Start() {
	ctx, cancel := context.WithTimeout(d.ctx, 10*time.Second)
	defer cancel()
	if sts, err := d.runner.Status(ctx); err == nil {
		for _, st := range sts {
			d.runner.metrics.observeWatermark(st.Source, st.Stream, st.Watermark)
		}
	} else {
		d.log.Warn().Err(err).Msg("could not read watermarks for the metrics")
	}
	d.cron.Start()
	d.log.Info().Int("jobs", len(d.cron.Entries())).Msg("scheduler started")
}

// Shutdown stops new ticks and waits for running windows; when grace runs out their context is
// cancelled (a window cut short fails whole and rolls back) and Shutdown waits for them to end.
func (d *Daemon) Shutdown(grace time.Duration) error {
	done := d.cron.Stop().Done()
	defer d.cancel()
	select {
	case <-done:
		return nil
	case <-time.After(grace):
		d.log.Warn().Dur("grace", grace).Msg("shutdown grace over: cancelling running windows")
		d.cancel()
		<-done
		return fmt.Errorf("shutdown: running windows were cancelled after %s", grace)
	}
}

// cronLogger adapts zerolog to cron's logger: skipped ticks at info, errors at error.
type cronLogger struct{ log zerolog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		l.log.Info().Fields(kv).Msg("tick skipped: the previous run of this stream is still going")
	}
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error().Err(err).Fields(kv).Msg(msg)
}
