package schema

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Cluster mode: every table T becomes two tables on every server of a ClickHouse cluster,
//
//   - T_local, ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/<db>/T', '{replica}',
//     <version>) with T's columns, partitioning and ORDER BY: the rows of one shard, kept by
//     every replica of it;
//   - T, Distributed(<cluster>, <db>, T_local, cityHash64(<sharding key>)): reads every shard,
//     and spreads inserted rows over the shards by the sharding key,
//
// so that queries, views and inserts keep using T. DDL is rendered ON CLUSTER (the servers'
// distributed DDL queue, which needs ZooKeeper or ClickHouse Keeper) and every server needs the
// macros {shard} and {replica}.
//
// FINAL (and every ReplacingMergeTree collapse) works within one shard only. All versions of a
// row must therefore land on the same shard: the sharding key is made of ORDER BY key columns
// only, so rows with equal keys hash alike. Without replication (Replicated false) the local
// tables are plain ReplacingMergeTree and no DDL is rendered ON CLUSTER: ccwh runs it on every
// server of the cluster itself, and no ZooKeeper is needed.

// LocalSuffix names the shard-local table beneath each Distributed table in cluster mode.
const LocalSuffix = "_local"

// LocalName is the name of a table's shard-local table in cluster mode.
func LocalName(table string) string { return table + LocalSuffix }

// Local returns a copy of t named LocalName(t.Name), for loading a shard's local table
// directly.
func (t *Table) Local() *Table {
	l := *t
	l.Name = LocalName(t.Name)
	return &l
}

// Cluster configures cluster-mode DDL. The zero value (no Name) is a single server.
type Cluster struct {
	// Name is the cluster as defined in the servers' remote_servers configuration.
	Name string
	// Replicated renders ReplicatedReplacingMergeTree local tables and ON CLUSTER DDL (needs
	// ZooKeeper or Keeper). False renders plain ReplacingMergeTree local tables and no ON
	// CLUSTER: the DDL is run on every server of the cluster by the caller.
	Replicated bool
	// ShardingKeys overrides the sharding key of a table (table name → columns). The columns
	// must be ORDER BY key columns of a type HashableType accepts.
	ShardingKeys map[string][]string
}

// Enabled reports whether cluster mode is on.
func (cl Cluster) Enabled() bool { return cl.Name != "" }

// clusterName is what a remote_servers element name can be (an XML name without a colon).
var clusterName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// Validate checks the cluster name and every sharding key override against the tables.
func (cl Cluster) Validate() error {
	if !cl.Enabled() {
		if len(cl.ShardingKeys) > 0 {
			return fmt.Errorf("schema: sharding keys need a cluster")
		}
		return nil
	}
	if !clusterName.MatchString(cl.Name) {
		return fmt.Errorf("schema: cluster name %q must match %s", cl.Name, clusterName)
	}
	names := make([]string, 0, len(cl.ShardingKeys))
	for n := range cl.ShardingKeys {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		t, err := LookupAny(n)
		if err != nil {
			return err
		}
		if err := CheckShardingKey(t, cl.ShardingKeys[n]); err != nil {
			return err
		}
	}
	return nil
}

// LookupAny finds a data or an internal table by name.
func LookupAny(name string) (*Table, error) {
	for _, t := range InternalTables() {
		if t.Name == name {
			return t, nil
		}
	}
	return Lookup(name)
}

// HashableType reports whether a sharding key column may have type t: ccwh computes
// ClickHouse's cityHash64 itself for String, Int64 and UInt64 (to insert into shards
// directly); timestamps hash differently on different server versions.
func HashableType(t Type) bool { return t == String || t == Int64 || t == UInt64 }

// CheckShardingKey verifies that cols can shard t: at least one column, each an ORDER BY key
// column (so that every version of a row lands on the same shard and FINAL collapses it) of a
// hashable type, none twice.
func CheckShardingKey(t *Table, cols []string) error {
	if len(cols) == 0 {
		return fmt.Errorf("schema: table %s: empty sharding key", t.Name)
	}
	key := t.orderKey()
	for i, c := range cols {
		if !slices.Contains(key, c) {
			return fmt.Errorf("schema: table %s: sharding key column %q is not in the ORDER BY key (%s): "+
				"versions of a row would land on different shards and FINAL would not collapse them",
				t.Name, c, strings.Join(key, ", "))
		}
		if ty := t.Columns[t.Column(c)].Type; !HashableType(ty) {
			return fmt.Errorf("schema: table %s: sharding key column %s is %s, want String, Int64 or UInt64", t.Name, c, ty)
		}
		if slices.Contains(cols[:i], c) {
			return fmt.Errorf("schema: table %s: sharding key column %s twice", t.Name, c)
		}
	}
	return nil
}

// orderKey is the table's ORDER BY key as rendered.
func (t *Table) orderKey() []string {
	if t.Internal {
		return t.OrderBy
	}
	return t.SortKey()
}

// ShardingKey returns the columns whose cityHash64 places a row of t on a shard: the override
// for t, or else every column of the natural key (ORDER BY without _source) of a hashable
// type, in key order; _source when there is none (a test checks that every table has one).
func (cl Cluster) ShardingKey(t *Table) []string {
	if k, ok := cl.ShardingKeys[t.Name]; ok {
		return k
	}
	var out []string
	for _, c := range t.OrderBy {
		if HashableType(t.Columns[t.Column(c)].Type) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []string{ColSource}
	}
	return out
}

// ShardingExpr renders the Distributed engine's sharding expression for t.
func (cl Cluster) ShardingExpr(t *Table) string {
	key := cl.ShardingKey(t)
	q := make([]string, len(key))
	for i, k := range key {
		q[i] = Quote(k)
	}
	return "cityHash64(" + strings.Join(q, ", ") + ")"
}

// on renders " ON CLUSTER `name`" for replicated clusters, whose DDL the servers fan out.
func (cl Cluster) on() string {
	if !cl.Replicated {
		return ""
	}
	return " ON CLUSTER " + Quote(cl.Name)
}

// CreateDatabase renders CREATE DATABASE IF NOT EXISTS for the cluster.
func (cl Cluster) CreateDatabase(db string) string { return CreateDatabase(db) + cl.on() }

// CreateLocal renders the shard-local table of t.
func (cl Cluster) CreateLocal(t *Table, db string, c Capabilities) string {
	if !cl.Replicated {
		return t.createTable(db, LocalName(t.Name), "", t.engine(), c, c.DedupToken)
	}
	engine := fmt.Sprintf("ReplicatedReplacingMergeTree(%s, '{replica}', %s)",
		quoteString("/clickhouse/tables/{shard}/"+db+"/"+t.Name), Quote(t.versionColumn()))
	// Replicated tables de-duplicate inserts (and honour insert_deduplication_token) by
	// themselves: no non_replicated_deduplication_window.
	return t.createTable(db, LocalName(t.Name), cl.on(), engine, c, false)
}

// CreateDistributed renders the Distributed table of t under t's own name.
func (cl Cluster) CreateDistributed(t *Table, db string, c Capabilities) string {
	var b strings.Builder
	t.writeHead(&b, db, t.Name, cl.on(), c)
	fmt.Fprintf(&b, "ENGINE = Distributed(%s, %s, %s, %s)", quoteString(cl.Name), quoteString(db),
		quoteString(LocalName(t.Name)), cl.ShardingExpr(t))
	t.writeComment(&b, c)
	return b.String()
}

// CreateTables renders both tables of t, local first.
func (cl Cluster) CreateTables(t *Table, db string, c Capabilities) []string {
	return []string{cl.CreateLocal(t, db, c), cl.CreateDistributed(t, db, c)}
}

// AddColumn renders the ALTER that adds a column to one of t's tables: table is t.Name (the
// Distributed table) or LocalName(t.Name). Both need every column.
func (cl Cluster) AddColumn(t *Table, table, db string, col Column, c Capabilities) string {
	return t.addColumn(db, table, cl.on(), col, c)
}

// Alter renders ALTER TABLE <db>.<table>_local [ON CLUSTER] <command>: mutations act on the
// local tables (a Distributed table has no rows of its own).
func (cl Cluster) Alter(db, table, command string) string {
	return fmt.Sprintf("ALTER TABLE %s.%s%s %s", Quote(db), Quote(LocalName(table)), cl.on(), command)
}

// DropView renders DROP TABLE IF EXISTS for a view.
func (cl Cluster) DropView(db, name string) string {
	return fmt.Sprintf("DROP TABLE IF EXISTS %s.%s%s", Quote(db), Quote(name), cl.on())
}

// CreateView renders a view over the Distributed tables (see ClusterQuery).
func (cl Cluster) CreateView(v View, db string, c Capabilities) string {
	return fmt.Sprintf("CREATE VIEW %s.%s%s AS\n%s", Quote(db), Quote(v.Name), cl.on(),
		ClusterQuery(strings.ReplaceAll(v.Query, "{db}", Quote(db)), c))
}

var (
	// joinRe matches a JOIN with its strictness and kind words, and a GLOBAL already there.
	joinRe = regexp.MustCompile(`(?i)\b(GLOBAL\s+)?((?:(?:ANY|ALL|ASOF|SEMI|ANTI|INNER|LEFT|RIGHT|FULL|CROSS|OUTER)\s+)*JOIN)\b`)
	// inRe matches an IN or NOT IN with a subquery, and a GLOBAL already there.
	inRe = regexp.MustCompile(`(?i)\b(GLOBAL\s+)?((?:NOT\s+)?IN\s*\(\s*SELECT)\b`)
	// aliasedTable matches FROM or JOIN <db>.<table> AS <alias> [FINAL].
	aliasedTable = regexp.MustCompile("(?i)\\b(FROM|JOIN)\\s+(`[^`]+`\\.(?:`[^`]+`|\\w+))\\s+AS\\s+(\\w+)(\\s+FINAL)?\\b")
)

// ClusterQuery adapts a query over the tables for Distributed tables of several shards:
//
//   - every JOIN and IN (subquery) becomes GLOBAL: the right side is read once, from every
//     shard, and sent to the shards (a plain one would read a Distributed table from each
//     shard, which ClickHouse refuses by default: distributed_product_mode = deny);
//   - before 20.1, a query with a JOIN reads its aliased tables through a subquery,
//     FROM (SELECT * FROM t FINAL) AS a (JOIN likewise): ClickHouse 18.16 loses the table alias when it sends
//     such a query to the shards ("Unknown identifier: a.col"). The join then runs on the
//     server that was asked, which is slower but correct.
func ClusterQuery(q string, c Capabilities) string {
	hasJoin := joinRe.MatchString(q)
	q = globalize(joinRe, q)
	q = globalize(inRe, q)
	if hasJoin && c.Major < 20 {
		q = aliasedTable.ReplaceAllStringFunc(q, func(m string) string {
			p := aliasedTable.FindStringSubmatch(m)
			return fmt.Sprintf("%s (SELECT * FROM %s%s) AS %s", p[1], p[2], p[4], p[3])
		})
	}
	return q
}

// globalize prefixes every match of re (whose group 1 is an existing GLOBAL) with GLOBAL.
func globalize(re *regexp.Regexp, q string) string {
	return re.ReplaceAllStringFunc(q, func(m string) string {
		p := re.FindStringSubmatch(m)
		if p[1] != "" {
			return m
		}
		return "GLOBAL " + p[2]
	})
}

// ClusterMutationWait reports whether the server can wait for a cluster's mutations itself:
// the setting mutations_sync and the table function clusterAllReplicas (both 20.3+; 20.3 is
// the first long-term release with both).
func (c Capabilities) ClusterMutationWait() bool {
	return c.Major > 20 || (c.Major == 20 && c.Minor >= 3)
}
