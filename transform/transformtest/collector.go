// Package transformtest helps extractor tests decode pages the way the pipeline does and look at
// the resulting rows. It is test support: only _test.go files import it.
package transformtest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// Collector decodes pages into one Arrow builder per table, with a checked allocator that must
// be empty when the test ends.
type Collector struct {
	mem         *memory.CheckedAllocator
	builders    map[string]*transform.Builder
	extractedAt time.Time
}

// New returns a Collector whose rows carry extractedAt as _extracted_at.
func New(t testing.TB, extractedAt time.Time) *Collector {
	c := &Collector{mem: memory.NewCheckedAllocator(memory.NewGoAllocator()), builders: map[string]*transform.Builder{},
		extractedAt: extractedAt}
	t.Cleanup(func() {
		for _, b := range c.builders {
			b.Release()
		}
		c.mem.AssertSize(t, 0)
	})
	return c
}

// Decode appends one page of table to its builder, as the runner does.
func (c *Collector) Decode(table *schema.Table, source string, f schema.Format, body []byte) (int, error) {
	b, ok := c.builders[table.Name]
	if !ok {
		b = transform.NewBuilder(c.mem, table, transform.Lineage{Source: source, RunID: "test", ExtractedAt: c.extractedAt, Version: 1})
		c.builders[table.Name] = b
	}
	return transform.Decode(f, body, b)
}

// Rows returns the table's rows so far as maps of column name → Go value (a JSON round trip;
// timestamps as text). It drains the builder: read a table once.
func (c *Collector) Rows(table *schema.Table) []map[string]any {
	b, ok := c.builders[table.Name]
	if !ok {
		return nil
	}
	rec := b.NewRecord()
	defer rec.Release()
	var out []map[string]any
	for i := 0; i < int(rec.NumRows()); i++ {
		m := map[string]any{}
		for j, f := range rec.Schema().Fields() {
			col := rec.Column(j)
			if col.IsNull(i) {
				m[f.Name] = nil
				continue
			}
			var v any
			raw, _ := json.Marshal(col.GetOneForMarshal(i))
			_ = json.Unmarshal(raw, &v)
			if f.Type.ID() == arrow.TIMESTAMP {
				v = col.ValueStr(i)
			}
			m[f.Name] = v
		}
		out = append(out, m)
	}
	return out
}
