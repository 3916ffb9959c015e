package jobs

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

func (e *env) runs(stream, status string) int {
	e.t.Helper()
	var n uint64
	require.NoError(e.t, e.ch.QueryRow(context.Background(), fmt.Sprintf(
		"SELECT count() FROM %s._ccwh_runs FINAL WHERE stream = ? AND status = ?", schema.Quote(e.ch.Database())),
		stream, status).Scan(&n))
	return int(n)
}

func waitFor(t *testing.T, within time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestDaemonRunsEveryStreamOnSchedule: with @every 1s schedules the daemon runs every stream
// several times, the watermark advances, and FINAL holds each sandbox row exactly once.
func TestDaemonRunsEveryStreamOnSchedule(t *testing.T) {
	start := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	e := newEnv(t, nil, fmt.Sprintf(`{groups: {schedule: "@every 1s"},
      interactions: {schedule: "@every 1s", start: %s, lag: 1m, overlap: 0s}}`, start.Format(time.RFC3339)))
	d, err := NewDaemon(e.cfg, e.runner, zerolog.Nop())
	require.NoError(t, err)
	d.Start()
	var first time.Time
	waitFor(t, 20*time.Second, func() bool {
		if first.IsZero() {
			first, _ = e.runner.Watermark(context.Background(), "acme", "interactions")
		}
		return e.runs("interactions", "succeeded") >= 3 && e.runs("groups", "succeeded") >= 3
	}, "three successful runs of each stream")
	require.NoError(t, d.Shutdown(10*time.Second))

	wm, err := e.runner.Watermark(context.Background(), "acme", "interactions")
	require.NoError(t, err)
	require.False(t, first.IsZero())
	require.True(t, wm.After(first), "watermark advanced from %s to %s", first, wm)
	require.Zero(t, e.runs("interactions", "failed"))

	var n uint64
	require.NoError(t, e.ch.QueryRow(context.Background(), fmt.Sprintf(
		"SELECT count() FROM %s.vcc_interactions FINAL WHERE create_timestamp >= ? AND create_timestamp < ?",
		schema.Quote(e.ch.Database())), start, wm).Scan(&n))
	require.Equal(t, uint64(e.sb.VCCCounts(extract.Window{From: start, To: wm})["vcc_interactions"]), n)
	require.Equal(t, int64(e.sb.VCCCounts(extract.Window{})["vcc_groups"]), e.count("vcc_groups"))
}

// panicky is a stream that panics on its first run and loads nothing afterwards.
type panicky struct{ calls *atomic.Int32 }

func (p panicky) Name() string         { return "flaky" }
func (p panicky) Table() *schema.Table { return schema.VCCGroups }
func (p panicky) Mode() extract.Mode   { return extract.Dimension }
func (p panicky) Fetch(context.Context, extract.Window, extract.Emit) error {
	if p.calls.Add(1) == 1 {
		panic("boom on the first tick")
	}
	return nil
}

// TestDaemonPanickingJobRunsAgain pins the cron v3.0.1 chain-order trap (STYLE.md 15): a run
// that panics is recovered, recorded as failed with the panic, and the stream runs normally at
// its next tick instead of being skipped forever.
func TestDaemonPanickingJobRunsAgain(t *testing.T) {
	var calls atomic.Int32
	kinds["test-panicky"] = Kind{
		Name: "test-panicky", Streams: []StreamDef{{Name: "flaky", Table: schema.VCCGroups, Mode: extract.Dimension,
			Defaults: StreamConfig{Schedule: "@every 1s"}}},
		NewOptions: func() any { return &struct{}{} },
		Validate:   func(any) error { return nil },
		Build: func(*SourceConfig, *httpx.Client, zerolog.Logger) ([]Stream, error) {
			return []Stream{panicky{&calls}}, nil
		},
	}
	t.Cleanup(func() { delete(kinds, "test-panicky") })
	e := newEnv(t, nil, "{groups: {schedule: \"@yearly\"}}")
	cfg, err := ParseConfig("p.yaml", []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: %s}}
archive: {dir: %q}
sources: [{name: lab, kind: test-panicky, streams: {flaky: {}}}]
`, e.cfg.Warehouse.ClickHouse.Addr, e.ch.Database(), e.cfg.Archive.Dir)), nil)
	require.NoError(t, err)
	r := NewRunner(cfg, e.ch, e.archive, nil, zerolog.Nop())
	d, err := NewDaemon(cfg, r, zerolog.Nop())
	require.NoError(t, err)
	d.Start()
	waitFor(t, 15*time.Second, func() bool { return e.runs("flaky", "succeeded") >= 2 }, "runs after the panic")
	require.NoError(t, d.Shutdown(5*time.Second))
	require.Equal(t, 1, e.runs("flaky", "failed"))
	fails, err := r.RecentFailures(context.Background(), 5)
	require.NoError(t, err)
	require.Len(t, fails, 1)
	require.Contains(t, fails[0].Error, "panic: boom on the first tick")
}
