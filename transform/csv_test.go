package transform

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func TestDecodeCSV(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		want  []map[string]any
		extra []map[string]any
	}{
		{
			name: "LF",
			body: "id,s,b\n1,a,Y\n2,,n\n",
			want: []map[string]any{{"id": num(1), "s": "a", "b": true}, {"id": num(2), "s": nil, "b": false}},
		},
		{
			name: "CRLF, BOM, no final line end",
			body: "\ufeffid,s\r\n1,a\r\n2,b",
			want: []map[string]any{{"id": num(1), "s": "a"}, {"id": num(2), "s": "b"}},
		},
		{
			name: "quoted fields",
			body: "id,s,na\n1,\"a, \"\"b\"\"\r\nc\",\"N/A, N/A\"\n\"2\",\"\",\" x \"\n",
			want: []map[string]any{{"id": num(1), "s": "a, \"b\"\nc", "na": nil}, {"id": num(2), "s": nil, "na": "x"}},
		},
		{
			name: "empty lines are skipped, values trimmed",
			body: "\n\r\n id , s \n\n 3 , a b \n\r\n",
			want: []map[string]any{{"id": num(3), "s": "a b"}},
		},
		{
			name:  "unknown and repeated headers go to _extra",
			body:  "id,zz,s,s\n4,v,a,b\n5,,c,\n",
			want:  []map[string]any{{"id": num(4), "s": "a"}, {"id": num(5), "s": "c"}},
			extra: []map[string]any{{"zz": "v", "s": "b"}, {"zz": nil, "s": nil}},
		},
		{
			name:  "uncoercible values",
			body:  "id,i,ts\nx,1.5,2024-13-01\n",
			want:  []map[string]any{{"id": num(0), "i": nil, "ts": nil}},
			extra: []map[string]any{{"id": "x", "i": "1.5", "ts": "2024-13-01"}},
		},
		{name: "empty page", body: ""},
		{name: "BOM only", body: "\ufeff"},
		{name: "header only", body: "id,s\r\n"},
		{
			name: "lone CR inside a field",
			body: "id,s\n6,a\rb\n",
			want: []map[string]any{{"id": num(6), "s": "a\rb"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := decodeMaps(t, schema.CSV, tt.body)
			require.Len(t, rows, len(tt.want))
			for i, w := range tt.want {
				for k, v := range w {
					require.Equal(t, v, rows[i][k], "row %d column %s", i, k)
				}
				var wantExtra map[string]any
				if tt.extra != nil {
					wantExtra = tt.extra[i]
				}
				require.Equal(t, wantExtra, extraOf(t, rows[i]), "row %d _extra", i)
			}
		})
	}
}

func TestDecodeCSVMalformed(t *testing.T) {
	tests := []struct {
		name, body string
		line       int
		record     int
		msg        string
	}{
		{"ragged short", "id,s\n1,a\n2\n", 3, 2, "row has 1 fields, the header has 2"},
		{"ragged long", "id,s\n1,a,b\n", 2, 1, "row has 3 fields, the header has 2"},
		{"bare quote", "id,s\n1,a\"b\n", 2, 1, `bare " in an unquoted field`},
		{"text after closing quote", "id,s\n1,\"a\"b\n", 2, 1, `extraneous 'b' after a quoted field`},
		{"space before quote", "id,s\n1, \"a\"\n", 2, 1, `bare " in an unquoted field`},
		{"unclosed quote", "id,s\n1,\"a\n\n", 2, 1, "unexpected end of input in a quoted field"},
		{"bad header", "id,\"s\n", 1, 0, "unexpected end of input in a quoted field"},
		{"invalid UTF-8", "id,s\n1,\xff\n", 2, 0, "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewBuilder(mem, testTypes, testLineage)
			defer b.Release()
			n, err := Decode(schema.CSV, []byte(tt.body), b)
			require.ErrorIs(t, err, ErrMalformed)
			require.Contains(t, err.Error(), tt.msg)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			require.Equal(t, tt.line, de.Line, "%v", err)
			require.Equal(t, tt.record, de.Record, "%v", err)
			require.Zero(t, n)
			require.Zero(t, b.Len())
		})
	}
}

// csvRecords splits body with the package's CSV scanner (fields untrimmed), or fails.
func csvRecords(body []byte) ([][]string, error) {
	b := &Builder{}
	d := &csvDecoder{b: b, s: &b.stage, buf: body}
	b.stage.reset(body, 0)
	var out [][]string
	for d.skipEmptyLines() {
		if err := d.readRecord(); err != nil {
			return nil, err
		}
		rec := make([]string, len(d.fields))
		for i, f := range d.fields {
			rec[i] = string(d.s.bytes(f))
		}
		out = append(out, rec)
	}
	return out, nil
}

// stdRecords splits body with encoding/csv, the reference.
func stdRecords(body []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
}

func TestCSVMatchesEncodingCSV(t *testing.T) {
	for _, in := range csvSeeds {
		checkCSVAgainstStd(t, []byte(in))
	}
}

var csvSeeds = []string{
	"a,b\n1,2\n",
	"a,b\r\n1,2\r\n",
	"a,b\r\n1,2\r",
	"a\r\rb\r\n",
	"\"a\"\"b\",\"c\r\nd\",\"e\rf\"\n",
	"a,\"b\"\r",
	"\n\n\r\na\n\n",
	",\n,,\n",
	"\"\"\n",
	"a\"b\n",
	"\"a\"b\n",
	"\"a\n",
	"a,b\n\"x\"\r\ny",
	" \"a\",b\n",
}

func checkCSVAgainstStd(t *testing.T, body []byte) {
	t.Helper()
	want, wantErr := stdRecords(body)
	got, gotErr := csvRecords(body)
	if wantErr != nil {
		require.Error(t, gotErr, "%q: encoding/csv says %v, got %q", body, wantErr, got)
		return
	}
	require.NoError(t, gotErr, "%q: encoding/csv reads %q", body, want)
	require.Equal(t, want, got, "%q", body)
}
