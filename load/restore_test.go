package load_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/schema"
)

// restoreTables are the tables of testArchive.
var restoreTables = []*schema.Table{schema.VCCInteractions, schema.VCCRecordings}

// finalDump is every row of a table as FINAL shows it, sorted.
func finalDump(t *testing.T, ch *load.ClickHouse, tbl *schema.Table) []string {
	t.Helper()
	return chtest.Dump(t, ch, fmt.Sprintf("SELECT * FROM %s.%s FINAL", schema.Quote(ch.Database()), schema.Quote(tbl.Name)))
}

func tablesIn(t *testing.T, ch *load.ClickHouse) []string {
	t.Helper()
	rows, err := ch.Query(context.Background(), "SELECT name FROM system.tables WHERE database = ? ORDER BY name", ch.Database())
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		out = append(out, n)
	}
	return out
}

// TestRestoreRoundTrip: batches loaded into one database and archived as the runner does are
// restored into a fresh database row for row (every column, NULLs, lists, LowCardinality, dates,
// timestamps, lineage); the rolled-back file is not; restoring again changes nothing in FINAL;
// Replace drops what the archive does not hold.
func TestRestoreRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	orig := openDB(t, load.Options{})
	require.NoError(t, orig.EnsureTables(ctx, restoreTables...))
	a, _ := testArchive(t, mem, orig)

	fresh := openDB(t, load.Options{})
	var phases []load.RestorePhase
	var last load.RestoreProgress
	res, err := load.Restore(ctx, fresh, a, load.RestoreOptions{Mem: mem, Progress: func(p load.RestoreProgress) {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
		last = p
	}})
	require.NoError(t, err)
	require.Equal(t, 2, res.Manifests)
	require.Equal(t, 4, res.Files)
	require.Equal(t, 1, res.RolledBack)
	require.Equal(t, map[string]int64{"vcc_interactions": 200, "vcc_recordings": 80}, res.RowsByTable)
	require.Equal(t, int64(280), res.Rows)
	require.Equal(t, []string{"vcc_interactions", "vcc_recordings"}, res.Tables)
	require.Empty(t, res.Skipped)
	require.Equal(t, []load.RestorePhase{load.PhaseVerify, load.PhaseLoad}, phases)
	require.Equal(t, 4, last.FilesDone)
	require.Equal(t, int64(280), last.Rows)
	for _, tbl := range restoreTables {
		want := finalDump(t, orig, tbl)
		require.NotEmpty(t, want)
		chtest.RequireSameRows(t, tbl.Name, want, finalDump(t, fresh, tbl))
	}

	// Again, into the existing tables: duplicates that FINAL collapses.
	_, err = load.Restore(ctx, fresh, a, load.RestoreOptions{Mem: mem})
	require.NoError(t, err)
	for _, tbl := range restoreTables {
		chtest.RequireSameRows(t, tbl.Name+" restored twice", finalDump(t, orig, tbl), finalDump(t, fresh, tbl))
	}

	// Replace: a row the archive does not hold is gone afterwards.
	extra := synthetic(t, mem, schema.VCCRecordings, 1, 99)
	require.NoError(t, fresh.Insert(ctx, schema.VCCRecordings, extra, ""))
	extra.Release()
	res, err = load.Restore(ctx, fresh, a, load.RestoreOptions{Mem: mem, Replace: true, Tables: []string{"vcc_recordings"}})
	require.NoError(t, err)
	require.Equal(t, []string{"vcc_recordings"}, res.Tables)
	chtest.RequireSameRows(t, "vcc_recordings replaced", finalDump(t, orig, schema.VCCRecordings), finalDump(t, fresh, schema.VCCRecordings))
	var n uint64
	require.NoError(t, fresh.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s.vcc_recordings", schema.Quote(fresh.Database()))).Scan(&n))
	require.LessOrEqual(t, n, uint64(80), "one copy of each file, nothing else")
}

// TestRestoreFilters: --table, --from/--to on the file's day, and files of tables this build
// does not know (reported, not loaded).
func TestRestoreFilters(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	a, _ := testArchive(t, mem, nil)
	// A file of a table that is not in schema.Tables() (written by another build).
	m := writeRun(t, mem, a, nil, "run-z", ms("2026-03-05T00:00:00Z"), batch{tbl: allTypes, day: "2026-03-05", rows: 3, seed: 9})

	for _, tc := range []struct {
		name    string
		opts    load.RestoreOptions
		rows    map[string]int64
		tables  []string
		skipped int
	}{
		{"one table", load.RestoreOptions{Tables: []string{"vcc_recordings"}},
			map[string]int64{"vcc_recordings": 80}, []string{"vcc_recordings"}, 0},
		{"one day", load.RestoreOptions{From: day("2026-03-02"), To: day("2026-03-03")},
			map[string]int64{"vcc_interactions": 80, "vcc_recordings": 50}, []string{"vcc_interactions", "vcc_recordings"}, 0},
		{"from only, to exclusive", load.RestoreOptions{From: day("2026-03-03")},
			map[string]int64{"vcc_recordings": 30}, []string{"vcc_recordings"}, 1},
		{"to only", load.RestoreOptions{To: day("2026-03-02"), Tables: []string{"vcc_interactions", "vcc_recordings"}},
			map[string]int64{"vcc_interactions": 120}, []string{"vcc_interactions"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := openDB(t, load.Options{})
			tc.opts.Mem = mem
			res, err := load.Restore(ctx, ch, a, tc.opts)
			require.NoError(t, err)
			require.Equal(t, tc.rows, res.RowsByTable)
			require.Equal(t, tc.tables, res.Tables)
			require.Equal(t, tc.tables, tablesIn(t, ch), "only the restored tables are created")
			require.Len(t, res.Skipped, tc.skipped)
			for _, p := range res.Skipped {
				require.Equal(t, load.Problem{RunID: "run-z", Path: m.Files[0].Path, Kind: load.ProblemUnknownTable,
					Detail: "table test_all_types is not defined by this build; not restored"}, p)
			}
			for tbl, rows := range tc.rows {
				var n uint64
				require.NoError(t, ch.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s.%s", schema.Quote(ch.Database()), tbl)).Scan(&n))
				require.Equal(t, uint64(rows), n, tbl)
			}
		})
	}
}

// TestRestoreRefusesTamperedFile: one flipped byte in one file refuses the whole restore before
// anything in ClickHouse changes, naming the file; so does a missing file.
func TestRestoreRefusesTamperedFile(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	a, ms := testArchive(t, mem, nil)
	ch := openDB(t, load.Options{})

	bad := ms[0].Files[1]
	flipByte(t, filepath.Join(a.Dir(), filepath.FromSlash(bad.Path)))
	res, err := load.Restore(ctx, ch, a, load.RestoreOptions{Mem: mem, Replace: true})
	require.ErrorIs(t, err, load.ErrVerify)
	require.ErrorContains(t, err, "nothing was changed")
	require.ErrorContains(t, err, "run run-a: "+bad.Path+": checksum")
	require.Len(t, res.Problems, 1)
	require.Equal(t, bad.Path, res.Problems[0].Path)
	require.Empty(t, tablesIn(t, ch), "no table created or dropped")

	// Another table's files restore; the tampered one is still refused when selected by day.
	_, err = load.Restore(ctx, ch, a, load.RestoreOptions{Mem: mem, Tables: []string{"vcc_recordings"}})
	require.NoError(t, err)
	_, err = load.Restore(ctx, ch, a, load.RestoreOptions{Mem: mem, From: day("2026-03-02"), To: day("2026-03-03")})
	require.ErrorContains(t, err, bad.Path)

	require.NoError(t, os.Remove(filepath.Join(a.Dir(), filepath.FromSlash(ms[1].Files[0].Path))))
	res, err = load.Restore(ctx, ch, a, load.RestoreOptions{Mem: mem, Tables: []string{"vcc_recordings"}})
	require.ErrorIs(t, err, load.ErrVerify)
	require.Equal(t, load.ProblemMissing, res.Problems[0].Kind)
}

// TestRestoreOptionErrors: options that cannot mean anything sensible fail before any work.
func TestRestoreOptionErrors(t *testing.T) {
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	ctx := context.Background()
	for _, tc := range []struct {
		opts load.RestoreOptions
		want string
	}{
		{load.RestoreOptions{Tables: []string{"no_such_table"}}, `unknown table "no_such_table"`},
		{load.RestoreOptions{Replace: true, From: day("2026-03-01")}, "cannot be limited to days"},
		{load.RestoreOptions{From: day("2026-03-02"), To: day("2026-03-02")}, "is not before"},
		{load.RestoreOptions{Replace: true}, "holds no manifests"},
	} {
		// No ClickHouse is needed: these fail before connecting to it.
		_, err := load.Restore(ctx, nil, a, tc.opts)
		require.ErrorContains(t, err, tc.want)
	}
	// Nothing selected and no Replace: nothing to do, ClickHouse is not touched.
	res, err := load.Restore(ctx, nil, a, load.RestoreOptions{})
	require.NoError(t, err)
	require.Zero(t, res.Files)
}
