package load

import (
	"fmt"
	"math"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// TestCityHashPinned pins ccwh's cityHash64 to values ClickHouse 18.16 returned for
// SELECT cityHash64(…) (TestCityHashMatchesServer checks many more against the live server).
func TestCityHashPinned(t *testing.T) {
	require.Equal(t, uint64(2578220239953316063), hashString("hello"))
	require.Equal(t, uint64(11160318154034397263), hashString(""))
	require.Equal(t, uint64(11490350930367293593), hashInt(42)) // toInt64(42) and toUInt64(42)
	minus5 := int64(-5)
	require.Equal(t, uint64(13263830642547698461), hashInt(uint64(minus5))) // toInt64(-5)
	require.Equal(t, uint64(12243132554152933322), combineHash(hashString("a"), hashString("k1")))
	require.Equal(t, uint64(17793001234516827863), combineHash(combineHash(hashString("k1"), hashInt(3)), hashInt(7)))
}

func TestSlotsByWeight(t *testing.T) {
	shards := []shardInfo{{num: 1, weight: 1}, {num: 2, weight: 0}, {num: 3, weight: 2}}
	require.Equal(t, []int{0, 2, 2}, slotsByWeight(shards), "a weight-0 shard gets no rows")
}

// shardTable has a composite sharding key (String, Int64) and a list column.
var shardTable = schema.New(schema.Table{
	Name: "test_shards",
	Columns: []schema.Column{
		{Name: "k", Type: schema.String},
		{Name: "n", Type: schema.Int64},
		{Name: "v", Type: schema.Float64},
		{Name: "tags", Type: schema.StringList},
		{Name: "ids", Type: schema.Int64List},
		{Name: "ok", Type: schema.Bool},
		{Name: "at", Type: schema.Timestamp},
		{Name: "d", Type: schema.Date},
		{Name: "u", Type: schema.UInt64},
	},
	OrderBy: []string{"k", "n"},
})

// shardRecord builds rows with keys k<i>, n=i in the given order; row i has tags and ids of
// length i%3, NULLs where i%4 == 3.
func shardRecord(t testing.TB, mem memory.Allocator, order []int) arrow.Record {
	b := array.NewRecordBuilder(mem, shardTable.ArrowSchema())
	defer b.Release()
	for _, i := range order {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("k%d", i))
		b.Field(1).(*array.Int64Builder).Append(int64(i))
		tags, ids := b.Field(3).(*array.ListBuilder), b.Field(4).(*array.ListBuilder)
		tags.Append(true)
		ids.Append(true)
		for j := range i % 3 {
			tags.ValueBuilder().(*array.StringBuilder).Append(fmt.Sprintf("t%d.%d", i, j))
			ids.ValueBuilder().(*array.Int64Builder).Append(int64(i*10 + j))
		}
		if i%4 == 3 {
			for _, f := range []int{2, 5, 6, 7, 8} {
				b.Field(f).AppendNull()
			}
		} else {
			b.Field(2).(*array.Float64Builder).Append(float64(i) / 3)
			b.Field(5).(*array.BooleanBuilder).Append(i%2 == 0)
			b.Field(6).(*array.TimestampBuilder).Append(arrow.Timestamp(1700000000000 + int64(i)))
			b.Field(7).(*array.Date32Builder).Append(arrow.Date32(19000 + i))
			b.Field(8).(*array.Uint64Builder).Append(math.MaxUint64 - uint64(i))
		}
		for _, f := range []int{9, 10, 11, 12, 13} { // lineage: _source, _run_id, _extracted_at, _version, _extra
			switch fb := b.Field(f).(type) {
			case *array.StringBuilder:
				fb.Append("src")
			case *array.TimestampBuilder:
				fb.Append(0)
			case *array.Uint64Builder:
				fb.Append(1)
			}
		}
	}
	rec := b.NewRecord()
	require.NoError(t, checkRecord(shardTable, rec))
	return rec
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestRouteRowsStable: a key goes to the same shard whatever batch it comes in and wherever in
// the batch, shards get rows in proportion to their weights, and the choice is the
// Distributed engine's: slots[cityHash64(k, n) % total weight].
func TestRouteRowsStable(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	slots := slotsByWeight([]shardInfo{{num: 1, weight: 1}, {num: 2, weight: 2}, {num: 3, weight: 1}})
	key := []string{"k", "n"}
	const n = 4000
	shardOf := func(order []int) map[int]int {
		rec := shardRecord(t, mem, order)
		defer rec.Release()
		parts, err := routeRows(rec, shardTable, key, slots, 3)
		require.NoError(t, err)
		out := map[int]int{}
		for s, idx := range parts {
			for _, r := range idx {
				out[order[r]] = s
			}
		}
		require.Len(t, out, len(order))
		return out
	}
	first := shardOf(seq(n))
	reversed := make([]int, n)
	for i := range reversed {
		reversed[i] = n - 1 - i
	}
	require.Equal(t, first, shardOf(reversed), "row order does not matter")
	require.Equal(t, map[int]int{7: first[7], 3001: first[3001]}, shardOf([]int{3001, 7}), "nor the batch")

	counts := make([]int, 3)
	for i, s := range first {
		counts[s]++
		want := slots[combineHash(hashString(fmt.Sprintf("k%d", i)), hashInt(uint64(i)))%4]
		require.Equal(t, want, s, "key %d", i)
	}
	require.InDelta(t, n/4, counts[0], n/20)
	require.InDelta(t, n/2, counts[1], n/20)
	require.InDelta(t, n/4, counts[2], n/20)

	rec := shardRecord(t, mem, seq(3))
	defer rec.Release()
	_, err := routeRows(rec, shardTable, []string{"v"}, slots, 3)
	require.ErrorContains(t, err, "want String, Int64 or UInt64")
}

// TestTakeRows copies chosen rows of every column type, NULLs and lists included.
func TestTakeRows(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := shardRecord(t, mem, seq(12))
	defer rec.Release()
	idx := []int{11, 0, 3, 7, 5}
	got := takeRows(mem, rec, idx)
	defer got.Release()
	want := shardRecord(t, mem, idx)
	defer want.Release()
	require.True(t, array.RecordEqual(want, got), "got %v\nwant %v", got, want)
	require.NoError(t, checkRecord(shardTable, got))

	sliced := rec.NewSlice(4, 12) // arrays with an offset
	defer sliced.Release()
	got2 := takeRows(mem, sliced, []int{0, 7})
	defer got2.Release()
	want2 := shardRecord(t, mem, []int{4, 11})
	defer want2.Release()
	require.True(t, array.RecordEqual(want2, got2))
}
