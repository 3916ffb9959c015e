package load_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// columnTypes reads table → column → type of the test database from system.columns.
func columnTypes(t *testing.T, c *load.ClickHouse) map[string]map[string]string {
	t.Helper()
	rows, err := c.Query(context.Background(), "SELECT table, name, type FROM system.columns WHERE database = ?", c.Database())
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var table, name, typ string
		require.NoError(t, rows.Scan(&table, &name, &typ))
		if out[table] == nil {
			out[table] = map[string]string{}
		}
		out[table][name] = typ
	}
	require.NoError(t, rows.Err())
	return out
}

func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	c := openDB(t, load.Options{})
	require.NoError(t, c.Exec(ctx, "DROP DATABASE "+schema.Quote(c.Database())), "Migrate creates the database")

	require.NoError(t, c.Migrate(ctx, "test-1"))
	first := columnTypes(t, c)
	require.NoError(t, c.Migrate(ctx, "test-2"))
	require.Equal(t, first, columnTypes(t, c), "a second Migrate changes nothing")

	all := append(schema.InternalTables(), schema.Tables()...)
	require.Len(t, first, len(all)+len(schema.Views()), "every table and every view")
	for _, v := range schema.Views() {
		require.Contains(t, first, v.Name, "view %s", v.Name)
		var n uint64
		require.NoError(t, c.QueryRow(ctx, "SELECT count() FROM "+schema.Quote(c.Database())+"."+schema.Quote(v.Name)).Scan(&n),
			"view %s can be queried", v.Name)
	}
	for _, tbl := range all {
		want := map[string]string{}
		for _, col := range tbl.Columns {
			want[col.Name] = c.Capabilities().ColumnType(col)
		}
		require.Equal(t, want, first[tbl.Name], "table %s", tbl.Name)
	}

	var n uint64
	var tool string
	require.NoError(t, c.QueryRow(ctx, "SELECT count(), any(tool_version) FROM "+schema.Quote(c.Database())+
		"._ccwh_schema WHERE version = ?", uint64(schema.Version)).Scan(&n, &tool))
	require.EqualValues(t, 1, n, "the version is recorded once")
	require.Equal(t, "test-1", tool)
}

func TestEnsureTablesAddsColumns(t *testing.T) {
	ctx := context.Background()
	c := openDB(t, load.Options{})
	v1 := schema.New(schema.Table{
		Name:    "test_grow",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}, {Name: "a", Type: schema.String}},
		OrderBy: []string{"id"},
	})
	v2 := schema.New(schema.Table{
		Name: "test_grow",
		Columns: []schema.Column{{Name: "id", Type: schema.Int64}, {Name: "a", Type: schema.String},
			{Name: "b", Type: schema.Timestamp, Doc: "added in v2"}, {Name: "c", Type: schema.String, LowCardinality: true},
			{Name: "d", Type: schema.Bool}},
		OrderBy: []string{"id"},
	})
	require.NoError(t, c.EnsureTables(ctx, v1))
	require.NotContains(t, columnTypes(t, c)["test_grow"], "b")

	for range 2 { // the second run finds nothing to add
		require.NoError(t, c.EnsureTables(ctx, v2))
		got := columnTypes(t, c)["test_grow"]
		require.Len(t, got, len(v2.Columns))
		for _, col := range v2.Columns {
			require.Equal(t, c.Capabilities().ColumnType(col), got[col.Name], "column %s", col.Name)
		}
	}
}
