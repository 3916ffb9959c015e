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

// TestArchiveFilesArePrivate: archive directories are 0700 and files 0600 — they hold customer data.
func TestArchiveFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := NewArchive(dir)
	require.NoError(t, err)
	_, err = a.Quarantine(QuarantineItem{RunID: "r", Source: "s", Stream: "x", Name: "p", Ext: "xml", Body: []byte("<a/>")})
	require.NoError(t, err)
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		st, err := d.Info()
		require.NoError(t, err)
		want := os.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		require.Equal(t, want, st.Mode().Perm(), p)
		return nil
	}))
}
