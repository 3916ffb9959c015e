package jobs

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

// TestWatermarkLagGrowsBetweenRuns: the lag is computed at scrape time, and an older watermark
// never replaces a newer one.
func TestWatermarkLagGrowsBetweenRuns(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	c := &watermarkCollector{now: func() time.Time { return now }, wms: map[[2]string]time.Time{}}
	c.set("acme", "interactions", now.Add(-90*time.Minute))
	c.set("acme", "interactions", now.Add(-3*time.Hour)) // a backfill's older window
	want := `
# HELP ccwh_watermark_lag_seconds How far the stream's watermark is behind now, at scrape time.
# TYPE ccwh_watermark_lag_seconds gauge
ccwh_watermark_lag_seconds{source="acme",stream="interactions"} 5400
`
	require.NoError(t, testutil.CollectAndCompare(c, strings.NewReader(want), "ccwh_watermark_lag_seconds"))
	now = now.Add(time.Hour)
	require.NoError(t, testutil.CollectAndCompare(c, strings.NewReader(strings.Replace(want, "5400", "9000", 1)), "ccwh_watermark_lag_seconds"))
}
