package transform

import (
	"encoding/json"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// decodeMaps decodes one page into testTypes (unless tbl is given) and returns the rows as maps.
func decodeMaps(t *testing.T, f schema.Format, body string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range decodeRows(t, testTypes, f, []byte(body)) {
		out = append(out, row(t, l))
	}
	return out
}

func TestDecodeXML(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		want  []map[string]any // columns to check per row (nil means NULL)
		extra []map[string]any // _extra per row, nil for ""
	}{
		{
			name: "entities and trimming",
			body: "<items><item><id>1</id><s>  a &amp; b &lt;c&gt; &#39;q&#39; &quot;&apos; &#x263A;&#9731; </s></item></items>",
			want: []map[string]any{{"id": num(1), "s": `a & b <c> 'q' "' ☺☃`}},
		},
		{
			name: "CDATA comments and processing instructions inside a value",
			body: "<items><item><s><![CDATA[ x < y ]]></s></item><item><s>a<!-- c -->b<?pi x?>c</s></item></items>",
			want: []map[string]any{{"s": "x < y"}, {"s": "abc"}},
		},
		{
			name: "line ends are normalized",
			body: "<items><item><s>one\r\ntwo\rthree</s></item><item><s><![CDATA[a\r\nb]]></s></item></items>",
			want: []map[string]any{{"s": "one\ntwo\nthree"}, {"s": "a\nb"}},
		},
		{
			name: "empty and self-closing elements are NULL, attributes ignored",
			body: `<items><item id="9"><id>2</id><s a="1" b='x>y'/><i></i><b>  </b><ts/><d /></item></items>`,
			want: []map[string]any{{"id": num(2), "s": nil, "i": nil, "b": nil, "ts": nil, "d": nil}},
		},
		{
			name: "declaration, BOM, comments and PIs around the root, any root name",
			body: "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c --><?x y?>\n<anything>\n<!-- c --><item><id>3</id></item><?pi?>\n</anything>\n<!-- end -->\n",
			want: []map[string]any{{"id": num(3)}},
		},
		{
			name: "the vendor's declaration with two spaces",
			body: "<?xml version='1.0'  encoding='UTF-8' ?>\n<items><item><id>4</id></item></items>",
			want: []map[string]any{{"id": num(4)}},
		},
		{
			name: "no records",
			body: "<items/>",
		},
		{
			name: "no records, open and close",
			body: "<items>\n  <!-- none -->\n</items>",
		},
		{
			name: "a self-closing record is a row of NULLs with zero keys",
			body: "<items><item/></items>",
			want: []map[string]any{{"id": num(0), "s": nil, "ts": nil}},
		},
		{
			name: "the root element is the record",
			body: "<item><id>5</id><s>x</s></item>",
			want: []map[string]any{{"id": num(5), "s": "x"}},
		},
		{
			name:  "unknown fields go to _extra, empty ones as null",
			body:  "<items><item><id>6</id><zz> v </zz><aa/><mm>&amp;\"</mm></item></items>",
			want:  []map[string]any{{"id": num(6)}},
			extra: []map[string]any{{"zz": "v", "aa": nil, "mm": `&"`}},
		},
		{
			name:  "uncoercible values are NULL (zero for keys) and kept in _extra",
			body:  "<items><item><id>x1</id><i>abc</i><u>-3</u><f>1,5</f><b>maybe</b><ts>yesterday</ts><d>2024-02-30</d></item></items>",
			want:  []map[string]any{{"id": num(0), "i": nil, "u": nil, "f": nil, "b": nil, "ts": nil, "d": nil}},
			extra: []map[string]any{{"id": "x1", "i": "abc", "u": "-3", "f": "1,5", "b": "maybe", "ts": "yesterday", "d": "2024-02-30"}},
		},
		{
			name:  "repeated fields: the first feeds the column, the rest _extra",
			body:  "<items><item><s>a</s><s>b</s><s>c</s><i>x</i><i>5</i></item></items>",
			want:  []map[string]any{{"s": "a", "i": nil}},
			extra: []map[string]any{{"s": []any{"b", "c"}, "i": []any{"x", "5"}}},
		},
		{
			name:  "a field with child elements is kept as markup in _extra",
			body:  "<items><item><id>7</id><s>\n <x a='1'>1 &amp; 2</x><y/><!--c-->\n</s><list><e>1</e><e>2</e></list></item></items>",
			want:  []map[string]any{{"id": num(7), "s": nil}},
			extra: []map[string]any{{"s": "<x a='1'>1 &amp; 2</x><y/><!--c-->", "list": "<e>1</e><e>2</e>"}},
		},
		{
			name: "sentinels",
			body: "<items><item><i>-1</i><na>N/A</na></item><item><i>-2</i><na>N/A, N/A</na></item><item><na>n/a</na></item></items>",
			want: []map[string]any{{"i": nil, "na": nil}, {"i": num(-2), "na": nil}, {"na": "n/a"}},
		},
		{
			name: "typed values",
			body: "<items><item><id> 8 </id><i>+42</i><u>18446744073709551615</u><f>-1.5e3</f><b>Y</b>" +
				"<ts>2008-03-09T09:13:02.5-07:00</ts><d>2008-03-23T23:00:00-07:00</d></item></items>",
			want: []map[string]any{{"id": num(8), "i": num(42), "u": json.Number("18446744073709551615"), "f": num(-1500), "b": true,
				"ts": "2008-03-09T16:13:02.500Z", "d": "2008-03-23"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := decodeMaps(t, schema.XML, tt.body)
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

func TestDecodeXMLMalformed(t *testing.T) {
	tests := []struct {
		name, body string
		line       int
		msg        string
	}{
		{"empty", "", 1, "no root element"},
		{"whitespace only", " \n ", 2, "no root element"},
		{"text before root", "hello", 1, `text "hello" before the root element`},
		{"unclosed root", "<items>", 1, "unexpected end of input: <items> not closed"},
		{"unclosed record", "<items>\n<item><id>1</id>", 2, "<item> not closed"},
		{"unclosed field", "<items><item><id>1", 1, "<id> not closed"},
		{"truncated end tag", "<items><item><id>1</id></item></ite", 1, "unexpected end of input in end tag </ite"},
		{"truncated start tag", "<items><item><id", 1, "unexpected end of input in tag <id"},
		{"mismatched field", "<items><item>\n<id>1</idd></item></items>", 2, "mismatched end tag </idd>, want </id>"},
		{"mismatched record", "<items><item><id>1</id></items>", 1, "mismatched end tag </items>, want </item>"},
		{"mismatched root", "<items><item/></itemss>", 1, "mismatched end tag </itemss>, want </items>"},
		{"unexpected element", "<items><other/></items>", 1, "unexpected element <other> in <items>, want <item>"},
		{"text in root", "<items>text</items>", 1, `text "text</items>" directly inside <items>`},
		{"CDATA text in root", "<items><![CDATA[x]]></items>", 1, "directly inside <items>"},
		{"placeholder record", "<items>\n<item>\n ... \n</item></items>", 3, "directly inside <item> (a placeholder record?)"},
		{"content after root", "<items/>trailing", 1, `content "trailing" after the root element`},
		{"second root", "<items/>\n<items/>", 2, "after the root element"},
		{"unknown entity", "<items><item><s>&bogus;</s></item></items>", 1, "unknown entity &bogus;"},
		{"bare ampersand", "<items><item><s>a & b</s></item></items>", 1, "invalid entity reference"},
		{"NUL character reference", "<items><item><s>&#0;</s></item></items>", 1, "invalid character reference &#0;"},
		{"surrogate reference", "<items><item><s>&#xD800;</s></item></items>", 1, "invalid character reference"},
		{"huge reference", "<items><item><s>&#x110000;</s></item></items>", 1, "invalid character reference"},
		{"bad hex reference", "<items><item><s>&#xZZ;</s></item></items>", 1, "invalid character reference"},
		{"unquoted attribute", "<items><item><s a=1/></item></items>", 1, "unquoted attribute value in <s>"},
		{"attribute without value", "<items><item a></item></items>", 1, "attribute without value in <item>"},
		{"< in attribute", "<items><item><s a='<'/></item></items>", 1, "'<' in an attribute value"},
		{"bad entity in attribute", "<items a='&x;'/>", 1, "unknown entity &x;"},
		{"attributes without space", "<items a='1'b='2'/>", 1, "invalid tag <items"},
		{"double dash in comment", "<items><!-- a -- b --></items>", 1, `"--" inside a comment`},
		{"unclosed comment", "<items><!-- a", 1, "in a comment"},
		{"unclosed CDATA", "<items><item><s><![CDATA[x</s></item></items>", 1, "in a CDATA section"},
		{"unclosed PI", "<items><?pi", 1, "in a processing instruction"},
		{"declaration later", "<items><?xml version='1.0'?></items>", 1, "XML declaration not at the start"},
		{"bad declaration", "<?xml version?><items/>", 1, "malformed XML declaration"},
		{"mismatch inside nested field", "<items><item><s><x></s></item></items>", 1, "mismatched end tag </s>, want </x>"},
		{"invalid markup", "<items><!x></items>", 1, "invalid markup"},
		{"invalid tag name", "<1items/>", 1, "invalid tag"},
		{"space before name", "< items/>", 1, "invalid tag"},
		{"invalid UTF-8", "<items><item><s>\xff</s></item></items>", 1, "invalid UTF-8"},
		{"slash in tag", "<items/ >", 1, "invalid tag <items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewBuilder(mem, testTypes, testLineage)
			defer b.Release()
			n, err := Decode(schema.XML, []byte(tt.body), b)
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

func TestDecodeXMLUnsupported(t *testing.T) {
	for _, body := range []string{
		"<!DOCTYPE items><items/>",
		"<?xml version='1.0' encoding='ISO-8859-1'?><items/>",
	} {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		b := NewBuilder(mem, testTypes, testLineage)
		_, err := Decode(schema.XML, []byte(body), b)
		require.ErrorIs(t, err, ErrUnsupported)
		require.NotErrorIs(t, err, ErrMalformed)
		b.Release()
		mem.AssertSize(t, 0)
	}
}

func TestDecodeUnknownFormat(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, testTypes, testLineage)
	defer b.Release()
	_, err := Decode(schema.Format("yaml"), []byte("a: 1"), b)
	require.ErrorIs(t, err, ErrUnsupported)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	require.EqualError(t, err, `transform: decode yaml: line 1, offset 0: format "yaml": unsupported input`)
}

// TestDecodeAtomic: a malformed page appends nothing, wherever it breaks, and the builder goes
// on with the next page.
func TestDecodeAtomic(t *testing.T) {
	good := "<items><item><id>1</id><i>bad</i></item><item><id>2</id></item></items>"
	bad := []struct {
		f    schema.Format
		body string
	}{
		{schema.XML, "<items><item><id>3</id></item><item><id>4</id></item><item><id>5</id></items>"},
		{schema.XML, "<items><item><id>3</id><i>x</i></item>\n<item>...</item></items>"},
		{schema.JSON, `[{"id":"3","i":"x"},{"id":"4"},{"id":5,}]`},
		{schema.CSV, "id,i\n3,x\n4\n"},
	}
	for _, tt := range bad {
		t.Run(string(tt.f), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewBuilder(mem, testTypes, testLineage)
			defer b.Release()
			n, err := Decode(schema.XML, []byte(good), b)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			require.Equal(t, 1, b.Coerced())

			n, err = Decode(tt.f, []byte(tt.body), b)
			require.ErrorIs(t, err, ErrMalformed)
			require.Zero(t, n)
			require.Equal(t, 2, b.Len())
			require.Equal(t, 1, b.Coerced())

			n, err = Decode(schema.XML, []byte(good), b)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			rec := b.NewRecord()
			defer rec.Release()
			require.Zero(t, b.Len())
			rows := renderRows(t, rec)
			require.Len(t, rows, 4)
			require.Equal(t, rows[0], rows[2])
			require.Equal(t, rows[1], rows[3])
			require.Equal(t, 2, b.Coerced())

			// The builder is reusable after NewRecord.
			n, err = Decode(schema.XML, []byte(good), b)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			rec2 := b.NewRecord()
			defer rec2.Release()
			require.Equal(t, rows[:2], renderRows(t, rec2))
		})
	}
}
