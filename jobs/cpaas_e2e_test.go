package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// newVendorEnv is an end-to-end setup like newEnv for any source kind: its own database on the
// shared private ClickHouse, its own archive and sandbox. source is the YAML of one source
// (indented as a list item under sources:), with %[1]s standing for the sandbox URL.
func newVendorEnv(t *testing.T, sbOpts sandbox.Options, source string, secrets map[string]string) *env {
	t.Helper()
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	sb := sandbox.New(sbOpts)
	hs := httptest.NewServer(sb.Handler())
	t.Cleanup(hs.Close)
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	db := "e2e_" + hex.EncodeToString(rnd[:])
	dir := t.TempDir()
	yaml := fmt.Sprintf("warehouse:\n  clickhouse: {addr: %q, database: %s}\narchive: {dir: %q}\nsources:\n",
		chServer.Addr, db, filepath.Join(dir, "archive")) + fmt.Sprintf(source, hs.URL)
	cfg, err := ParseConfig("e2e.yaml", []byte(yaml), envLookup(secrets))
	require.NoError(t, err)
	logs := &strings.Builder{}
	log := zerolog.New(&lockedWriter{b: logs})
	ctx := context.Background()
	ch, err := OpenWarehouse(ctx, cfg, log)
	require.NoError(t, err)
	t.Cleanup(func() { ch.Close() })
	require.NoError(t, ch.Migrate(ctx, "test"))
	ar, err := load.NewArchive(cfg.Archive.Dir)
	require.NoError(t, err)
	return &env{t: t, sb: sb, http: hs, cfg: cfg, ch: ch, archive: ar, runner: NewRunner(cfg, ch, ar, nil, log), logs: logs}
}

// query runs q (DB. stands for the test database) and prints its rows, one line each; every
// selected expression must be a String (wrap with toString).
func (e *env) query(q string, args ...any) *strings.Builder {
	e.t.Helper()
	rows, err := e.ch.Query(context.Background(), strings.ReplaceAll(q, "DB.", schema.Quote(e.ch.Database())+"."), args...)
	require.NoError(e.t, err)
	defer rows.Close()
	var b strings.Builder
	cols := rows.Columns()
	for rows.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(e.t, rows.Scan(ptrs...))
		fmt.Fprintln(&b, strings.Join(vals, " "))
	}
	return &b
}

const cpaasSource = `  - name: acme-cpaas
    kind: 8x8-cpaas
    api_key: ${KEY}
    sub_account_id: acme_sub
    account_id: acme-account
    chatapps_url: %[1]s/cpaas/chatapps
    sms_url: %[1]s/cpaas/sms
    voice_url: %[1]s/cpaas/voice
    automation_url: %[1]s/cpaas/automation
    poll_interval: 5ms
    max_poll: 20ms
    chunk_rows: 50
    max_retries: 2
    timeout: 5s
    streams:
      chatapps_message_logs: {start: 2026-03-01}
      sms_message_logs: {start: 2026-03-01}
      voice_call_logs: {start: 2026-03-01}
      workflow_definitions: {}
      workflow_instances: {start: 2026-03-01}
      automation_usage_history: {}
      automation_usage: {}
      voice_numbers: {}
      sms_balance: {}
`

var cpaasSecrets = map[string]string{"KEY": sandbox.DefaultToken}

// TestCPaaSExportJobsLoadEndToEnd: each window starts an export job, waits for it, downloads
// its two CSV files and loads them; ClickHouse FINAL equals the sandbox's truth for every family,
// every job is in cpaas_export_jobs, and re-loading the same range duplicates nothing.
func TestCPaaSExportJobsLoadEndToEnd(t *testing.T) {
	e := newVendorEnv(t, sandbox.Options{Seed: 7}, cpaasSource, cpaasSecrets)
	ctx := context.Background()
	from, to := day("2026-03-01"), day("2026-03-03")
	rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())
	w := extract.Window{From: from, To: to}
	tables := map[string]string{"chatapps": "cpaas_chatapps_message_logs", "sms": "cpaas_sms_message_logs", "voice": "cpaas_voice_call_logs"}
	for fam, tb := range tables {
		want := e.sb.CPaaSLogCount(fam, w)
		require.Positive(t, want)
		require.Equal(t, int64(want), e.count(tb), "%s: ClickHouse FINAL = sandbox", tb)
	}
	require.Equal(t, int64(6), e.count("cpaas_export_jobs"), "3 families × 2 daily windows")
	require.Equal(t, "6 12 6\n", e.query("SELECT toString(count()), toString(sum(files)), toString(countIf(ifNull(status, '') = 'succeeded')) FROM DB.cpaas_export_jobs FINAL").String())
	require.Equal(t, fmt.Sprintln(e.sb.CPaaSLogCount("chatapps", w)),
		e.query("SELECT toString(sum(rows)) FROM DB.cpaas_export_jobs FINAL WHERE family = 'chatapps'").String())
	// Typed columns and the vendor's extra column.
	require.Equal(t, "1\n", e.query("SELECT toString(min(timestamp) >= toDateTime('2026-03-01 00:00:00', 'UTC') AND countIf(ifNull(umid, '') = '') = 0 AND countIf(_extra LIKE '%ClientMessageId%') = count()) FROM DB.cpaas_chatapps_message_logs FINAL").String())

	_, err = e.runner.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	for fam, tb := range tables {
		require.Equal(t, int64(e.sb.CPaaSLogCount(fam, w)), e.count(tb), "%s after a re-load", tb)
	}
	require.Equal(t, int64(12), e.count("cpaas_export_jobs"), "every job is recorded")

	// The automation and account streams of the same sync.
	truth := e.sb.CPaaSAutomationCounts(w)
	for _, tb := range []string{"cpaas_workflow_definitions", "cpaas_workflow_instances", "cpaas_workflow_instance_errors",
		"cpaas_automation_usage_history", "cpaas_automation_usage", "cpaas_voice_numbers", "cpaas_sms_balance"} {
		want := int64(truth[tb])
		if tb == "cpaas_automation_usage" || tb == "cpaas_sms_balance" {
			require.GreaterOrEqual(t, e.count(tb), want, "%s: one snapshot per run and minute", tb)
			continue
		}
		require.Positive(t, want, tb)
		require.Equal(t, want, e.count(tb), "%s: ClickHouse FINAL = sandbox", tb)
	}
	require.Equal(t, "3\n", e.query("SELECT toString(uniqExact(version)) FROM DB.cpaas_workflow_instances FINAL").String(), "every version's instances")
}

// TestCPaaSFailedJobKeepsWatermark: a job that ends failed fails the run with the job id in the
// error, loads nothing and leaves the watermark where it was; the next run catches up.
func TestCPaaSFailedJobKeepsWatermark(t *testing.T) {
	source := cpaasSource[:strings.Index(cpaasSource, "      sms_message_logs")]
	e := newVendorEnv(t, sandbox.Options{Seed: 7}, source, cpaasSecrets)
	ctx := context.Background()
	e.runner.now = func() time.Time { return time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC) }
	_, err := e.runner.Sync(ctx, SyncOptions{})
	require.NoError(t, err)
	wm, err := e.runner.Watermark(ctx, "acme-cpaas", "chatapps_message_logs")
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), wm)
	before := e.count("cpaas_chatapps_message_logs")

	e.sb.CPaaS().ScriptJobs("failed")
	e.runner.now = func() time.Time { return time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC) }
	_, err = e.runner.Sync(ctx, SyncOptions{})
	require.Error(t, err)
	jobs := e.sb.CPaaS().Jobs()
	failed := strings.Split(jobs[len(jobs)-1], ":")
	require.Equal(t, "failed", failed[1])
	require.ErrorContains(t, err, failed[0], "the error names the job")
	require.ErrorContains(t, err, "acme-cpaas/chatapps_message_logs")
	wm2, err := e.runner.Watermark(ctx, "acme-cpaas", "chatapps_message_logs")
	require.NoError(t, err)
	require.Equal(t, wm, wm2, "the watermark stays")
	require.Equal(t, before, e.count("cpaas_chatapps_message_logs"))
	require.Contains(t, e.query("SELECT toString(status), ifNull(error, '') FROM DB._ccwh_runs FINAL WHERE stream = 'chatapps_message_logs' AND status = 'failed'").String(), failed[0])
	require.Contains(t, e.query("SELECT job_id, toString(status) FROM DB.cpaas_export_jobs FINAL").String(), failed[0]+" failed",
		"the failed job stays on record in cpaas_export_jobs")

	_, err = e.runner.Sync(ctx, SyncOptions{})
	require.NoError(t, err)
	want := e.sb.CPaaSLogCount("chatapps", extract.Window{From: day("2026-03-01"), To: time.Date(2026, 3, 2, 19, 0, 0, 0, time.UTC)})
	require.Equal(t, int64(want), e.count("cpaas_chatapps_message_logs"))
}
