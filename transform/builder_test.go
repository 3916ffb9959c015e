package transform

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func TestBuilderBasics(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, schema.VCCGroups, testLineage)
	defer b.Release()
	require.Same(t, schema.VCCGroups, b.Table())
	require.Zero(t, b.Len())

	// An empty builder makes an empty record of the table's schema.
	rec := b.NewRecord()
	require.Zero(t, rec.NumRows())
	require.True(t, rec.Schema().Equal(schema.VCCGroups.ArrowSchema()))
	rec.Release()

	// Batches of different sizes: the capacity hint of a big batch does not leak rows into the
	// next, smaller one.
	page := func(ids ...string) []byte {
		s := "<groups>"
		for _, id := range ids {
			s += "<group><group-id>" + id + "</group-id><group-name>n" + id + "</group-name></group>"
		}
		return []byte(s + "</groups>")
	}
	for _, size := range []int{500, 3, 0, 700, 1} {
		ids := make([]string, size)
		for i := range ids {
			ids[i] = string(rune('0' + i%10))
		}
		n, err := Decode(schema.XML, page(ids...), b)
		require.NoError(t, err)
		require.Equal(t, size, n)
		require.Equal(t, size, b.Len())
		rec := b.NewRecord()
		require.Equal(t, int64(size), rec.NumRows())
		rows := renderRows(t, rec)
		rec.Release()
		if size > 0 {
			last := row(t, rows[size-1])
			require.Equal(t, "n"+ids[size-1], last["group_name"])
		}
	}
}

func TestBuilderCoercedCount(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, testTypes, testLineage)
	defer b.Release()
	body := []byte(`<items><item><id>a</id><i>b</i><b>c</b><s>ok</s><zz>unknown is not coerced</zz></item>` +
		`<item><ts>2024-01-01T00:00:00Z</ts><d>x</d><s><nested/></s></item></items>`)
	n, err := Decode(schema.XML, body, b)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.Equal(t, 5, b.Coerced()) // id, i, b; d and the nested s
	b.NewRecord().Release()
	require.Equal(t, 5, b.Coerced(), "the count is kept across records")
}

func TestAppendJSONString(t *testing.T) {
	tests := []string{"", "plain", `q"uote`, `back\slash`, "nl\ncr\rtab\t", "\x00\x01\x1f\x7f", "é😀", "</script>&"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		b := make([]byte, rng.IntN(20))
		for i := range b {
			b[i] = byte(rng.IntN(128))
		}
		tests = append(tests, string(b))
	}
	for _, s := range tests {
		out := appendJSONString(nil, []byte(s))
		require.True(t, json.Valid(out), "%q", out)
		var back string
		require.NoError(t, json.Unmarshal(out, &back))
		require.Equal(t, s, back)
	}
}

// TestExtraKeysSorted: _extra is deterministic: keys sorted bytewise whatever the field order.
func TestExtraKeysSorted(t *testing.T) {
	a := decodeRows(t, testTypes, schema.XML, []byte(`<items><item><z>1</z><a>2</a><m>3</m><a>4</a></item></items>`))
	b := decodeRows(t, testTypes, schema.JSON, []byte(`[{"m":"3","a":"2","z":"1","a":"4"}]`))
	require.Equal(t, `{"a":["2","4"],"m":"3","z":"1"}`, row(t, a[0])["_extra"])
	require.Equal(t, `{"a":["2","4"],"m":"3","z":"1"}`, row(t, b[0])["_extra"])
	require.True(t, utf8.ValidString(a[0]))
}
