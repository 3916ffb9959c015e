package load_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// listTypes has the array columns: Array(String) and Array(Int64), never Nullable.
var listTypes = schema.New(schema.Table{
	Name: "test_list_types",
	Doc:  "array columns",
	Columns: []schema.Column{
		{Name: "id", Type: schema.Int64, Doc: "key"},
		{Name: "day", Type: schema.Date, Doc: "partition"},
		{Name: "tags", Type: schema.StringList, Doc: "string array"},
		{Name: "codes", Type: schema.Int64List, Doc: "int array"},
		{Name: "s", Type: schema.String},
	},
	OrderBy:     []string{"id"},
	PartitionBy: "day",
})

// listRows: values in table column order; lists are never NULL, empty when there is none.
func listRows() [][]any {
	return [][]any{
		{int64(1), day("2024-02-29"), []string{"vip", "héllo, 'quoted' \"x\"", ""}, []int64{-1, 0, 9223372036854775807}, "a",
			"src", "run-1", ms("2024-03-01T00:00:00Z"), uint64(7), ""},
		{int64(2), day("2024-03-01"), []string{}, []int64{}, nil,
			"src", "run-1", ms("2024-03-01T00:00:00Z"), uint64(7), ""},
		{int64(3), day("2024-03-01"), []string{"only"}, []int64{42}, "",
			"src", "run-1", ms("2024-03-01T00:00:00Z"), uint64(7), `{"k":"v"}`},
	}
}

func TestListColumnsDDL(t *testing.T) {
	for _, v := range []string{"18.16.1", "24.8.4.13"} {
		caps, err := schema.CapabilitiesFor(v)
		require.NoError(t, err)
		require.Equal(t, "Array(String)", caps.ColumnType(listTypes.Columns[2]), v)
		require.Equal(t, "Array(Int64)", caps.ColumnType(listTypes.Columns[3]), v)
	}
}

// TestInsertLists loads array columns into the real server (Debian's 18.16 in CI) and reads
// them back, with empty lists and a sliced record; InsertRows takes []string and []int64.
func TestInsertLists(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	c := openDB(t, load.Options{})
	require.NoError(t, c.EnsureTables(ctx, listTypes))
	// EnsureTables again: system.columns reports the type the schema renders (no drift warning,
	// no ALTER).
	require.NoError(t, c.EnsureTables(ctx, listTypes))

	rec := buildRecord(t, mem, listTypes, listRows())
	defer rec.Release()
	require.NoError(t, c.Insert(ctx, listTypes, rec, "test:lists:1"))
	require.Equal(t, listRows(), selectRows(t, c, listTypes))

	require.NoError(t, c.Exec(ctx, "TRUNCATE TABLE "+schema.Quote(c.Database())+"."+listTypes.Name))
	sliced := rec.NewSlice(1, 3)
	defer sliced.Release()
	require.NoError(t, c.Insert(ctx, listTypes, sliced, ""))
	require.Equal(t, listRows()[1:3], selectRows(t, c, listTypes))

	require.NoError(t, c.Exec(ctx, "TRUNCATE TABLE "+schema.Quote(c.Database())+"."+listTypes.Name))
	rows := listRows()
	rows[1][2], rows[1][3] = nil, nil // nil is the empty array
	require.NoError(t, c.InsertRows(ctx, listTypes, rows))
	require.Equal(t, listRows(), selectRows(t, c, listTypes))

	// Arrays are queryable as arrays.
	var n uint64
	require.NoError(t, c.QueryRow(ctx, "SELECT count() FROM "+schema.Quote(c.Database())+"."+listTypes.Name+
		" WHERE has(tags, 'vip') AND has(codes, -1)").Scan(&n))
	require.EqualValues(t, 1, n)
}

// TestArchiveRoundTripLists writes array columns to Parquet (LIST of required elements) and
// reads them back unchanged.
func TestArchiveRoundTripLists(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		rows int // 0: listRows, -1: sliced listRows
	}{
		{"empty and full lists", 0},
		{"sliced record", -1},
		{"several chunks", 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec arrow.Record
			switch {
			case tc.rows > 0:
				rec = synthetic(t, mem, listTypes, tc.rows, 5)
			case tc.rows == -1:
				full := buildRecord(t, mem, listTypes, listRows())
				rec = full.NewSlice(1, 3)
				full.Release()
			default:
				rec = buildRecord(t, mem, listTypes, listRows())
			}
			defer rec.Release()
			e, err := a.WriteBatch(listTypes, "run1", 1, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), rec)
			require.NoError(t, err)
			path := filepath.Join(a.Dir(), e.Path)
			back, err := load.ReadParquet(mem, path, listTypes)
			require.NoError(t, err)
			defer back.Release()
			require.True(t, back.Schema().Equal(listTypes.ArrowSchema()))
			require.Equal(t, recordRows(t, rec), recordRows(t, back))

			// The file is a standard LIST that other readers understand.
			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			f, err := parquet.OpenFile(bytes.NewReader(raw), int64(len(raw)))
			require.NoError(t, err)
			leaf, ok := f.Schema().Lookup("tags", "list", "element")
			require.True(t, ok)
			require.Equal(t, 1, leaf.MaxRepetitionLevel)
			require.Contains(t, f.Schema().String(), "required group tags (LIST)")
			require.Contains(t, f.Schema().String(), "repeated group list")
		})
	}
}

// TestLoadNestedDocuments decodes nested vendor documents with package transform (child records
// along a RecordPath, Parent and Position columns, dotted fields, list columns) and loads the
// rows into the real server and the archive.
func TestLoadNestedDocuments(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	messages := schema.New(schema.Table{
		Name: "test_nested_messages", Root: "transcript", RecordPath: []string{"messages", "message"},
		Columns: []schema.Column{
			{Name: "interaction_guid", Field: "interactionGUID", Parent: true, Type: schema.String},
			{Name: "position", Position: true, Type: schema.Int64},
			{Name: "message_time", Field: "messageTime", Type: schema.Timestamp},
			{Name: "original_message", Field: "originalMessage", Type: schema.String},
			{Name: "codes", Field: "codes", Type: schema.StringList},
		},
		OrderBy:     []string{"interaction_guid", "position"},
		PartitionBy: "message_time",
	})
	conv := schema.New(schema.Table{
		Name: "test_nested_conversations", Root: "data", Record: "data",
		Columns: []schema.Column{
			{Name: "id", Field: "id", Type: schema.Int64},
			{Name: "created_at", Field: "createdAt", Type: schema.Timestamp},
			{Name: "requester_id", Field: "requester.id", Type: schema.String},
			{Name: "tags", Field: "tags", Type: schema.StringList},
			{Name: "rating_ids", Field: "ratingIds", Type: schema.Int64List},
		},
		OrderBy:     []string{"id"},
		PartitionBy: "created_at",
	})
	docs := []struct {
		tbl  *schema.Table
		f    schema.Format
		body string
	}{
		{messages, schema.XML, `<transcript><interactionGUID>int-1</interactionGUID><messages>
			<message><messageTime>2024-03-01T10:00:00Z</messageTime><originalMessage>hi</originalMessage><codes><code>a</code><code>b</code></codes></message>
			<message><messageTime>2024-03-01T10:00:05Z</messageTime><originalMessage>bye</originalMessage></message>
			</messages></transcript>`},
		{conv, schema.JSON, `{"data":{"id":7,"createdAt":"2024-03-01T09:00:00Z","requester":{"id":"r-1","name":"x"},"tags":["vip","billing"],"ratingIds":[3,4]}}`},
	}
	c := openDB(t, load.Options{})
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.EnsureTables(ctx, d.tbl))
		b := transform.NewBuilder(mem, d.tbl, transform.Lineage{Source: "src", RunID: "run-1", ExtractedAt: time.Now(), Version: 1})
		_, err := transform.Decode(d.f, []byte(d.body), b)
		require.NoError(t, err)
		rec := b.NewRecord()
		b.Release()
		require.NoError(t, c.Insert(ctx, d.tbl, rec, ""))
		e, err := a.WriteBatch(d.tbl, "run-1", 1, time.Now(), rec)
		require.NoError(t, err)
		back, err := load.ReadParquet(mem, filepath.Join(a.Dir(), e.Path), d.tbl)
		require.NoError(t, err)
		require.Equal(t, recordRows(t, rec), recordRows(t, back))
		back.Release()
		rec.Release()
	}
	db := schema.Quote(c.Database())
	var guid, msg string
	var pos int64
	var codes []string
	require.NoError(t, c.QueryRow(ctx, "SELECT interaction_guid, position, original_message, codes FROM "+db+
		".test_nested_messages WHERE position = 1").Scan(&guid, &pos, &msg, &codes))
	require.Equal(t, "int-1", guid)
	require.EqualValues(t, 1, pos)
	require.Equal(t, "hi", msg)
	require.Equal(t, []string{"a", "b"}, codes)
	var n uint64
	require.NoError(t, c.QueryRow(ctx, "SELECT count() FROM "+db+".test_nested_messages WHERE interaction_guid = 'int-1' AND empty(codes)").Scan(&n))
	require.EqualValues(t, 1, n)
	var req string
	var tags []string
	var ratings []int64
	require.NoError(t, c.QueryRow(ctx, "SELECT requester_id, tags, rating_ids FROM "+db+".test_nested_conversations WHERE id = 7").Scan(&req, &tags, &ratings))
	require.Equal(t, "r-1", req)
	require.Equal(t, []string{"vip", "billing"}, tags)
	require.Equal(t, []int64{3, 4}, ratings)
}

// TestReadParquetListColumnMissingOrMistyped: a file written before a list column existed reads
// it as empty lists; a file whose column is not a LIST is a schema mismatch.
func TestReadParquetListColumnMissingOrMistyped(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a, err := load.NewArchive(t.TempDir())
	require.NoError(t, err)
	scalarTags := schema.New(schema.Table{
		Name: "test_list_types",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Int64},
			{Name: "day", Type: schema.Date},
			{Name: "tags", Type: schema.String},
		},
		OrderBy: []string{"id"}, PartitionBy: "day",
	})
	rec := buildRecord(t, mem, scalarTags, [][]any{
		{int64(1), day("2024-03-01"), "a", "src", "run-1", ms("2024-03-01T00:00:00Z"), uint64(1), ""},
	})
	defer rec.Release()
	e, err := a.WriteBatch(scalarTags, "run1", 1, time.Now(), rec)
	require.NoError(t, err)
	_, err = load.ReadParquet(mem, filepath.Join(a.Dir(), e.Path), listTypes)
	require.ErrorIs(t, err, load.ErrSchemaMismatch)

	noLists := schema.New(schema.Table{
		Name: "test_list_types",
		Columns: []schema.Column{
			{Name: "id", Type: schema.Int64},
			{Name: "day", Type: schema.Date},
		},
		OrderBy: []string{"id"}, PartitionBy: "day",
	})
	rec2 := buildRecord(t, mem, noLists, [][]any{
		{int64(1), day("2024-03-01"), "src", "run-1", ms("2024-03-01T00:00:00Z"), uint64(1), ""},
	})
	defer rec2.Release()
	e, err = a.WriteBatch(noLists, "run1", 2, time.Now(), rec2)
	require.NoError(t, err)
	back, err := load.ReadParquet(mem, filepath.Join(a.Dir(), e.Path), listTypes)
	require.NoError(t, err)
	defer back.Release()
	got := recordRows(t, back)
	require.Equal(t, []string{}, got[0][2])
	require.Equal(t, []int64{}, got[0][3])
	require.Nil(t, got[0][4])
}
