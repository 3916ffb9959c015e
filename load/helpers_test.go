package load_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/schema"
)

func TestMain(m *testing.M) { chtest.Main(m, nil) }

// allTypes has a column of every logical type, Nullable and not, plain and LowCardinality; New
// appends the lineage columns (_source LowCardinality, _run_id, _extracted_at, _version, _extra),
// which like id and day cannot be NULL.
var allTypes = schema.New(schema.Table{
	Name: "test_all_types",
	Doc:  "every logical type",
	Columns: []schema.Column{
		{Name: "id", Type: schema.Int64, Doc: "key"},
		{Name: "day", Type: schema.Date, Doc: "partition"},
		{Name: "s", Type: schema.String, Doc: "it's a \"string\""},
		{Name: "lc", Type: schema.String, LowCardinality: true},
		{Name: "i", Type: schema.Int64},
		{Name: "u", Type: schema.UInt64},
		{Name: "f", Type: schema.Float64},
		{Name: "b", Type: schema.Bool},
		{Name: "ts", Type: schema.Timestamp},
		{Name: "d", Type: schema.Date},
	},
	OrderBy:     []string{"id"},
	PartitionBy: "day",
})

func ms(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func day(s string) time.Time { return ms(s + "T00:00:00Z") }

// allTypesRows: values in table column order; nil is NULL. Row 2 is NULL wherever it can be.
func allTypesRows() [][]any {
	return [][]any{
		{int64(1), day("2024-02-29"), "héllo, 'quoted' \"x\"\n\ttab", "Phone", int64(math.MinInt64), uint64(math.MaxUint64),
			1.5e300, true, ms("2024-02-29T23:59:59.123Z"), day("2024-02-29"),
			"src-a", "run-1", ms("2024-03-01T00:00:00.999Z"), uint64(7), ""},
		{int64(2), day("2024-03-01"), nil, nil, nil, nil, nil, nil, nil, nil,
			"src-a", "run-1", ms("2024-03-01T00:00:00Z"), uint64(7), ""},
		{int64(3), day("1970-01-01"), "", "", int64(math.MaxInt64), uint64(0),
			math.Inf(-1), false, ms("2038-01-19T03:14:08Z"), day("2100-12-31"),
			"src-b", "", ms("1970-01-01T00:00:01Z"), uint64(0), `{"k":"v"}`},
	}
}

// buildRecord builds a record for t from rows with Arrow's builders, the way a decoder does.
func buildRecord(t testing.TB, mem memory.Allocator, tbl *schema.Table, rows [][]any) arrow.Record {
	t.Helper()
	b := array.NewRecordBuilder(mem, tbl.ArrowSchema())
	defer b.Release()
	for _, row := range rows {
		require.Len(t, row, len(tbl.Columns))
		for i, v := range row {
			fb := b.Field(i)
			if v == nil {
				fb.AppendNull()
				continue
			}
			switch fb := fb.(type) {
			case *array.StringBuilder:
				fb.Append(v.(string))
			case *array.Int64Builder:
				fb.Append(v.(int64))
			case *array.Uint64Builder:
				fb.Append(v.(uint64))
			case *array.Float64Builder:
				fb.Append(v.(float64))
			case *array.BooleanBuilder:
				fb.Append(v.(bool))
			case *array.TimestampBuilder:
				fb.Append(arrow.Timestamp(v.(time.Time).UnixMilli()))
			case *array.Date32Builder:
				fb.Append(arrow.Date32FromTime(v.(time.Time)))
			case *array.ListBuilder:
				fb.Append(true)
				switch vb := fb.ValueBuilder().(type) {
				case *array.StringBuilder:
					vb.AppendValues(v.([]string), nil)
				case *array.Int64Builder:
					vb.AppendValues(v.([]int64), nil)
				}
			default:
				t.Fatalf("no builder for %T", fb)
			}
		}
	}
	return b.NewRecord()
}

// recordRows reads a record back into Go values (nil for NULL) in the buildRecord forms.
func recordRows(t testing.TB, rec arrow.Record) [][]any {
	t.Helper()
	out := make([][]any, rec.NumRows())
	for r := range out {
		out[r] = make([]any, rec.NumCols())
		for c := range int(rec.NumCols()) {
			col := rec.Column(c)
			if col.IsNull(r) {
				continue
			}
			switch a := col.(type) {
			case *array.String:
				out[r][c] = a.Value(r)
			case *array.Int64:
				out[r][c] = a.Value(r)
			case *array.Uint64:
				out[r][c] = a.Value(r)
			case *array.Float64:
				out[r][c] = a.Value(r)
			case *array.Boolean:
				out[r][c] = a.Value(r)
			case *array.Timestamp:
				out[r][c] = time.UnixMilli(int64(a.Value(r))).UTC()
			case *array.Date32:
				out[r][c] = a.Value(r).ToTime().UTC()
			case *array.List:
				lo, hi := a.ValueOffsets(r)
				switch vals := a.ListValues().(type) {
				case *array.String:
					l := []string{}
					for i := lo; i < hi; i++ {
						l = append(l, vals.Value(int(i)))
					}
					out[r][c] = l
				case *array.Int64:
					out[r][c] = append([]int64{}, vals.Int64Values()[lo:hi]...)
				}
			default:
				t.Fatalf("column %d: unexpected %T", c, a)
			}
		}
	}
	return out
}

// synthetic fills n rows of any table with deterministic values (NULL in every 7th cell of
// Nullable columns), for benchmarks and volume tests.
func synthetic(t testing.TB, mem memory.Allocator, tbl *schema.Table, n int, seed uint64) arrow.Record {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	b := array.NewRecordBuilder(mem, tbl.ArrowSchema())
	defer b.Release()
	b.Reserve(n)
	base := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for r := range n {
		for i, col := range tbl.Columns {
			fb := b.Field(i)
			if col.Nullable() && (r+i)%7 == 0 {
				fb.AppendNull()
				continue
			}
			switch fb := fb.(type) {
			case *array.StringBuilder:
				if col.LowCardinality {
					fb.Append([]string{"Phone", "Chat", "Email", "Voice Mail"}[rng.IntN(4)])
				} else {
					// a few thousand distinct values per column, like names, ids and numbers
					fb.Append(fmt.Sprintf("%s-%x", col.Name, rng.IntN(5000)*2654435761))
				}
			case *array.Int64Builder:
				if i < 5 {
					fb.Append(int64(r))
				} else {
					fb.Append(rng.Int64N(100000))
				}
			case *array.Uint64Builder:
				fb.Append(seed)
			case *array.Float64Builder:
				fb.Append(rng.Float64())
			case *array.BooleanBuilder:
				fb.Append(rng.IntN(2) == 1)
			case *array.TimestampBuilder:
				fb.Append(arrow.Timestamp(base.Add(time.Duration(r) * time.Second).UnixMilli()))
			case *array.Date32Builder:
				fb.Append(arrow.Date32FromTime(base))
			case *array.ListBuilder:
				fb.Append(true) // 0 to 3 elements
				for k := range rng.IntN(4) {
					switch vb := fb.ValueBuilder().(type) {
					case *array.StringBuilder:
						vb.Append(fmt.Sprintf("tag-%d", rng.IntN(50)+k))
					case *array.Int64Builder:
						vb.Append(rng.Int64N(1000))
					}
				}
			}
		}
	}
	return b.NewRecord()
}

var nonIdent = regexp.MustCompile(`[^a-z0-9_]+`)

// openDB connects to the package's server with a database of the test's own, dropped at the end.
func openDB(t testing.TB, o load.Options) *load.ClickHouse {
	t.Helper()
	srv := chtest.Start(t)
	if o.Addr == "" {
		o.Addr = srv.Addr
	}
	if o.Database == "" {
		o.Database = fmt.Sprintf("t_%s_%d", nonIdent.ReplaceAllString(strings.ToLower(t.Name()), "_"), rand.Uint32())
	}
	ctx := context.Background()
	c, err := load.Open(ctx, o, zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel))
	require.NoError(t, err)
	t.Cleanup(func() {
		require.NoError(t, c.Exec(ctx, "DROP DATABASE IF EXISTS "+schema.Quote(c.Database())))
		require.NoError(t, c.Close())
	})
	require.NoError(t, c.Exec(ctx, schema.CreateDatabase(c.Database())))
	return c
}
