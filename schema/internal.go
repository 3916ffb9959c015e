package schema

// Internal tables: schema version, per-stream watermarks and run history. They live in the same
// database as the data so operators and dashboards read them with SQL.

// SchemaVersions records each applied schema version.
var SchemaVersions = New(Table{
	Name: "_ccwh_schema", Internal: true, VersionColumn: "version",
	Doc: "ccwh schema versions applied by migrate",
	Columns: []Column{
		{Name: "version", Type: UInt64, Doc: "schema version"},
		{Name: "applied_at", Type: Timestamp, Doc: "when migrate applied it"},
		{Name: "tool_version", Type: String, Doc: "ccwh build that applied it"},
	},
	OrderBy: []string{"version"},
})

// State holds one watermark per (source, stream): everything before it is loaded.
var State = New(Table{
	Name: "_ccwh_state", Internal: true, VersionColumn: "version",
	Doc: "watermark per source and stream; the row with the highest version wins",
	Columns: []Column{
		{Name: "source", Type: String, Doc: "configured source name"},
		{Name: "stream", Type: String, Doc: "stream name"},
		{Name: "watermark", Type: Timestamp, Doc: "end of the last fully loaded window (UTC)"},
		{Name: "run_id", Type: String, Doc: "run that moved it"},
		{Name: "updated_at", Type: Timestamp, Doc: "when it moved"},
		{Name: "version", Type: UInt64, Doc: "increases with each update"},
	},
	OrderBy: []string{"source", "stream"},
})

// Runs is the run history: one row per (run, source, stream, window), rewritten when it ends.
var Runs = New(Table{
	Name: "_ccwh_runs", Internal: true, VersionColumn: "version",
	Doc: "one row per run of a stream window; the row with the highest version is the final state",
	Columns: []Column{
		{Name: "run_id", Type: String, Doc: "run id"},
		{Name: "source", Type: String, Doc: "configured source name"},
		{Name: "stream", Type: String, Doc: "stream name"},
		{Name: "window_from", Type: Timestamp, Doc: "window start (inclusive, UTC)"},
		{Name: "window_to", Type: Timestamp, Doc: "window end (exclusive, UTC)"},
		{Name: "started_at", Type: Timestamp, Doc: "start time"},
		{Name: "finished_at", Type: Timestamp, Doc: "end time; NULL while running"},
		{Name: "status", Type: String, LowCardinality: true, Doc: "running, succeeded or failed"},
		{Name: "pages", Type: Int64, Doc: "pages fetched"},
		{Name: "rows", Type: Int64, Doc: "rows loaded"},
		{Name: "rows_by_table", Type: String, Doc: "JSON object table → rows"},
		{Name: "bytes", Type: Int64, Doc: "raw bytes fetched"},
		{Name: "retries", Type: Int64, Doc: "HTTP retries"},
		{Name: "error", Type: String, Doc: "error text when failed"},
		{Name: "version", Type: UInt64, Doc: "increases with each update of the row"},
	},
	OrderBy:     []string{"source", "stream", "window_from", "run_id"},
	PartitionBy: "started_at",
})

// Holds are legal holds: data of a customer or a conversation that retention and erasure must
// not delete. A hold keeps its value in clear (an e-mail address, a phone number, an id): it is
// needed to find the held rows, and a hold exists precisely because the data must be kept.
var Holds = New(Table{
	Name: "_ccwh_holds", Internal: true, VersionColumn: "version",
	Doc: "legal holds; a removed hold keeps its row with removed_at set (the row with the highest version wins)",
	Columns: []Column{
		{Name: "hold_id", Type: String, Doc: "hold id (h-…)"},
		{Name: "kind", Type: String, LowCardinality: true, Doc: "customer-email, customer-phone, customer-id or conversation"},
		{Name: "value", Type: String, Doc: "normalized e-mail, phone digits, customer id or conversation id"},
		{Name: "value_hash", Type: String, Doc: "keyed hash of kind and value (as in _ccwh_erasures)"},
		{Name: "source", Type: String, Doc: "configured source the hold is limited to; empty: every source"},
		{Name: "reason", Type: String, Doc: "why the data is held (case, ticket)"},
		{Name: "created_at", Type: Timestamp, Doc: "when the hold was added (UTC)"},
		{Name: "removed_at", Type: Timestamp, Doc: "when it was removed; NULL while active"},
		{Name: "version", Type: UInt64, Doc: "increases with each update of the row"},
	},
	OrderBy: []string{"hold_id"},
})

// Erasures records every customer erasure (right to be forgotten) without the erased values:
// only keyed hashes (HMAC-SHA256 under the warehouse key in _ccwh_keys) and counts. The
// hashes are also what the load-time filter uses to keep re-extracted data of erased
// customers out.
var Erasures = New(Table{
	Name: "_ccwh_erasures", Internal: true, VersionColumn: "version",
	Doc: "customer erasures: keyed hashes of the subject and its conversations, counts, status; never the erased values",
	Columns: []Column{
		{Name: "erasure_id", Type: String, Doc: "erasure id (e-…)"},
		{Name: "requested_at", Type: Timestamp, Doc: "when the erasure started (UTC)"},
		{Name: "finished_at", Type: Timestamp, Doc: "when it ended; NULL while running"},
		{Name: "status", Type: String, LowCardinality: true, Doc: "running, succeeded or failed"},
		{Name: "subject_kinds", Type: StringList, Doc: "identifiers given: email, phone, customer-id"},
		{Name: "subject_hashes", Type: StringList, Doc: "kind:hex keyed hashes of the normalized identifiers, given and found on the customer's own records (phone-suffix: entries make national and international forms match)"},
		{Name: "conversation_hashes", Type: StringList, Doc: "keyed hashes of the erased conversations (source and conversation id)"},
		{Name: "source", Type: String, Doc: "configured source the erasure was limited to; empty: every source"},
		{Name: "reason", Type: String, Doc: "reason or ticket given by the operator"},
		{Name: "rows_deleted", Type: String, Doc: "JSON object table → rows deleted"},
		{Name: "rows_updated", Type: String, Doc: "JSON object table → rows whose personal columns were blanked or rewritten"},
		{Name: "archive_files", Type: Int64, Doc: "Parquet archive files rewritten"},
		{Name: "archive_rows_removed", Type: Int64, Doc: "rows removed from archive files"},
		{Name: "error", Type: String, Doc: "error text when failed"},
		{Name: "version", Type: UInt64, Doc: "increases with each update of the row"},
	},
	OrderBy: []string{"erasure_id"},
})

// Keys holds the warehouse's secret keys, created once: "erasure" keys the HMAC-SHA256 of
// erased subjects and holds. Keeping it in the warehouse makes the hashes usable by every
// ccwh process without extra configuration; the price is that someone who can read both this
// table and _ccwh_erasures can test guesses (a phone number has few digits). Restrict read
// access to _ccwh_keys.
var Keys = New(Table{
	Name: "_ccwh_keys", Internal: true, VersionColumn: "version",
	Doc: "secret keys of this warehouse (the erasure hash key); the oldest row of a name wins",
	Columns: []Column{
		{Name: "name", Type: String, Doc: "key name"},
		{Name: "key", Type: String, Doc: "hex-encoded random key"},
		{Name: "created_at", Type: Timestamp, Doc: "when it was created"},
		{Name: "version", Type: UInt64, Doc: "row version"},
	},
	OrderBy: []string{"name", "created_at", "key"},
})

// InternalTables lists the _ccwh_ tables in creation order.
func InternalTables() []*Table {
	return []*Table{SchemaVersions, State, Runs, Holds, Erasures, Keys, Retention}
}
