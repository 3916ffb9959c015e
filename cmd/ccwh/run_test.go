package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/load/localch"
)

var chServer *localch.Server

func TestMain(m *testing.M) {
	chtest.Main(m, func(srv *localch.Server) int {
		chServer = srv
		return m.Run()
	})
}

func buildCCWH(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ccwh")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

func httpGet(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
	}
}

// TestRunDaemonProcess runs `ccwh run` as operators do: it becomes ready, runs every stream on
// its schedule, `ccwh jobs` shows them, SIGHUP reloads the sources, SIGTERM stops it cleanly with
// no temporary archive files left.
func TestRunDaemonProcess(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	bin := buildCCWH(t)
	sb := httptest.NewServer(sandbox.New(sandbox.Options{Seed: 5}).Handler())
	defer sb.Close()
	dir := t.TempDir()
	listen := freeAddr(t)
	start := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1).Format(time.RFC3339)
	writeConfig := func(streams string) string {
		p := filepath.Join(dir, "ccwh.yaml")
		require.NoError(t, os.WriteFile(p, []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: daemon_e2e}}
archive: {dir: %q}
daemon: {listen: %q, shutdown_grace: 10s}
sources:
  - {name: acme, kind: 8x8-vcc, base_url: %s, tenant: acme, token: "${TEST_VCC_TOKEN}", streams: %s}
`, chServer.Addr, filepath.Join(dir, "archive"), listen, sb.URL, streams)), 0o644))
		return p
	}
	cfg := writeConfig(fmt.Sprintf(`{groups: {schedule: "@every 1s"}, interactions: {schedule: "@every 1s", start: %s, lag: 1m, overlap: 0s}}`, start))
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--config", cfg, "--log-format", "json", "run")
	cmd.Env = append(os.Environ(), "TEST_VCC_TOKEN=sandbox-token")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	}()

	base := "http://" + listen
	eventually(t, 20*time.Second, "readiness", func() bool { c, _ := httpGet(base + "/readyz"); return c == 200 })
	eventually(t, 30*time.Second, "successful scheduled runs", func() bool {
		_, metrics := httpGet(base + "/metrics")
		return strings.Contains(metrics, `ccwh_window_runs_total{source="acme",status="succeeded",stream="groups"}`) &&
			strings.Contains(metrics, `ccwh_window_runs_total{source="acme",status="succeeded",stream="interactions"}`)
	})

	jobsCmd := exec.Command(bin, "--config", cfg, "jobs")
	jobsCmd.Env = cmd.Env
	jobsOut, err := jobsCmd.CombinedOutput()
	require.NoError(t, err, string(jobsOut))
	require.Regexp(t, `acme\s+groups\s+@every 1s .*succeeded`, string(jobsOut))
	require.Regexp(t, `acme\s+interactions\s+@every 1s .*(succeeded|running)`, string(jobsOut), "a later tick may be running")

	// SIGHUP with one stream fewer: the status page stops listing it.
	writeConfig(`{interactions: {schedule: "@every 1s"}}`)
	require.NoError(t, cmd.Process.Signal(syscall.SIGHUP))
	eventually(t, 20*time.Second, "the reloaded config", func() bool {
		c, page := httpGet(base + "/")
		return c == 200 && !strings.Contains(page, "<strong>groups</strong>") && strings.Contains(page, "<strong>interactions</strong>")
	})

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		require.NoError(t, err, logs.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("ccwh run did not stop within 20s of SIGTERM\n%s", logs.String())
	}
	require.Contains(t, logs.String(), "config reloaded")
	require.NotContains(t, logs.String(), "sandbox-token")
	var temps []string
	_ = filepath.WalkDir(filepath.Join(dir, "archive"), func(p string, d fs.DirEntry, _ error) error {
		if d != nil && strings.Contains(d.Name(), ".tmp-") {
			temps = append(temps, p)
		}
		return nil
	})
	require.Empty(t, temps, "no half-written archive files")
}
