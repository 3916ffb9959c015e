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
//
// # Nested data
//
// Tables stay flat; schema.Table and schema.Column say how a nested document maps onto them
// (see the schema package doc for modelling advice). The decoders apply these rules; flat tables
// pay nothing for them (XML decode benchmark unchanged, see the report in nested.go):
//
// List columns (schema.StringList, schema.Int64List) hold the elements in document order; a list
// is never NULL, no value is the empty list. Elements are coerced one by one like scalars
// (numbers and booleans as their text in a StringList; "2" is 2 in an Int64List); an element that
// is empty, JSON null or one of the column's NullValues is left out; an element that does not
// coerce is left out and kept in _extra under the field (counted by Builder.Coerced).
//
//   - JSON: an array of scalars gives one element each; a scalar gives one element; null or []
//     gives none. An object, or an array holding any object or array, is not a list: the whole
//     value goes to _extra (counted by Coerced) and the list is empty.
//   - XML: every occurrence of the field element within the record adds its text as one element
//     (<tag>a</tag><tag>b</tag>); a field element whose children all have one name and hold text
//     only gives one element per child (<codes><code>a</code><code>b</code></codes>); any other
//     markup goes to _extra as its inner markup.
//   - CSV: the cell is one element, or, when the column has a ListSep, the cell split on it
//     (each part trimmed, empty parts left out): "a|b" with ListSep "|".
//
// Dotted fields: a column whose Field is "requester.id" takes member id of the object (JSON) or
// child element <id> of the element (XML) named requester, at any depth ("a.b.c"). Such an
// object or element is descended into; its members that no column names go to _extra under
// their dotted name ("requester.email"), whole (objects stay objects, XML keeps inner markup).
// An object (or element) that no dotted field reaches goes to _extra whole, as before. When a
// field is both a column and a prefix ("attributes.from" and "attributes.from.email"), an
// object there is descended into and a scalar fills the column. A literally dotted key (a
// pre-flattened JSON object or a CSV header "requester.id") fills the same column; XML text in
// an element that is only a prefix is kept in _extra under its name. Text mixed with child
// elements in a descended XML element is ErrMalformed.
//
// Child records (Table.RecordPath): the document is walked from its root along the path; the
// records are the elements (XML) or the array elements (JSON) at its last step. In XML the root
// element may have any name and each step is a child element name; a step may occur several
// times (each occurrence is walked). In JSON the root is an object (or an array of objects, each
// a document) and each step a member name; above the last step a member may be an object, an
// array of objects (each walked) or null; at the last step an array of records, a single record
// object, null or "". Everything else along the path — elements and members that are neither
// the next step nor a Parent field — belongs to the parent table: it is checked for syntax and
// skipped (not kept in _extra). Records themselves are read like flat records (their unknown
// fields go to _extra).
//
// Parent columns take the value of their Field from the elements or objects along the path that
// enclose the record: the nearest enclosing one that has the field wins, wherever it appears in
// it (before or after the records); its first occurrence there counts. Values are scalar text
// coerced by the column type (a JSON object or array is its compact JSON text).
//
// The Position column is the record's 1-based position in its list: the JSON array, or the XML
// element holding the records (it restarts with each list). Without RecordPath it is the
// position in the page's list of records (CSV: the row number).
package transform
