package sandbox

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
)

// recordType is a vendor record shape: its list element, record element and field order.
type recordType struct {
	root, name string
	fields     []string
}

// record holds one record's values in its type's field order; "" is an empty element.
type record []string

// Format suffixes the 8x8 APIs accept; no suffix means XML.
var formats = map[string]string{".xml": "xml", ".json": "json", ".csv": "csv"}

// splitFormat strips the format suffix and any trailing slash from a URL path:
// "/api/stats/groups.json" → ("/api/stats/groups", "json"). The documented trailing slashes
// (/allinteractions/) combine with a suffix in every order: /allinteractions.json,
// /allinteractions/.json and /allinteractions.json/ all mean the same resource.
func splitFormat(path string) (string, string) {
	p := strings.TrimRight(path, "/")
	format := "xml"
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.Contains(p[i:], "/") {
		if f, ok := formats[p[i:]]; ok {
			format, p = f, p[:i]
		}
	}
	return strings.TrimRight(p, "/"), format
}

var contentTypes = map[string]string{
	"xml":  "application/xml;charset=UTF-8",
	"json": "application/json;charset=UTF-8",
	"csv":  "text/csv;charset=UTF-8",
}

// render writes records in format: XML as in the spec's samples (the vendor's declaration with
// two spaces, four-space indentation, self-closing empty elements); JSON as
// {"<root>":{"<record>":[{"field":"value",…}]}} with every value a string and "" for empty; CSV
// with a header row of the field names.
func render(format string, t recordType, recs []record) []byte {
	var b bytes.Buffer
	switch format {
	case "json":
		b.WriteString(`{"` + t.root + `":{"` + t.name + `":[`)
		for i, r := range recs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			for j, f := range t.fields {
				if j > 0 {
					b.WriteByte(',')
				}
				writeJSONString(&b, f)
				b.WriteByte(':')
				writeJSONString(&b, r[j])
			}
			b.WriteByte('}')
		}
		b.WriteString("]}}\n")
	case "csv":
		w := csv.NewWriter(&b)
		_ = w.Write(t.fields)
		for _, r := range recs {
			_ = w.Write(r)
		}
		w.Flush()
	default:
		b.WriteString("<?xml version='1.0'  encoding='UTF-8' ?>\n<" + t.root + ">\n")
		for _, r := range recs {
			b.WriteString("    <" + t.name + ">\n")
			for j, f := range t.fields {
				if r[j] == "" {
					b.WriteString("        <" + f + " />\n")
					continue
				}
				b.WriteString("        <" + f + ">")
				_ = xml.EscapeText(&b, []byte(r[j]))
				b.WriteString("</" + f + ">\n")
			}
			b.WriteString("    </" + t.name + ">\n")
		}
		b.WriteString("</" + t.root + ">\n")
	}
	return b.Bytes()
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode appends a newline
}
