package load_test

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

const benchRows = 100_000

// BenchmarkInsertClickHouse: one 100k-row record of vcc_interactions (44 vendor + 5 lineage
// columns, strings, LowCardinality, Nullable, timestamps) per op, Arrow → real ClickHouse.
func BenchmarkInsertClickHouse(b *testing.B) {
	ctx := context.Background()
	c := openDB(b, load.Options{})
	tbl := schema.VCCInteractions
	require.NoError(b, c.EnsureTables(ctx, tbl))
	rec := synthetic(b, memory.DefaultAllocator, tbl, benchRows, 1)
	defer rec.Release()

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.Insert(ctx, tbl, rec, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkInsertStream: the same 100k-row record per op, as the five 20k-row batches of one
// INSERT (load.InsertStream, what sync and ingest use), Arrow → real ClickHouse.
func BenchmarkInsertStream(b *testing.B) {
	ctx := context.Background()
	c := openDB(b, load.Options{})
	tbl := schema.VCCInteractions
	require.NoError(b, c.EnsureTables(ctx, tbl))
	rec := synthetic(b, memory.DefaultAllocator, tbl, benchRows, 1)
	defer rec.Release()
	const batch = 20_000
	s := c.NewInsertStream(tbl)

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for lo := int64(0); lo < benchRows; lo += batch {
			part := rec.NewSlice(lo, lo+batch)
			if err := s.Write(ctx, part, "", nil); err != nil {
				b.Fatal(err)
			}
			part.Release()
		}
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkArchiveParquet: the same record, Arrow → zstd Parquet file (fsync and rename
// included).
func BenchmarkArchiveParquet(b *testing.B) {
	a, err := load.NewArchive(b.TempDir())
	require.NoError(b, err)
	tbl := schema.VCCInteractions
	rec := synthetic(b, memory.DefaultAllocator, tbl, benchRows, 1)
	defer rec.Release()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)

	b.ReportAllocs()
	b.ResetTimer()
	var bytes int64
	for i := 0; i < b.N; i++ {
		e, err := a.WriteBatch(tbl, "bench", i, day, rec)
		if err != nil {
			b.Fatal(err)
		}
		bytes = e.Bytes
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(bytes), "file-bytes")
}

// BenchmarkReadParquet: the archived file back to Arrow (restore path).
func BenchmarkReadParquet(b *testing.B) {
	a, err := load.NewArchive(b.TempDir())
	require.NoError(b, err)
	tbl := schema.VCCInteractions
	rec := synthetic(b, memory.DefaultAllocator, tbl, benchRows, 1)
	defer rec.Release()
	e, err := a.WriteBatch(tbl, "bench", 0, time.Now(), rec)
	require.NoError(b, err)

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		back, err := load.ReadParquet(memory.DefaultAllocator, a.Dir()+"/"+e.Path, tbl)
		if err != nil {
			b.Fatal(err)
		}
		back.Release()
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
