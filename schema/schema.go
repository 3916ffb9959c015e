// Package schema defines every ccwh table once, as data, and renders it as an Arrow schema, a
// Parquet schema and ClickHouse DDL for a given server's capabilities. It imports nothing of ours.
//
// # Modelling nested vendor data
//
// Tables stay flat (one typed column per vendor field); nested documents are mapped onto them
// with four tools, all decoded by package transform (see its doc for the exact rules):
//
//   - Arrays of scalars: a column of type StringList or Int64List (ClickHouse Array(String) /
//     Array(Int64), never Nullable: no value is the empty array; Arrow list<…>; Parquet LIST).
//     JSON ["a","b"], an XML field element that repeats within a record, an XML field whose
//     children all share one name (<codes><code>a</code><code>b</code></codes>), or a CSV cell
//     split on Column.ListSep fill it.
//   - Nested objects: Column.Field may be a dotted path, "requester.id" or "metadata.agentId",
//     addressing a member of a nested JSON object or a child of a nested XML element. Members of
//     such an object that no column names go to _extra under their dotted name.
//   - Child records: Table.RecordPath is the path from the document root to the repeated record
//     element or array (8x8 transcript detail: root <transcript>, RecordPath
//     {"messages", "message"}; Dixa {"data":{"messages":[…]}}: RecordPath {"data", "messages"}).
//     One document then gives one row per child record.
//   - Context from enclosing levels: a column with Parent set takes the value of Field from an
//     enclosing element or object on the RecordPath (the nearest one that has it), e.g. the
//     transcript's interactionGUID copied into every message row; a column with Position set
//     (Int64, no Field) gets the record's 1-based position within its list. Together they make a
//     natural key for child rows: OrderBy {"interaction_guid", "position"}.
//
// A vendor document with a parent part and child records is modelled as two tables decoded
// from the same page: the parent table (flat, the child array left to _extra or unmapped) and
// the child table (RecordPath + Parent + Position columns).
package schema

import (
	"fmt"
	"strings"
)

// Type is the logical type of a column. Every renderer maps it to its own physical type.
type Type uint8

const (
	String     Type = iota + 1 // UTF-8 text
	Int64                      // signed 64-bit integer
	UInt64                     // unsigned 64-bit integer (lineage _version)
	Float64                    // IEEE double
	Bool                       // true/false; vendors spell it Yes/No/Y/N/yes/no/true/false
	Timestamp                  // instant, stored in UTC with millisecond precision
	Date                       // calendar date without zone
	StringList                 // array of UTF-8 texts: ClickHouse Array(String), Arrow list<string>
	Int64List                  // array of signed 64-bit integers: Array(Int64), Arrow list<int64>
)

// IsList reports whether t is an array type (StringList, Int64List). List columns are never
// Nullable: no value is the empty array.
func (t Type) IsList() bool { return t == StringList || t == Int64List }

// Elem is the element type of a list type (String, Int64), or t itself for a scalar type.
func (t Type) Elem() Type {
	switch t {
	case StringList:
		return String
	case Int64List:
		return Int64
	}
	return t
}

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
	case StringList:
		return "StringList"
	case Int64List:
		return "Int64List"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Column is one typed column of a table.
type Column struct {
	// Name is the column name in ClickHouse, Arrow and Parquet (snake_case).
	Name string
	// Field is the vendor's field name as it appears in XML elements, JSON keys and CSV headers
	// (e.g. "agent-id"). Lineage columns have no Field. It may be a dotted path into nested
	// objects or elements ("requester.id", "metadata.agentId"). A Field may also be a prefix of
	// another ("attributes.from" and "attributes.from.email"): an object (XML: an element with
	// child elements) there is descended into, a scalar fills the prefix's column. A key that is
	// literally dotted (a pre-flattened JSON object, a CSV header "requester.id") fills the same
	// column.
	Field string
	Type  Type
	// LowCardinality marks columns with few distinct values (enums, names of queues).
	LowCardinality bool
	// NullValues are raw vendor values that mean "no value" for this column, in addition to the
	// empty string (e.g. the documented "-1" sentinels).
	NullValues []string
	// Doc is a one-line description with the vendor doc reference.
	Doc string
	// ListSep, for a list column, splits a CSV cell into elements (e.g. ";" or "|"); empty means
	// a CSV cell is a single element. XML and JSON carry lists structurally and ignore it.
	ListSep string
	// Parent makes Field name a field of an enclosing element or object on Table.RecordPath
	// instead of the record (the nearest enclosing one that has it wins), e.g. the transcript's
	// interactionGUID in every message row. Field must be a plain name (no dots); the type must
	// be scalar; the table must have a RecordPath.
	Parent bool
	// Position fills the column with the record's 1-based position within its list (its JSON
	// array or XML parent element). The column is Int64 and has no Field; at most one per table.
	Position bool
	// PII says whether and how the column holds personal data (see PII); customer erasure,
	// legal holds and the load-time erasure filter are driven by it.
	PII PII

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
	// RecordPath, when set, is the path from the document root to the repeated records: element
	// names in XML below the root element (<transcript><messages><message>… is
	// {"messages", "message"}), member names in JSON below the root object ({"data":
	// {"messages": […]}} is {"data", "messages"}; a JSON array on the way is walked element by
	// element). Its last element is the record name: Record is set to it. Without RecordPath the
	// flat layouts of package transform apply.
	RecordPath []string
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
	// KeepOnFailure marks tables whose rows describe the extraction itself (e.g. CPaaS export
	// jobs): when a window fails, their rows are still loaded and not rolled back, so the failed
	// attempt stays on record.
	KeepOnFailure bool
	// ConversationColumn names the column holding the id of the conversation (transcript,
	// chat, ticket) a row belongs to, when rows belong to one; conversation ids are unique per
	// _source. Erasure and legal holds follow a customer through it.
	ConversationColumn string
	// Erase says what erasing a customer does to this table's rows of that customer (see
	// EraseMode); the default blanks the personal columns.
	Erase EraseMode
	// Personal annotates columns with the personal data they hold (column name → kind); New
	// copies it into Column.PII. It keeps the annotations of a table in one place beside its
	// column list.
	Personal map[string]PII
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
		{Name: ColExtra, Type: String, PII: PIIFreeText, Doc: "JSON object of vendor fields this schema does not know; empty when none"},
	}
}

// New validates a table definition, appends the lineage columns and derives nullability.
// It panics on a malformed definition: tables are static data checked by unit tests.
func New(t Table) *Table {
	t.Columns = append([]Column(nil), t.Columns...)
	if n := len(t.RecordPath); n > 0 {
		t.RecordPath = append([]string(nil), t.RecordPath...)
		if t.Record != "" && t.Record != t.RecordPath[n-1] {
			panic(fmt.Sprintf("schema: table %s: Record %q is not the last element of RecordPath %q", t.Name, t.Record, t.RecordPath))
		}
		t.Record = t.RecordPath[n-1]
	}
	keys := map[string]bool{t.versionColumn(): true}
	if !t.Internal {
		t.Columns = append(t.Columns, lineage()...)
		for _, c := range lineage() {
			keys[c.Name] = true
		}
	}
	t.index = make(map[string]int, len(t.Columns))
	t.field = make(map[string]int, len(t.Columns))
	parents := map[string]bool{}
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
		c.nullable = !keys[c.Name] && !c.Type.IsList()
		t.index[c.Name] = i
		t.checkNested(c)
		if c.Parent {
			if parents[c.Field] {
				panic(fmt.Sprintf("schema: table %s: duplicate parent field %s", t.Name, c.Field))
			}
			parents[c.Field] = true
		}
		if c.Field != "" && !c.Parent {
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
	for k := range keys {
		if t.Columns[t.index[k]].Type.IsList() {
			panic(fmt.Sprintf("schema: table %s: key column %s is a list", t.Name, k))
		}
	}
	t.checkPII()
	if p := t.PartitionBy; p != "" {
		if ty := t.Columns[t.index[p]].Type; ty != Timestamp && ty != Date {
			panic(fmt.Sprintf("schema: table %s: partition column %s is %s, want Timestamp or Date", t.Name, p, ty))
		}
	}
	return &t
}

// checkNested validates the nested-data settings of one column.
func (t *Table) checkNested(c *Column) {
	bad := func(why string) {
		panic(fmt.Sprintf("schema: table %s: column %s: %s", t.Name, c.Name, why))
	}
	if c.ListSep != "" && !c.Type.IsList() {
		bad("ListSep on a scalar column")
	}
	if c.Field != "" && (strings.HasPrefix(c.Field, ".") || strings.HasSuffix(c.Field, ".") || strings.Contains(c.Field, "..")) {
		bad("malformed dotted Field " + c.Field)
	}
	switch {
	case c.Parent && c.Position:
		bad("both Parent and Position")
	case c.Parent:
		if len(t.RecordPath) == 0 {
			bad("Parent needs a table RecordPath")
		}
		if c.Field == "" || strings.Contains(c.Field, ".") {
			bad("Parent needs a plain Field (no dots)")
		}
		if c.Type.IsList() {
			bad("Parent columns are scalar")
		}
	case c.Position:
		if c.Type != Int64 || c.Field != "" {
			bad("Position columns are Int64 without Field")
		}
		for _, o := range t.Columns {
			if o.Position && o.Name != c.Name {
				bad("more than one Position column")
			}
		}
	}
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
