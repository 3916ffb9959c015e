# Summarises the output of `make bench` (go test -bench lines of every package, concatenated):
#   awk -f bench/summary.awk var/bench/*.txt
# Rates are wall-clock rows/s on this machine; on a shared machine the ratios measured back to back
# (ccwh/clickhouse-client) and the rows per CPU-second are the figures to compare.
/^Benchmark/ {
	name = $1
	sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i += 2) m[name, $(i + 1)] = $i
}
function get(name, unit) { return ((name, unit) in m) ? m[name, unit] : "" }
function line(label, name, unit, extra,   v) {
	v = get(name, unit)
	if (v == "") { printf "  %-44s %10s\n", label, "(not run)"; return }
	printf "  %-44s %10.0f rows/s%s\n", label, v, extra
}
function decode(f,   n) {
	n = "BenchmarkDecode" f "Interactions"
	line("decode " f " -> Arrow (1 core)", n, "rows/s", sprintf("   (%.0f rows/cpu-s, best pass %.0f rows/s)", get(n, "rows/cpu-s"), get(n, "best-rows/s")))
}
function parquet(w,   n) {
	n = "BenchmarkArrowToParquet/writer=" w
	line("Arrow -> Parquet, " w " (1 core)", n, "rows/s", sprintf("   (%.0f rows/cpu-s, %.0f bytes per 20k-row file)", get(n, "rows/cpu-s"), get(n, "file-bytes")))
}
END {
	print ""
	print "== make bench summary =="
	decode("XML"); decode("JSON"); decode("CSV")
	parquet("parquet-go"); parquet("pqarrow")
	line("Arrow -> ClickHouse, Insert (one INSERT)", "BenchmarkInsertClickHouse", "rows/s", "   (100k-row record)")
	line("Arrow -> ClickHouse, InsertStream", "BenchmarkInsertStream", "rows/s", "   (5 x 20k-row blocks, one INSERT)")
	line("ccwh sync, 100k rows", "BenchmarkSyncPeakRSS/rows=100000", "rows/s", sprintf("   (peak RSS %.0f MiB)", get("BenchmarkSyncPeakRSS/rows=100000", "peak-RSS-MiB")))
	line("ccwh sync, 1M rows", "BenchmarkSyncPeakRSS/rows=1000000", "rows/s", sprintf("   (peak RSS %.0f MiB)", get("BenchmarkSyncPeakRSS/rows=1000000", "peak-RSS-MiB")))
	n = "BenchmarkIngestVsClickHouseClient"
	line("ccwh ingest, archive on (median)", n, "ccwh-rows/s", "")
	line("clickhouse-client INSERT (median)", n, "clickhouse-client-rows/s", "")
	if (get(n, "ratio") != "") {
		printf "  %-44s %10.2f   (median of back-to-back rounds; goal >= 1.0)\n", "ratio ccwh / clickhouse-client", get(n, "ratio")
		printf "  %-44s %10.0f MiB (goal < 256)\n", "ccwh ingest peak RSS", get(n, "ccwh-peak-RSS-MiB")
	}
}
