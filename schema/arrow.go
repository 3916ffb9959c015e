package schema

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
)

// TimestampType is the Arrow type of every Timestamp column: milliseconds, UTC.
var TimestampType = &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}

// ArrowType maps a logical type to its Arrow data type.
func ArrowType(t Type) arrow.DataType {
	switch t {
	case String:
		return arrow.BinaryTypes.String
	case Int64:
		return arrow.PrimitiveTypes.Int64
	case UInt64:
		return arrow.PrimitiveTypes.Uint64
	case Float64:
		return arrow.PrimitiveTypes.Float64
	case Bool:
		return arrow.FixedWidthTypes.Boolean
	case Timestamp:
		return TimestampType
	case Date:
		return arrow.FixedWidthTypes.Date32
	case StringList, Int64List:
		// Elements are never null: a missing element is left out of the list.
		return arrow.ListOfNonNullable(ArrowType(t.Elem()))
	}
	panic(fmt.Sprintf("schema: unknown type %d", t))
}

// ArrowSchema renders the table as an Arrow schema with the columns in table order. The table
// name is kept in the schema metadata under "ccwh.table".
func (t *Table) ArrowSchema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: ArrowType(c.Type), Nullable: c.nullable}
	}
	md := arrow.NewMetadata([]string{"ccwh.table"}, []string{t.Name})
	return arrow.NewSchema(fields, &md)
}
