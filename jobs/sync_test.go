package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

var chServer *localch.Server

func TestMain(m *testing.M) {
	chtest.Main(m, func(srv *localch.Server) int {
		chServer = srv
		return m.Run()
	})
}

// env is one isolated end-to-end setup: its own database on the shared private ClickHouse, its
// own archive and its own sandbox.
type env struct {
	t       *testing.T
	sb      *sandbox.Server
	http    *httptest.Server
	cfg     *Config
	ch      *load.ClickHouse
	archive *load.Archive
	runner  *Runner
	logs    *strings.Builder
}

func newEnv(t *testing.T, wrap func(http.Handler) http.Handler, streamYAML string) *env {
	t.Helper()
	if chServer == nil { // chtest.Main only allows this outside CI
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	sb := sandbox.New(sandbox.Options{Seed: 7, Scale: 2})
	h := sb.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	db := "e2e_" + hex.EncodeToString(rnd[:])
	dir := t.TempDir()
	if streamYAML == "" {
		streamYAML = "{groups: {}, agents: {}, queues: {}, activities: {}, interactions: {}}"
	}
	yaml := fmt.Sprintf(`warehouse:
  clickhouse: {addr: %q, database: %s}
archive: {dir: %q}
sources:
  - name: acme
    kind: 8x8-vcc
    base_url: %s
    tenant: acme
    token: ${TOKEN}
    max_retries: 2
    timeout: 5s
    streams: %s
`, chServer.Addr, db, filepath.Join(dir, "archive"), hs.URL, streamYAML)
	cfg, err := ParseConfig("e2e.yaml", []byte(yaml), envLookup(map[string]string{"TOKEN": "sandbox-token"}))
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

type lockedWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (e *env) count(table string) int64 {
	e.t.Helper()
	var n uint64
	require.NoError(e.t, e.ch.QueryRow(context.Background(),
		fmt.Sprintf("SELECT count() FROM %s.%s FINAL", schema.Quote(e.ch.Database()), table)).Scan(&n))
	return int64(n)
}

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

var allTables = []string{"vcc_groups", "vcc_agents", "vcc_queues", "vcc_activities", "vcc_interactions"}

// TestSyncLoadsEveryStreamExactly: the sandbox's rows, ClickHouse FINAL and the Parquet archive
// agree table by table; a second sync of the same window changes nothing.
func TestSyncLoadsEveryStreamExactly(t *testing.T) {
	e := newEnv(t, nil, "")
	ctx := context.Background()
	from, to := day("2026-03-01"), day("2026-03-03")
	rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())

	truth := e.sb.VCCCounts(extract.Window{From: from, To: to})
	parquet := map[string]int64{}
	for _, w := range rep.Windows {
		for _, f := range w.Files {
			parquet[f.Table] += f.Rows
		}
	}
	for _, tb := range allTables {
		require.Positive(t, truth[tb], tb)
		require.Equal(t, int64(truth[tb]), e.count(tb), "%s: ClickHouse FINAL = sandbox", tb)
		require.Equal(t, int64(truth[tb]), parquet[tb], "%s: Parquet = sandbox", tb)
	}
	m, err := load.ReadManifest(filepath.Join(e.cfg.Archive.Dir, "runs", rep.RunID, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, e.archive.Verify(m))

	// Incremental streams: one window per day, the watermark at the end of the range.
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.Equal(t, to, wm)

	_, err = e.runner.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	for _, tb := range allTables {
		require.Equal(t, int64(truth[tb]), e.count(tb), "%s after re-sync", tb)
	}
	var runs uint64
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s._ccwh_runs FINAL WHERE status = 'succeeded'",
		schema.Quote(e.ch.Database()))).Scan(&runs))
	require.Equal(t, uint64(2*len(rep.Windows)), runs, "one succeeded run row per window per sync")
}

// TestMalformedPageFailsWindowAndKeepsPage: the spec's malformed sample fails the window with an
// error naming source, stream, window and page; the raw page is quarantined; nothing is loaded;
// the run is marked failed and the watermark stays.
func TestMalformedPageFailsWindowAndKeepsPage(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}}")
	e.sb.Faults().Inject("/api/stats/allinteractions", sandbox.Fault{Malformed: true})
	ctx := context.Background()
	rep, err := e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{"acme/interactions", "2026-03-01T00:00:00Z/2026-03-02T00:00:00Z", "page n=1",
		"allinteractions.xml?d=20260301T0000Z,20260302T0000Z", "</post-proc-time>", "raw page kept at"} {
		require.Contains(t, msg, want)
	}
	require.NotContains(t, msg, "sandbox-token")
	require.Len(t, rep.Failed(), 1)
	require.Zero(t, e.count("vcc_interactions"))

	q, err := filepath.Glob(filepath.Join(e.cfg.Archive.Dir, "quarantine", rep.RunID, "*"))
	require.NoError(t, err)
	require.Len(t, q, 2, "the raw page and its request")
	for _, f := range q {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotContains(t, string(b), "sandbox-token")
		if strings.HasSuffix(f, ".xml") {
			require.Contains(t, string(b), "</post-proc-time>", "the page as the vendor sent it")
		}
	}
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.True(t, wm.IsZero(), "watermark unchanged")
	var status, errText string
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT status, ifNull(error, '') FROM %s._ccwh_runs FINAL WHERE run_id = ?",
		schema.Quote(e.ch.Database())), rep.RunID).Scan(&status, &errText))
	require.Equal(t, "failed", status)
	require.Contains(t, errText, "page n=1")

	// The next run, with the vendor healthy again, loads the window.
	e.sb.Faults().Clear()
	_, err = e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.NoError(t, err)
	require.Equal(t, int64(e.sb.VCCCounts(extract.Window{From: day("2026-03-01"), To: day("2026-03-02")})["vcc_interactions"]), e.count("vcc_interactions"))
}

// TestWindowFailingAfterInsertIsRolledBack: with one page per batch, a malformed third page comes
// after two batches were already inserted; the window fails and its rows are deleted again.
func TestWindowFailingAfterInsertIsRolledBack(t *testing.T) {
	e := newEnv(t, truncatedThirdPage(func() bool { return true }), "{interactions: {batch_rows: 50}}")
	ctx := context.Background()
	rep, err := e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	require.Contains(t, err.Error(), "page n=101")
	require.Len(t, rep.Windows[0].Files, 2, "two batches were archived and inserted before the bad page")
	require.Zero(t, e.count("vcc_interactions"), "and were deleted again")
}

// TestLiveSyncContinuesFromWatermark: a live sync reads from the watermark minus the overlap up
// to now minus the lag, and leaves the warehouse equal to the sandbox for the whole range.
func TestLiveSyncContinuesFromWatermark(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {start: 2026-03-01, lag: 1h, overlap: 2h}}")
	ctx := context.Background()
	e.runner.now = func() time.Time { return time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC) }
	_, err := e.runner.Sync(ctx, SyncOptions{})
	require.NoError(t, err)
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), wm)

	e.runner.now = func() time.Time { return time.Date(2026, 3, 3, 7, 30, 0, 0, time.UTC) }
	rep, err := e.runner.Sync(ctx, SyncOptions{})
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), rep.Windows[0].Window.From, "re-reads the overlap")
	want := e.sb.VCCCounts(extract.Window{From: day("2026-03-01"), To: time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)})["vcc_interactions"]
	require.Equal(t, int64(want), e.count("vcc_interactions"))
}

// TestBadCredentialsFailClearly: 8x8 answers 403 to a wrong token; the run fails at once, names
// the stream and never prints the token.
func TestBadCredentialsFailClearly(t *testing.T) {
	e := newEnv(t, nil, "{groups: {}}")
	e.cfg.Sources[0].Options.(*VCCOptions).Token = "wrong-token-value"
	_, err := e.runner.Sync(context.Background(), SyncOptions{})
	require.Error(t, err)
	require.Contains(t, err.Error(), "acme/groups")
	require.Contains(t, err.Error(), "403")
	require.NotContains(t, err.Error(), "wrong-token-value")
	require.NotContains(t, e.logs.String(), "wrong-token-value")
}

// TestParallelBackfillIsExactAndMovesWatermarkOnce: a backfill run with three windows at a time
// loads exactly the sandbox's rows, reports progress for every page and window, and sets the
// watermark to the end of the range only because every window succeeded.
func TestParallelBackfillIsExactAndMovesWatermarkOnce(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}, activities: {}}")
	ctx := context.Background()
	from, to := day("2026-04-01"), day("2026-04-06")
	var last Progress
	var calls atomic.Int64
	rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 3, Progress: func(p Progress) {
		calls.Add(1)
		last = p
	}})
	require.NoError(t, err)
	require.Len(t, rep.Windows, 10)
	truth := e.sb.VCCCounts(extract.Window{From: from, To: to})
	require.Equal(t, int64(truth["vcc_interactions"]), e.count("vcc_interactions"))
	require.Equal(t, int64(truth["vcc_activities"]), e.count("vcc_activities"))
	require.Equal(t, 10, last.Windows)
	require.Equal(t, 10, last.WindowsDone)
	require.Equal(t, int64(truth["vcc_interactions"]+truth["vcc_activities"]), last.Rows)
	require.Greater(t, calls.Load(), int64(10))
	for _, s := range []string{"interactions", "activities"} {
		wm, err := e.runner.Watermark(ctx, "acme", s)
		require.NoError(t, err)
		require.Equal(t, to, wm, s)
	}
}

// TestBackfillWithGapDoesNotMoveWatermark: a failed window in the middle of a backfill keeps the
// watermark at the end of the contiguous prefix; re-running the backfill completes it.
func TestBackfillWithGapDoesNotMoveWatermark(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if fail.Load() && strings.Contains(r.URL.RawQuery, "d=20260402") {
				http.Error(w, "no", http.StatusBadRequest)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, wrap, "{interactions: {}}")
	ctx := context.Background()
	from, to := day("2026-04-01"), day("2026-04-04")
	_, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2})
	require.Error(t, err)
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.Equal(t, day("2026-04-02"), wm, "stops before the failed window")

	fail.Store(false)
	_, err = e.runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2})
	require.NoError(t, err)
	wm, err = e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.Equal(t, to, wm)
	require.Equal(t, int64(e.sb.VCCCounts(extract.Window{From: from, To: to})["vcc_interactions"]), e.count("vcc_interactions"))
}

// TestClickHouseTLSIsReallyUsed: with tls.enabled the connection speaks TLS — against the
// plain-text test server the handshake fails, naming the address — and a CA file that holds no
// certificate is refused at startup.
func TestClickHouseTLSIsReallyUsed(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	cfg, err := ParseConfig("tls.yaml", []byte(fmt.Sprintf("warehouse: {clickhouse: {addr: %q, max_retries: -1, dial_timeout: 2s, tls: {enabled: true}}}\n",
		chServer.Addr)), nil)
	require.NoError(t, err)
	_, err = OpenWarehouse(context.Background(), cfg, zerolog.Nop())
	require.Error(t, err)
	require.Contains(t, err.Error(), chServer.Addr)
	require.Contains(t, err.Error(), "tls:")

	bad := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(bad, []byte("not a certificate"), 0o600))
	cfg.Warehouse.ClickHouse.TLS.CAFile = bad
	_, err = OpenWarehouse(context.Background(), cfg, zerolog.Nop())
	require.ErrorContains(t, err, "holds no PEM certificate")
}

// TestInsertRejectedForSchemaMismatch: when the warehouse table no longer matches (a column was
// dropped by hand), the run fails naming the table and the column, and the watermark stays.
func TestInsertRejectedForSchemaMismatch(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}}")
	ctx := context.Background()
	require.NoError(t, e.ch.Exec(ctx, fmt.Sprintf("ALTER TABLE %s.vcc_interactions DROP COLUMN dial_text", schema.Quote(e.ch.Database()))))
	_, err := e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	require.Contains(t, err.Error(), "vcc_interactions")
	require.Contains(t, err.Error(), "dial_text")
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.True(t, wm.IsZero())
}

// truncatedThirdPage wraps the sandbox so that, while broken() holds, the third interactions
// page it serves is a truncated XML document: with one page per batch, two batches are already
// archived and inserted when the window fails.
func truncatedThirdPage(broken func() bool) func(http.Handler) http.Handler {
	var n atomic.Int64
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if broken() && strings.Contains(r.URL.Path, "allinteractions") && n.Add(1) == 3 {
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprint(w, "<?xml version='1.0'  encoding='UTF-8' ?>\n<interactions>\n<interaction><interaction-id>1</interaction-id>")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
