package load

import (
	"math"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// Building every archived value through parquet-go's public API (parquet.Int64Value(v).Level(…))
// was a third of the Parquet writer's time: Level is not inlined and checks its arguments for
// every value. The fast path builds one value per column with the public API, kind and levels
// set, and copies it for every row with only the payload replaced. That relies on parquet.Value
// starting with a data pointer and a 64-bit payload (parquet-go v0.32), which valueLayoutOK
// checks once against values built through the public API; if a later parquet-go lays values out
// differently, the public API is used (and TestParquetFastValues fails, to say so).

// valueHead mirrors the start of parquet.Value: the pointer to byte-array data and the 64-bit
// payload (an integer, a float's bits, a boolean, or a byte array's length).
type valueHead struct {
	ptr *byte
	u64 uint64
}

var fastValues = valueLayoutOK()

// withPayload returns tmpl (a value with kind and levels set) carrying ptr and u64 instead.
func withPayload(tmpl parquet.Value, ptr *byte, u64 uint64) parquet.Value {
	h := (*valueHead)(unsafe.Pointer(&tmpl))
	h.ptr, h.u64 = ptr, u64
	return tmpl
}

// valueLayoutOK checks withPayload against the public API for every kind the archive writes.
func valueLayoutOK() bool {
	if unsafe.Sizeof(parquet.Value{}) < unsafe.Sizeof(valueHead{}) {
		return false
	}
	data := []byte("payload")
	i64, i32 := int64(-1234567890123), int32(-12345)
	for _, c := range []struct {
		want, got parquet.Value
	}{
		{parquet.Int64Value(i64).Level(0, 1, 7), withPayload(parquet.Int64Value(0).Level(0, 1, 7), nil, uint64(i64))},
		{parquet.Int32Value(i32).Level(0, 1, 2), withPayload(parquet.Int32Value(0).Level(0, 1, 2), nil, uint64(i32))},
		{parquet.DoubleValue(-2.5).Level(0, 0, 1), withPayload(parquet.DoubleValue(0).Level(0, 0, 1), nil, math.Float64bits(-2.5))},
		{parquet.BooleanValue(true).Level(0, 1, 3), withPayload(parquet.BooleanValue(false).Level(0, 1, 3), nil, 1)},
		{parquet.ByteArrayValue(data).Level(0, 1, 9), withPayload(parquet.ByteArrayValue(nil).Level(0, 1, 9), &data[0], uint64(len(data)))},
	} {
		w, g := c.want, c.got
		if g.Kind() != w.Kind() || g.DefinitionLevel() != w.DefinitionLevel() || g.RepetitionLevel() != w.RepetitionLevel() ||
			g.Column() != w.Column() || g.IsNull() || !parquet.Equal(g, w) {
			return false
		}
		if w.Kind() == parquet.ByteArray && unsafe.SliceData(g.ByteArray()) != unsafe.SliceData(data) {
			return false
		}
	}
	return true
}

// appendValuesFast converts rows [lo,hi) of a non-list column into out (len hi-lo), by copying
// one template value per column and setting its payload. NULLs are patched in by the caller.
func appendValuesFast(out []parquet.Value, col schema.Column, arr arrow.Array, lo, hi, leaf, maxDef int) {
	switch col.Type {
	case schema.String:
		a := arr.(*array.String)
		t := parquet.ByteArrayValue(nil).Level(0, maxDef, leaf)
		for i := range out {
			// The writer copies the bytes; no need to copy them out of the Arrow buffer first.
			s := a.Value(lo + i)
			out[i] = withPayload(t, unsafe.StringData(s), uint64(len(s)))
		}
	case schema.Int64:
		t := parquet.Int64Value(0).Level(0, maxDef, leaf)
		for i, v := range arr.(*array.Int64).Int64Values()[lo:hi] {
			out[i] = withPayload(t, nil, uint64(v))
		}
	case schema.UInt64:
		t := parquet.Int64Value(0).Level(0, maxDef, leaf)
		for i, v := range arr.(*array.Uint64).Uint64Values()[lo:hi] {
			out[i] = withPayload(t, nil, v)
		}
	case schema.Float64:
		t := parquet.DoubleValue(0).Level(0, maxDef, leaf)
		for i, v := range arr.(*array.Float64).Float64Values()[lo:hi] {
			out[i] = withPayload(t, nil, math.Float64bits(v))
		}
	case schema.Bool:
		a := arr.(*array.Boolean)
		t := parquet.BooleanValue(false).Level(0, maxDef, leaf)
		for i := range out {
			var b uint64
			if a.Value(lo + i) {
				b = 1
			}
			out[i] = withPayload(t, nil, b)
		}
	case schema.Timestamp:
		// checkRecord guarantees milliseconds, the unit of the Parquet column.
		t := parquet.Int64Value(0).Level(0, maxDef, leaf)
		for i, v := range arr.(*array.Timestamp).TimestampValues()[lo:hi] {
			out[i] = withPayload(t, nil, uint64(v))
		}
	case schema.Date:
		t := parquet.Int32Value(0).Level(0, maxDef, leaf)
		for i, v := range arr.(*array.Date32).Date32Values()[lo:hi] {
			out[i] = withPayload(t, nil, uint64(int64(v)))
		}
	default:
		panic("load: unknown column type " + col.Type.String())
	}
}
