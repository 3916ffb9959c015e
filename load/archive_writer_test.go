package load

import (
	"bytes"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// TestArchiveFooterNamesEveryColumn: every archived file, the first and the later ones of a
// process, names each column chunk in its footer (path_in_schema), which readers such as DuckDB
// and Spark rely on, and carries the table and run in its key/value metadata. Regression: reusing
// writers through parquet-go's Writer.Reset wrote later files with empty paths.
func TestArchiveFooterNamesEveryColumn(t *testing.T) {
	tbl := schema.New(schema.Table{
		Name: "test_archive_footer",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Int64},
			{Name: "s", Type: schema.String},
			{Name: "tags", Type: schema.StringList},
		},
		OrderBy: []string{"id"},
	})
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for i, n := range []int{5000, 37, 9000} {
		rb := array.NewRecordBuilder(mem, tbl.ArrowSchema())
		for r := range n {
			rb.Field(0).(*array.Int64Builder).Append(int64(r))
			rb.Field(1).(*array.StringBuilder).Append(string(rune('a' + r%7)))
			lb := rb.Field(2).(*array.ListBuilder)
			lb.Append(true)
			for k := range r % 3 {
				lb.ValueBuilder().(*array.StringBuilder).Append(string(rune('0' + k)))
			}
			for c := 3; c < len(tbl.Columns); c++ { // lineage columns
				switch fb := rb.Field(c).(type) {
				case *array.StringBuilder:
					fb.Append("src")
				case *array.TimestampBuilder:
					fb.Append(1700000000000)
				case *array.Uint64Builder:
					fb.Append(3)
				}
			}
		}
		rec := rb.NewRecord()
		rb.Release()
		var buf bytes.Buffer
		require.NoError(t, writeParquet(&buf, tbl, "run-x", rec))
		rec.Release()

		f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		require.NoError(t, err)
		md := f.Metadata()
		require.EqualValues(t, n, md.NumRows, "file %d", i)
		for _, rg := range md.RowGroups {
			for _, c := range rg.Columns {
				require.NotEmpty(t, c.MetaData.PathInSchema, "file %d: a column chunk without its path", i)
			}
		}
		kv := map[string]string{}
		for _, e := range md.KeyValueMetadata {
			kv[e.Key] = e.Value
		}
		require.Equal(t, map[string]string{"ccwh.table": tbl.Name, "ccwh.run_id": "run-x"}, kv)
	}
}
