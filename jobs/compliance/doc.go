// Package compliance implements customer erasure (the right to be forgotten), legal holds and
// the load-time filter that keeps erased customers' data from coming back with a re-extraction.
//
// Everything is driven by the personal-data annotations of package schema: Column.PII says
// which columns hold a customer's e-mail, phone, id, name, other personal data or free text,
// Table.ConversationColumn links rows to a conversation and Table.Erase says whether a table's
// rows are conversation content (deleted), persons (deleted) or merely mention a customer
// (personal columns blanked).
//
// A subject (a customer, given by e-mail, phone and/or id) is resolved in two steps: ClickHouse
// finds candidate values cheaply (positionCaseInsensitive for e-mails, a digit regex for
// phones, equality for ids), then Go confirms each candidate with the same rules the load-time
// filter uses (transform.NormalizeEmail, NormalizePhone, PhoneMatch, FindPII), so ClickHouse,
// the Parquet archive and later loads agree on what matches. Conditions sent back to ClickHouse
// name the exact stored values that matched.
//
// Erased subjects are remembered only as keyed hashes (HMAC-SHA256 under a random
// per-warehouse key kept in _ccwh_keys): the erasure record never holds the erased values.
// Legal holds keep their value in clear, because applying a hold needs it.
package compliance
