package load_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
)

// TestArchiveRemoveFiles: a removed file leaves its manifest and the disk, the archive still
// verifies (no problem, no orphan), other files and manifests are untouched, and removing
// again, or removing an orphan, works.
func TestArchiveRemoveFiles(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	rows := allTypesRows() // days 2024-02-29, 2024-03-01, 1970-01-01
	write := func(m *load.Manifest, run string, seq int, d time.Time, rows [][]any) load.FileEntry {
		rec := buildRecord(t, mem, allTypes, rows)
		defer rec.Release()
		e, err := a.WriteBatch(allTypes, run, seq, d, rec)
		require.NoError(t, err)
		if m != nil {
			require.NoError(t, m.Add(e))
		}
		return e
	}
	m1 := a.NewManifest("run1", time.Now())
	m2 := a.NewManifest("run2", time.Now())
	old := write(m1, "run1", 1, day("2024-02-29"), rows[:1])
	both := write(m1, "run1", 2, day("2024-03-01"), rows[:2])
	other := write(m2, "run2", 1, day("2024-03-01"), rows[1:2])
	orphan := write(nil, "run3", 1, day("2024-01-01"), rows[2:])

	files, err := a.TableFiles(allTypes.Name)
	require.NoError(t, err)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Entry.Path)
		switch f.Entry.Path {
		case orphan.Path:
			require.Empty(t, f.RunID, "an orphan has no run")
		case other.Path:
			require.Equal(t, "run2", f.RunID)
			require.Equal(t, other, f.Entry)
		default:
			require.Equal(t, "run1", f.RunID)
		}
		require.WithinDuration(t, time.Now(), f.Changed, time.Minute)
	}
	require.ElementsMatch(t, []string{old.Path, both.Path, other.Path, orphan.Path}, paths)

	lo, hi, n, err := a.TimeRange(both.Path, allTypes, "day")
	require.NoError(t, err)
	require.Equal(t, int64(2), n)
	require.Equal(t, day("2024-02-29"), lo)
	require.Equal(t, day("2024-03-01"), hi)
	lo, hi, _, err = a.TimeRange(both.Path, allTypes, "ts") // row 2 is NULL there
	require.NoError(t, err)
	require.Equal(t, ms("2024-02-29T23:59:59.123Z"), lo)
	require.Equal(t, lo, hi)
	_, _, _, err = a.TimeRange(both.Path, allTypes, "s")
	require.ErrorContains(t, err, "not a Timestamp or Date")

	removed, err := a.RemoveFiles(old.Path, orphan.Path)
	require.NoError(t, err)
	require.Equal(t, []load.FileEntry{old}, removed, "the orphan had no manifest entry")
	for _, p := range []string{old.Path, orphan.Path} {
		_, err := os.Stat(filepath.Join(a.Dir(), p))
		require.ErrorIs(t, err, os.ErrNotExist, p)
	}
	_, err = os.Stat(filepath.Join(a.Dir(), allTypes.Name, "date=2024-02-29"))
	require.ErrorIs(t, err, os.ErrNotExist, "an emptied date directory goes too")
	back, err := load.ReadManifest(m1.Path())
	require.NoError(t, err)
	require.Equal(t, []load.FileEntry{both}, back.Files)
	back, err = load.ReadManifest(m2.Path())
	require.NoError(t, err)
	require.Equal(t, []load.FileEntry{other}, back.Files, "a manifest not concerned is not rewritten")

	res, err := a.VerifyAll(context.Background(), load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, res.OK(), "%v", res.Problems)
	require.Empty(t, res.Warnings)
	require.Equal(t, 2, res.Files)

	require.NoError(t, a.RemoveFile(old.Path), "removing again is not an error")
	require.NoError(t, a.RemoveFile(other.Path))
	back, err = load.ReadManifest(m2.Path())
	require.NoError(t, err)
	require.Empty(t, back.Files, "the run's manifest stays, listing nothing")
	res, err = a.VerifyAll(context.Background(), load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, res.OK(), "%v", res.Problems)

	for _, bad := range []string{"../x/date=2024-01-01/a.parquet", "runs/run1/manifest.json", allTypes.Name + "/date=2024-03-01/../../y.parquet", "/etc/passwd", ""} {
		require.Error(t, a.RemoveFile(bad), bad)
	}
	_, err = os.Stat(filepath.Join(a.Dir(), both.Path))
	require.NoError(t, err, "a rejected path removes nothing")
}
