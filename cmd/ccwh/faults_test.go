package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestClickHouseDownAtStart: with no server at the configured address, sync fails with a
// non-zero exit status and an error naming the address; nothing is written to the archive.
func TestClickHouseDownAtStart(t *testing.T) {
	bin := buildCCWH(t)
	dir := t.TempDir()
	addr := freeAddr(t) // nothing listens there any more
	cfg := filepath.Join(dir, "ccwh.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, max_retries: 1}}
archive: {dir: %q}
sources: [{name: acme, kind: 8x8-vcc, base_url: "http://127.0.0.1:1", tenant: acme, token: t, streams: {groups: {}}}]
`, addr, filepath.Join(dir, "archive"))), 0o644))
	out, err := exec.Command(bin, "--config", cfg, "sync").CombinedOutput()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit status, got %v: %s", err, out)
	require.Equal(t, 1, ee.ExitCode())
	require.Contains(t, string(out), addr)
	entries, _ := os.ReadDir(filepath.Join(dir, "archive"))
	require.Empty(t, entries)
}
