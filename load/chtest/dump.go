package chtest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Querier runs a query (load.ClickHouse has this method).
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (driver.Rows, error)
}

// Dump runs query and returns every row as one line "col=value | col=value …" (NULL for NULL,
// strings quoted, times in RFC 3339 UTC), sorted, so that two tables can be compared
// row for row whatever order the server returns them in.
func Dump(tb testing.TB, q Querier, query string, args ...any) []string {
	tb.Helper()
	rows, err := q.Query(context.Background(), query, args...)
	if err != nil {
		tb.Fatalf("chtest: dump: %v", err)
	}
	defer rows.Close()
	cols := rows.Columns()
	types := rows.ColumnTypes()
	var out []string
	for rows.Next() {
		vals := make([]any, len(types))
		for i, t := range types {
			vals[i] = reflect.New(t.ScanType()).Interface()
		}
		if err := rows.Scan(vals...); err != nil {
			tb.Fatalf("chtest: dump: scan: %v", err)
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = cols[i] + "=" + format(reflect.ValueOf(v).Elem())
		}
		out = append(out, strings.Join(cells, " | "))
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("chtest: dump: %v", err)
	}
	slices.Sort(out)
	return out
}

func format(v reflect.Value) string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "NULL"
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case string:
		return fmt.Sprintf("%q", x)
	}
	if v.Kind() == reflect.Slice {
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = format(v.Index(i))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	return fmt.Sprint(v.Interface())
}

// RequireSameRows fails tb when two dumps differ, naming what and the first differing row.
func RequireSameRows(tb testing.TB, what string, want, got []string) {
	tb.Helper()
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			tb.Fatalf("%s: row %d of %d differs:\nwant %s\ngot  %s", what, i+1, len(want), want[i], got[i])
		}
	}
	switch {
	case len(got) > len(want):
		tb.Fatalf("%s: %d rows, want %d; first extra row: %s", what, len(got), len(want), got[len(want)])
	case len(got) < len(want):
		tb.Fatalf("%s: %d rows, want %d; first missing row: %s", what, len(got), len(want), want[len(got)])
	}
}
