package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
)

// chatwootProcess is the set-up of the compliance process tests: the built binary, a sandbox
// with the given seed, and a config (in dir) with one Chatwoot source, a fresh database named
// <db>_<random> and the archive at dir/archive. run executes ccwh with that config and returns
// its exit status and combined output.
func chatwootProcess(t *testing.T, seed int64, db string) (bin, dir string, run func(args ...string) (int, string)) {
	t.Helper()
	bin = buildCCWH(t)
	sb := httptest.NewServer(sandbox.New(sandbox.Options{Seed: seed}).Handler())
	t.Cleanup(sb.Close)
	dir = t.TempDir()
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	cfg := filepath.Join(dir, "ccwh.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: %s_%s}}
archive: {dir: %q}
sources:
  - {name: acme-chatwoot, kind: chatwoot, base_url: %s/chatwoot, account_id: 1, token: "${TEST_CW_TOKEN}",
     streams: {conversations: {}, contacts: {}, inboxes: {}}}
`, chServer.Addr, db, hex.EncodeToString(rnd[:]), filepath.Join(dir, "archive"), sb.URL)), 0o644))
	run = func(args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--config", cfg, "--log-level", "warn"}, args...)...)
		cmd.Env = append(os.Environ(), "TEST_CW_TOKEN="+sandbox.DefaultToken)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), string(out)
		}
		require.NoError(t, err, string(out))
		return 0, string(out)
	}
	return bin, dir, run
}
