package jobs

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ccwh/ccwh/jobs/internal/benchdata"
	"github.com/ccwh/ccwh/schema"
)

// BenchmarkIngestVsClickHouseClient loads the same generated interactions CSV (1,000,000 rows, or
// $CCWH_BENCH_ROWS) into the same table of the same private ClickHouse, $CCWH_BENCH_ROUNDS times
// (default 5) each, back to back, with (a) `ccwh ingest` (Parquet archive on, default settings)
// and (b) `clickhouse-client --query "INSERT … FORMAT CSVWithNames" < file`. It reports the
// median rows/s of both, the median of the per-round ratios (a round runs both back to back,
// which cancels most of the drift of a shared machine) and ccwh's peak RSS over all rounds.
// $CCWH_BENCH_BIN runs another ccwh binary instead of building this tree's.
//
//	go test -run '^$' -bench IngestVsClickHouseClient -benchtime 1x ./jobs
func BenchmarkIngestVsClickHouseClient(b *testing.B) {
	if chServer == nil {
		b.Skip("no ClickHouse server (outside CI only)")
	}
	client, err := exec.LookPath("clickhouse-client")
	if err != nil {
		b.Skip("clickhouse-client is not installed")
	}
	rows := envInt("CCWH_BENCH_ROWS", 1_000_000)
	rounds := envInt("CCWH_BENCH_ROUNDS", 5)
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "interactions.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := benchdata.WriteInteractionsCSV(f, rows); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(csvPath)

	bin := os.Getenv("CCWH_BENCH_BIN") // another build to compare, e.g. of an earlier commit
	if bin == "" {
		bin = filepath.Join(dir, "ccwh")
		if out, err := exec.Command("go", "build", "-o", bin, "../cmd/ccwh").CombinedOutput(); err != nil {
			b.Fatalf("build: %v\n%s", err, out)
		}
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	db := "bench_ingest_" + hex.EncodeToString(rnd[:])
	cfg := filepath.Join(dir, "ccwh.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("warehouse: {clickhouse: {addr: %q, database: %s}}\narchive: {dir: %q}\n",
		chServer.Addr, db, filepath.Join(dir, "archive"))), 0o600); err != nil {
		b.Fatal(err)
	}
	run := func(name string, args ...string) *os.ProcessState {
		cmd := exec.Command(name, args...)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s %v: %v", name, args, err)
		}
		return cmd.ProcessState
	}
	run(bin, "--config", cfg, "--log-level", "warn", "migrate")
	_, port, _ := strings.Cut(chServer.Addr, ":")
	query := func(q string) string {
		out, err := exec.Command(client, "--host", "127.0.0.1", "--port", port, "--query", q).Output()
		if err != nil {
			b.Fatalf("clickhouse-client %q: %v", q, err)
		}
		return strings.TrimSpace(string(out))
	}
	truncate := func() {
		query("TRUNCATE TABLE " + db + ".vcc_interactions")
		_ = os.RemoveAll(filepath.Join(dir, "archive"))
	}
	loaded := func(who string) {
		if n := query("SELECT count() FROM " + db + ".vcc_interactions"); n != strconv.Itoa(rows) {
			b.Fatalf("%s loaded %s rows, want %d", who, n, rows)
		}
	}
	var cols []string
	for _, c := range schema.VCCInteractions.Columns {
		if c.Field != "" {
			cols = append(cols, c.Name)
		}
	}
	insert := fmt.Sprintf("INSERT INTO %s.vcc_interactions (%s) FORMAT CSVWithNames", db, strings.Join(cols, ", "))

	b.ResetTimer()
	var ccwhRates, clientRates, ratios []float64
	var peak int64
	for range b.N {
		for range rounds {
			truncate()
			start := time.Now()
			ps := run(bin, "--config", cfg, "--log-level", "warn", "ingest", "--stream", "8x8-vcc/interactions",
				"--format", "csv", csvPath)
			ccwh := float64(rows) / time.Since(start).Seconds()
			peak = max(peak, ps.SysUsage().(*syscall.Rusage).Maxrss) // KiB on Linux
			loaded("ccwh ingest")

			truncate()
			f, err := os.Open(csvPath)
			if err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command(client, "--host", "127.0.0.1", "--port", port, "--query", insert)
			cmd.Stdin, cmd.Stderr = f, os.Stderr
			start = time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatalf("clickhouse-client: %v", err)
			}
			ch := float64(rows) / time.Since(start).Seconds()
			f.Close()
			loaded("clickhouse-client")
			ccwhRates, clientRates, ratios = append(ccwhRates, ccwh), append(clientRates, ch), append(ratios, ccwh/ch)
			b.Logf("round %d: ccwh ingest %.0f rows/s, clickhouse-client %.0f rows/s, ratio %.2f", len(ratios), ccwh, ch, ccwh/ch)
		}
	}
	b.StopTimer()
	peakMiB := float64(peak) / 1024
	b.ReportMetric(median(ccwhRates), "ccwh-rows/s")
	b.ReportMetric(median(clientRates), "clickhouse-client-rows/s")
	b.ReportMetric(median(ratios), "ratio")
	b.ReportMetric(peakMiB, "ccwh-peak-RSS-MiB")
	b.Logf("%d rows, %.0f MB CSV, %d rounds: ccwh ingest (archive on) %.0f rows/s (%.0f–%.0f), clickhouse-client %.0f rows/s (%.0f–%.0f), ratio %.2f (%.2f–%.2f), ccwh peak RSS %.0f MiB",
		rows, float64(st.Size())/1e6, len(ratios), median(ccwhRates), slices.Min(ccwhRates), slices.Max(ccwhRates),
		median(clientRates), slices.Min(clientRates), slices.Max(clientRates), median(ratios), slices.Min(ratios), slices.Max(ratios), peakMiB)
}

// median of v (sorted in place).
func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

// envInt reads a positive integer from the environment, or returns def.
func envInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil && v > 0 {
		return v
	}
	return def
}
