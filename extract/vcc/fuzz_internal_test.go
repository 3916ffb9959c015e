package vcc

import (
	"testing"

	"github.com/ccwh/ccwh/schema"
)

// FuzzScanField: the group-id reader never panics, and never reports fewer records than ids.
func FuzzScanField(f *testing.F) {
	f.Add(byte(0), []byte("<groups><group><group-id>122</group-id></group></groups>"))
	f.Add(byte(1), []byte(`{"groups":{"group":[{"group-id":"122"}]}}`))
	f.Add(byte(1), []byte(`{"groups":{"group":{"group-id":7}}}`))
	f.Add(byte(2), []byte("group-id,group-name\n122,Support\n"))
	formats := []schema.Format{schema.XML, schema.JSON, schema.CSV}
	f.Fuzz(func(t *testing.T, format byte, body []byte) {
		ids, n, err := scanField(formats[int(format)%len(formats)], body, "groups", "group", "group-id")
		if err == nil && len(ids) > n {
			t.Fatalf("%d ids from %d records", len(ids), n)
		}
	})
}
