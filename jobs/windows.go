package jobs

import (
	"time"

	"github.com/ccwh/ccwh/extract"
)

// splitWindows cuts [from, to) into windows no longer than size, aligned to multiples of size
// since the Unix epoch (daily windows start at midnight UTC), so a window is the same whichever
// run computes it and each Parquet file falls on one day.
func splitWindows(from, to time.Time, size time.Duration) []extract.Window {
	from, to = from.UTC(), to.UTC()
	var out []extract.Window
	for cur := from; cur.Before(to); {
		epoch := time.Unix(0, 0).UTC()
		end := epoch.Add((cur.Sub(epoch)/size + 1) * size)
		if end.After(to) {
			end = to
		}
		out = append(out, extract.Window{From: cur, To: end})
		cur = end
	}
	return out
}

// liveRange is the range an incremental stream should read now: from its watermark (or its
// configured start) minus the overlap, to now minus the lag.
func liveRange(watermark time.Time, c *StreamConfig, now time.Time) (from, to time.Time) {
	start := watermark
	if start.IsZero() {
		start = c.start
	}
	if start.IsZero() {
		start = now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -7)
	}
	from = start.Add(-c.Overlap.D())
	if !c.start.IsZero() && from.Before(c.start) {
		from = c.start
	}
	to = now.UTC().Add(-c.Lag.D()).Truncate(time.Second)
	return from, to
}
