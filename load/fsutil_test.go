package load

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCleanStrayTemps removes a killed writer's temporary file and keeps a live writer's.
func TestCleanStrayTemps(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "vcc_interactions", "date=2026-03-01")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	stray := filepath.Join(sub, fmt.Sprintf(".r1-1.parquet.tmp-%d-123", dead.Process.Pid))
	live := filepath.Join(sub, fmt.Sprintf(".r1-2.parquet.tmp-%d-456", os.Getpid()))
	done := filepath.Join(sub, "r1-0.parquet")
	for _, p := range []string{stray, live, done} {
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	removed, err := CleanStrayTemps(dir)
	require.NoError(t, err)
	require.Equal(t, []string{stray}, removed)
	require.FileExists(t, live)
	require.FileExists(t, done)
	removed, err = CleanStrayTemps(filepath.Join(dir, "missing"))
	require.NoError(t, err)
	require.Empty(t, removed)
}
