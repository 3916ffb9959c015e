package jobs

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ccwh/ccwh/extract/sandbox"
)

// BenchmarkSyncPeakRSS runs `ccwh sync` as a child process over the sandbox into the private
// ClickHouse for 100k and 1M interactions and reports rows/s and the child's peak RSS. Memory is
// bounded by one batch per table, so the 1M-row sync should peak no higher than the 100k one.
//
//	go test -run '^$' -bench SyncPeakRSS -benchtime 1x ./jobs
func BenchmarkSyncPeakRSS(b *testing.B) {
	if chServer == nil {
		b.Skip("no ClickHouse server (outside CI only)")
	}
	bin := filepath.Join(b.TempDir(), "ccwh")
	build := exec.Command("go", "build", "-o", bin, "../cmd/ccwh")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build ccwh: %v", err)
	}
	// Scale 1200 makes the sandbox create one interaction per second.
	sb := sandbox.New(sandbox.Options{Seed: 3, Scale: 1200})
	hs := httptest.NewServer(sb.Handler())
	defer hs.Close()
	from := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			dir := b.TempDir()
			var rnd [4]byte
			_, _ = rand.Read(rnd[:])
			cfg := filepath.Join(dir, "ccwh.yaml")
			yaml := fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: bench_%s}}
archive: {dir: %q}
sources:
  - {name: acme, kind: 8x8-vcc, base_url: %s, tenant: acme, token: sandbox-token, concurrency: 4,
     streams: {interactions: {window: 8760h, batch_rows: 20000}}}
`, chServer.Addr, hex.EncodeToString(rnd[:]), filepath.Join(dir, "archive"), hs.URL)
			if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
				b.Fatal(err)
			}
			run := func(args ...string) *os.ProcessState {
				cmd := exec.Command(bin, append([]string{"--config", cfg, "--log-level", "warn"}, args...)...)
				cmd.Stderr = os.Stderr
				if err := cmd.Run(); err != nil {
					b.Fatalf("ccwh %v: %v", args, err)
				}
				return cmd.ProcessState
			}
			run("migrate")
			to := from.Add(time.Duration(rows) * time.Second)
			b.ResetTimer()
			var peak int64
			start := time.Now()
			for range b.N {
				ps := run("sync", "interactions", "--from", from.Format(time.RFC3339), "--to", to.Format(time.RFC3339))
				peak = max(peak, ps.SysUsage().(*syscall.Rusage).Maxrss) // KiB on Linux
			}
			b.ReportMetric(float64(rows*b.N)/time.Since(start).Seconds(), "rows/s")
			b.ReportMetric(float64(peak)/1024, "peak-RSS-MiB")
		})
	}
}
