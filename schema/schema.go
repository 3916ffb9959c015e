// Package schema defines every ccwh table once, as data, and renders it as an Arrow schema, a
// Parquet schema and ClickHouse DDL for a given server's capabilities. It imports nothing of ours.
package schema

import "fmt"

// Type is the logical type of a column. Every renderer maps it to its own physical type.
type Type uint8

const (
	String    Type = iota + 1 // UTF-8 text
	Int64                     // signed 64-bit integer
	UInt64                    // unsigned 64-bit integer (lineage _version)
	Float64                   // IEEE double
	Bool                      // true/false; vendors spell it Yes/No/Y/N/yes/no/true/false
	Timestamp                 // instant, stored in UTC with millisecond precision
	Date                      // calendar date without zone
)

func (t Type) String() string {
	switch t {
	case String:
		return "String"
	case Int64:
		return "Int64"
	case UInt64:
		return "UInt64"
	case Float64:
		return "Float64"
	case Bool:
		return "Bool"
	case Timestamp:
		return "Timestamp"
	case Date:
		return "Date"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Column is one typed column of a table.
type Column struct {
	// Name is the column name in ClickHouse, Arrow and Parquet (snake_case).
	Name string
	// Field is the vendor's field name as it appears in XML elements, JSON keys and CSV headers
	// (e.g. "agent-id"). Lineage columns have no Field.
	Field string
	Type  Type
	// LowCardinality marks columns with few distinct values (enums, names of queues).
	LowCardinality bool
	// NullValues are raw vendor values that mean "no value" for this column, in addition to the
	// empty string (e.g. the documented "-1" sentinels).
	NullValues []string
	// Doc is a one-line description with the vendor doc reference.
	Doc string

	// nullable is derived: every vendor column is Nullable except the sort and partition keys.
	nullable bool
}

// Nullable reports whether the column may hold NULL. Key and partition columns never do: a
// missing value becomes the type's zero value there.
func (c Column) Nullable() bool { return c.nullable }

// Table is one ClickHouse table and the record shape that fills it.
type Table struct {
	Name string
	Doc  string
	// Record is the vendor's record element name (e.g. "interaction"); Root the enclosing list
	// element (e.g. "interactions"). Decoders use them to find records in XML and JSON.
	Root, Record string
	// Columns are the vendor columns in the vendor's field order. Lineage columns are appended by
	// New and are not listed here.
	Columns []Column
	// OrderBy is the natural key (ReplacingMergeTree collapses rows with equal keys). _source is
	// always first and need not be listed.
	OrderBy []string
	// PartitionBy names a Timestamp or Date column; the table is partitioned by its month.
	// Empty means unpartitioned (dimension tables).
	PartitionBy string
	// TTLDays, when positive, expires rows this many days after PartitionBy on servers with TTL.
	TTLDays int
	// Internal tables (_ccwh_*) carry no lineage columns and are ordered by OrderBy alone; their
	// version column is VersionColumn.
	Internal      bool
	VersionColumn string

	index map[string]int // by column name
	field map[string]int // by vendor field name
}

// Lineage column names carried by every table.
const (
	ColSource      = "_source"
	ColRunID       = "_run_id"
	ColExtractedAt = "_extracted_at"
	ColVersion     = "_version"
	ColExtra       = "_extra"
)

func lineage() []Column {
	return []Column{
		{Name: ColSource, Type: String, LowCardinality: true, Doc: "configured source name"},
		{Name: ColRunID, Type: String, Doc: "run that extracted the row"},
		{Name: ColExtractedAt, Type: Timestamp, Doc: "when the row was extracted (UTC)"},
		{Name: ColVersion, Type: UInt64, Doc: "increases with each extraction; ReplacingMergeTree keeps the highest"},
		{Name: ColExtra, Type: String, Doc: "JSON object of vendor fields this schema does not know; empty when none"},
	}
}

// New validates a table definition, appends the lineage columns and derives nullability.
// It panics on a malformed definition: tables are static data checked by unit tests.
func New(t Table) *Table {
	t.Columns = append([]Column(nil), t.Columns...)
	keys := map[string]bool{t.versionColumn(): true}
	if !t.Internal {
		t.Columns = append(t.Columns, lineage()...)
		for _, c := range lineage() {
			keys[c.Name] = true
		}
	}
	t.index = make(map[string]int, len(t.Columns))
	t.field = make(map[string]int, len(t.Columns))
	for _, k := range t.OrderBy {
		keys[k] = true
	}
	if t.PartitionBy != "" {
		keys[t.PartitionBy] = true
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Name == "" || c.Type == 0 {
			panic(fmt.Sprintf("schema: table %s: column %d has no name or type", t.Name, i))
		}
		if _, dup := t.index[c.Name]; dup {
			panic(fmt.Sprintf("schema: table %s: duplicate column %s", t.Name, c.Name))
		}
		c.nullable = !keys[c.Name]
		t.index[c.Name] = i
		if c.Field != "" {
			if _, dup := t.field[c.Field]; dup {
				panic(fmt.Sprintf("schema: table %s: duplicate field %s", t.Name, c.Field))
			}
			t.field[c.Field] = i
		}
	}
	for k := range keys {
		if _, ok := t.index[k]; !ok {
			panic(fmt.Sprintf("schema: table %s: key column %s is not defined", t.Name, k))
		}
	}
	if p := t.PartitionBy; p != "" {
		if ty := t.Columns[t.index[p]].Type; ty != Timestamp && ty != Date {
			panic(fmt.Sprintf("schema: table %s: partition column %s is %s, want Timestamp or Date", t.Name, p, ty))
		}
	}
	return &t
}

// Column returns the index of the named column, or -1.
func (t *Table) Column(name string) int {
	if i, ok := t.index[name]; ok {
		return i
	}
	return -1
}

// FieldIndex returns the index of the column fed by a vendor field name, or -1.
func (t *Table) FieldIndex(field string) int {
	if i, ok := t.field[field]; ok {
		return i
	}
	return -1
}

// ColumnNames lists every column name in table order (the explicit INSERT column list).
func (t *Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// SortKey is the full ORDER BY key: _source then the natural key.
func (t *Table) SortKey() []string { return append([]string{ColSource}, t.OrderBy...) }

func (t *Table) versionColumn() string {
	if t.VersionColumn != "" {
		return t.VersionColumn
	}
	return ColVersion
}
