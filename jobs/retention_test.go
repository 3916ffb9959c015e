package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/jobs/compliance"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// retentionNow is the fixed "now" of the retention tests; with 365 days of retention the cutoff
// is 2025-06-15 12:00 UTC.
var retentionNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// transcript is one test conversation: its transcript row and two message rows.
type transcript struct {
	guid, contact string
	start         time.Time
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The conversations, by what retention must do with them.
var (
	convA = transcript{"guid-a", "c-1", ts("2025-01-10T10:00:00Z")}    // expired, alone in its month: partition dropped
	convG = transcript{"guid-g", "cust-9", ts("2025-02-01T09:00:00Z")} // expired, customer on hold: kept
	convB = transcript{"guid-b", "c-2", ts("2025-03-05T08:00:00Z")}    // expired, conversation on hold: kept
	convC = transcript{"guid-c", "c-3", ts("2025-03-20T08:00:00Z")}    // expired, shares the held month: row deleted
	convD = transcript{"guid-d", "c-4", ts("2025-06-10T10:00:00Z")}    // expired, in the month of the cutoff: row deleted
	convX = transcript{"guid-x", "c-5", ts("2025-06-12T10:00:00Z")}    // expired, archived with a young one
	convE = transcript{"guid-e", "c-6", ts("2025-06-20T10:00:00Z")}    // young
	convF = transcript{"guid-f", "c-7", ts("2026-01-15T10:00:00Z")}    // young
)

// archiveLayout: which conversations share a Parquet file, per run.
var archiveLayout = []struct {
	run   string
	files [][]transcript
}{
	{"run-1", [][]transcript{{convA}, {convB, convC}, {convG}}},
	{"run-2", [][]transcript{{convD}, {convX, convE}, {convF}}},
}

type retentionEnv struct {
	t   *testing.T
	ch  *load.ClickHouse
	ar  *load.Archive
	cfg *Config
	ret *Retention
	mem *memory.CheckedAllocator
}

func newRetentionEnv(t *testing.T) *retentionEnv {
	t.Helper()
	if chServer == nil { // chtest.Main only allows this outside CI
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	db := "ret_" + hex.EncodeToString(rnd[:])
	yaml := fmt.Sprintf(`warehouse:
  clickhouse: {addr: %q, database: %s}
archive: {dir: %q}
retention:
  tables:
    vcc_transcripts: 365d
    "vcc_transcript_*": 1y
`, chServer.Addr, db, filepath.Join(t.TempDir(), "archive"))
	cfg, err := ParseConfig("ret.yaml", []byte(yaml), testEnv)
	require.NoError(t, err)
	ctx := context.Background()
	ch, err := OpenWarehouse(ctx, cfg, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = ch.Exec(context.Background(), "DROP DATABASE IF EXISTS "+schema.Quote(db))
		ch.Close()
	})
	require.NoError(t, Migrate(ctx, cfg, ch, zerolog.Nop()))
	ar, err := load.NewArchive(cfg.Archive.Dir)
	require.NoError(t, err)
	ret := NewRetention(cfg, ch, ar, nil, zerolog.Nop())
	ret.now = func() time.Time { return retentionNow }
	e := &retentionEnv{t: t, ch: ch, ar: ar, cfg: cfg, ret: ret, mem: memory.NewCheckedAllocator(memory.NewGoAllocator())}
	t.Cleanup(func() { e.mem.AssertSize(t, 0) })
	return e
}

// load inserts every conversation into ClickHouse and archives it as archiveLayout says: each
// file one insert, one manifest per run.
func (e *retentionEnv) load() {
	ctx := context.Background()
	for _, run := range archiveLayout {
		m := e.ar.NewManifest(run.run, retentionNow.Add(-400*24*time.Hour))
		for seq, convs := range run.files {
			for _, tbl := range []*schema.Table{schema.VCCTranscripts, schema.VCCTranscriptMessages} {
				rec := e.record(tbl, run.run, convs)
				fe, err := e.ar.WriteBatch(tbl, run.run, seq, convs[0].start, rec)
				require.NoError(e.t, err)
				require.NoError(e.t, m.Add(fe))
				require.NoError(e.t, e.ch.Insert(ctx, tbl, rec, ""))
				rec.Release()
			}
		}
	}
}

// record builds the rows of convs for tbl: a transcript row each, or two message rows each.
func (e *retentionEnv) record(tbl *schema.Table, runID string, convs []transcript) arrow.Record {
	b := array.NewRecordBuilder(e.mem, tbl.ArrowSchema())
	defer b.Release()
	for _, c := range convs {
		vals := map[string]any{"interaction_guid": c.guid, "start_date": c.start, "contact_id": c.contact,
			"contact_name": "Customer " + c.contact, "_source": "acme", "_run_id": runID, "_extracted_at": c.start, "_version": uint64(1)}
		n := 1
		if tbl == schema.VCCTranscriptMessages {
			n = 2
		}
		for pos := 1; pos <= n; pos++ {
			vals["position"] = int64(pos)
			vals["original_message"] = fmt.Sprintf("message %d of %s", pos, c.guid)
			for i, col := range tbl.Columns {
				appendValue(b.Field(i), vals[col.Name], col)
			}
		}
	}
	return b.NewRecord()
}

func appendValue(fb array.Builder, v any, col schema.Column) {
	switch {
	case v == nil && col.Nullable():
		fb.AppendNull()
	case v == nil:
		fb.AppendEmptyValue()
	default:
		switch fb := fb.(type) {
		case *array.StringBuilder:
			fb.Append(v.(string))
		case *array.Int64Builder:
			fb.Append(v.(int64))
		case *array.Uint64Builder:
			fb.Append(v.(uint64))
		case *array.TimestampBuilder:
			fb.Append(arrow.Timestamp(v.(time.Time).UnixMilli()))
		default:
			panic(fmt.Sprintf("no test value for %s", col.Name))
		}
	}
}

// guids lists the distinct conversations of a table, sorted.
func (e *retentionEnv) guids(tbl *schema.Table) []string {
	e.t.Helper()
	rows, err := e.ch.Query(context.Background(), fmt.Sprintf("SELECT DISTINCT interaction_guid FROM %s ORDER BY interaction_guid", tableRef(e.ch, tbl)))
	require.NoError(e.t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var g string
		require.NoError(e.t, rows.Scan(&g))
		out = append(out, g)
	}
	require.NoError(e.t, rows.Err())
	return out
}

func (e *retentionEnv) count(q string, args ...any) uint64 {
	e.t.Helper()
	var n uint64
	require.NoError(e.t, e.ch.QueryRow(context.Background(), q, args...).Scan(&n))
	return n
}

// archiveState is every archived file with its size and every manifest's bytes.
func (e *retentionEnv) archiveState() map[string]string {
	e.t.Helper()
	out := map[string]string{}
	require.NoError(e.t, filepath.WalkDir(e.ar.Dir(), func(p string, d os.DirEntry, err error) error {
		require.NoError(e.t, err)
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := os.ReadFile(p)
		require.NoError(e.t, err)
		rel, _ := filepath.Rel(e.ar.Dir(), p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	}))
	return out
}

// archivedGUIDs lists the conversations in the archive's files of a table.
func (e *retentionEnv) archivedGUIDs(tbl *schema.Table) []string {
	e.t.Helper()
	files, err := e.ar.TableFiles(tbl.Name)
	require.NoError(e.t, err)
	seen := map[string]bool{}
	for _, f := range files {
		rec, err := load.ReadParquet(e.mem, filepath.Join(e.ar.Dir(), f.Entry.Path), tbl)
		require.NoError(e.t, err)
		col := rec.Column(tbl.Column("interaction_guid")).(*array.String)
		for i := 0; i < col.Len(); i++ {
			seen[col.Value(i)] = true
		}
		rec.Release()
	}
	var out []string
	for g := range seen {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

func (e *retentionEnv) run(opts RetentionOptions) *RetentionReport {
	e.t.Helper()
	rep, err := e.ret.Run(context.Background(), opts)
	require.NoError(e.t, err)
	require.Len(e.t, rep.Tables, len(opts.Tables)+2*btoi(len(opts.Tables) == 0))
	return rep
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func result(rep *RetentionReport, table string) RetentionResult {
	for _, r := range rep.Tables {
		if r.Table == table {
			return r
		}
	}
	return RetentionResult{}
}

// strip keeps the counters of a result (no duration, no error, no cutoff).
func strip(r RetentionResult) RetentionResult {
	r.Duration, r.Err = 0, nil
	return r
}

// TestRetentionRespectsLegalHolds: expired rows and partitions leave ClickHouse and the archive,
// rows under a conversation hold or a customer hold and young rows stay, the archive verifies
// after pruning, a dry run changes nothing, and each run is on record in _ccwh_retention.
func TestRetentionRespectsLegalHolds(t *testing.T) {
	e := newRetentionEnv(t)
	ctx := context.Background()
	e.load()
	hasher, err := compliance.LoadHasher(ctx, e.ch)
	require.NoError(t, err)
	convHold, err := compliance.AddHold(ctx, e.ch, hasher, compliance.Hold{Kind: compliance.HoldConversation, Value: convB.guid, Reason: "case 17"})
	require.NoError(t, err)
	_, err = compliance.AddHold(ctx, e.ch, hasher, compliance.Hold{Kind: compliance.HoldCustomerID, Value: convG.contact, Source: "acme", Reason: "case 18"})
	require.NoError(t, err)

	all := []string{"guid-a", "guid-b", "guid-c", "guid-d", "guid-e", "guid-f", "guid-g", "guid-x"}
	tables := []*schema.Table{schema.VCCTranscripts, schema.VCCTranscriptMessages}
	for _, tbl := range tables {
		require.Equal(t, all, e.guids(tbl))
		require.Equal(t, all, e.archivedGUIDs(tbl))
	}
	retentionRows := fmt.Sprintf("SELECT count() FROM %s", tableRef(e.ch, schema.Retention))
	tmpTables := "SELECT count() FROM system.tables WHERE database = ? AND name LIKE '_ccwh_tmp%'"

	// The expected outcome per table: messages have two rows per conversation.
	want := func(tbl *schema.Table, rows int64) RetentionResult {
		return RetentionResult{Table: tbl.Name, Days: 365, Cutoff: ts("2025-06-15T12:00:00Z"), Mode: RetentionModeJob,
			PartitionsDropped: 1, RowsDeleted: 4 * rows, RowsHeld: 2 * rows, // a dropped; c, d, x deleted; b, g held
			ArchiveFilesRemoved: 2, ArchiveRowsRemoved: 2 * rows, // {a}, {d}
			ArchiveFilesHeld: 2, ArchiveFilesYoung: 1} // {b, c} and {g}; {x, e}
	}

	// 1. A dry run reports all of it and changes nothing.
	e.ret.quiet = 0
	before := e.archiveState()
	rep := e.run(RetentionOptions{DryRun: true})
	require.True(t, rep.DryRun)
	require.Equal(t, 2, rep.Holds)
	require.Empty(t, rep.TTLChanges, "18.16 has no TTL")
	require.Equal(t, want(schema.VCCTranscripts, 1), strip(result(rep, "vcc_transcripts")))
	require.Equal(t, want(schema.VCCTranscriptMessages, 2), strip(result(rep, "vcc_transcript_messages")))
	for _, tbl := range tables {
		require.Equal(t, all, e.guids(tbl), "dry run")
	}
	require.Equal(t, before, e.archiveState(), "dry run: the archive is unchanged byte for byte")
	require.Zero(t, e.count(retentionRows), "a dry run is not recorded")
	require.Zero(t, e.count(tmpTables, e.ch.Database()), "the hold probe table is gone")

	// 2. With manifests written recently (their run could still be going) the archive is left
	// alone; ClickHouse is pruned.
	for _, f := range mustFiles(t, e.ar, schema.VCCTranscripts.Name) {
		require.WithinDuration(t, time.Now(), f.Changed, time.Minute)
	}
	e.ret.quiet = 1000 * 24 * time.Hour // the manifests, written now, are recent against the fixed now
	rep = e.run(RetentionOptions{})
	for _, tbl := range tables {
		res := result(rep, tbl.Name)
		require.NoError(t, res.Err)
		require.Equal(t, 1, res.PartitionsDropped, tbl.Name)
		require.Zero(t, res.ArchiveFilesRemoved, tbl.Name)
		require.Equal(t, 4, res.ArchiveFilesRecent, "%s: {a}, {b, c}, {g}, {d} are expired but their manifests are recent", tbl.Name)
		require.Equal(t, []string{"guid-b", "guid-e", "guid-f", "guid-g"}, e.guids(tbl), "%s: held and young rows stay", tbl.Name)
		require.Equal(t, all, e.archivedGUIDs(tbl))
	}
	require.Equal(t, want(schema.VCCTranscriptMessages, 2).RowsDeleted, result(rep, "vcc_transcript_messages").RowsDeleted)
	require.Zero(t, e.count("SELECT count() FROM system.parts WHERE database = ? AND table = 'vcc_transcripts' AND active AND partition = '202501'",
		e.ch.Database()), "the expired partition is dropped")
	require.Equal(t, uint64(1), e.count("SELECT count() FROM system.parts WHERE database = ? AND table = 'vcc_transcripts' AND active AND partition = '202502'",
		e.ch.Database()), "the partition of the held customer stays")

	// 3. Later, the archive is pruned too; ClickHouse has nothing more to do.
	e.ret.quiet = 0
	rep = e.run(RetentionOptions{})
	for _, tbl := range tables {
		res := result(rep, tbl.Name)
		rows := int64(1 + btoi(tbl == schema.VCCTranscriptMessages))
		w := want(tbl, rows)
		w.PartitionsDropped, w.RowsDeleted = 0, 0
		require.Equal(t, w, strip(res))
		require.Equal(t, []string{"guid-b", "guid-c", "guid-e", "guid-f", "guid-g", "guid-x"}, e.archivedGUIDs(tbl),
			"%s: c shares a file with held b, x one with young e", tbl.Name)
	}
	vr, err := e.ar.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, vr.OK(), "%v", vr.Problems)
	require.Empty(t, vr.Warnings)
	require.Equal(t, 8, vr.Files, "12 files, 4 removed")
	for _, m := range []string{"run-1", "run-2"} {
		man, err := load.ReadManifest(e.ar.ManifestPath(m))
		require.NoError(t, err)
		require.NoError(t, e.ar.Verify(man))
	}

	// 4. The conversation hold ends: its rows and its file go at the next run.
	_, err = compliance.RemoveHold(ctx, e.ch, hasher, convHold.ID)
	require.NoError(t, err)
	rep = e.run(RetentionOptions{Tables: []string{"vcc_transcripts"}})
	res := result(rep, "vcc_transcripts")
	require.Equal(t, 1, rep.Holds)
	require.Equal(t, int64(1), res.RowsDeleted)
	require.Equal(t, int64(1), res.RowsHeld)
	require.Equal(t, 1, res.ArchiveFilesRemoved, "{b, c}")
	require.Equal(t, []string{"guid-e", "guid-f", "guid-g"}, e.guids(schema.VCCTranscripts))
	require.Equal(t, []string{"guid-e", "guid-f", "guid-g", "guid-x"}, e.archivedGUIDs(schema.VCCTranscripts))
	require.Equal(t, []string{"guid-b", "guid-e", "guid-f", "guid-g"}, e.guids(schema.VCCTranscriptMessages), "not run for messages")
	vr, err = e.ar.VerifyAll(ctx, load.VerifyOptions{Strict: true})
	require.NoError(t, err)
	require.True(t, vr.OK(), "%v", vr.Problems)

	// Every run but the dry one is on record, one row per table.
	require.Equal(t, uint64(2+2+1), e.count(retentionRows))
	var deleted, held, files int64
	var status string
	require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT rows_deleted, rows_held, archive_files_removed, status FROM %s WHERE run_id = ? AND `table` = ?",
		tableRef(e.ch, schema.Retention)), rep.RunID, "vcc_transcripts").Scan(&deleted, &held, &files, &status))
	require.Equal(t, []any{int64(1), int64(1), int64(1), "succeeded"}, []any{deleted, held, files, status})
	require.Zero(t, e.count(tmpTables, e.ch.Database()))
}

func mustFiles(t *testing.T, ar *load.Archive, table string) []load.ArchivedFile {
	t.Helper()
	fs, err := ar.TableFiles(table)
	require.NoError(t, err)
	return fs
}

// TestRetentionUnknownTable: --table must name a configured table.
func TestRetentionUnknownTable(t *testing.T) {
	e := newRetentionEnv(t)
	_, err := e.ret.Run(context.Background(), RetentionOptions{Tables: []string{"vcc_interactions"}})
	require.ErrorContains(t, err, "table vcc_interactions has no retention in the config")
}
