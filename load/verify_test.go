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
	"github.com/ccwh/ccwh/schema"
)

// batch is one file of a test run: a table, the day in its path, rows and a data seed; a
// rolled-back batch is marked so in the manifest and never inserted.
type batch struct {
	tbl        *schema.Table
	day        string
	rows       int
	seed       uint64
	rolledBack bool
}

// writeRun archives batches as one run with its manifest, as the runner does, and inserts each
// (but the rolled-back ones) into ch unless ch is nil.
func writeRun(t *testing.T, mem memory.Allocator, a *load.Archive, ch *load.ClickHouse, runID string, started time.Time, batches ...batch) *load.Manifest {
	t.Helper()
	m := a.NewManifest(runID, started)
	for i, b := range batches {
		rec := synthetic(t, mem, b.tbl, b.rows, b.seed)
		e, err := a.WriteBatch(b.tbl, runID, i+1, day(b.day), rec)
		require.NoError(t, err)
		require.NoError(t, m.Add(e))
		if b.rolledBack {
			require.NoError(t, m.MarkRolledBack(e.Path))
		} else if ch != nil {
			require.NoError(t, ch.Insert(context.Background(), b.tbl, rec, ""))
		}
		rec.Release()
	}
	return m
}

// testArchive holds two runs: vcc_interactions on three days and vcc_recordings (list
// columns); the second run's vcc_interactions file was rolled back. With ch, every batch that
// was not rolled back is also inserted there.
func testArchive(t *testing.T, mem memory.Allocator, ch *load.ClickHouse) (*load.Archive, []*load.Manifest) {
	t.Helper()
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	m1 := writeRun(t, mem, a, ch, "run-a", ms("2026-03-01T10:00:00Z"),
		batch{tbl: schema.VCCInteractions, day: "2026-03-01", rows: 120, seed: 1},
		batch{tbl: schema.VCCInteractions, day: "2026-03-02", rows: 80, seed: 2},
		batch{tbl: schema.VCCRecordings, day: "2026-03-02", rows: 50, seed: 3})
	m2 := writeRun(t, mem, a, ch, "run-b", ms("2026-03-03T10:00:00Z"),
		batch{tbl: schema.VCCRecordings, day: "2026-03-03", rows: 30, seed: 4},
		batch{tbl: schema.VCCInteractions, day: "2026-03-03", rows: 40, seed: 5, rolledBack: true})
	return a, []*load.Manifest{m1, m2}
}

func TestVerifyAllCleanArchive(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, ms := testArchive(t, mem, nil)

	var last load.VerifyProgress
	res, err := a.VerifyAll(context.Background(), load.VerifyOptions{Progress: func(p load.VerifyProgress) { last = p }})
	require.NoError(t, err)
	require.True(t, res.OK(), res.Problems)
	require.NoError(t, res.Err())
	require.Equal(t, 2, res.Manifests)
	require.Equal(t, 5, res.Files)
	require.Equal(t, int64(120+80+50+30+40), res.Rows)
	require.Equal(t, 1, res.RolledBack)
	require.Empty(t, res.Warnings)
	require.Equal(t, load.VerifyProgress{Files: 5, FilesDone: 5, Bytes: res.Bytes, BytesDone: res.Bytes}, last)

	// The rolled-back mark survives a re-read of the manifest; older manifests lack the field.
	back, err := load.ReadManifest(ms[1].Path())
	require.NoError(t, err)
	require.False(t, back.Files[0].RolledBack)
	require.True(t, back.Files[1].RolledBack)
	raw, err := os.ReadFile(ms[0].Path())
	require.NoError(t, err)
	require.NotContains(t, string(raw), "rolled_back", "omitted when false: old readers see the same format")
}

func TestVerifyAllFindsEveryProblem(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, ms := testArchive(t, mem, nil)
	ctx := context.Background()
	file := func(m *load.Manifest, i int) string {
		return filepath.Join(a.Dir(), filepath.FromSlash(m.Files[i].Path))
	}

	// An orphan: a Parquet file no manifest lists (a crash between writing and recording it).
	orphan := filepath.Join(a.Dir(), "vcc_interactions", "date=2026-03-09", "run-x-1.parquet")
	require.NoError(t, os.MkdirAll(filepath.Dir(orphan), 0o700))
	b, err := os.ReadFile(file(ms[0], 0))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(orphan, b, 0o600))
	res, err := a.VerifyAll(ctx, load.VerifyOptions{})
	require.NoError(t, err)
	require.True(t, res.OK(), "an orphan is a warning by default")
	require.Equal(t, []load.Problem{{Path: "vcc_interactions/date=2026-03-09/run-x-1.parquet", Kind: load.ProblemOrphan,
		Detail: "no manifest lists this file; it was never loaded"}}, res.Warnings)
	res, err = a.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.False(t, res.OK(), "and a problem with Strict")
	require.Empty(t, res.Warnings)
	require.ErrorIs(t, res.Err(), load.ErrVerify)
	require.ErrorContains(t, res.Err(), "run-x-1.parquet: orphan")
	require.NoError(t, os.Remove(orphan))

	// One flipped byte, a missing file, a wrong row count, an unreadable manifest, a path that
	// leaves the archive.
	flipByte(t, file(ms[0], 1))
	require.NoError(t, os.Remove(file(ms[1], 0)))
	ms[0].Files[2].Rows++
	require.NoError(t, ms[0].Save())
	// (Save rewrites the manifest with its in-memory entries; Add would do the same.)
	bad := filepath.Join(a.Dir(), "runs", "run-c", "manifest.json")
	require.NoError(t, os.MkdirAll(filepath.Dir(bad), 0o700))
	require.NoError(t, os.WriteFile(bad, []byte("{not json"), 0o600))
	evil := a.NewManifest("run-d", ms[1].Started.Add(time.Hour))
	require.NoError(t, evil.Add(load.FileEntry{Table: "vcc_interactions", Path: "../outside.parquet", Rows: 1}))

	res, err = a.VerifyAll(ctx, load.VerifyOptions{})
	require.NoError(t, err)
	kinds := map[string]load.ProblemKind{}
	for _, p := range res.Problems {
		kinds[p.Path] = p.Kind
	}
	require.Equal(t, map[string]load.ProblemKind{
		ms[0].Files[1].Path:        load.ProblemChecksum,
		ms[1].Files[0].Path:        load.ProblemMissing,
		ms[0].Files[2].Path:        load.ProblemRows,
		"runs/run-c/manifest.json": load.ProblemManifest,
		"../outside.parquet":       load.ProblemBadPath,
	}, kinds, res.Problems)
	for _, p := range res.Problems {
		if p.Kind == load.ProblemChecksum {
			require.Equal(t, "run-a", p.RunID)
			require.Contains(t, p.Detail, "sha256")
		}
	}
	require.ErrorContains(t, res.Err(), "run run-a: "+ms[0].Files[1].Path+": checksum")
	require.Equal(t, 3, res.Manifests, "run-a, run-b, run-d; the unreadable run-c is not counted")
}

func TestVerifyAllEmptyArchive(t *testing.T) {
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	res, err := a.VerifyAll(context.Background(), load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, res.OK())
	require.Zero(t, res.Manifests)
}

// flipByte inverts one byte in the middle of a file (not its footer: a data page).
func flipByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[len(b)/3] ^= 0xff
	require.NoError(t, os.WriteFile(path, b, 0o600))
}
