package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// dixaEnv is one isolated end-to-end setup for the dixa kind: its own database on the shared
// private ClickHouse, its own archive and its own sandbox whose clock the test moves.
type dixaEnv struct {
	t      *testing.T
	sb     *sandbox.Server
	cfg    *Config
	ch     *load.ClickHouse
	runner *Runner

	mu  sync.Mutex
	now time.Time
}

var dixaMetricsYAML = `    metrics:
      - {id: closed_conversations, aggregations: [Count, Sum]}
      - {id: csat, aggregations: [Average], filters: [{attribute: channel, values: [email]}]}
    records:
      - {id: conversations}
      - {id: ratings}
`

var dixaAllStreams = "{agents: {}, teams: {}, queues: {}, tags: {}, end_users: {}, custom_attributes: {}, contact_endpoints: {}, " +
	"analytics_metrics: {}, analytics_record_types: {}, analytics_filter_values: {}, metric_values: {}, records: {}, conversations: {}}"

// newDixaEnv: sourceYAML holds extra source keys (rate_limit, …); sandboxLimit says whether the
// sandbox enforces Dixa's 10 requests/s.
func newDixaEnv(t *testing.T, now time.Time, sourceYAML, streams string, sandboxLimit bool) *dixaEnv {
	t.Helper()
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	e := &dixaEnv{t: t, now: now}
	e.sb = sandbox.New(sandbox.Options{Seed: 7, Scale: 1, Now: func() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }})
	if !sandboxLimit {
		e.sb.SetDixaRateLimit(0, 0)
	}
	hs := httptest.NewServer(e.sb.Handler())
	t.Cleanup(hs.Close)
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	db := "e2e_dixa_" + hex.EncodeToString(rnd[:])
	dir := t.TempDir()
	yaml := fmt.Sprintf(`warehouse:
  clickhouse: {addr: %q, database: %s}
archive: {dir: %q}
sources:
  - name: acme
    kind: dixa
    base_url: %s/dixa
    token: ${TOKEN}
    timeout: 10s
    page_limit: 7
%s%s    streams: %s
`, chServer.Addr, db, filepath.Join(dir, "archive"), hs.URL, sourceYAML, dixaMetricsYAML, streams)
	cfg, err := ParseConfig("e2e.yaml", []byte(yaml), envLookup(map[string]string{"TOKEN": sandbox.DefaultToken}))
	require.NoError(t, err)
	log := zerolog.New(&lockedWriter{b: &strings.Builder{}})
	ctx := context.Background()
	ch, err := OpenWarehouse(ctx, cfg, log)
	require.NoError(t, err)
	t.Cleanup(func() { ch.Close() })
	require.NoError(t, ch.Migrate(ctx, "test"))
	ar, err := load.NewArchive(cfg.Archive.Dir)
	require.NoError(t, err)
	e.cfg, e.ch, e.runner = cfg, ch, NewRunner(cfg, ch, ar, nil, log)
	return e
}

func (e *dixaEnv) setNow(t time.Time) { e.mu.Lock(); e.now = t; e.mu.Unlock() }

func (e *dixaEnv) count(table string) int64 {
	e.t.Helper()
	var n uint64
	require.NoError(e.t, e.ch.QueryRow(context.Background(),
		fmt.Sprintf("SELECT count() FROM %s.%s FINAL", schema.Quote(e.ch.Database()), table)).Scan(&n))
	return int64(n)
}

// dixaTruth is what every dixa table must hold after syncing w: the sandbox's counts, and the
// metric values of dixaMetricsYAML (3 aggregates per day).
func dixaTruth(sb *sandbox.Server, w extract.Window) map[string]int {
	m := sb.DixaCounts(w, []string{"conversations", "ratings"})
	m[schema.DixaAnalyticsMetricValues.Name] = 3 * int(w.To.Sub(w.From)/(24*time.Hour))
	return m
}

// TestDixaSyncLoadsEveryStreamExactly: every dixa stream into the real ClickHouse; FINAL counts
// equal the sandbox's truth table by table, and a second sync of the same range changes nothing.
func TestDixaSyncLoadsEveryStreamExactly(t *testing.T) {
	now := day("2026-01-21")
	e := newDixaEnv(t, now, "    rate_limit: 1000\n    burst: 50\n", dixaAllStreams, false)
	ctx := context.Background()
	w := extract.Window{From: day("2026-01-05"), To: day("2026-01-08")}
	rep, err := e.runner.Sync(ctx, SyncOptions{From: w.From, To: w.To})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())
	truth := dixaTruth(e.sb, w)
	for _, tb := range dixaTables() {
		require.Positive(t, truth[tb], tb)
		require.Equal(t, int64(truth[tb]), e.count(tb), "%s: ClickHouse FINAL = sandbox", tb)
	}
	wm, err := e.runner.Watermark(ctx, "acme", "conversations")
	require.NoError(t, err)
	require.Equal(t, w.To, wm)

	_, err = e.runner.Sync(ctx, SyncOptions{From: w.From, To: w.To})
	require.NoError(t, err)
	for _, tb := range dixaTables() {
		require.Equal(t, int64(truth[tb]), e.count(tb), "%s after re-sync", tb)
	}

	// Every _type variant reached its columns.
	var variants uint64
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT uniqExact(`_type`) FROM %s.dixa_conversations FINAL",
		schema.Quote(e.ch.Database()))).Scan(&variants))
	require.EqualValues(t, 11, variants, "10 channel variants in the window plus AnonymizedConversation")
	var unknown uint64
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s.dixa_analytics_records FINAL WHERE `field__type` = 'GeoField' AND position(`_extra`, 'GeoField') > 0",
		schema.Quote(e.ch.Database()))).Scan(&unknown))
	require.Positive(t, unknown, "unknown field variants are kept in _extra")
}

func dixaTables() []string {
	var out []string
	for _, tb := range schema.Tables() {
		if strings.HasPrefix(tb.Name, "dixa_") {
			out = append(out, tb.Name)
		}
	}
	return out
}

// TestDixaConversationChangesBetweenRuns: a conversation first loaded open, closed and rated
// later, ends with its latest state in FINAL after the next run.
func TestDixaConversationChangesBetweenRuns(t *testing.T) {
	w := extract.Window{From: day("2026-01-05"), To: day("2026-01-06")}
	e := newDixaEnv(t, w.From.Add(90*time.Minute), "    rate_limit: 1000\n    burst: 50\n", "{conversations: {}}", false)
	ctx := context.Background()
	_, err := e.runner.Sync(ctx, SyncOptions{From: w.From, To: w.To})
	require.NoError(t, err)
	q := fmt.Sprintf("SELECT state FROM %s.dixa_conversations FINAL WHERE id = 1048", schema.Quote(e.ch.Database()))
	var state string
	require.NoError(t, e.ch.QueryRow(ctx, q).Scan(&state))
	require.Equal(t, "Open", state)
	require.Zero(t, e.count("dixa_ratings"))

	e.setNow(day("2026-01-07"))
	_, err = e.runner.Sync(ctx, SyncOptions{From: w.From, To: w.To})
	require.NoError(t, err)
	require.NoError(t, e.ch.QueryRow(ctx, q).Scan(&state))
	require.Equal(t, "Closed", state)
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT state FROM %s.dixa_conversations_latest WHERE id = 1048",
		schema.Quote(e.ch.Database()))).Scan(&state))
	require.Equal(t, "Closed", state, "the analyst view shows the latest state too")
	truth := dixaTruth(e.sb, w)
	for _, tb := range []string{"dixa_activity_log", "dixa_conversations", "dixa_messages", "dixa_notes", "dixa_ratings", "dixa_conversation_tags"} {
		require.Equal(t, int64(truth[tb]), e.count(tb), tb)
	}
	var score int64
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT rating_score FROM %s.dixa_ratings FINAL WHERE conversation_id = 1048",
		schema.Quote(e.ch.Database()))).Scan(&score))
	require.Positive(t, score)
}

// TestDixaStaysBelowRateLimit: with the default limiter (10 requests/s, burst 4) a sync never
// meets the sandbox's 429; with a client far above the limit it meets many, retries them, and
// still loads every page.
func TestDixaStaysBelowRateLimit(t *testing.T) {
	streams := "{teams: {}, queues: {}, end_users: {}, analytics_filter_values: {}}"
	t.Run("default limiter", func(t *testing.T) {
		e := newDixaEnv(t, day("2026-01-21"), "", streams, true)
		start := time.Now()
		_, err := e.runner.Sync(context.Background(), SyncOptions{})
		require.NoError(t, err)
		req, throttled := e.sb.DixaStats()
		require.Zero(t, throttled, "no 429 with the default limiter")
		require.Greater(t, req, int64(20))
		require.GreaterOrEqual(t, time.Since(start), time.Duration(req-5)*100*time.Millisecond*9/10, "about 10 requests/s at most")
		truth := dixaTruth(e.sb, extract.Window{})
		for _, tb := range []string{"dixa_teams", "dixa_team_members", "dixa_queues", "dixa_queue_members", "dixa_end_users", "dixa_analytics_filter_values"} {
			require.Equal(t, int64(truth[tb]), e.count(tb), tb)
		}
	})
	t.Run("client above the limit", func(t *testing.T) {
		e := newDixaEnv(t, day("2026-01-21"), "    rate_limit: 1000\n    burst: 100\n    max_retries: 20\n", streams, true)
		_, err := e.runner.Sync(context.Background(), SyncOptions{})
		require.NoError(t, err)
		_, throttled := e.sb.DixaStats()
		require.Positive(t, throttled, "the sandbox answered 429")
		truth := dixaTruth(e.sb, extract.Window{})
		for _, tb := range []string{"dixa_teams", "dixa_team_members", "dixa_queues", "dixa_queue_members", "dixa_end_users", "dixa_analytics_filter_values"} {
			require.Equal(t, int64(truth[tb]), e.count(tb), "%s: no page dropped after 429s", tb)
		}
	})
}

// TestDixaMalformedPageQuarantined: a body that is not JSON fails the stream with the page
// quarantined as the vendor sent it, beside its request. The extractor hands the vendor's bytes
// over unreshaped (pinned in extract/dixa by TestMalformedBodyReachesEmitAsSent).
func TestDixaMalformedPageQuarantined(t *testing.T) {
	e := newDixaEnv(t, day("2026-01-21"), "", "{tags: {}}", false)
	e.sb.Faults().Inject("/dixa/v1/tags", sandbox.Fault{Malformed: true})
	rep, err := e.runner.Sync(context.Background(), SyncOptions{})
	require.Error(t, err)
	require.Contains(t, err.Error(), "acme/tags")
	require.Contains(t, err.Error(), "raw page kept at")
	require.NotContains(t, err.Error(), sandbox.DefaultToken)
	q, err := filepath.Glob(filepath.Join(e.cfg.Archive.Dir, "quarantine", rep.RunID, "*"))
	require.NoError(t, err)
	require.Len(t, q, 2, "the page and its request")
	for _, f := range q {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotContains(t, string(b), sandbox.DefaultToken)
		if !strings.HasSuffix(f, ".request.json") {
			require.Contains(t, string(b), "</post-proc-time>", "the vendor's bytes, as sent")
		}
	}
	require.Zero(t, e.count("dixa_tags"))
}

// TestDixaConfigValidation: bad dixa options are config errors at load time, before any request.
func TestDixaConfigValidation(t *testing.T) {
	src := func(extra string) string {
		return "warehouse: {clickhouse: {addr: 127.0.0.1:9000, database: ccwh}}\narchive: {dir: x}\nsources:\n  - name: d\n    kind: dixa\n" +
			extra + "    streams: {agents: {}}\n"
	}
	cases := []struct{ extra, want string }{
		{"", "token"},
		{"    token: t\n    base_url: dev.dixa.io\n", "base_url"},
		{"    token: t\n    timezone: Mars/Olympus\n", "timezone"},
		{"    token: t\n    interval: 10s\n", "interval"},
		{"    token: t\n    metrics: [{aggregations: [Count]}]\n", "no id"},
		{"    token: t\n    metrics: [{id: m, aggregations: [Median]}]\n", "Median"},
		{"    token: t\n    records: [{id: r, filters: [{attribute: channel}]}]\n", "filter"},
		{"    token: t\n    metric: [{id: m}]\n", "unknown key"},
	}
	for _, c := range cases {
		_, err := ParseConfig("d.yaml", []byte(src(c.extra)), testEnv)
		require.Error(t, err, c.extra)
		require.Contains(t, err.Error(), c.want)
	}
	cfg, err := ParseConfig("d.yaml", []byte(src("    token: t\n    metrics: [{id: m, aggregations: [Count], filters: [{attribute: channel, values: [email]}]}]\n")), testEnv)
	require.NoError(t, err)
	require.Equal(t, "[redacted]", fmt.Sprint(cfg.Sources[0].Options.(*DixaOptions).Token))
}

// TestDixaDefaultRateLimit: without rate_limit the source is limited to Dixa's 10/s, burst 4,
// and two sources with the same token share one limiter.
func TestDixaDefaultRateLimit(t *testing.T) {
	cfg, err := ParseConfig("d.yaml", []byte(`warehouse: {clickhouse: {addr: 127.0.0.1:9000, database: ccwh}}
archive: {dir: x}
sources:
  - {name: a, kind: dixa, token: same, streams: {agents: {}}}
  - {name: b, kind: dixa, token: same, streams: {agents: {}}}
`), testEnv)
	require.NoError(t, err)
	a := dixaLimiter(dixaDefaultBase(), "same", 10, 4)
	for _, sc := range cfg.Sources {
		_, err := BuildStreams(sc, nil, zerolog.Nop())
		require.NoError(t, err)
	}
	require.Same(t, a, dixaLimiter(dixaDefaultBase(), "same", 10, 4))
	require.EqualValues(t, 10, a.Limit())
	require.Equal(t, 4, a.Burst())
}

func dixaDefaultBase() string { return "https://dev.dixa.io" }
