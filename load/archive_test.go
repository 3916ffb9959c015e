package load_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// listFiles returns every file below dir, relative, with forward slashes.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			rel, err := filepath.Rel(dir, p)
			require.NoError(t, err)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	}))
	return out
}

func TestArchiveRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		tbl  *schema.Table
		rows int // 0: allTypesRows
	}{
		{"every type and NULLs", allTypes, 0},
		{"empty record", allTypes, -1},
		{"sliced record (array offsets)", allTypes, -2},
		{"several pages and chunks", allTypes, 40000}, // 2+ pages of 256 KiB per Int64 column
		{"a real table", schema.VCCInteractions, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec arrow.Record
			switch {
			case tc.rows > 0:
				rec = synthetic(t, mem, tc.tbl, tc.rows, 3)
			case tc.rows == -1:
				rec = buildRecord(t, mem, tc.tbl, nil)
			case tc.rows == -2:
				full := buildRecord(t, mem, tc.tbl, allTypesRows())
				rec = full.NewSlice(1, 3)
				full.Release()
			default:
				rec = buildRecord(t, mem, tc.tbl, allTypesRows())
			}
			defer rec.Release()
			e, err := a.WriteBatch(tc.tbl, "run1", 7, time.Date(2024, 2, 29, 23, 0, 0, 0, time.FixedZone("X", -3600)), rec)
			require.NoError(t, err)
			require.Equal(t, tc.tbl.Name+"/date=2024-03-01/run1-7.parquet", e.Path, "the day is taken in UTC")
			require.Equal(t, rec.NumRows(), e.Rows)
			require.Equal(t, 7, e.Seq)

			back, err := load.ReadParquet(mem, filepath.Join(a.Dir(), e.Path), tc.tbl)
			require.NoError(t, err)
			defer back.Release()
			require.True(t, back.Schema().Equal(tc.tbl.ArrowSchema()))
			require.True(t, array.RecordEqual(rec, back), "records are equal as Arrow data")
			if rec.NumRows() < 100 {
				require.Equal(t, recordRows(t, rec), recordRows(t, back), "and as Go values")
			}
		})
	}
	for _, f := range listFiles(t, a.Dir()) {
		require.NotContains(t, f, ".tmp", "no temp file is left behind")
	}
}

// TestArchiveParquetTypes pins the file format other readers rely on: standard logical types,
// milliseconds adjusted to UTC, zstd, optional exactly where ClickHouse has Nullable.
func TestArchiveParquetTypes(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	rec := buildRecord(t, mem, allTypes, allTypesRows())
	defer rec.Release()
	e, err := a.WriteBatch(allTypes, "run1", 1, time.Now(), rec)
	require.NoError(t, err)

	f, err := os.Open(filepath.Join(a.Dir(), e.Path))
	require.NoError(t, err)
	defer f.Close()
	pf, err := parquet.OpenFile(f, e.Bytes)
	require.NoError(t, err)
	for _, col := range allTypes.Columns {
		leaf, ok := pf.Schema().Lookup(col.Name)
		require.True(t, ok, col.Name)
		require.Equal(t, col.Nullable(), leaf.Node.Optional(), "column %s optional", col.Name)
		want := map[schema.Type]string{
			schema.String: "STRING", schema.Int64: "INT(64,true)", schema.UInt64: "INT(64,false)",
			schema.Float64: "", schema.Bool: "", schema.Date: "DATE",
			schema.Timestamp: "TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS)",
		}[col.Type]
		got := ""
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			got = lt.String()
		}
		require.Equal(t, want, got, "column %s", col.Name)
		kind := map[schema.Type]parquet.Kind{
			schema.String: parquet.ByteArray, schema.Int64: parquet.Int64, schema.UInt64: parquet.Int64,
			schema.Float64: parquet.Double, schema.Bool: parquet.Boolean, schema.Date: parquet.Int32,
			schema.Timestamp: parquet.Int64,
		}[col.Type]
		require.Equal(t, kind, leaf.Node.Type().Kind(), "column %s", col.Name)
	}
	for _, cc := range pf.Metadata().RowGroups[0].Columns {
		require.Equal(t, format.Zstd, cc.MetaData.Codec, strings.Join(cc.MetaData.PathInSchema, "."))
	}
	v, ok := pf.Lookup("ccwh.table")
	require.True(t, ok)
	require.Equal(t, allTypes.Name, v)
}

func TestArchiveRejectsBadInput(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	a, err := load.NewArchive(dir)
	require.NoError(t, err)
	rec := buildRecord(t, mem, allTypes, allTypesRows())
	defer rec.Release()
	for _, runID := range []string{"", "..", "a/b", `a\b`} {
		_, err := a.WriteBatch(allTypes, runID, 1, time.Now(), rec)
		require.Error(t, err, "run id %q", runID)
	}
	_, err = a.WriteBatch(schema.VCCGroups, "run1", 1, time.Now(), rec)
	require.ErrorIs(t, err, load.ErrSchemaMismatch)
	require.Contains(t, err.Error(), "vcc_groups")
	require.Empty(t, listFiles(t, dir), "nothing written, no temp file left")
}

func TestManifest(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	started := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	m := a.NewManifest("run-42", started)

	// Concurrent writers, one per table, each adding its batches.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for seq := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := synthetic(t, mem, allTypes, 100+seq, uint64(seq))
			defer rec.Release()
			e, err := a.WriteBatch(allTypes, "run-42", seq, started, rec)
			if err == nil {
				err = m.Add(e)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	path := filepath.Join(a.Dir(), "runs", "run-42", "manifest.json")
	require.Equal(t, path, m.Path())
	back, err := load.ReadManifest(path)
	require.NoError(t, err)
	require.Equal(t, "run-42", back.RunID)
	require.True(t, started.Equal(back.Started))
	require.Len(t, back.Files, 8)
	for _, e := range back.Files {
		require.EqualValues(t, 100+e.Seq, e.Rows)
		require.Len(t, e.SHA256, 64)
		st, err := os.Stat(filepath.Join(a.Dir(), e.Path))
		require.NoError(t, err)
		require.Equal(t, st.Size(), e.Bytes)
	}
	require.NoError(t, a.Verify(back))

	// The file on disk is plain JSON with the documented keys.
	var raw map[string]any
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &raw))
	require.Contains(t, raw, "run_id")
	require.Contains(t, raw, "started_at")
	require.Contains(t, raw["files"].([]any)[0], "sha256")

	// Adding the same path again replaces the entry.
	e0 := back.Files[0]
	require.NoError(t, back.Add(e0))
	again, err := load.ReadManifest(path)
	require.NoError(t, err)
	require.Len(t, again.Files, 8)

	for _, f := range listFiles(t, a.Dir()) {
		require.NotContains(t, f, ".tmp", "no temp file is left behind")
	}
}

func TestVerifyDetectsDamage(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string, e *load.FileEntry)
		want   string
	}{
		{"one byte changed", func(t *testing.T, path string, _ *load.FileEntry) {
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			b[len(b)/2] ^= 0x01
			require.NoError(t, os.WriteFile(path, b, 0o644))
		}, "sha256"},
		{"file missing", func(t *testing.T, path string, _ *load.FileEntry) {
			require.NoError(t, os.Remove(path))
		}, ": missing"},
		{"truncated", func(t *testing.T, path string, _ *load.FileEntry) {
			require.NoError(t, os.Truncate(path, 100))
		}, "size 100"},
		{"rows wrong in manifest", func(t *testing.T, _ string, e *load.FileEntry) {
			e.Rows++
		}, "rows, manifest says"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := load.NewArchive(t.TempDir())
			require.NoError(t, err)
			rec := synthetic(t, mem, allTypes, 500, 9)
			defer rec.Release()
			m := a.NewManifest("r", time.Now())
			for seq := range 2 {
				e, err := a.WriteBatch(allTypes, "r", seq, time.Now(), rec)
				require.NoError(t, err)
				require.NoError(t, m.Add(e))
			}
			require.NoError(t, a.Verify(m))
			e := m.Files[1]
			tc.damage(t, filepath.Join(a.Dir(), e.Path), &e)
			require.NoError(t, m.Add(e))
			err = a.Verify(m)
			require.ErrorIs(t, err, load.ErrVerify)
			require.Contains(t, err.Error(), e.Path)
			require.Contains(t, err.Error(), tc.want)
			require.NotContains(t, err.Error(), m.Files[0].Path, "the intact file is not reported")
		})
	}
}

func TestQuarantine(t *testing.T) {
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	path, err := a.Quarantine(load.QuarantineItem{
		RunID: "run-9", Source: "acme", Stream: "vcc/interactions", Name: "page-0051", Ext: "xml",
		Request: "GET https://user:s3cret@vcc.example.com/api/stats/allinteractions.xml?from=1&api_key=k3y&x=1\n" +
			"Authorization: Basic dXNlcjpzM2NyZXQ=\nAccept: application/xml\nproxy-authorization: Bearer abcdefghijkl",
		Status: 200, Err: "decode: XML syntax error on line 3 (token bearer abcdefghij123)",
		Body: []byte("<interactions><interaction>"), At: at,
	})
	require.NoError(t, err)
	require.Equal(t, filepath.Join(a.Dir(), "quarantine", "run-9", "page-0051.xml"), path)
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "<interactions><interaction>", string(body))

	b, err := os.ReadFile(filepath.Join(a.Dir(), "quarantine", "run-9", "page-0051.request.json"))
	require.NoError(t, err)
	var meta map[string]any
	require.NoError(t, json.Unmarshal(b, &meta))
	req := meta["request"].(string)
	for _, secret := range []string{"s3cret", "dXNlcjpzM2NyZXQ=", "k3y", "abcdefghijkl"} {
		require.NotContains(t, string(b), secret)
	}
	require.Contains(t, req, "https://[REDACTED]@vcc.example.com/api/stats/allinteractions.xml?from=1&api_key=[REDACTED]&x=1")
	require.Contains(t, req, "Authorization: [REDACTED]")
	require.Contains(t, req, "Accept: application/xml", "other headers are kept")
	require.Equal(t, "decode: XML syntax error on line 3 (token bearer [REDACTED])", meta["error"])
	require.EqualValues(t, 200, meta["status"])
	require.Equal(t, "2024-05-01T12:00:00Z", meta["at"])
	require.Equal(t, "page-0051.xml", meta["body_file"])
	require.Equal(t, "vcc/interactions", meta["stream"])

	// A hostile name stays inside the quarantine folder.
	path, err = a.Quarantine(load.QuarantineItem{RunID: "run-9", Name: "../../etc/passwd", Body: []byte("x")})
	require.NoError(t, err)
	require.Equal(t, filepath.Join(a.Dir(), "quarantine", "run-9"), filepath.Dir(path))
	require.Equal(t, ".bin", filepath.Ext(path))
}

// TestQuarantineJSONPageKeepsItsBytes: a JSON page and its request description do not collide
// (regression: both were <name>.json and the description overwrote the vendor's bytes).
func TestQuarantineJSONPageKeepsItsBytes(t *testing.T) {
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	path, err := a.Quarantine(load.QuarantineItem{RunID: "r", Source: "d", Stream: "s", Name: "p1", Ext: "json",
		Request: "GET https://x/", Body: []byte(`{"data": [`), At: time.Now()})
	require.NoError(t, err)
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, `{"data": [`, string(body))
	require.FileExists(t, filepath.Join(a.Dir(), "quarantine", "r", "p1.request.json"))
}
