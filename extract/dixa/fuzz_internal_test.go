package dixa

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

func extractWindow(from, to time.Time) extract.Window { return extract.Window{From: from, To: to} }

// FuzzReshape: whatever a response holds, the reshaping never panics, and what it produces is
// a page the strict transform decoder accepts for every Dixa table.
func FuzzReshape(f *testing.F) {
	for _, s := range []string{
		`{"data":[{"id":"a","queue":{"id":"q"},"attributes":{"_type":"EmailAttributes","from":{"email":"x"}}}],"meta":{"next":"https://h/v1?pageKey=k"}}`,
		`{"data":{"id":"closed_conversations","aggregates":[{"_type":"LongAggregateValue","measure":"Count","value":42}]}}`,
		`{"data":[{"primaryTimestampField":{"name":"t","timestamp":"2021-12-01T12:46:36.581Z[GMT]"},"fields":[{"name":"f","field":{"_type":"ListField","values":[]}}]}],"pageKey":"x"}`,
		`{"data":null}`, `{"data":[1,2]}`, `{"data":"x"}`, `[]`, `{}`, `{"data":[{"a":{"b":{"c":{}}}}]}`,
	} {
		f.Add([]byte(s))
	}
	tables := []*schema.Table{schema.DixaConversations, schema.DixaMessages, schema.DixaActivityLog, schema.DixaAnalyticsRecords, schema.DixaAnalyticsMetricValues}
	f.Fuzz(func(t *testing.T, body []byte) {
		var env envelope
		if decodeJSON(body, &env) != nil {
			return
		}
		_, _ = nextKey(env)
		outs := map[*schema.Table][]map[string]any{}
		if recs, err := flatRecords(env.Data, set("activityType"), map[string]any{"conversationId": json.Number("1")}); err == nil {
			outs[schema.DixaConversations], outs[schema.DixaMessages], outs[schema.DixaActivityLog] = recs, recs, recs
		}
		if recs, err := recordRows(env.Data, "r"); err == nil {
			outs[schema.DixaAnalyticsRecords] = recs
		}
		if recs, err := metricRows(env.Data, "m", map[string]any{"filters": "[]"}); err == nil {
			outs[schema.DixaAnalyticsMetricValues] = recs
		}
		for _, tb := range tables {
			recs, ok := outs[tb]
			if !ok {
				continue
			}
			page, err := pageBody(recs)
			if err != nil {
				t.Fatalf("pageBody: %v", err)
			}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			b := transform.NewBuilder(mem, tb, transform.Lineage{Source: "s", RunID: "r", Version: 1})
			n, err := transform.Decode(schema.JSON, page, b)
			if err != nil {
				t.Fatalf("%s: reshaped page rejected: %v\n%s", tb.Name, err, page)
			}
			if n != len(recs) {
				t.Fatalf("%s: %d records decoded, %d reshaped", tb.Name, n, len(recs))
			}
			rec := b.NewRecord()
			rec.Release()
			b.Release()
			mem.AssertSize(t, 0)
		}
	})
}
