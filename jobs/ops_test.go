package jobs

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
)

// opsEnv has run one successful stream and one failed window, with metrics.
func opsEnv(t *testing.T) (*env, *httptest.Server) {
	e := newEnv(t, nil, "{groups: {}, agents: {}, interactions: {}}")
	reg := prometheus.NewRegistry()
	e.runner.metrics = NewMetrics(reg)
	ctx := context.Background()
	_, err := e.runner.Sync(ctx, SyncOptions{Streams: []string{"groups"}})
	require.NoError(t, err)
	e.sb.Faults().Inject("/api/stats/allinteractions", sandbox.Fault{Malformed: true})
	_, err = e.runner.Sync(ctx, SyncOptions{Streams: []string{"interactions"}, From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	srv := httptest.NewServer(OpsHandler(func() *Runner { return e.runner }, reg, ""))
	t.Cleanup(srv.Close)
	return e, srv
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestOpsEndpoints(t *testing.T) {
	e, srv := opsEnv(t)
	code, _ := get(t, srv.URL+"/healthz")
	require.Equal(t, 200, code)
	code, body := get(t, srv.URL+"/readyz")
	require.Equal(t, 200, code, body)

	code, body = get(t, srv.URL+"/metrics")
	require.Equal(t, 200, code)
	for _, want := range []string{
		`ccwh_window_runs_total{source="acme",status="succeeded",stream="groups"} 1`,
		`ccwh_window_runs_total{source="acme",status="failed",stream="interactions"} 1`,
		`ccwh_rows_loaded_total{table="vcc_groups"} 6`,
		`ccwh_http_requests_total{code="200",source="acme"}`,
		`ccwh_http_request_duration_seconds_bucket{source="acme"`,
		`ccwh_last_success_timestamp_seconds{source="acme",stream="groups"}`,
	} {
		require.Contains(t, body, want)
	}

	code, body = get(t, srv.URL+"/")
	require.Equal(t, 200, code)
	for _, want := range []string{"groups", "agents", "interactions", "never ran", "post-proc-time", "viewport"} {
		require.Contains(t, body, want)
	}

	// Readiness fails when the schema is behind this build.
	require.NoError(t, e.ch.Exec(context.Background(), "ALTER TABLE "+e.ch.Database()+"._ccwh_schema DELETE WHERE 1 = 1"))
	waitFor(t, 10*time.Second, func() bool { c, _ := get(t, srv.URL+"/readyz"); return c == 503 }, "readyz to fail")
}

// TestStatusPageInChromium loads the status page in headless Chromium (Debian's package; `make
// test` installs it) and checks that the rendered page shows every configured stream and the
// failed run's error. CCWH_SCREENSHOT=path also saves a phone-sized screenshot.
func TestStatusPageInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium is not installed (make test installs it): %v", err)
		}
		t.Skip("chromium is not installed; outside CI only")
	}
	_, srv := opsEnv(t)
	profile := t.TempDir()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dom, err := exec.CommandContext(ctx, bin, append(args, "--dump-dom", srv.URL+"/")...).Output()
	require.NoError(t, err)
	for _, want := range []string{"<h1>ccwh status</h1>", "<strong>groups</strong>", "<strong>agents</strong>", "<strong>interactions</strong>", "never ran",
		`class="failed"`, "mismatched end tag", "raw page kept at"} {
		require.Contains(t, string(dom), want)
	}
	shot := filepath.Join(t.TempDir(), "status.png")
	if p := os.Getenv("CCWH_SCREENSHOT"); p != "" {
		shot, _ = filepath.Abs(p)
	}
	out, err := exec.CommandContext(ctx, bin, append(args, "--window-size=430,932", "--hide-scrollbars",
		"--screenshot="+shot, srv.URL+"/")...).CombinedOutput()
	require.NoError(t, err, string(out))
	st, err := os.Stat(shot)
	require.NoError(t, err)
	require.Greater(t, st.Size(), int64(5000), "a real picture")
}

func TestOpsTokenRequired(t *testing.T) {
	e := newEnv(t, nil, "{groups: {}}")
	srv := httptest.NewServer(OpsHandler(func() *Runner { return e.runner }, prometheus.NewRegistry(), "ops-secret"))
	defer srv.Close()
	code, _ := get(t, srv.URL+"/healthz")
	require.Equal(t, 200, code, "liveness stays open for the orchestrator")
	for _, p := range []string{"/", "/metrics", "/readyz"} {
		code, _ := get(t, srv.URL+p)
		require.Equal(t, 401, code, p)
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Authorization", "Bearer ops-secret")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode, p)
	}
}
