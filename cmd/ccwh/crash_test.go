package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
)

// TestCrashHarness kills `ccwh sync` with SIGKILL over and over — at every crash point (after a
// page, after a Parquet file, after an insert, before and after the watermark) and at random
// moments — re-running it each time, then lets one run finish. ClickHouse (FINAL) must then hold
// exactly the sandbox's rows, no key twice; every Parquet file in every manifest must be complete
// with its checksum; no temporary file may be left.
func TestCrashHarness(t *testing.T) {
	if testing.Short() {
		t.Skip("crash harness: skipped with -short only")
	}
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	bin := buildCCWH(t)
	sb := sandbox.New(sandbox.Options{Seed: 11, Scale: 3})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(3 * time.Millisecond) // let random kills land mid-paging
		sb.Handler().ServeHTTP(w, r)
	})
	hs := httptest.NewServer(slow)
	defer hs.Close()
	dir := t.TempDir()
	archive := filepath.Join(dir, "archive")
	cfg := filepath.Join(dir, "ccwh.yaml")
	// Live syncs from the watermark, as the daemon runs them: the lag pins the end of the range
	// near `to` so that each run has a few days to read, and the watermark decides where it starts.
	from, to := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 5, 0, 0, 0, 0, time.UTC)
	lag := time.Since(to).Truncate(time.Hour)
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: crash_e2e}}
archive: {dir: %q}
sources:
  - {name: acme, kind: 8x8-vcc, base_url: %s, tenant: acme, token: sandbox-token,
     streams: {groups: {}, agents: {},
       activities: {batch_rows: 100, start: %s, lag: %s, overlap: 2h},
       interactions: {batch_rows: 100, start: %s, lag: %s, overlap: 2h}}}
`, chServer.Addr, archive, hs.URL, from.Format(time.RFC3339), lag, from.Format(time.RFC3339), lag)), 0o644))
	sync := func(env ...string) (killed bool, out string) {
		cmd := exec.Command(bin, "--config", cfg, "--log-format", "json", "sync")
		cmd.Env = append(os.Environ(), env...)
		var b strings.Builder
		cmd.Stdout, cmd.Stderr = &b, &b
		require.NoError(t, cmd.Start())
		if len(env) == 0 {
			go func() {
				time.Sleep(time.Duration(20+rand.IntN(400)) * time.Millisecond)
				_ = cmd.Process.Signal(syscall.SIGKILL)
			}()
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			return true, b.String()
		}
		require.NoError(t, err, b.String())
		return false, b.String()
	}
	out, err := exec.Command(bin, "--config", cfg, "migrate").CombinedOutput()
	require.NoError(t, err, string(out))

	points := []string{"page", "archived", "inserted", "watermark", "advanced"}
	// Crash points are reached a known number of times per run ("inserted" once per committed
	// INSERT, i.e. per window and table), so their kills do not depend on timing: each point must
	// kill at least once. Random kills depend on how fast a run is; they are counted, and at least
	// a few must land.
	killed, atPoint, random := 0, map[string]int{}, 0
	for i := range 24 {
		var env []string
		point := ""
		if i%2 == 0 {
			point = points[(i/2)%len(points)]
			env = []string{fmt.Sprintf("CCWH_CRASH_AT=%s:%d", point, 1+rand.IntN(2))}
		}
		if k, _ := sync(env...); k {
			killed++
			if point != "" {
				atPoint[point]++
			} else {
				random++
			}
		}
	}
	for _, p := range points {
		require.Positive(t, atPoint[p], "crash point %s never killed a run (kills per point: %v)", p, atPoint)
	}
	require.GreaterOrEqual(t, random, 3, "random kills must land mid-run (%d of 12 did)", random)
	k, out2 := sync("CCWH_CRASH_AT=none:1")
	require.False(t, k, out2)

	log := zerolog.Nop()
	ctx := context.Background()
	ch, err := load.Open(ctx, load.Options{Addr: chServer.Addr, Database: "crash_e2e"}, log)
	require.NoError(t, err)
	defer ch.Close()
	// Each stream's rows up to its watermark must be exactly the sandbox's.
	tables := []struct{ table, stream, key, at string }{
		{"vcc_interactions", "interactions", "interaction_id, create_timestamp", "create_timestamp"},
		{"vcc_activities", "activities", "transaction_id, agent_id", "trans_accept_time"},
		{"vcc_groups", "groups", "group_id", ""},
		{"vcc_agents", "agents", "agent_id", ""},
	}
	var expected, found, duplicates uint64
	for _, tb := range tables {
		table, key := tb.table, tb.key
		var n, dups, want uint64
		if tb.at == "" {
			require.NoError(t, ch.QueryRow(ctx, "SELECT count() FROM crash_e2e."+table+" FINAL").Scan(&n))
			want = uint64(sb.VCCCounts(extract.Window{})[table])
		} else {
			var wm time.Time
			require.NoError(t, ch.QueryRow(ctx, "SELECT argMax(watermark, version) FROM crash_e2e._ccwh_state WHERE stream = ?", tb.stream).Scan(&wm))
			require.False(t, wm.Before(to.Add(-time.Hour)), "%s watermark %s reached the end of the range", tb.stream, wm)
			require.NoError(t, ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM crash_e2e.%s FINAL WHERE %s >= ? AND %s < ?", table, tb.at, tb.at),
				from, wm).Scan(&n))
			want = uint64(sb.VCCCounts(extract.Window{From: from, To: wm})[table])
		}
		require.NoError(t, ch.QueryRow(ctx, fmt.Sprintf(
			"SELECT count() FROM (SELECT %s, count() AS c FROM crash_e2e.%s FINAL GROUP BY %s HAVING c > 1)", key, table, key)).Scan(&dups))
		t.Logf("%-17s rows expected %d, found %d, duplicate keys %d", table, want, n, dups)
		require.Equal(t, want, n, table)
		require.Zero(t, dups, table)
		expected, found, duplicates = expected+want, found+n, duplicates+dups
	}

	ar, err := load.NewArchive(archive)
	require.NoError(t, err)
	manifests, err := filepath.Glob(filepath.Join(archive, "runs", "*", "manifest.json"))
	require.NoError(t, err)
	require.NotEmpty(t, manifests)
	files := 0
	for _, p := range manifests {
		m, err := load.ReadManifest(p)
		require.NoError(t, err, p)
		require.NoError(t, ar.Verify(m), p)
		files += len(m.Files)
	}
	require.Positive(t, files)
	var temps []string
	require.NoError(t, filepath.WalkDir(archive, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			temps = append(temps, p)
		}
		return err
	}))
	require.Empty(t, temps)
	t.Logf("crash harness: 25 runs, %d killed with SIGKILL; rows expected %d, found %d, missing %d, duplicates %d; %d manifests, %d Parquet files verified, 0 temp files left",
		killed, expected, found, expected-min(expected, found), duplicates, len(manifests), files)
}
