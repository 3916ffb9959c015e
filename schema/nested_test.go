package schema

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/stretchr/testify/require"
)

var nestedTable = New(Table{
	Name: "test_nested", Root: "transcript", RecordPath: []string{"messages", "message"},
	Columns: []Column{
		{Name: "guid", Field: "interactionGUID", Parent: true, Type: String},
		{Name: "position", Position: true, Type: Int64},
		{Name: "at", Field: "messageTime", Type: Timestamp},
		{Name: "tags", Field: "tags", Type: StringList, ListSep: ";"},
		{Name: "codes", Field: "meta.codes", Type: Int64List},
		{Name: "from", Field: "attributes.from", Type: String},
		{Name: "from_email", Field: "attributes.from.email", Type: String},
	},
	OrderBy:     []string{"guid", "position"},
	PartitionBy: "at",
})

func TestNestedTable(t *testing.T) {
	tb := nestedTable
	require.Equal(t, "message", tb.Record, "Record is the last RecordPath element")
	require.Equal(t, []string{"messages", "message"}, tb.RecordPath)
	require.Equal(t, -1, tb.FieldIndex("interactionGUID"), "Parent fields are not record fields")
	require.Equal(t, tb.Column("codes"), tb.FieldIndex("meta.codes"))
	for _, name := range []string{"tags", "codes", "guid", "position"} {
		require.False(t, tb.Columns[tb.Column(name)].Nullable(), name)
	}
	require.True(t, tb.Columns[tb.Column("from")].Nullable())

	for _, v := range []string{"18.16.1", "24.8.4.13"} {
		caps, err := CapabilitiesFor(v)
		require.NoError(t, err)
		ddl := tb.CreateTable("db", caps)
		require.Contains(t, ddl, "`tags` Array(String)")
		require.Contains(t, ddl, "`codes` Array(Int64)")
		require.Contains(t, ddl, "`position` Int64")
		require.Equal(t, "ALTER TABLE `db`.`test_nested` ADD COLUMN `tags` Array(String)",
			strings.Replace(tb.AddColumn("db", tb.Columns[tb.Column("tags")], caps), "IF NOT EXISTS ", "", 1))
	}

	as := tb.ArrowSchema()
	f, _ := as.FieldsByName("tags")
	require.True(t, arrow.TypeEqual(arrow.ListOfNonNullable(arrow.BinaryTypes.String), f[0].Type))
	require.False(t, f[0].Nullable)
	f, _ = as.FieldsByName("codes")
	require.True(t, arrow.TypeEqual(arrow.ListOfNonNullable(arrow.PrimitiveTypes.Int64), f[0].Type))

	ps := tb.ParquetSchema()
	for _, c := range []string{"tags", "codes"} {
		leaf, ok := ps.Lookup(ParquetLeafPath(tb.Columns[tb.Column(c)])...)
		require.True(t, ok, c)
		require.Equal(t, 1, leaf.MaxRepetitionLevel, c)
		require.Equal(t, 1, leaf.MaxDefinitionLevel, c)
	}
	require.Contains(t, ps.String(), "required group tags (LIST)")
	require.Equal(t, "StringList", StringList.String())
	require.Equal(t, String, StringList.Elem())
	require.Equal(t, Int64, Int64List.Elem())
	require.Equal(t, Date, Date.Elem())
	require.True(t, Int64List.IsList())
	require.False(t, Int64.IsList())
}

func TestNestedTableRejects(t *testing.T) {
	base := func(cols ...Column) Table {
		return Table{Name: "bad", RecordPath: []string{"a", "b"}, Columns: append([]Column{{Name: "id", Field: "id", Type: Int64}}, cols...), OrderBy: []string{"id"}}
	}
	cases := map[string]Table{
		"is not the last element of RecordPath": {Name: "bad", Record: "x", RecordPath: []string{"a", "b"}, Columns: []Column{{Name: "id", Field: "id", Type: Int64}}},
		"key column tags is a list":             {Name: "bad", Columns: []Column{{Name: "tags", Field: "t", Type: StringList}}, OrderBy: []string{"tags"}},
		"ListSep on a scalar column":            base(Column{Name: "s", Field: "s", Type: String, ListSep: ","}),
		"Parent needs a table RecordPath":       {Name: "bad", Columns: []Column{{Name: "p", Field: "p", Parent: true, Type: String}}},
		"Parent needs a plain Field":            base(Column{Name: "p", Field: "a.p", Parent: true, Type: String}),
		"Parent columns are scalar":             base(Column{Name: "p", Field: "p", Parent: true, Type: StringList}),
		"Position columns are Int64":            base(Column{Name: "p", Position: true, Type: String}),
		"without Field":                         base(Column{Name: "p", Field: "p", Position: true, Type: Int64}),
		"more than one Position column":         base(Column{Name: "p", Position: true, Type: Int64}, Column{Name: "q", Position: true, Type: Int64}),
		"both Parent and Position":              base(Column{Name: "p", Field: "p", Parent: true, Position: true, Type: Int64}),
		"malformed dotted Field":                base(Column{Name: "p", Field: "a..b", Type: String}),
		"duplicate parent field":                base(Column{Name: "p", Field: "p", Parent: true, Type: String}, Column{Name: "q", Field: "p", Parent: true, Type: String}),
	}
	for want, tb := range cases {
		t.Run(want, func(t *testing.T) {
			defer func() {
				r := recover()
				require.NotNil(t, r)
				require.Contains(t, r, want)
			}()
			New(tb)
		})
	}
}
