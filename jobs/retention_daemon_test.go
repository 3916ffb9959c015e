package jobs

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// TestDaemonRunsRetention: with a retention section the daemon schedules the retention job,
// which records its runs in _ccwh_retention and counts them in the metrics.
func TestDaemonRunsRetention(t *testing.T) {
	e := newRetentionEnv(t)
	cfg, err := ParseConfig("d.yaml", []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: %s}}
archive: {dir: %q}
retention: {schedule: "@every 1s", tables: {vcc_transcripts: 30d}}
`, e.cfg.Warehouse.ClickHouse.Addr, e.ch.Database(), e.cfg.Archive.Dir)), nil)
	require.NoError(t, err)
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	d, err := NewDaemon(cfg, NewRunner(cfg, e.ch, e.ar, m, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	require.Len(t, d.cron.Entries(), 1, "no streams, one retention job")
	d.Start()
	q := fmt.Sprintf("SELECT count() FROM %s WHERE `table` = 'vcc_transcripts' AND status = 'succeeded'", tableRef(e.ch, schema.Retention))
	waitFor(t, 15*time.Second, func() bool { return e.count(q) >= 2 }, "two retention runs")
	require.NoError(t, d.Shutdown(5*time.Second))
	require.GreaterOrEqual(t, testutil.ToFloat64(m.retention.runs.WithLabelValues("succeeded")), 2.0)
	require.Positive(t, testutil.ToFloat64(m.retention.lastSuccess))

	cfg.Retention = RetentionConfig{}
	d, err = NewDaemon(cfg, NewRunner(cfg, e.ch, e.ar, nil, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	require.Empty(t, d.cron.Entries(), "no retention configured: no job")
}

// TestRetentionJobRunsAgainAfterPanic pins the wrapper order of the retention job: recovery
// inside cron's skip guard, so a panic does not skip it forever (cron v3.0.1, issue #366).
func TestRetentionJobRunsAgainAfterPanic(t *testing.T) {
	m := NewMetrics(prometheus.NewRegistry())
	d := &Daemon{log: zerolog.Nop(), runner: &Runner{metrics: m}}
	var calls atomic.Int32
	j := d.retentionChain().Then(cron.FuncJob(func() {
		if calls.Add(1) == 1 {
			panic("boom")
		}
	}))
	j.Run()
	j.Run()
	require.Equal(t, int32(2), calls.Load())
	require.Equal(t, 1.0, testutil.ToFloat64(m.retention.runs.WithLabelValues("failed")))
}
