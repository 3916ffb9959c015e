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
		leaf, ok := pf.Schema().Lookup(schema.ParquetLeafPath(col)...)
		if !ok && hasField(pf.Schema(), col.Name) {
			// The name is there but not as this column's leaf: a list read as a scalar or the
			// other way round.
			return nil, fmt.Errorf("column %s has another shape in the file (list or scalar): %w", col.Name, ErrSchemaMismatch)
		}
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
		if fb.Len() != int(n) { // for a list: rows, not elements
			return nil, fmt.Errorf("column %s has %d values, file has %d rows", col.Name, fb.Len(), n)
		}
	}
	clear(buf)
	return b.NewRecord(), nil
}

// hasField reports whether the file has a top-level field named name.
func hasField(s *parquet.Schema, name string) bool {
	for _, f := range s.Fields() {
		if f.Name() == name {
			return true
		}
	}
	return false
}

// checkLeaf makes sure the file's column has the physical type this table's column is written as.
func checkLeaf(col schema.Column, leaf parquet.LeafColumn) error {
	want := schema.ParquetNode(schema.Column{Name: col.Name, Type: col.Type.Elem()}).Type().Kind()
	if got := leaf.Node.Type().Kind(); got != want {
		return fmt.Errorf("column %s is %s in the file, want %s: %w", col.Name, got, want, ErrSchemaMismatch)
	}
	switch {
	case col.Type.IsList() && (leaf.MaxRepetitionLevel != 1 || leaf.MaxDefinitionLevel != 1):
		return fmt.Errorf("column %s is not a LIST of required elements in the file: %w", col.Name, ErrSchemaMismatch)
	case !col.Type.IsList() && leaf.MaxRepetitionLevel > 0:
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
			appendArrow(fb, col, buf[:k])
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

// appendArrow appends Parquet values of one column to its Arrow builder.
func appendArrow(fb array.Builder, col schema.Column, vals []parquet.Value) {
	switch col.Type {
	case schema.StringList, schema.Int64List:
		// Repetition level 0 starts a row; definition level 1 is an element, 0 an empty list.
		lb := fb.(*array.ListBuilder)
		for _, v := range vals {
			if v.RepetitionLevel() == 0 {
				lb.Append(true)
			}
			if v.DefinitionLevel() == 0 {
				continue
			}
			switch eb := lb.ValueBuilder().(type) {
			case *array.StringBuilder:
				p := v.ByteArray()
				eb.Append(unsafe.String(unsafe.SliceData(p), len(p))) // copied by Append
			case *array.Int64Builder:
				eb.Append(v.Int64())
			}
		}
	case schema.String:
		b := fb.(*array.StringBuilder)
		for _, v := range vals {
			if v.IsNull() {
				appendMissing(b, col)
				continue
			}
			p := v.ByteArray()
			b.Append(unsafe.String(unsafe.SliceData(p), len(p))) // copied by Append
		}
	case schema.Int64:
		appendFixed(fb.(*array.Int64Builder), col, vals, parquet.Value.Int64)
	case schema.UInt64:
		appendFixed(fb.(*array.Uint64Builder), col, vals, func(v parquet.Value) uint64 { return uint64(v.Int64()) })
	case schema.Float64:
		appendFixed(fb.(*array.Float64Builder), col, vals, parquet.Value.Double)
	case schema.Bool:
		appendFixed(fb.(*array.BooleanBuilder), col, vals, parquet.Value.Boolean)
	case schema.Timestamp:
		appendFixed(fb.(*array.TimestampBuilder), col, vals, func(v parquet.Value) arrow.Timestamp { return arrow.Timestamp(v.Int64()) })
	case schema.Date:
		appendFixed(fb.(*array.Date32Builder), col, vals, func(v parquet.Value) arrow.Date32 { return arrow.Date32(v.Int32()) })
	}
}

// appendFixed appends fixed-width values; conv reads one from a non-NULL Parquet value.
func appendFixed[T any, B interface {
	array.Builder
	Append(T)
}](b B, col schema.Column, vals []parquet.Value, conv func(parquet.Value) T) {
	for _, v := range vals {
		if v.IsNull() {
			appendMissing(b, col)
		} else {
			b.Append(conv(v))
		}
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
