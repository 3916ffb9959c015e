package transform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

var testLineage = Lineage{
	Source:      "acme",
	RunID:       "run-1",
	ExtractedAt: time.Date(2024, 1, 2, 3, 4, 5, 678_000_000, time.UTC),
	Version:     7,
}

// Test-only tables for record shapes that have no table yet.
var (
	// testRTAgent: the rtstats single-agent document (root element = record), -1 sentinels.
	testRTAgent = schema.New(schema.Table{
		Name: "test_rt_agent", Root: "agents", Record: "agent",
		Columns: []schema.Column{
			{Name: "agent_id", Field: "agent-id", Type: schema.String},
			{Name: "agent_guid", Field: "agent-guid", Type: schema.String},
			{Name: "agent_name", Field: "agent-name", Type: schema.String},
			{Name: "group_id", Field: "group-id", Type: schema.Int64},
			{Name: "active_customer_chat_count", Field: "active-customer-chat-count", Type: schema.Int64, NullValues: []string{"-1"}},
			{Name: "idle_start_time", Field: "idle-start-time", Type: schema.Int64, NullValues: []string{"-1"}},
			{Name: "last_login_time", Field: "last-login-time", Type: schema.Int64, NullValues: []string{"-1"}},
			{Name: "phone_line1_status", Field: "phone-line1-status", Type: schema.Int64},
			{Name: "status_code_item_id", Field: "status-code-item-id", Type: schema.Int64},
			{Name: "time_in_status", Field: "time-in-status", Type: schema.Int64},
		},
		OrderBy: []string{"agent_id"},
	})
	// testStatuses: agent status events; the record <status> has a field <status> (quirk #9).
	testStatuses = schema.New(schema.Table{
		Name: "test_statuses", Root: "statuses", Record: "status",
		Columns: []schema.Column{
			{Name: "agent_id", Field: "agent-id", Type: schema.String},
			{Name: "group_id", Field: "group-id", Type: schema.Int64},
			{Name: "status", Field: "status", Type: schema.String},
			{Name: "event_time", Field: "event-time", Type: schema.Timestamp},
			{Name: "scl_list_id", Field: "scl-list-id", Type: schema.Int64},
			{Name: "scl_item_id", Field: "scl-item-id", Type: schema.Int64},
			{Name: "transaction_id", Field: "transaction-id", Type: schema.Int64},
		},
		OrderBy:     []string{"transaction_id", "agent_id"},
		PartitionBy: "event_time",
	})
	// testRecords: campaign records, for the sample that closes its root with </recordss>.
	testRecords = schema.New(schema.Table{
		Name: "test_records", Root: "records", Record: "record",
		Columns: []schema.Column{
			{Name: "record_id", Field: "record-id", Type: schema.String},
			{Name: "status", Field: "status", Type: schema.Int64},
		},
		OrderBy: []string{"record_id"},
	})
	// testTypes: one column of every type, for coercion tests.
	testTypes = schema.New(schema.Table{
		Name: "test_types", Root: "items", Record: "item",
		Columns: []schema.Column{
			{Name: "id", Field: "id", Type: schema.Int64},
			{Name: "s", Field: "s", Type: schema.String},
			{Name: "i", Field: "i", Type: schema.Int64, NullValues: []string{"-1"}},
			{Name: "u", Field: "u", Type: schema.UInt64},
			{Name: "f", Field: "f", Type: schema.Float64},
			{Name: "b", Field: "b", Type: schema.Bool},
			{Name: "ts", Field: "ts", Type: schema.Timestamp},
			{Name: "d", Field: "d", Type: schema.Date},
			{Name: "na", Field: "na", Type: schema.String, NullValues: []string{"N/A", "N/A, N/A"}},
		},
		OrderBy: []string{"id"},
	})
)

func lookupTable(t testing.TB, name string) *schema.Table {
	for _, tt := range append([]*schema.Table{testRTAgent, testStatuses, testRecords, testTypes}, nestedTables...) {
		if tt.Name == name {
			return tt
		}
	}
	tbl, err := schema.Lookup(name)
	require.NoError(t, err)
	return tbl
}

// decodeRows decodes one page with a fresh builder and renders the rows as JSON lines.
func decodeRows(t testing.TB, tbl *schema.Table, f schema.Format, body []byte) []string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := NewBuilder(mem, tbl, testLineage)
	defer b.Release()
	n, err := Decode(f, body, b)
	require.NoError(t, err)
	require.Equal(t, n, b.Len())
	rec := b.NewRecord()
	defer rec.Release()
	require.Equal(t, int64(n), rec.NumRows())
	require.True(t, rec.Schema().Equal(tbl.ArrowSchema()), "record schema")
	return renderRows(t, rec)
}

// renderRows renders every row as one JSON object with the columns in table order: strings,
// numbers, booleans, timestamps as RFC 3339 UTC with milliseconds, dates as YYYY-MM-DD, null.
func renderRows(t testing.TB, rec arrow.Record) []string {
	t.Helper()
	out := make([]string, rec.NumRows())
	for r := range int(rec.NumRows()) {
		var buf bytes.Buffer
		buf.WriteByte('{')
		for c, col := range rec.Columns() {
			if c > 0 {
				buf.WriteByte(',')
			}
			name, _ := json.Marshal(rec.ColumnName(c))
			buf.Write(name)
			buf.WriteByte(':')
			buf.WriteString(renderValue(t, col, r))
		}
		buf.WriteByte('}')
		out[r] = buf.String()
	}
	return out
}

func renderValue(t testing.TB, col arrow.Array, r int) string {
	if col.IsNull(r) {
		return "null"
	}
	switch a := col.(type) {
	case *array.String:
		v, _ := json.Marshal(a.Value(r))
		return string(v)
	case *array.Int64:
		return strconv.FormatInt(a.Value(r), 10)
	case *array.Uint64:
		return strconv.FormatUint(a.Value(r), 10)
	case *array.Float64:
		return strconv.FormatFloat(a.Value(r), 'g', -1, 64)
	case *array.Boolean:
		return strconv.FormatBool(a.Value(r))
	case *array.Timestamp:
		return `"` + time.UnixMilli(int64(a.Value(r))).UTC().Format("2006-01-02T15:04:05.000Z") + `"`
	case *array.Date32:
		return `"` + a.Value(r).ToTime().Format("2006-01-02") + `"`
	case *array.List:
		lo, hi := a.ValueOffsets(r)
		elems := make([]string, 0, hi-lo)
		for i := lo; i < hi; i++ {
			elems = append(elems, renderValue(t, a.ListValues(), int(i)))
		}
		return "[" + strings.Join(elems, ",") + "]"
	}
	t.Fatalf("unexpected array type %T", col)
	return ""
}

// row decodes a rendered row for assertions on single values.
func row(t testing.TB, line string) map[string]any {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader([]byte(line)))
	d.UseNumber()
	require.NoError(t, d.Decode(&m))
	return m
}

// extraOf parses the _extra column of a row.
func extraOf(t testing.TB, r map[string]any) map[string]any {
	t.Helper()
	s, _ := r["_extra"].(string)
	if s == "" {
		return nil
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m), "_extra %s", s)
	return m
}

func num(n int64) json.Number { return json.Number(fmt.Sprint(n)) }
