package jobs

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// How retention is enforced (README "Retention"):
//
// ClickHouse TTL deletes rows in background merges and cannot consult legal holds. A table TTL
// is therefore used only for tables that no hold can cover: tables with no customer personal
// data and no conversation rows (Holdable is false), on servers with TTL (19.6+). Every other
// configured table — every table on servers without TTL, such as Debian's 18.16 — is pruned by
// the scheduled retention job, which drops whole expired partitions without held rows and
// deletes the remaining expired rows that no hold covers. The Parquet archive is always pruned
// by the job (TTL never touches it).

// Holdable reports whether a legal hold can cover rows of t: the table holds a customer's
// personal data (schema.Column.PII) or the rows of conversations (ConversationColumn). Such
// tables never get a ClickHouse TTL. _extra, which every table has and which is scanned as free
// text, does not by itself make a table holdable: otherwise no table could ever have a TTL. On a
// table without personal columns (aggregate statistics, real-time snapshots, analytics) a hold
// can therefore not keep a row alive through an unknown vendor field that mentions a customer.
func Holdable(t *schema.Table) bool {
	if t.ConversationColumn != "" {
		return true
	}
	for _, c := range t.PIIColumns() {
		if c.Name != schema.ColExtra {
			return true
		}
	}
	return false
}

// TTLManaged reports whether ClickHouse TTL enforces t's retention on a server with caps.
func TTLManaged(t *schema.Table, caps schema.Capabilities) bool {
	return caps.TTL && t.PartitionBy != "" && !Holdable(t)
}

// TTLTables are the configured tables whose retention ClickHouse TTL enforces on a server with
// caps, as copies with TTLDays set (their CreateTable renders the TTL clause); none without TTL.
func (r *RetentionConfig) TTLTables(caps schema.Capabilities) []*schema.Table {
	var out []*schema.Table
	for _, rule := range r.rules {
		if TTLManaged(rule.Table, caps) {
			out = append(out, rule.Table.WithTTLDays(rule.Days))
		}
	}
	return out
}

// ccwhTTL matches the TTL ccwh renders as system.tables.engine_full shows it:
// "TTL toDateTime(start_date) + toIntervalDay(730)".
var ccwhTTL = regexp.MustCompile("TTL toDateTime\\(`?([A-Za-z0-9_]+)`?\\) \\+ toIntervalDay\\(([0-9]+)\\)")

// ttlChange is one ALTER command on a table's TTL.
type ttlChange struct {
	table   string
	command string // MODIFY TTL … or REMOVE TTL
}

func (c ttlChange) String() string { return c.table + ": " + c.command }

// ApplyRetentionTTL brings the table TTLs of the database in line with the retention config:
// `ALTER TABLE … MODIFY TTL` where a TTL-managed table's TTL is missing or differs, `REMOVE TTL`
// where a table carries a ccwh TTL it should no longer have (its retention was removed, or it
// became holdable). TTLs of another form (set by hand) are left alone. In cluster mode the TTL
// is read from and set on the shard-local tables (load's Alter). It does nothing on servers
// without TTL. It returns the changes it made (with dryRun: would make) as "table: command".
func ApplyRetentionTTL(ctx context.Context, ch *load.ClickHouse, rc *RetentionConfig, dryRun bool, log zerolog.Logger) ([]string, error) {
	caps := ch.Capabilities()
	if !caps.TTL {
		return nil, nil
	}
	rows, err := ch.Query(ctx, "SELECT name, engine_full FROM system.tables WHERE database = ?", ch.Database())
	if err != nil {
		return nil, fmt.Errorf("retention: read table TTLs: %w", err)
	}
	have := map[string]string{}
	for rows.Next() {
		var name, engine string
		if err := rows.Scan(&name, &engine); err != nil {
			rows.Close()
			return nil, fmt.Errorf("retention: read table TTLs: %w", err)
		}
		have[name] = engine
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("retention: read table TTLs: %w", err)
	}
	var done []string
	for _, c := range ttlChanges(caps, rc, have) {
		if !dryRun {
			if err := ch.Alter(ctx, c.table, c.command); err != nil {
				return done, fmt.Errorf("retention: %s: %w", c, err)
			}
			log.Info().Str(fTable, c.table).Str("command", c.command).Msg("retention TTL changed")
		}
		done = append(done, c.String())
	}
	return done, nil
}

// ttlChanges compares the TTLs the tables have (engine_full by table name, as system.tables
// shows them; in cluster mode the shard-local table's) with the config and lists the ALTER
// commands that reconcile them.
func ttlChanges(caps schema.Capabilities, rc *RetentionConfig, have map[string]string) []ttlChange {
	if !caps.TTL {
		return nil
	}
	want := map[string]*schema.Table{}
	for _, t := range rc.TTLTables(caps) {
		want[t.Name] = t
	}
	tables := schema.Tables()
	for _, r := range rc.rules {
		if !slices.Contains(tables, r.Table) {
			tables = append(tables, r.Table)
		}
	}
	var out []ttlChange
	for _, t := range tables {
		engine, exists := have[schema.LocalName(t.Name)]
		if !exists {
			engine, exists = have[t.Name]
		}
		if !exists {
			continue
		}
		days := 0
		m := ccwhTTL.FindStringSubmatch(engine)
		if m != nil {
			days, _ = strconv.Atoi(m[2])
		}
		w, managed := want[t.Name]
		switch {
		case managed && (m == nil || m[1] != t.PartitionBy || days != w.TTLDays):
			out = append(out, ttlChange{t.Name, "MODIFY TTL " + w.TTLExpr(caps)})
		case !managed && m != nil && m[1] == t.PartitionBy:
			out = append(out, ttlChange{t.Name, "REMOVE TTL"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].table < out[j].table })
	return out
}

// Migrate runs the schema migration (load's Migrate) and then sets the retention TTLs of the
// config (ApplyRetentionTTL): what `ccwh migrate` and `ccwh run` do.
func Migrate(ctx context.Context, cfg *Config, ch *load.ClickHouse, log zerolog.Logger) error {
	if err := ch.Migrate(ctx, Version); err != nil {
		return err
	}
	if _, err := ApplyRetentionTTL(ctx, ch, &cfg.Retention, false, log); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
