package load_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// selectRows reads every column of tbl back, FINAL, ordered by id, as Go values (nil for NULL).
func selectRows(t *testing.T, c *load.ClickHouse, tbl *schema.Table) [][]any {
	t.Helper()
	ctx := context.Background()
	rows, err := c.Query(ctx, "SELECT * FROM "+schema.Quote(c.Database())+"."+schema.Quote(tbl.Name)+" FINAL ORDER BY id")
	require.NoError(t, err)
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		dest := make([]any, len(tbl.Columns))
		for i, col := range tbl.Columns {
			switch col.Type {
			case schema.String:
				dest[i] = new(*string)
			case schema.Int64:
				dest[i] = new(*int64)
			case schema.UInt64:
				dest[i] = new(*uint64)
			case schema.Float64:
				dest[i] = new(*float64)
			case schema.Bool:
				if c.Capabilities().BoolType {
					dest[i] = new(*bool)
				} else {
					dest[i] = new(*uint8)
				}
			case schema.Timestamp, schema.Date:
				dest[i] = new(*time.Time)
			case schema.StringList:
				dest[i] = new([]string)
			case schema.Int64List:
				dest[i] = new([]int64)
			}
		}
		require.NoError(t, rows.Scan(dest...))
		row := make([]any, len(dest))
		for i, d := range dest {
			switch d := d.(type) {
			case **string:
				if *d != nil {
					row[i] = **d
				}
			case **int64:
				if *d != nil {
					row[i] = **d
				}
			case **uint64:
				if *d != nil {
					row[i] = **d
				}
			case **float64:
				if *d != nil {
					row[i] = **d
				}
			case **bool:
				if *d != nil {
					row[i] = **d
				}
			case **uint8:
				if *d != nil {
					row[i] = **d == 1
				}
			case *[]string:
				row[i] = append([]string{}, *d...)
			case *[]int64:
				row[i] = append([]int64{}, *d...)
			case **time.Time:
				if *d != nil {
					_, off := (*d).Zone()
					require.Zero(t, off, "column %s is read in UTC", tbl.Columns[i].Name)
					row[i] = (**d).UTC()
				}
			}
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out
}

func TestInsertEveryType(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	c := openDB(t, load.Options{})
	require.NoError(t, c.EnsureTables(ctx, allTypes))

	in := allTypesRows()
	rec := buildRecord(t, mem, allTypes, in)
	defer rec.Release()
	require.NoError(t, c.Insert(ctx, allTypes, rec, "test:all:1"))

	want := allTypesRows()
	for _, row := range want {
		for i, col := range allTypes.Columns {
			switch {
			case !col.Nullable() && row[i] == nil:
				t.Fatalf("test data: NULL in non-Nullable %s", col.Name)
			case col.Type == schema.Timestamp && row[i] != nil && !c.Capabilities().DateTime64:
				// ClickHouse before 20.1 has DateTime only: whole seconds.
				row[i] = row[i].(time.Time).Truncate(time.Second)
			}
		}
	}
	got := selectRows(t, c, allTypes)
	require.Equal(t, want, got)

	// The same record again: FINAL shows the same rows (ReplacingMergeTree, and on servers with
	// insert_deduplication_token not even a second part).
	require.NoError(t, c.Insert(ctx, allTypes, rec, "test:all:1"))
	var n uint64
	require.NoError(t, c.QueryRow(ctx, "SELECT count() FROM "+schema.Quote(c.Database())+".test_all_types FINAL").Scan(&n))
	require.EqualValues(t, len(in), n)
	require.Equal(t, want, selectRows(t, c, allTypes))

	// A slice of a record (Arrow arrays with an offset) inserts exactly its rows.
	require.NoError(t, c.Exec(ctx, "TRUNCATE TABLE "+schema.Quote(c.Database())+".test_all_types"))
	sliced := rec.NewSlice(1, 3)
	defer sliced.Release()
	require.NoError(t, c.Insert(ctx, allTypes, sliced, ""))
	require.Equal(t, want[1:3], selectRows(t, c, allTypes))
}

func TestInsertSchemaMismatch(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	c := openDB(t, load.Options{})

	other := schema.New(schema.Table{
		Name:    "test_other",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}, {Name: "x", Type: schema.String}},
		OrderBy: []string{"id"},
	})
	renamed := schema.New(schema.Table{
		Name:    "test_renamed",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}, {Name: "y", Type: schema.String}},
		OrderBy: []string{"id"},
	})
	retyped := schema.New(schema.Table{
		Name:    "test_retyped",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}, {Name: "x", Type: schema.Int64}},
		OrderBy: []string{"id"},
	})
	short := schema.New(schema.Table{
		Name:    "test_short",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}},
		OrderBy: []string{"id"},
	})
	for _, tc := range []struct {
		name   string
		source *schema.Table
		want   []string
	}{
		{"renamed column", renamed, []string{"test_other", `"y"`, `"x"`}},
		{"retyped column", retyped, []string{"test_other", "column x", "int64", "utf8"}},
		{"missing column", short, []string{"test_other", "missing x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := synthetic(t, mem, tc.source, 3, 1)
			defer rec.Release()
			err := c.Insert(ctx, other, rec, "")
			require.ErrorIs(t, err, load.ErrSchemaMismatch)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestInsertRows(t *testing.T) {
	ctx := context.Background()
	c := openDB(t, load.Options{})
	require.NoError(t, c.EnsureTables(ctx, allTypes))
	rows := allTypesRows()
	rows[0][2] = "from InsertRows"
	require.NoError(t, c.InsertRows(ctx, allTypes, rows))
	got := selectRows(t, c, allTypes)
	require.Len(t, got, 3)
	require.Equal(t, "from InsertRows", got[0][2])
	require.Nil(t, got[1][2], "nil is NULL")
	require.Equal(t, true, got[0][7])
	require.Equal(t, day("2100-12-31"), got[2][9])

	for _, tc := range []struct {
		name string
		row  []any
		want string
	}{
		{"wrong length", []any{int64(1)}, "row 0 has 1 values"},
		{"wrong type", append([]any{"not an int"}, rows[0][1:]...), "column id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := c.InsertRows(ctx, allTypes, [][]any{tc.row})
			require.ErrorIs(t, err, load.ErrSchemaMismatch)
			require.Contains(t, err.Error(), "test_all_types")
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestOptionsStringHidesPassword(t *testing.T) {
	o := load.Options{Addr: "db:9000", Username: "u", Password: "hunter2"}
	require.NotContains(t, o.String(), "hunter2")
	require.NotContains(t, fmt.Sprintf("%v %+v", o, o), "hunter2")
	require.Contains(t, o.String(), "db:9000")
}
