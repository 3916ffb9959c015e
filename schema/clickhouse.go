package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Capabilities is what a ClickHouse server version supports that changes the DDL or the insert.
type Capabilities struct {
	Version string // as reported by SELECT version(), e.g. "18.16.1"
	Major   int
	Minor   int

	DateTime64                 bool // DateTime64(3,'UTC') (20.1+); else DateTime('UTC'), seconds
	BoolType                   bool // Bool (22.3+); else UInt8
	LowCardinalityNeedsSetting bool // allow_experimental_low_cardinality_type=1 (before 19.x)
	TTL                        bool // table TTL (19.6+)
	DedupToken                 bool // insert_deduplication_token + non_replicated_deduplication_window (22.2+)
	AddColumnIfNotExists       bool // ALTER TABLE … ADD COLUMN IF NOT EXISTS (19.x+)
	TableComment               bool // CREATE TABLE … COMMENT '…' (21.6+)
}

// CapabilitiesFor parses a server version string ("18.16.1", "24.8.4.13") into capabilities.
func CapabilitiesFor(version string) (Capabilities, error) {
	parts := strings.SplitN(strings.TrimSpace(version), ".", 3)
	if len(parts) < 2 {
		return Capabilities{}, fmt.Errorf("schema: cannot parse ClickHouse version %q", version)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return Capabilities{}, fmt.Errorf("schema: cannot parse ClickHouse version %q", version)
	}
	at := func(ma, mi int) bool { return major > ma || (major == ma && minor >= mi) }
	return Capabilities{
		Version:                    strings.TrimSpace(version),
		Major:                      major,
		Minor:                      minor,
		DateTime64:                 at(20, 1),
		BoolType:                   at(22, 3),
		LowCardinalityNeedsSetting: !at(19, 0),
		TTL:                        at(19, 6),
		DedupToken:                 at(22, 2),
		AddColumnIfNotExists:       at(19, 1),
		TableComment:               at(21, 6),
	}, nil
}

// Settings are the session settings every connection needs for this DDL and these inserts.
func (c Capabilities) Settings() map[string]any {
	s := map[string]any{}
	if c.LowCardinalityNeedsSetting {
		s["allow_experimental_low_cardinality_type"] = 1
	}
	return s
}

// ColumnType renders a column's ClickHouse type.
func (c Capabilities) ColumnType(col Column) string {
	var base string
	switch col.Type {
	case String:
		base = "String"
	case Int64:
		base = "Int64"
	case UInt64:
		base = "UInt64"
	case Float64:
		base = "Float64"
	case Bool:
		base = "UInt8"
		if c.BoolType {
			base = "Bool"
		}
	case Timestamp:
		base = "DateTime('UTC')"
		if c.DateTime64 {
			base = "DateTime64(3, 'UTC')"
		}
	case Date:
		base = "Date"
	case StringList:
		return "Array(String)" // never Nullable; LowCardinality is not applied to arrays
	case Int64List:
		return "Array(Int64)"
	default:
		panic(fmt.Sprintf("schema: column %s has unknown type %d", col.Name, col.Type))
	}
	if col.nullable {
		base = "Nullable(" + base + ")"
	}
	if col.LowCardinality && col.Type == String {
		base = "LowCardinality(" + base + ")"
	}
	return base
}

// Quote quotes an identifier with backticks.
func Quote(ident string) string { return "`" + strings.ReplaceAll(ident, "`", "``") + "`" }

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// CreateDatabase renders CREATE DATABASE IF NOT EXISTS.
func CreateDatabase(db string) string { return "CREATE DATABASE IF NOT EXISTS " + Quote(db) }

// CreateTable renders an idempotent CREATE TABLE for this server: ReplacingMergeTree on the
// version column, ordered by the natural key, partitioned by month.
func (t *Table) CreateTable(db string, c Capabilities) string {
	return t.createTable(db, t.Name, "", t.engine(), c, c.DedupToken)
}

// engine is the single-server engine: ReplacingMergeTree on the version column.
func (t *Table) engine() string { return "ReplacingMergeTree(" + Quote(t.versionColumn()) + ")" }

// createTable renders CREATE TABLE db.name[ ON CLUSTER …] for a MergeTree-family engine with t's
// columns, partitioning, ORDER BY key and TTL; dedupWindow adds the setting that makes
// insert_deduplication_token work on a non-replicated table.
func (t *Table) createTable(db, name, onCluster, engine string, c Capabilities, dedupWindow bool) string {
	var b strings.Builder
	t.writeHead(&b, db, name, onCluster, c)
	fmt.Fprintf(&b, "ENGINE = %s\n", engine)
	if t.PartitionBy != "" {
		fmt.Fprintf(&b, "PARTITION BY toYYYYMM(%s)\n", Quote(t.PartitionBy))
	}
	key := t.orderKey()
	q := make([]string, len(key))
	for i, k := range key {
		q[i] = Quote(k)
	}
	fmt.Fprintf(&b, "ORDER BY (%s)", strings.Join(q, ", "))
	if t.TTLDays > 0 && t.PartitionBy != "" && c.TTL {
		fmt.Fprintf(&b, "\nTTL toDateTime(%s) + INTERVAL %d DAY", Quote(t.PartitionBy), t.TTLDays)
	}
	if dedupWindow {
		// Makes insert_deduplication_token effective on non-replicated MergeTree tables.
		b.WriteString("\nSETTINGS non_replicated_deduplication_window = 1000")
	}
	t.writeComment(&b, c)
	return b.String()
}

// writeHead writes CREATE TABLE IF NOT EXISTS db.name[ ON CLUSTER …] and the column list.
func (t *Table) writeHead(b *strings.Builder, db, name, onCluster string, c Capabilities) {
	fmt.Fprintf(b, "CREATE TABLE IF NOT EXISTS %s.%s%s\n(\n", Quote(db), Quote(name), onCluster)
	for i, col := range t.Columns {
		fmt.Fprintf(b, "    %s %s", Quote(col.Name), c.ColumnType(col))
		if col.Doc != "" {
			b.WriteString(" COMMENT " + quoteString(col.Doc))
		}
		if i < len(t.Columns)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(")\n")
}

// writeComment writes the table comment where the server has them.
func (t *Table) writeComment(b *strings.Builder, c Capabilities) {
	if c.TableComment && t.Doc != "" {
		b.WriteString("\nCOMMENT " + quoteString(t.Doc))
	}
}

// AddColumn renders an ALTER that adds a column missing from an existing table. Servers without
// IF NOT EXISTS get the plain form; the caller checks system.columns first.
func (t *Table) AddColumn(db string, col Column, c Capabilities) string {
	return t.addColumn(db, t.Name, "", col, c)
}

func (t *Table) addColumn(db, name, onCluster string, col Column, c Capabilities) string {
	ine := ""
	if c.AddColumnIfNotExists {
		ine = "IF NOT EXISTS "
	}
	return fmt.Sprintf("ALTER TABLE %s.%s%s ADD COLUMN %s%s %s", Quote(db), Quote(name), onCluster, ine, Quote(col.Name), c.ColumnType(col))
}
