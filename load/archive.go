package load

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// Archive is a directory of Parquet files, one per loaded batch:
// <dir>/<table>/date=YYYY-MM-DD/<run_id>-<seq>.parquet, plus a manifest per run
// (<dir>/runs/<run_id>/manifest.json) and quarantined raw pages (<dir>/quarantine/<run_id>/).
type Archive struct {
	dir string
}

// NewArchive opens (creating when needed) an archive rooted at dir.
func NewArchive(dir string) (*Archive, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("load: archive %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil { // customer data: owner only
		return nil, fmt.Errorf("load: archive: %w", err)
	}
	return &Archive{dir: abs}, nil
}

// Dir is the archive's absolute root directory.
func (a *Archive) Dir() string { return a.dir }

// FileEntry describes one archived Parquet file.
type FileEntry struct {
	Table  string `json:"table"`
	Path   string `json:"path"` // relative to the archive dir, with forward slashes
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Seq    int    `json:"seq"`
	// RolledBack marks a file of a failed window whose rows were deleted from ClickHouse again
	// (Manifest.MarkRolledBack): restore skips it. Absent in older manifests (false).
	RolledBack bool `json:"rolled_back,omitempty"`
}

// BatchPath is the archive-relative path of a batch's file.
func BatchPath(table, runID string, seq int, day time.Time) string {
	return table + "/date=" + day.UTC().Format(time.DateOnly) + "/" + runID + "-" + strconv.Itoa(seq) + ".parquet"
}

// WriteBatch writes rec as <dir>/<table>/date=YYYY-MM-DD/<runID>-<seq>.parquet (day in UTC):
// zstd-compressed, timestamps as INT64 milliseconds adjusted to UTC, dates as INT32 days, strings
// as UTF-8 byte arrays. It goes through a temporary file that is fsynced and renamed into place
// (then the directory is fsynced), so the file is complete or absent. Writing the same batch
// again replaces it. The record must match t (see Insert).
func (a *Archive) WriteBatch(t *schema.Table, runID string, seq int, day time.Time, rec arrow.Record) (FileEntry, error) {
	e := FileEntry{Table: t.Name, Rows: rec.NumRows(), Seq: seq}
	if err := checkName("run id", runID); err != nil {
		return e, fmt.Errorf("load: archive %s: %w", t.Name, err)
	}
	if err := checkRecord(t, rec); err != nil {
		return e, fmt.Errorf("load: archive %d rows of %s: %w", e.Rows, t.Name, err)
	}
	e.Path = BatchPath(t.Name, runID, seq, day)
	path := filepath.Join(a.dir, filepath.FromSlash(e.Path))
	var err error
	e.Bytes, e.SHA256, err = writeAtomic(path, func(w io.Writer) error {
		return writeParquet(w, t, runID, rec)
	})
	if err != nil {
		return e, fmt.Errorf("load: archive %d rows of %s to %s: %w", e.Rows, t.Name, e.Path, err)
	}
	return e, nil
}

// checkName rejects names that would escape their directory.
func checkName(what, s string) error {
	if s == "" || s == "." || s == ".." || strings.ContainsAny(s, "/\\\x00") {
		return fmt.Errorf("invalid %s %q", what, s)
	}
	return nil
}

// chunkRows is how many values are converted at a time per column: the only per-record memory
// beyond the writer's compressed pages.
const chunkRows = 4096

// writerConfig holds a table's Parquet schema and writer settings, built once per table.
//
// Statistics are kept where readers use them: column chunk min/max and the column index for
// numbers and timestamps. String columns get neither (SkipPageBounds): min/max of free text prune
// nothing, and computing them over dictionary pages took a fifth of the writer's time. Pages
// carry no statistics of their own (DataPageStatistics(false)): the column index holds the same
// bounds and readers prefer it.
//
// Writers are not reused: parquet-go v0.32's Writer.Reset leaves the next file's column chunks
// without their path_in_schema (TestArchiveFooterNamesEveryColumn).
type writerConfig struct {
	schema *parquet.Schema
	opts   []parquet.WriterOption
}

var writerConfigs sync.Map // *schema.Table → *writerConfig

func writerConfigFor(t *schema.Table) *writerConfig {
	if v, ok := writerConfigs.Load(t); ok {
		return v.(*writerConfig)
	}
	c := &writerConfig{schema: t.ParquetSchema()}
	c.opts = []parquet.WriterOption{c.schema,
		parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("ccwh", "", ""),
		parquet.DataPageStatistics(false),
		parquet.KeyValueMetadata("ccwh.table", t.Name),
	}
	for _, col := range t.Columns {
		if col.Type == schema.String || col.Type == schema.StringList {
			c.opts = append(c.opts, parquet.SkipPageBounds(schema.ParquetLeafPath(col)...))
		}
	}
	v, _ := writerConfigs.LoadOrStore(t, c)
	return v.(*writerConfig)
}

// writeParquet writes rec column by column through parquet-go's column writers. The Parquet
// schema orders columns by name, so Arrow columns are matched to Parquet leaves by name. extra
// options come last and override the archive's (tests and benchmarks compare settings).
func writeParquet(w io.Writer, t *schema.Table, runID string, rec arrow.Record, extra ...parquet.WriterOption) error {
	wc := writerConfigFor(t)
	ps := wc.schema
	opts := append(slices.Clip(wc.opts), parquet.KeyValueMetadata("ccwh.run_id", runID))
	pw := parquet.NewWriter(w, append(opts, extra...)...)
	writers := pw.ColumnWriters()
	buf := make([]parquet.Value, 0, chunkRows)
	n := int(rec.NumRows())
	for i, col := range t.Columns {
		leaf, ok := ps.Lookup(schema.ParquetLeafPath(col)...)
		if !ok {
			return fmt.Errorf("parquet schema of %s has no column %s", t.Name, col.Name)
		}
		arr := rec.Column(i)
		for lo := 0; lo < n; lo += chunkRows {
			hi := min(lo+chunkRows, n)
			if col.Type.IsList() {
				buf = appendListValues(buf[:0], col, arr.(*array.List), lo, hi, leaf.ColumnIndex)
			} else {
				buf = appendValues(buf[:0], col, arr, lo, hi, leaf.ColumnIndex, leaf.MaxDefinitionLevel)
			}
			if _, err := writers[leaf.ColumnIndex].WriteRowValues(buf); err != nil {
				return fmt.Errorf("write column %s: %w", col.Name, err)
			}
		}
		clear(buf[:cap(buf)]) // drop references into Arrow buffers
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("close parquet writer: %w", err)
	}
	return nil
}

// appendValues converts rows [lo,hi) of an Arrow column to Parquet values of one leaf. A NULL in
// a required column (a key) becomes the type's zero value, as ClickHouse stores it. Values are
// converted in one tight loop per type, then NULLs patched in: this runs for every value of
// every archived batch.
func appendValues(buf []parquet.Value, col schema.Column, arr arrow.Array, lo, hi, leaf, maxDef int) []parquet.Value {
	start := len(buf)
	buf = slices.Grow(buf, hi-lo)[:start+hi-lo]
	out := buf[start:]
	switch {
	case fastValues:
		appendValuesFast(out, col, arr, lo, hi, leaf, maxDef)
	default:
		appendValuesAPI(out, col, arr, lo, hi, leaf, maxDef)
	}
	if arr.NullN() == 0 {
		return buf
	}
	null := parquet.NullValue().Level(0, 0, leaf)
	if maxDef == 0 {
		null = zeroParquet(col.Type).Level(0, 0, leaf)
	}
	bits, off := arr.NullBitmapBytes(), arr.Data().Offset()
	for i := range out {
		if !bitutil.BitIsSet(bits, off+lo+i) {
			out[i] = null
		}
	}
	return buf
}

// appendValuesAPI is appendValuesFast through parquet-go's public API (parquet_values.go).
func appendValuesAPI(out []parquet.Value, col schema.Column, arr arrow.Array, lo, hi, leaf, maxDef int) {
	switch col.Type {
	case schema.String:
		a := arr.(*array.String)
		// ValueBytes starts at the first value's offset (the array may be a slice).
		offs, data := a.ValueOffsets(), a.ValueBytes()
		base := offs[0]
		for i := range out {
			// The writer copies the bytes; no need to copy them out of the Arrow buffer first.
			out[i] = parquet.ByteArrayValue(data[offs[lo+i]-base:offs[lo+i+1]-base]).Level(0, maxDef, leaf)
		}
	case schema.Int64:
		for i, v := range arr.(*array.Int64).Int64Values()[lo:hi] {
			out[i] = parquet.Int64Value(v).Level(0, maxDef, leaf)
		}
	case schema.UInt64:
		for i, v := range arr.(*array.Uint64).Uint64Values()[lo:hi] {
			out[i] = parquet.Int64Value(int64(v)).Level(0, maxDef, leaf)
		}
	case schema.Float64:
		for i, v := range arr.(*array.Float64).Float64Values()[lo:hi] {
			out[i] = parquet.DoubleValue(v).Level(0, maxDef, leaf)
		}
	case schema.Bool:
		a := arr.(*array.Boolean)
		for i := range out {
			out[i] = parquet.BooleanValue(a.Value(lo+i)).Level(0, maxDef, leaf)
		}
	case schema.Timestamp:
		// checkRecord guarantees milliseconds, the unit of the Parquet column.
		for i, v := range arr.(*array.Timestamp).TimestampValues()[lo:hi] {
			out[i] = parquet.Int64Value(int64(v)).Level(0, maxDef, leaf)
		}
	case schema.Date:
		for i, v := range arr.(*array.Date32).Date32Values()[lo:hi] {
			out[i] = parquet.Int32Value(int32(v)).Level(0, maxDef, leaf)
		}
	default:
		panic("load: unknown column type " + col.Type.String())
	}
}

// appendListValues converts rows [lo,hi) of a list column to the values of its Parquet leaf
// (<name>.list.element): an empty list is one null value at definition level 0; each element has
// definition level 1 and repetition level 0 if it starts its row, 1 otherwise.
func appendListValues(buf []parquet.Value, col schema.Column, arr *array.List, lo, hi, leaf int) []parquet.Value {
	for r := lo; r < hi; r++ {
		start, end := arr.ValueOffsets(r)
		if start == end || arr.IsNull(r) {
			buf = append(buf, parquet.NullValue().Level(0, 0, leaf))
			continue
		}
		for i := start; i < end; i++ {
			var v parquet.Value
			switch vals := arr.ListValues().(type) {
			case *array.String:
				s := vals.Value(int(i))
				v = parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
			case *array.Int64:
				v = parquet.Int64Value(vals.Value(int(i)))
			default:
				panic("load: unknown list column type " + col.Type.String())
			}
			rep := 1
			if i == start {
				rep = 0
			}
			buf = append(buf, v.Level(rep, 1, leaf))
		}
	}
	return buf
}

func zeroParquet(t schema.Type) parquet.Value {
	switch t {
	case schema.String:
		return parquet.ByteArrayValue(nil)
	case schema.Float64:
		return parquet.DoubleValue(0)
	case schema.Bool:
		return parquet.BooleanValue(false)
	case schema.Date:
		return parquet.Int32Value(0)
	}
	return parquet.Int64Value(0)
}
