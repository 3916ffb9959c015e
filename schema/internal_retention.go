package schema

// Retention is the history of the retention job: one row per (run, table), so operators and
// auditors see with SQL what expired, what a legal hold kept and what left the archive.
var Retention = New(Table{
	Name: "_ccwh_retention", Internal: true, VersionColumn: "version",
	Doc: "retention job history: one row per run and table (what expired, what legal holds kept)",
	Columns: []Column{
		{Name: "run_id", Type: String, Doc: "retention run id"},
		{Name: "table", Type: String, Doc: "the table retention was applied to"},
		{Name: "started_at", Type: Timestamp, Doc: "when the run started"},
		{Name: "finished_at", Type: Timestamp, Doc: "when this table was done"},
		{Name: "retention_days", Type: Int64, Doc: "configured retention, days"},
		{Name: "cutoff", Type: Timestamp, Doc: "rows older than this expired (UTC)"},
		{Name: "mode", Type: String, LowCardinality: true, Doc: "job (partitions dropped, rows deleted by the job) or ttl (ClickHouse TTL expires the rows; the job pruned the archive only)"},
		{Name: "partitions_dropped", Type: Int64, Doc: "whole partitions dropped"},
		{Name: "rows_deleted", Type: Int64, Doc: "expired rows removed from ClickHouse (dropped partitions and the DELETE mutation)"},
		{Name: "rows_held", Type: Int64, Doc: "expired rows kept because a legal hold covers them"},
		{Name: "archive_files_removed", Type: Int64, Doc: "Parquet files deleted (and dropped from their manifests)"},
		{Name: "archive_rows_removed", Type: Int64, Doc: "rows in the deleted Parquet files"},
		{Name: "archive_files_held", Type: Int64, Doc: "expired Parquet files kept because they hold rows under a legal hold"},
		{Name: "archive_files_young", Type: Int64, Doc: "Parquet files with expired rows kept because they also hold rows not yet expired"},
		{Name: "status", Type: String, LowCardinality: true, Doc: "succeeded or failed"},
		{Name: "error", Type: String, Doc: "error text when failed"},
		{Name: "version", Type: UInt64, Doc: "increases with each update of the row"},
	},
	OrderBy:     []string{"table", "started_at", "run_id"},
	PartitionBy: "started_at",
})
