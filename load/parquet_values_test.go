package load

import (
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// TestParquetFastValues: the archive's fast value path is on with the parquet-go in go.mod, and
// gives the same values as the public API for every scalar type, NULLs and sliced arrays
// included. If it fails after a parquet-go upgrade, parquet.Value changed its layout: adapt
// valueHead in parquet_values.go (the archive stays correct meanwhile, only slower).
func TestParquetFastValues(t *testing.T) {
	require.True(t, fastValues, "parquet.Value no longer starts with a pointer and a 64-bit payload")
	tbl := schema.New(schema.Table{
		Name: "test_values",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Int64},
			{Name: "s", Type: schema.String},
			{Name: "i", Type: schema.Int64},
			{Name: "u", Type: schema.UInt64},
			{Name: "f", Type: schema.Float64},
			{Name: "b", Type: schema.Bool},
			{Name: "ts", Type: schema.Timestamp},
			{Name: "d", Type: schema.Date},
		},
		OrderBy: []string{"id"},
	})
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rb := array.NewRecordBuilder(mem, tbl.ArrowSchema())
	defer rb.Release()
	at := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	const n = 50
	for r := range n {
		for i, col := range tbl.Columns {
			fb := rb.Field(i)
			if col.Nullable() && r%5 == 3 {
				fb.AppendNull()
				continue
			}
			switch fb := fb.(type) {
			case *array.StringBuilder:
				fb.Append(string(rune('a'+r%26)) + "é")
			case *array.Int64Builder:
				fb.Append(int64(r*r) - 600)
			case *array.Uint64Builder:
				fb.Append(uint64(r) << 60)
			case *array.Float64Builder:
				fb.Append(float64(r) / 3)
			case *array.BooleanBuilder:
				fb.Append(r%3 == 0)
			case *array.TimestampBuilder:
				fb.Append(arrow.Timestamp(at.Add(time.Duration(r) * time.Hour).UnixMilli()))
			case *array.Date32Builder:
				fb.Append(arrow.Date32FromTime(at) - arrow.Date32(r*400))
			}
		}
	}
	rec := rb.NewRecord()
	defer rec.Release()
	sliced := rec.NewSlice(7, 40)
	defer sliced.Release()
	for _, rc := range []arrow.Record{rec, sliced} {
		rows := int(rc.NumRows())
		for i, col := range tbl.Columns {
			for _, maxDef := range []int{0, 1} {
				fast := make([]parquet.Value, rows-2)
				api := make([]parquet.Value, rows-2)
				appendValuesFast(fast, col, rc.Column(i), 2, rows, i, maxDef)
				appendValuesAPI(api, col, rc.Column(i), 2, rows, i, maxDef)
				for r := range api {
					if rc.Column(i).IsNull(2 + r) {
						continue // patched by appendValues
					}
					require.Equal(t, api[r].Kind(), fast[r].Kind(), "%s row %d", col.Name, r)
					require.True(t, parquet.Equal(api[r], fast[r]), "%s row %d: %v vs %v", col.Name, r, api[r], fast[r])
					require.Equal(t, api[r].DefinitionLevel(), fast[r].DefinitionLevel())
					require.Equal(t, api[r].Column(), fast[r].Column())
				}
			}
		}
	}
}
