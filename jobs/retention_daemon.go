package jobs

import (
	"fmt"
	"runtime/debug"

	"github.com/robfig/cron/v3"
)

// scheduleRetention adds the retention job to the daemon when the config has retention. It
// runs on retention.schedule (UTC) under the same guards as a stream: never twice at once (a
// tick that finds it still running is skipped), a panic recovered inside the skip guard (cron
// v3.0.1, upstream issue #366) and logged, and one slot of daemon.max_concurrent while it runs.
func (d *Daemon) scheduleRetention() {
	if !d.cfg.Retention.Enabled() {
		return
	}
	job := NewRetention(d.cfg, d.runner.ch, d.runner.archive, d.runner.metrics, d.log)
	d.cron.Schedule(d.cfg.Retention.schedule, d.retentionChain().Then(cron.FuncJob(func() {
		if !acquire(d.ctx, d.global) {
			return
		}
		defer release(d.global)
		// Each table's outcome is logged, recorded in _ccwh_retention and counted in the
		// metrics by Run; what failed outside the tables is logged here.
		if rep, _ := job.Run(d.ctx, RetentionOptions{}); rep != nil && rep.Err != nil {
			d.log.Error().Err(rep.Err).Str(fRun, rep.RunID).Msg("retention run failed")
		}
	})))
}

// retentionChain wraps the retention job like a stream's (see jobChain): recovery inside the
// skip guard, so a panic does not stop the job for good.
func (d *Daemon) retentionChain() cron.Chain {
	return cron.NewChain(cron.SkipIfStillRunning(cronLogger{d.log}), d.recoverRetention())
}

// recoverRetention turns a panic of a retention run into a logged failure; the job runs again
// at its next tick.
func (d *Daemon) recoverRetention() cron.JobWrapper {
	return func(j cron.Job) cron.Job {
		return cron.FuncJob(func() {
			defer func() {
				if p := recover(); p != nil {
					d.log.Error().Str("stack", string(debug.Stack())).Err(fmt.Errorf("retention: panic: %v", p)).Msg("retention run panicked")
					d.runner.metrics.retentionFailed()
				}
			}()
			j.Run()
		})
	}
}
