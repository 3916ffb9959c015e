package transform

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// seedFiles adds every testdata file with the given extension to the corpus.
func seedFiles(f *testing.F, ext string) {
	files, err := filepath.Glob("testdata/*/*." + ext)
	require.NoError(f, err)
	nested, err := filepath.Glob("testdata/nested/*/*." + ext)
	require.NoError(f, err)
	files = append(files, nested...)
	for _, p := range files {
		body, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(body)
	}
}

// checkDecode decodes a good page, then body, into a fresh builder per table: body either fails
// with a *DecodeError and appends nothing, or appends rows whose _extra is valid JSON and whose
// strings are valid UTF-8.
func checkDecode(t *testing.T, format schema.Format, body []byte) {
	for _, tbl := range append([]*schema.Table{testTypes, schema.VCCInteractions, schema.VCCGroups}, nestedTables...) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		b := NewBuilder(mem, tbl, testLineage)
		good := map[schema.Format]string{
			schema.XML:  "<r><" + tbl.Record + "><id>1</id></" + tbl.Record + "></r>",
			schema.JSON: `[{"id":1}]`,
			schema.CSV:  "id\n1\n",
		}[format]
		n0, err := Decode(format, []byte(good), b)
		require.NoError(t, err)
		coerced := b.Coerced()
		n, err := Decode(format, body, b)
		if err != nil {
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%T %v", err, err)
			require.True(t, errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnsupported), "%v", err)
			require.GreaterOrEqual(t, de.Line, 1)
			require.LessOrEqual(t, de.Offset, int64(len(body)))
			require.Zero(t, n)
			require.Equal(t, n0, b.Len())
			require.Equal(t, coerced, b.Coerced())
		} else {
			require.Equal(t, n0+n, b.Len())
		}
		rec := b.NewRecord()
		require.Equal(t, int64(n0+n), rec.NumRows())
		for c, col := range rec.Columns() {
			s, ok := col.(*array.String)
			if !ok {
				continue
			}
			for r := range s.Len() {
				v := s.Value(r)
				require.True(t, utf8.ValidString(v), "column %s row %d: %q", rec.ColumnName(c), r, v)
				if rec.ColumnName(c) == schema.ColExtra && v != "" {
					require.True(t, json.Valid([]byte(v)), "_extra %q", v)
				}
			}
		}
		renderRows(t, rec)
		rec.Release()
		b.Release()
		mem.AssertSize(t, 0)
	}
}

func FuzzDecodeXML(f *testing.F) {
	seedFiles(f, "xml")
	for _, s := range []string{
		"<items><item><id>1</id><s>a&amp;b<![CDATA[<c>]]><!--x--></s><zz><q>1</q></zz></item></items>",
		"<item><id>1</id></item>",
		"<?xml version='1.0'  encoding='UTF-8' ?><interactions><interaction><interaction-id>x</interaction-id></interaction></interactions>",
		"<items><item><i>-1</i><i>2</i><ts>20070805T1315Z</ts></item></items>",
		"<items><item><id>1</id><codes><code>a</code><code>b</code></codes><codes>c</codes><metadata><agentId>x</agentId></metadata></item></items>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecode(t, schema.XML, body)
	})
}

func FuzzDecodeJSON(f *testing.F) {
	seedFiles(f, "json")
	for _, s := range []string{
		`[{"id":"1","s":"a\u00e9\n","zz":{"a":[1,true,null]},"b":"Y"}]`,
		`{"items":{"item":{"id":2,"f":-1.5e+3}}}`,
		`{"item":[{"id":"x","s":""}]}`,
		`{"data":{"id":1,"messages":[{"id":"m","attributes":{"from":{"email":"e"}},"attachments":["a",1,null]}]}}`,
		`[{"id":1,"codes":["a",{"k":1}],"nums":[1,"2"],"metadata":{"agentId":"x"}}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecode(t, schema.JSON, body)
		for _, tbl := range []*schema.Table{testTypes, testDixaMessages, testLists} {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			b := NewBuilder(mem, tbl, testLineage)
			if _, err := Decode(schema.JSON, body, b); err == nil {
				// Whatever is accepted is JSON.
				require.True(t, json.Valid(bytes.TrimPrefix(body, utf8BOM)), "%s accepted invalid JSON %q", tbl.Name, body)
			}
			b.NewRecord().Release()
			b.Release()
		}
	})
}

func FuzzDecodeCSV(f *testing.F) {
	seedFiles(f, "csv")
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("id,s,zz\n1,\"a\"\"b\",c\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecode(t, schema.CSV, body)
		checkCSVAgainstStd(t, body)
	})
}

// isoLayouts are the time.Parse layouts of every form parseTimestamp accepts, after
// canonicalTimestamp.
var isoLayouts = func() []string {
	var out []string
	for _, dt := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "20060102T150405", "20060102T1504"} {
		for _, z := range []string{"", "Z07:00", "-0700", "-07"} {
			out = append(out, dt+z)
		}
	}
	return append(out, "2006-01-02", "20060102")
}()

// canonicalTimestamp rewrites the spellings time.Parse does not know: a space or t between
// date and time, z for Z, a comma before the fraction.
func canonicalTimestamp(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case (c == ' ' || c == 't') && i >= 8:
			b[i] = 'T'
		case c == 'z':
			b[i] = 'Z'
		case c == ',':
			b[i] = '.'
		}
	}
	return string(b)
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{
		"2008-03-09T09:13:02-07:00", "2011-09-22T18:35:30-07:00", "2007-08-05 13:15Z",
		"20070805T1315Z", "2015-07-08T14:30:00.123456789+05:30", "2008-03-23", "2015-07-08T14:30:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms, ok := parseTimestamp([]byte(s))
		_, dok := parseDate([]byte(s))
		require.Equal(t, ok, dok, "timestamp and date disagree on %q", s)
		std, err := time.Parse(time.RFC3339Nano, s)
		if err == nil && rfc3339Shape(s) && !hasLongFraction(s) {
			require.True(t, ok, "time.Parse accepts %q", s)
			require.Equal(t, std.UnixMilli(), ms, "%q", s)
		}
		if !ok {
			return
		}
		cs := canonicalTimestamp(s)
		for _, layout := range isoLayouts {
			if v, err := time.Parse(layout, cs); err == nil && len(layout) >= 8 {
				require.Equal(t, v.UnixMilli(), ms, "%q read with %q", s, layout)
				return
			}
		}
		t.Fatalf("accepted %q (%d) but no time.Parse layout reads it", s, ms)
	})
}

// rfc3339Shape reports the separators of YYYY-MM-DDTHH:MM:SS at their places: time.Parse also
// takes one-digit hours and a lower-case t and z, which ISO 8601 does not allow.
// time.Parse also takes zone offsets up to +99:99; ISO 8601 offsets are at most 23:59.
func rfc3339Shape(s string) bool {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		strings.ContainsAny(s, "tz") {
		return false
	}
	if z := s[len(s)-6:]; z[0] == '+' || z[0] == '-' {
		return z[1:3] <= "23" && z[4:6] <= "59"
	}
	return true
}

// hasLongFraction reports a fraction of more than 9 digits (time.Parse takes them, we do not).
func hasLongFraction(s string) bool {
	i := strings.IndexAny(s, ".,")
	if i < 0 {
		return false
	}
	n := 0
	for _, c := range s[i+1:] {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return n > 9
}
