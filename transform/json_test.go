package transform

import (
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func TestDecodeJSONLayouts(t *testing.T) {
	two := `[{"id":"1"},{"id":2}]`
	tests := []struct {
		name, body string
		ids        []int64
	}{
		{"bare array", two, []int64{1, 2}},
		{"root and array", `{"items":` + two + `}`, []int64{1, 2}},
		{"record and array", `{"item":` + two + `}`, []int64{1, 2}},
		{"any root and array", `{"whatever":` + two + `}`, []int64{1, 2}},
		{"root, record and array", `{"items":{"item":` + two + `}}`, []int64{1, 2}},
		{"root, record and one object", `{"items":{"item":{"id":3}}}`, []int64{3}},
		{"record and one object", `{"item":{"id":4}}`, []int64{4}},
		{"BOM and whitespace", "\ufeff \n{ \"items\" : { \"item\" : [ { \"id\" : 5 } ] } } \n", []int64{5}},
		{"empty array", `[]`, nil},
		{"root and null", `{"items":null}`, nil},
		{"root and empty string", `{"items":""}`, nil},
		{"root and empty object", `{"items":{}}`, nil},
		{"root, record and null", `{"items":{"item":null}}`, nil},
		{"root, record and empty array", `{"items":{"item":[]}}`, nil},
		{"empty record", `[{}]`, []int64{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := decodeMaps(t, schema.JSON, tt.body)
			require.Len(t, rows, len(tt.ids))
			for i, id := range tt.ids {
				require.Equal(t, num(id), rows[i]["id"])
			}
		})
	}
}

func TestDecodeJSONValues(t *testing.T) {
	body := `[{"id":1,"s":"  a\"b\\c\/\u00e9\ud83d\ude00\n ","i":-1,"u":18446744073709551615,"f":-1.5e3,"b":true,
		"ts":"2008-03-09T09:13:02-07:00","d":"2008-03-23","na":"N/A","zz":{"a" : [1, {"b":null}], "c":"\u0041"},
		"n":12.50,"t":false,"nul":null,"e":"","arr":[ ]},
		{"id":2,"s":{"k": "v"},"i":"abc","b":2,"ts":1700000000000,"d":false,"f":"NaN","s":"dup","lone":"\ud800x"}]`
	rows := decodeMaps(t, schema.JSON, body)
	require.Len(t, rows, 2)
	r := rows[0]
	require.Equal(t, "a\"b\\c/é😀", r["s"])
	require.Nil(t, r["i"]) // -1 is a sentinel of this column
	require.Equal(t, num(-1500), r["f"])
	require.Equal(t, true, r["b"])
	require.Equal(t, "2008-03-09T16:13:02.000Z", r["ts"])
	require.Equal(t, "2008-03-23", r["d"])
	require.Nil(t, r["na"])
	require.Equal(t, `{"arr":[],"e":null,"n":12.50,"nul":null,"t":false,"zz":{"a":[1,{"b":null}],"c":"\u0041"}}`, r["_extra"])

	r = rows[1]
	require.Equal(t, `{"k":"v"}`, r["s"]) // an object in a String column is its JSON text
	require.Nil(t, r["i"])
	require.Nil(t, r["b"])
	require.Nil(t, r["ts"])
	require.Nil(t, r["d"])
	require.Nil(t, r["f"])
	require.Equal(t, `{"b":2,"d":false,"f":"NaN","i":"abc","lone":"`+"\uFFFD"+`x","s":"dup","ts":1700000000000}`, r["_extra"])
}

func TestDecodeJSONMalformed(t *testing.T) {
	tests := []struct {
		name, body string
		line       int
		msg        string
	}{
		{"empty", ``, 1, "empty document"},
		{"scalar", `42`, 1, "want an object or an array of item records"},
		{"truncated", "[{\"id\":1},\n{\"id\":", 2, "unexpected end of input, want a value"},
		{"trailing comma", `[{"id":1},]`, 1, "want a record object (item)"},
		{"trailing comma in record", `[{"id":1,}]`, 1, "want a field name"},
		{"record not an object", `[1]`, 1, "want a record object (item)"},
		{"two members", `{"items":[],"more":[]}`, 1, `'}' closing the single member "items"`},
		{"wrong record name", `{"items":{"thing":[]}}`, 1, `unexpected member "thing" in "items", want "item"`},
		{"two inner members", `{"items":{"item":[],"x":1}}`, 1, `'}' closing "items"`},
		{"root with a string", `{"items":"x"}`, 1, `want item records in "items", found a string`},
		{"root with a number", `{"items":1}`, 1, `want an array of item records in "items"`},
		{"empty object", `{}`, 1, "with a single member"},
		{"content after", `[] []`, 1, "content after the JSON document"},
		{"bad literal", `[{"id":tru}]`, 1, `want true`},
		{"bad number", `[{"id":01}]`, 1, `unexpected '1', want ',' or '}'`},
		{"bad number sign", `[{"id":-}]`, 1, "invalid number"},
		{"bad fraction", `[{"id":1.}]`, 1, "invalid number"},
		{"bad exponent", `[{"id":1e}]`, 1, "invalid number"},
		{"control character", "[{\"s\":\"a\tb\"}]", 1, "control character"},
		{"bad escape", `[{"s":"\x"}]`, 1, `invalid escape \x`},
		{"bad unicode escape", `[{"s":"\u12G4"}]`, 1, `invalid \u escape`},
		{"unclosed string", `[{"s":"abc`, 1, "unexpected end of input in a string"},
		{"missing colon", `[{"s" "a"}]`, 1, "want ':'"},
		{"unclosed nested", `[{"s":{"a":[1,2}}]`, 1, "want ',' or ']'"},
		{"nested bad key", `[{"s":{1:2}}]`, 1, "want a member name"},
		{"single quotes", `[{'id':1}]`, 1, "want a field name"},
		{"invalid UTF-8", "[{\"s\":\"\xc3\x28\"}]", 1, "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewBuilder(mem, testTypes, testLineage)
			defer b.Release()
			n, err := Decode(schema.JSON, []byte(tt.body), b)
			require.ErrorIs(t, err, ErrMalformed)
			require.Contains(t, err.Error(), tt.msg)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			require.Equal(t, tt.line, de.Line, "%v", err)
			require.Zero(t, n)
			require.Zero(t, b.Len())
		})
	}
}

func TestDecodeJSONDepth(t *testing.T) {
	deep := `[{"s":` + repeat("[", maxJSONDepth+2) + repeat("]", maxJSONDepth+2) + `}]`
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, testTypes, testLineage)
	defer b.Release()
	_, err := Decode(schema.JSON, []byte(deep), b)
	require.ErrorIs(t, err, ErrMalformed)
	require.Contains(t, err.Error(), "nested deeper")

	ok := `[{"s":` + repeat("[", maxJSONDepth) + repeat("]", maxJSONDepth) + `}]`
	n, err := Decode(schema.JSON, []byte(ok), b)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	b.NewRecord().Release()
}

func repeat(s string, n int) string {
	out := make([]byte, 0, len(s)*n)
	for range n {
		out = append(out, s...)
	}
	return string(out)
}
