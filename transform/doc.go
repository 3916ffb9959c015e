// Package transform decodes raw vendor pages (XML, JSON, CSV) into Arrow record batches typed by
// a schema.Table: strict about syntax, forgiving about values.
//
// A Builder holds the Arrow builders of one table; Decode appends one page to it, atomically: the
// page is scanned and staged whole, and only a well-formed page reaches the builders. NewRecord
// hands the rows over as one arrow.Record.
//
// Values are coerced by column type (see coerce.go and timestamp.go):
//
//   - empty text, an empty or self-closing element, JSON null, a missing field, or one of the
//     column's NullValues is NULL; in a key column (not Nullable) it is the type's zero value;
//   - Bool takes Yes/No, Y/N, true/false, 1/0 in any case; Int64 and UInt64 decimal integers;
//     Float64 decimal numbers (no NaN or infinities); Timestamp ISO 8601 in the forms the 8x8 docs
//     use, converted to UTC milliseconds (no zone means UTC); Date YYYY-MM-DD, or the written
//     date of a full timestamp;
//   - text is trimmed of surrounding whitespace; entities, CDATA and JSON escapes are decoded.
//
// Nothing is dropped silently. _extra is a JSON object (keys sorted) of every vendor value that
// has no typed column: fields the table does not know, a repeated field's later occurrences (the
// first feeds the column), values that could not be coerced (their column is NULL or zero, and
// Builder.Coerced counts them), and XML fields with child elements (as their inner markup). It is
// "" when there are none. Text values are JSON strings, empty text is null; JSON input keeps its
// numbers, booleans, objects and arrays as they were.
//
// Syntax errors are *DecodeError wrapping ErrMalformed, with the line, byte offset and record
// number. The format-specific rules are at the top of xml.go, json.go and csv.go.
package transform
