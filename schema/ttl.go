package schema

import "fmt"

// WithTTLDays returns a copy of t whose TTLDays is days (0: no TTL). The shared definition is
// not changed: retention is configuration, not schema.
func (t *Table) WithTTLDays(days int) *Table {
	c := *t
	c.TTLDays = days
	return &c
}

// TTLExpr is the table TTL expression CreateTable renders for this server ("toDateTime(`at`) +
// INTERVAL 730 DAY"), or "" when the server has no TTL, the table has no TTLDays or no
// timestamp to age by. `ALTER TABLE … MODIFY TTL <TTLExpr>` sets it on an existing table.
func (t *Table) TTLExpr(c Capabilities) string {
	if t.TTLDays <= 0 || t.PartitionBy == "" || !c.TTL {
		return ""
	}
	return fmt.Sprintf("toDateTime(%s) + INTERVAL %d DAY", Quote(t.PartitionBy), t.TTLDays)
}
