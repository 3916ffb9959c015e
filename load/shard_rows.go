package load

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/go-faster/city"

	"github.com/ccwh/ccwh/schema"
)

// ClickHouse's cityHash64, computed in Go so that ccwh routes a row to the shard the
// Distributed engine would: a String hashes as CityHash64 v1.0.2 of its bytes (city.CH64), an
// integer as intHash64(x XOR intHashSalt) of its 64 bits, and further arguments are combined
// into the hash so far with Hash128to64(hash, argument hash). probeHash checks all three
// against the server before the first shard insert.

const intHashSalt = 0x4CF2D2BAAE6DA887

// intHash64 is ClickHouse's intHash64 (a MurmurHash3 finalizer).
func intHash64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// hash128to64 is CityHash's Hash128to64 of the pair (low, high).
func hash128to64(low, high uint64) uint64 {
	const mul = 0x9ddfea08eb382d69
	a := (low ^ high) * mul
	a ^= a >> 47
	b := (high ^ a) * mul
	b ^= b >> 47
	return b * mul
}

func hashString(s string) uint64 { return city.CH64(unsafe.Slice(unsafe.StringData(s), len(s))) }

func hashInt(x uint64) uint64 { return intHash64(x ^ intHashSalt) }

// combineHash folds the hash of a further argument into the hash so far.
func combineHash(h, arg uint64) uint64 { return hash128to64(h, arg) }

// rowHasher computes cityHash64(key columns…) of a record's rows.
type rowHasher []func(i int) uint64

// newRowHasher binds the key columns of rec (by name, through t).
func newRowHasher(rec arrow.Record, t *schema.Table, key []string) (rowHasher, error) {
	h := make(rowHasher, len(key))
	for k, name := range key {
		i := t.Column(name)
		if i < 0 {
			return nil, fmt.Errorf("sharding key column %s is not a column of %s", name, t.Name)
		}
		switch a := rec.Column(i).(type) {
		case *array.String:
			h[k] = func(r int) uint64 { return hashString(a.Value(r)) }
		case *array.Int64:
			h[k] = func(r int) uint64 { return hashInt(uint64(a.Value(r))) }
		case *array.Uint64:
			h[k] = func(r int) uint64 { return hashInt(a.Value(r)) }
		default:
			return nil, fmt.Errorf("sharding key column %s.%s is %s: want String, Int64 or UInt64", t.Name, name, a.DataType())
		}
	}
	return h, nil
}

func (h rowHasher) hash(r int) uint64 {
	v := h[0](r)
	for _, f := range h[1:] {
		v = combineHash(v, f(r))
	}
	return v
}

// routeRows splits the rows of rec over n shards: the row indexes per shard, in row order.
func routeRows(rec arrow.Record, t *schema.Table, key []string, slots []int, n int) ([][]int, error) {
	h, err := newRowHasher(rec, t, key)
	if err != nil {
		return nil, err
	}
	out := make([][]int, n)
	rows := int(rec.NumRows())
	m := uint64(len(slots))
	for r := range rows {
		s := slots[h.hash(r)%m]
		out[s] = append(out[s], r)
	}
	return out, nil
}

// takeRows copies the rows idx of rec into a new record (allocated from mem; the caller
// releases it). It handles every Arrow type schema.ArrowType produces.
func takeRows(mem memory.Allocator, rec arrow.Record, idx []int) arrow.Record {
	cols := make([]arrow.Array, rec.NumCols())
	for i := range cols {
		cols[i] = takeArray(mem, rec.Column(i), idx)
	}
	out := array.NewRecord(rec.Schema(), cols, int64(len(idx)))
	for _, c := range cols {
		c.Release()
	}
	return out
}

// valueArray is an Arrow array of one value type.
type valueArray[T any] interface {
	IsNull(int) bool
	Value(int) T
}

// valueBuilder builds an Arrow array of one value type.
type valueBuilder[T any] interface {
	Append(T)
	AppendNull()
}

func take[T any](a valueArray[T], b valueBuilder[T], idx []int) {
	for _, i := range idx {
		if a.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(a.Value(i))
		}
	}
}

func takeArray(mem memory.Allocator, arr arrow.Array, idx []int) arrow.Array {
	b := array.NewBuilder(mem, arr.DataType())
	defer b.Release()
	b.Reserve(len(idx))
	switch a := arr.(type) {
	case *array.String:
		take[string](a, b.(*array.StringBuilder), idx)
	case *array.Int64:
		take[int64](a, b.(*array.Int64Builder), idx)
	case *array.Uint64:
		take[uint64](a, b.(*array.Uint64Builder), idx)
	case *array.Float64:
		take[float64](a, b.(*array.Float64Builder), idx)
	case *array.Boolean:
		take[bool](a, b.(*array.BooleanBuilder), idx)
	case *array.Timestamp:
		take[arrow.Timestamp](a, b.(*array.TimestampBuilder), idx)
	case *array.Date32:
		take[arrow.Date32](a, b.(*array.Date32Builder), idx)
	case *array.List:
		lb := b.(*array.ListBuilder)
		values := a.ListValues()
		for _, i := range idx {
			if a.IsNull(i) {
				lb.AppendNull()
				continue
			}
			lb.Append(true)
			from, to := a.ValueOffsets(i)
			span := make([]int, 0, to-from)
			for j := from; j < to; j++ {
				span = append(span, int(j))
			}
			switch v := values.(type) {
			case *array.String:
				take[string](v, lb.ValueBuilder().(*array.StringBuilder), span)
			case *array.Int64:
				take[int64](v, lb.ValueBuilder().(*array.Int64Builder), span)
			default:
				panic(fmt.Sprintf("load: take rows: list of %s", values.DataType()))
			}
		}
	default:
		panic(fmt.Sprintf("load: take rows: Arrow type %s", arr.DataType()))
	}
	return b.NewArray()
}

// hashProbe are values whose cityHash64 covers every path of the hashing above: strings of
// every CityHash length class, integers of both signs, several arguments.
var hashProbe = struct {
	strs []string
	i64  int64
	u64  uint64
}{
	strs: []string{"", "a", "ccwh-shard", "0123456789abcdef-0123456789", "an id of forty characters, more or less",
		"a longer value: 8x8 interaction guids and Dixa ids are shorter than this, transcripts' keys are not"},
	i64: -4242424242,
	u64: 18446744073709551557,
}

// probeHash checks ccwh's cityHash64 against the server's, so that a server that hashes
// differently is refused instead of silently splitting a row's versions over two shards.
func probeHash(ctx context.Context, c *ClickHouse) error {
	s := hashProbe.strs
	var want, got []uint64
	q := "SELECT "
	args := []any{}
	for i, v := range s {
		if i > 0 {
			q += ", "
		}
		q += "cityHash64(?)"
		args = append(args, v)
		want = append(want, hashString(v))
	}
	q += ", cityHash64(toInt64(?)), cityHash64(toUInt64(?)), cityHash64(?, toInt64(?), toUInt64(?))"
	args = append(args, hashProbe.i64, hashProbe.u64, s[2], hashProbe.i64, hashProbe.u64)
	want = append(want, hashInt(uint64(hashProbe.i64)), hashInt(hashProbe.u64),
		combineHash(combineHash(hashString(s[2]), hashInt(uint64(hashProbe.i64))), hashInt(hashProbe.u64)))
	got = make([]uint64, len(want))
	dest := make([]any, len(got))
	for i := range got {
		dest[i] = &got[i]
	}
	if err := c.QueryRow(ctx, q, args...).Scan(dest...); err != nil {
		return fmt.Errorf("check cityHash64 at %s: %w", c.opt.Addr, err)
	}
	for i := range want {
		if got[i] != want[i] {
			return fmt.Errorf("the ClickHouse server at %s (%s) computes cityHash64 differently from ccwh (probe %d: %d, ccwh %d): "+
				"inserting into shards directly would disagree with the Distributed tables; use insert: distributed",
				c.opt.Addr, c.caps.Version, i, got[i], want[i])
		}
	}
	return nil
}
