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

// InternalTables lists the _ccwh_ tables in creation order.
func InternalTables() []*Table { return []*Table{SchemaVersions, State, Runs} }
