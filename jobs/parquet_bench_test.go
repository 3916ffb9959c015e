package jobs

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"

	"github.com/ccwh/ccwh/jobs/internal/benchdata"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// batchRows is `ccwh ingest`'s batch: one record, one Parquet file.
const batchRows = 20_000

// ingestBatch decodes batchRows generated interactions, as ingest does, into one record.
func ingestBatch(b *testing.B) arrow.Record {
	b.Helper()
	bld := transform.NewBuilder(memory.DefaultAllocator, schema.VCCInteractions, transform.Lineage{
		Source: "bench", RunID: "bench", ExtractedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Version: 1})
	defer bld.Release()
	if _, err := transform.Decode(schema.CSV, benchdata.InteractionsCSV(batchRows), bld); err != nil {
		b.Fatal(err)
	}
	return bld.NewRecord()
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkArrowToParquet writes the same 20k-row record per op with both writers, each to a
// file that is fsynced and renamed into place, and reports rows/s, rows per CPU-second (the
// figure that holds on a shared machine) and the file's size.
func BenchmarkArrowToParquet(b *testing.B) {
	rec := ingestBatch(b)
	defer rec.Release()
	day := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

	b.Run("writer=parquet-go", func(b *testing.B) {
		a, err := load.NewArchive(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		var size int64
		cpu0 := cpuTime()
		b.ResetTimer()
		for i := range b.N {
			e, err := a.WriteBatch(schema.VCCInteractions, "bench", i, day, rec)
			if err != nil {
				b.Fatal(err)
			}
			size = e.Bytes
		}
		report(b, cpuTime()-cpu0, size)
	})

	b.Run("writer=pqarrow", func(b *testing.B) {
		dir := b.TempDir()
		props := parquet.NewWriterProperties(
			parquet.WithCompression(compress.Codecs.Zstd),
			parquet.WithDictionaryDefault(true),
			parquet.WithStats(true),
			parquet.WithCreatedBy("ccwh bench"),
		)
		arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
		var size int64
		cpu0 := cpuTime()
		b.ResetTimer()
		for range b.N {
			size = writePqarrow(b, filepath.Join(dir, "batch.parquet"), rec, props, arrProps)
		}
		report(b, cpuTime()-cpu0, size)
	})
}

// writePqarrow writes rec through a temporary file, fsynced and renamed, as WriteBatch does.
func writePqarrow(b *testing.B, path string, rec arrow.Record, props *parquet.WriterProperties, arrProps pqarrow.ArrowWriterProperties) int64 {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(rec.Schema(), f, props, arrProps)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil { // closes f too
		b.Fatal(err)
	}
	g, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		b.Fatal(err)
	}
	if err := g.Sync(); err != nil {
		b.Fatal(err)
	}
	st, _ := g.Stat()
	g.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

func report(b *testing.B, cpu time.Duration, size int64) {
	rows := float64(batchRows) * float64(b.N)
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(rows/cpu.Seconds(), "rows/cpu-s")
	b.ReportMetric(float64(size), "file-bytes")
}
