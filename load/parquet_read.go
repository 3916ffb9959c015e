package load

import (
	"errors"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// ReadParquet reads an archived file back into one Arrow record with t's columns in table order
// (for restores and round-trip tests); the caller releases it. Columns are matched by name. A
// column the file lacks (written before the column was added) reads as NULL, or as the zero
// value where the column cannot be NULL; columns the file has and t does not are ignored.
func ReadParquet(mem memory.Allocator, path string, t *schema.Table) (arrow.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load: read parquet: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("load: read parquet: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("load: read parquet %s: %w", path, err)
	}
	rec, err := readParquet(mem, pf, t)
	if err != nil {
		return nil, fmt.Errorf("load: read parquet %s as %s: %w", path, t.Name, err)
	}
	return rec, nil
}

func readParquet(mem memory.Allocator, pf *parquet.File, t *schema.Table) (arrow.Record, error) {
	b := array.NewRecordBuilder(mem, t.ArrowSchema())
	defer b.Release()
	n := pf.NumRows()
	if n > int64(^uint32(0)>>1) {
		return nil, fmt.Errorf("%d rows do not fit one record", n)
	}
	b.Reserve(int(n))
	buf := make([]parquet.Value, chunkRows)
	for i, col := range t.Columns {
		fb := b.Field(i)
		leaf, ok := pf.Schema().Lookup(col.Name)
		if !ok {
			for range n {
				appendMissing(fb, col)
			}
			continue
		}
		if err := checkLeaf(col, leaf); err != nil {
			return nil, err
		}
		for _, rg := range pf.RowGroups() {
			if err := readChunk(fb, col, rg.ColumnChunks()[leaf.ColumnIndex], buf); err != nil {
				return nil, fmt.Errorf("column %s: %w", col.Name, err)
			}
		}
		if fb.Len() != int(n) {
			return nil, fmt.Errorf("column %s has %d values, file has %d rows", col.Name, fb.Len(), n)
		}
	}
	clear(buf)
	return b.NewRecord(), nil
}

// checkLeaf makes sure the file's column has the physical type this table's column is written as.
func checkLeaf(col schema.Column, leaf parquet.LeafColumn) error {
	want := schema.ParquetNode(col).Type().Kind()
	if got := leaf.Node.Type().Kind(); got != want {
		return fmt.Errorf("column %s is %s in the file, want %s: %w", col.Name, got, want, ErrSchemaMismatch)
	}
	if leaf.MaxRepetitionLevel > 0 {
		return fmt.Errorf("column %s is repeated in the file: %w", col.Name, ErrSchemaMismatch)
	}
	return nil
}

func readChunk(fb array.Builder, col schema.Column, chunk parquet.ColumnChunk, buf []parquet.Value) error {
	pages := chunk.Pages()
	defer pages.Close()
	for {
		p, err := pages.ReadPage()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		vr := p.Values()
		for {
			k, err := vr.ReadValues(buf)
			for _, v := range buf[:k] {
				appendValue(fb, col, v)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				parquet.Release(p)
				return err
			}
		}
		parquet.Release(p)
	}
}

func appendValue(fb array.Builder, col schema.Column, v parquet.Value) {
	if v.IsNull() {
		if col.Nullable() {
			fb.AppendNull()
		} else {
			appendMissing(fb, col)
		}
		return
	}
	switch col.Type {
	case schema.String:
		b := v.ByteArray()
		fb.(*array.StringBuilder).Append(unsafe.String(unsafe.SliceData(b), len(b))) // copied by Append
	case schema.Int64:
		fb.(*array.Int64Builder).Append(v.Int64())
	case schema.UInt64:
		fb.(*array.Uint64Builder).Append(uint64(v.Int64()))
	case schema.Float64:
		fb.(*array.Float64Builder).Append(v.Double())
	case schema.Bool:
		fb.(*array.BooleanBuilder).Append(v.Boolean())
	case schema.Timestamp:
		fb.(*array.TimestampBuilder).Append(arrow.Timestamp(v.Int64()))
	case schema.Date:
		fb.(*array.Date32Builder).Append(arrow.Date32(v.Int32()))
	}
}

// appendMissing appends NULL, or the zero value where the column cannot be NULL.
func appendMissing(fb array.Builder, col schema.Column) {
	if col.Nullable() {
		fb.AppendNull()
		return
	}
	fb.AppendEmptyValue()
}
