package main

import (
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/ccwh/ccwh/jobs"
)

// progressBar draws a sync's progress on a terminal: windows done of all, pages, rows, rate and
// ETA. Off a terminal there is no bar; the runner's per-window log lines say the same.
type progressBar struct {
	bar *progressbar.ProgressBar
}

func newProgressBar() *progressBar {
	if !isatty.IsTerminal(os.Stderr.Fd()) {
		return nil
	}
	return &progressBar{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("sync"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)}
}

func (p *progressBar) update(pr jobs.Progress) {
	if p.bar.GetMax() != pr.Windows {
		p.bar.ChangeMax(pr.Windows)
	}
	rate := 0.0
	if el := time.Since(pr.Started).Seconds(); el > 0 {
		rate = float64(pr.Rows) / el
	}
	desc := fmt.Sprintf("windows · %d pages · %d rows · %.0f rows/s", pr.Pages, pr.Rows, rate)
	if pr.WindowsFailed > 0 {
		desc += fmt.Sprintf(" · %d FAILED", pr.WindowsFailed)
	}
	p.bar.Describe(desc)
	_ = p.bar.Set(pr.WindowsDone)
}

func (p *progressBar) finish() {
	_ = p.bar.Finish()
	fmt.Fprintln(os.Stderr)
}
