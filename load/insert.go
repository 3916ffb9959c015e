package load

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"

	"github.com/ccwh/ccwh/schema"
)

// Insert loads one Arrow record into its table with one columnar INSERT (explicit column list).
// The record must have the table's columns in table order with their Arrow types
// (t.ArrowSchema()). Transient failures are retried with backoff by building a new batch from the
// record, which the caller keeps until Insert returns; a failed batch is never re-sent. Where the
// server supports it, dedupToken (e.g. "source:stream:window:seq") makes a repeated insert of the
// same batch a no-op; older servers rely on ReplacingMergeTree alone.
func (c *ClickHouse) Insert(ctx context.Context, t *schema.Table, rec arrow.Record, dedupToken string) error {
	if c.sharded() { // cluster mode, insert: shards (shard.go)
		return c.insertShards(ctx, t, rec, dedupToken)
	}
	rows := int(rec.NumRows())
	if err := checkRecord(t, rec); err != nil {
		return fmt.Errorf("load: insert %d rows into %s: %w", rows, t.Name, err)
	}
	if rows == 0 {
		return nil
	}
	var extra clickhouse.Settings
	if c.caps.DedupToken && dedupToken != "" {
		extra = clickhouse.Settings{"insert_deduplicate": 1, "insert_deduplication_token": dedupToken}
	}
	qctx := c.queryCtx(ctx, extra)
	query := insertQuery(c.opt.Database, t)
	start := time.Now()
	err := c.retry(qctx, func(ctx context.Context) error {
		return c.sendRecord(ctx, query, t, rec)
	})
	if err != nil {
		return fmt.Errorf("load: insert %d rows into %s.%s at %s: %w", rows, c.opt.Database, t.Name, c.opt.Addr, err)
	}
	c.log.Debug().Str("table", t.Name).Int("rows", rows).Dur("took", time.Since(start)).Msg("inserted")
	return nil
}

// sendRecord builds one batch from rec and sends it. Column values are converted one column at a
// time into reused scratch slices: beyond the driver's block, conversion needs one column.
func (c *ClickHouse) sendRecord(ctx context.Context, query string, t *schema.Table, rec arrow.Record) (err error) {
	batch, err := c.conn.PrepareBatch(ctx, query)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	sent := false
	defer func() {
		if !sent {
			_ = batch.Abort()
		}
	}()
	sc := getScratch()
	defer putScratch(sc)
	if err := appendRecord(batch, t, rec, sc, c.caps.BoolType); err != nil {
		return err
	}
	sent = true
	if err := batch.Send(); err != nil {
		return fmt.Errorf("send: %w", err)
	}
	return nil
}

// appendRecord appends rec's columns to the batch's block, converting them through sc.
func appendRecord(batch driver.Batch, t *schema.Table, rec arrow.Record, sc *scratch, boolType bool) error {
	for i, col := range t.Columns {
		v := sc.column(col, rec.Column(i), boolType)
		if err := batch.Column(i).Append(v); err != nil {
			return fmt.Errorf("append column %s: %w", col.Name, err)
		}
	}
	return nil
}

// InsertRows writes a few rows to a table (internal tables: state, runs, schema versions). Each
// row holds the values in table column order: string, int64, uint64, float64, bool, time.Time,
// []string or []int64 (list columns), or nil for NULL (the zero value — the empty array for a
// list — in a column that cannot be NULL).
func (c *ClickHouse) InsertRows(ctx context.Context, t *schema.Table, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	conv := make([][]any, len(rows))
	for r, row := range rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("load: insert rows into %s: row %d has %d values, table has %d columns: %w",
				t.Name, r, len(row), len(t.Columns), ErrSchemaMismatch)
		}
		conv[r] = make([]any, len(row))
		for i, v := range row {
			cv, err := rowValue(t.Columns[i], v, c.caps.BoolType)
			if err != nil {
				return fmt.Errorf("load: insert rows into %s: row %d: %w", t.Name, r, err)
			}
			conv[r][i] = cv
		}
	}
	query := insertQuery(c.opt.Database, t)
	err := c.retry(c.queryCtx(ctx, nil), func(ctx context.Context) error {
		batch, err := c.conn.PrepareBatch(ctx, query)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		for _, row := range conv {
			if err := batch.Append(row...); err != nil {
				_ = batch.Abort()
				return fmt.Errorf("append: %w", err)
			}
		}
		if err := batch.Send(); err != nil {
			return fmt.Errorf("send: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load: insert %d rows into %s.%s at %s: %w", len(rows), c.opt.Database, t.Name, c.opt.Addr, err)
	}
	return nil
}

// insertQuery renders INSERT INTO db.table (columns…); ClickHouse 18.16 needs the explicit list.
func insertQuery(db string, t *schema.Table) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(schema.Quote(db) + "." + schema.Quote(t.Name))
	b.WriteString(" (")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(schema.Quote(c.Name))
	}
	b.WriteByte(')')
	return b.String()
}

// checkRecord verifies that rec has t's columns, in order, with t's Arrow types.
func checkRecord(t *schema.Table, rec arrow.Record) error {
	sc := rec.Schema()
	if sc.NumFields() != len(t.Columns) {
		return fmt.Errorf("%w %s: record has %d columns, table has %d (first missing or extra: %s)",
			ErrSchemaMismatch, t.Name, sc.NumFields(), len(t.Columns), firstDifference(t, sc))
	}
	for i, col := range t.Columns {
		f := sc.Field(i)
		if f.Name != col.Name {
			return fmt.Errorf("%w %s: column %d is %q, table wants %q", ErrSchemaMismatch, t.Name, i, f.Name, col.Name)
		}
		if want := schema.ArrowType(col.Type); !arrow.TypeEqual(f.Type, want) {
			return fmt.Errorf("%w %s: column %s is %s, table wants %s", ErrSchemaMismatch, t.Name, col.Name, f.Type, want)
		}
	}
	return nil
}

// firstDifference names the first column that one side has and the other lacks.
func firstDifference(t *schema.Table, sc *arrow.Schema) string {
	for _, col := range t.Columns {
		if len(sc.FieldIndices(col.Name)) == 0 {
			return "missing " + col.Name
		}
	}
	for _, f := range sc.Fields() {
		if t.Column(f.Name) < 0 {
			return "extra " + f.Name
		}
	}
	return "duplicate names"
}

// rowValue converts one InsertRows value to what the column accepts.
func rowValue(col schema.Column, v any, boolType bool) (any, error) {
	if v == nil {
		if col.Nullable() {
			return nil, nil
		}
		return zeroValue(col.Type, boolType), nil
	}
	bad := func() (any, error) {
		return nil, fmt.Errorf("column %s (%s): cannot take %T: %w", col.Name, col.Type, v, ErrSchemaMismatch)
	}
	switch col.Type {
	case schema.String:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case schema.Int64:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int:
			return int64(x), nil
		}
	case schema.UInt64:
		switch x := v.(type) {
		case uint64:
			return x, nil
		case int:
			if x >= 0 {
				return uint64(x), nil
			}
		}
	case schema.Float64:
		if f, ok := v.(float64); ok {
			return f, nil
		}
	case schema.Bool:
		if b, ok := v.(bool); ok {
			if boolType {
				return b, nil
			}
			if b {
				return uint8(1), nil
			}
			return uint8(0), nil
		}
	case schema.Timestamp, schema.Date:
		if ts, ok := v.(time.Time); ok {
			return ts.UTC(), nil
		}
	case schema.StringList:
		if l, ok := v.([]string); ok {
			return l, nil
		}
	case schema.Int64List:
		if l, ok := v.([]int64); ok {
			return l, nil
		}
	}
	return bad()
}

func zeroValue(t schema.Type, boolType bool) any {
	switch t {
	case schema.String:
		return ""
	case schema.Int64:
		return int64(0)
	case schema.UInt64:
		return uint64(0)
	case schema.Float64:
		return float64(0)
	case schema.Bool:
		if boolType {
			return false
		}
		return uint8(0)
	case schema.StringList:
		return []string{}
	case schema.Int64List:
		return []int64{}
	default:
		return time.Unix(0, 0).UTC()
	}
}
