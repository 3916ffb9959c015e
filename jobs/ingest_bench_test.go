package jobs

import (
	"bufio"
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

	"github.com/ccwh/ccwh/schema"
)

// BenchmarkIngestVsClickHouseClient loads the same generated interactions CSV (1,000,000 rows, or
// $CCWH_BENCH_ROWS) into the same table of the same private ClickHouse, three times each, with
// (a) `ccwh ingest` (Parquet archive on) and (b) `clickhouse-client --query "INSERT … FORMAT
// CSVWithNames" < file`, and reports both rates, their ratio and ccwh's peak RSS.
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
	rows := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("CCWH_BENCH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "interactions.csv")
	writeInteractionsCSV(b, csvPath, rows)
	st, _ := os.Stat(csvPath)

	bin := filepath.Join(dir, "ccwh")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/ccwh").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
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
	truncate := func() {
		run(client, "--host", "127.0.0.1", "--port", port, "--query", "TRUNCATE TABLE "+db+".vcc_interactions")
		_ = os.RemoveAll(filepath.Join(dir, "archive"))
	}
	var cols []string
	for _, c := range schema.VCCInteractions.Columns {
		if c.Field != "" {
			cols = append(cols, c.Name)
		}
	}
	insert := fmt.Sprintf("INSERT INTO %s.vcc_interactions (%s) FORMAT CSVWithNames", db, strings.Join(cols, ", "))

	b.ResetTimer()
	var ccwhRates, clientRates []float64
	var peak int64
	for range b.N {
		for range 3 {
			truncate()
			start := time.Now()
			ps := run(bin, "--config", cfg, "--log-level", "warn", "ingest", "--stream", "8x8-vcc/interactions",
				"--format", "csv", csvPath)
			ccwhRates = append(ccwhRates, float64(rows)/time.Since(start).Seconds())
			peak = max(peak, ps.SysUsage().(*syscall.Rusage).Maxrss)

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
			clientRates = append(clientRates, float64(rows)/time.Since(start).Seconds())
			f.Close()
		}
	}
	b.StopTimer()
	med := func(v []float64) float64 { slices.Sort(v); return v[len(v)/2] }
	b.ReportMetric(med(ccwhRates), "ccwh-rows/s")
	b.ReportMetric(med(clientRates), "clickhouse-client-rows/s")
	b.ReportMetric(med(ccwhRates)/med(clientRates), "ratio")
	b.ReportMetric(float64(peak)/1024, "ccwh-peak-RSS-MiB")
	b.Logf("%d rows, %.0f MB CSV; ccwh ingest (archive on) %.0f rows/s, clickhouse-client %.0f rows/s, ratio %.2f, ccwh peak RSS %.0f MiB",
		rows, float64(st.Size())/1e6, med(ccwhRates), med(clientRates), med(ccwhRates)/med(clientRates), float64(peak)/1024)
}

// writeInteractionsCSV writes rows all-interactions records with every field set, in forms
// both ccwh and ClickHouse's CSV parser read: UTC "YYYY-MM-DD hh:mm:ss" timestamps, 0/1 booleans.
func writeInteractionsCSV(b *testing.B, path string, rows int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	var fields []string
	for _, c := range schema.VCCInteractions.Columns {
		if c.Field != "" {
			fields = append(fields, c.Field)
		}
	}
	w.WriteString(strings.Join(fields, ",") + "\n")
	media := []string{"Phone", "Chat", "Email", "Voice Mail"}
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	line := make([]string, len(fields))
	for i := range rows {
		at := base.Add(time.Duration(i) * time.Second)
		for j, c := range schema.VCCInteractions.Columns[:len(fields)] {
			switch c.Type {
			case schema.Int64:
				line[j] = strconv.Itoa((i*31 + j*7) % 5000)
			case schema.Bool:
				line[j] = strconv.Itoa(i % 2)
			case schema.Timestamp:
				line[j] = at.Add(time.Duration(j) * time.Second).Format(time.DateTime)
			default:
				line[j] = fmt.Sprintf("%s %d", c.Name, (i+j)%97)
			}
		}
		line[0] = media[i%4]
		line[3] = strconv.Itoa(i + 1) // interaction-id: unique
		w.WriteString(strings.Join(line, ",") + "\n")
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
}
