package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/schema"
)

// emptyInDemo lists data tables that hold no rows after a demo sync, each with the reason. The
// round-trip test fails for any other empty table, so every table's restore is really checked.
var emptyInDemo = map[string]string{}

// freshDB connects to the test server with a new, empty database, dropped when the test ends.
func freshDB(t *testing.T, prefix string) *load.ClickHouse {
	t.Helper()
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	ctx := context.Background()
	ch, err := load.Open(ctx, load.Options{Addr: chServer.Addr, Database: prefix + hex.EncodeToString(rnd[:])}, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = ch.Exec(ctx, "DROP DATABASE IF EXISTS "+schema.Quote(ch.Database()))
		ch.Close()
	})
	return ch
}

// snapshot dumps every data table as FINAL shows it: every column, lineage included, sorted.
func snapshot(t *testing.T, ch *load.ClickHouse) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tb := range schema.Tables() {
		out[tb.Name] = chtest.Dump(t, ch, fmt.Sprintf("SELECT * FROM %s.%s FINAL", schema.Quote(ch.Database()), schema.Quote(tb.Name)))
	}
	return out
}

// requireSame compares two snapshots table by table, naming the table and the first differing row.
func requireSame(t *testing.T, what string, want, got map[string][]string) {
	t.Helper()
	for _, tb := range schema.Tables() {
		chtest.RequireSameRows(t, what+": "+tb.Name, want[tb.Name], got[tb.Name])
	}
}

// newDemoEnv is an end-to-end setup with every demo source (one of every kind) on one sandbox.
func newDemoEnv(t *testing.T) *env {
	t.Helper()
	var yaml strings.Builder
	secrets := map[string]string{}
	for _, d := range DemoSources() {
		yaml.WriteString(d.YAML)
		for k, v := range d.Env {
			secrets[k] = v
		}
	}
	e := newVendorEnv(t, sandbox.Options{Seed: 1, Scale: 1}, yaml.String(), secrets)
	e.sb.SetDixaRateLimit(0, 0)
	return e
}

// TestRestoreRoundTripEveryTable is the archive's promise: sync every stream of every demo
// source (twice, so rows have several versions and snapshot tables several runs), snapshot
// every data table, then rebuild the warehouse from the Parquet archive — into a fresh
// database, and with --replace into the original one after dropping — and compare row for row,
// every column including lineage. Restoring day ranges one after the other equals a full
// restore; one table alone restores alone; a flipped byte is found by verify and refused by
// restore.
func TestRestoreRoundTripEveryTable(t *testing.T) {
	e := newDemoEnv(t)
	ctx := context.Background()
	to := time.Now().UTC().Truncate(24 * time.Hour)
	from := to.AddDate(0, 0, -2)
	for range 2 {
		rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2})
		require.NoError(t, err)
		require.Empty(t, rep.Failed())
	}
	orig := snapshot(t, e.ch)
	rows := 0
	for _, r := range orig {
		rows += len(r)
	}
	t.Logf("%d data tables, %d rows in FINAL", len(orig), rows)
	for _, tb := range schema.Tables() {
		if why, ok := emptyInDemo[tb.Name]; ok {
			require.Empty(t, orig[tb.Name], "%s is listed as empty in the demo (%s) but has rows: update emptyInDemo", tb.Name, why)
			continue
		}
		require.NotEmpty(t, orig[tb.Name], "%s has no rows after the demo sync: its restore would prove nothing", tb.Name)
	}

	res, err := e.archive.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, res.OK(), res.Problems)
	require.Zero(t, res.RolledBack)

	// Into a fresh database.
	fresh := freshDB(t, "restore_")
	rr, err := load.Restore(ctx, fresh, e.archive, load.RestoreOptions{})
	require.NoError(t, err)
	require.Equal(t, res.Files, rr.Files, "every archived file loaded")
	require.Equal(t, res.Rows, rr.Rows)
	requireSame(t, "restored into a fresh database", orig, snapshot(t, fresh))

	// Dropped and rebuilt in place.
	for _, tb := range schema.Tables() {
		require.NoError(t, e.ch.Exec(ctx, fmt.Sprintf("DROP TABLE %s.%s", schema.Quote(e.ch.Database()), schema.Quote(tb.Name))))
	}
	_, err = load.Restore(ctx, e.ch, e.archive, load.RestoreOptions{Replace: true})
	require.NoError(t, err)
	requireSame(t, "dropped and restored with replace", orig, snapshot(t, e.ch))

	// Day by day: [from, from+1d), then [from+1d, ∞) — full-refresh files carry the run's day.
	byDay := freshDB(t, "restore_days_")
	mid := from.AddDate(0, 0, 1)
	r1, err := load.Restore(ctx, byDay, e.archive, load.RestoreOptions{From: from, To: mid})
	require.NoError(t, err)
	r2, err := load.Restore(ctx, byDay, e.archive, load.RestoreOptions{From: mid})
	require.NoError(t, err)
	require.Positive(t, r1.Files)
	require.Positive(t, r2.Files)
	require.Equal(t, rr.Files, r1.Files+r2.Files, "the two ranges partition the archive")
	requireSame(t, "restored day by day", orig, snapshot(t, byDay))

	// One table alone.
	one := freshDB(t, "restore_one_")
	r, err := load.Restore(ctx, one, e.archive, load.RestoreOptions{Tables: []string{schema.DixaMessages.Name}})
	require.NoError(t, err)
	require.Equal(t, []string{schema.DixaMessages.Name}, r.Tables)
	chtest.RequireSameRows(t, "one table", orig[schema.DixaMessages.Name], chtest.Dump(t, one,
		fmt.Sprintf("SELECT * FROM %s.%s FINAL", schema.Quote(one.Database()), schema.DixaMessages.Name)))

	// Tampering: one flipped byte in one file.
	m, err := load.ReadManifest(filepath.Join(e.archive.Dir(), "runs", firstRun(t, e.archive), "manifest.json"))
	require.NoError(t, err)
	victim := m.Files[len(m.Files)/2]
	p := filepath.Join(e.archive.Dir(), filepath.FromSlash(victim.Path))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b[len(b)/2] ^= 0x01
	require.NoError(t, os.WriteFile(p, b, 0o600))
	res, err = e.archive.VerifyAll(ctx, load.VerifyOptions{})
	require.NoError(t, err)
	require.Len(t, res.Problems, 1)
	require.Equal(t, victim.Path, res.Problems[0].Path)
	require.Equal(t, load.ProblemChecksum, res.Problems[0].Kind)
	before := snapshot(t, e.ch)
	_, err = load.Restore(ctx, e.ch, e.archive, load.RestoreOptions{Replace: true})
	require.ErrorIs(t, err, load.ErrVerify)
	require.ErrorContains(t, err, victim.Path)
	requireSame(t, "after a refused restore", before, snapshot(t, e.ch))
}

// firstRun names the run directory of the archive that sorts first.
func firstRun(t *testing.T, a *load.Archive) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(a.Dir(), "runs"))
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	return entries[0].Name()
}

// TestRestoreSkipsRolledBackWindows: a window that fails after two of its batches were inserted
// is rolled back in ClickHouse and its files are marked rolled_back in the manifest, so a
// restore does not bring those rows back; after the healthy re-run, the restore equals the
// warehouse again.
func TestRestoreSkipsRolledBackWindows(t *testing.T) {
	var broken atomic.Bool
	broken.Store(true)
	e := newEnv(t, truncatedThirdPage(broken.Load), "{interactions: {batch_rows: 50}}")
	ctx := context.Background()
	rep, err := e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.Error(t, err)
	require.Len(t, rep.Windows[0].Files, 2)
	require.Zero(t, e.count("vcc_interactions"))
	m, err := load.ReadManifest(e.archive.ManifestPath(rep.RunID))
	require.NoError(t, err)
	require.Len(t, m.Files, 2)
	for _, f := range m.Files {
		require.True(t, f.RolledBack, f.Path)
	}

	fresh := freshDB(t, "restore_rb_")
	rr, err := load.Restore(ctx, fresh, e.archive, load.RestoreOptions{})
	require.NoError(t, err)
	require.Equal(t, 2, rr.RolledBack)
	require.Zero(t, rr.Files)

	broken.Store(false)
	_, err = e.runner.Sync(ctx, SyncOptions{From: day("2026-03-01"), To: day("2026-03-02")})
	require.NoError(t, err)
	require.Positive(t, e.count("vcc_interactions"))
	rr, err = load.Restore(ctx, fresh, e.archive, load.RestoreOptions{Tables: []string{"vcc_interactions"}})
	require.NoError(t, err)
	require.Equal(t, 2, rr.RolledBack)
	q := func(ch *load.ClickHouse) []string {
		return chtest.Dump(t, ch, fmt.Sprintf("SELECT * FROM %s.vcc_interactions FINAL", schema.Quote(ch.Database())))
	}
	chtest.RequireSameRows(t, "vcc_interactions", q(e.ch), q(fresh))
}
