package schema

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRenderClusterDDL renders the cluster-mode DDL of every table (replicated, ON CLUSTER) for
// Debian's 18.16 and a current 24.8 server and compares it with testdata/ddl-cluster-<version>.sql
// (go test ./schema -update rewrites them). It pins the parts that make cluster mode work.
func TestRenderClusterDDL(t *testing.T) {
	cl := Cluster{Name: "ccwh_cluster", Replicated: true}
	require.NoError(t, cl.Validate())
	for _, v := range []string{"18.16.1", "24.8.4.13"} {
		t.Run(v, func(t *testing.T) {
			caps, err := CapabilitiesFor(v)
			require.NoError(t, err)
			var b strings.Builder
			b.WriteString(cl.CreateDatabase("ccwh") + ";\n\n")
			for _, tb := range append(InternalTables(), Tables()...) {
				for _, s := range cl.CreateTables(tb, "ccwh", caps) {
					b.WriteString(s + ";\n\n")
				}
			}
			got := b.String()
			golden := filepath.Join("testdata", "ddl-cluster-"+v+".sql")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			require.Equal(t, string(want), got)

			require.True(t, strings.HasPrefix(got, "CREATE DATABASE IF NOT EXISTS `ccwh` ON CLUSTER `ccwh_cluster`;"))
			require.NotContains(t, got, "non_replicated_deduplication_window", "replicated tables de-duplicate by themselves")
			for _, tb := range append(InternalTables(), Tables()...) {
				local, dist := cl.CreateLocal(tb, "ccwh", caps), cl.CreateDistributed(tb, "ccwh", caps)
				require.True(t, strings.HasPrefix(local, "CREATE TABLE IF NOT EXISTS `ccwh`.`"+tb.Name+"_local` ON CLUSTER `ccwh_cluster`\n("), tb.Name)
				require.Contains(t, local, "\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/ccwh/"+tb.Name+"', '{replica}', `"+tb.versionColumn()+"`)\n", tb.Name)
				require.True(t, strings.HasPrefix(dist, "CREATE TABLE IF NOT EXISTS `ccwh`.`"+tb.Name+"` ON CLUSTER `ccwh_cluster`\n("), tb.Name)
				require.Contains(t, dist, "\nENGINE = Distributed('ccwh_cluster', 'ccwh', '"+tb.Name+"_local', "+cl.ShardingExpr(tb)+")", tb.Name)
				require.NotContains(t, dist, "ORDER BY", tb.Name)

				// Same columns as on a single server, same key, partitioning and TTL on the local table.
				single := tb.CreateTable("ccwh", caps)
				require.Equal(t, columnsPart(single), columnsPart(local), tb.Name)
				require.Equal(t, columnsPart(single), columnsPart(dist), tb.Name)
				require.Equal(t, keyPart(single), keyPart(local), tb.Name)
				require.NoError(t, CheckShardingKey(tb, cl.ShardingKey(tb)), "every version of a row lands on one shard")
			}
		})
	}
}

// columnsPart is the column list of a CREATE TABLE.
func columnsPart(ddl string) string {
	return ddl[strings.Index(ddl, "\n(\n"):strings.Index(ddl, "\n)\n")]
}

// keyPart is what follows ENGINE up to SETTINGS or COMMENT: PARTITION BY, ORDER BY, TTL.
func keyPart(ddl string) string {
	s := ddl[strings.Index(ddl, "\nENGINE"):]
	s = s[strings.Index(s[1:], "\n")+1:]
	for _, cut := range []string{"\nSETTINGS", "\nCOMMENT"} {
		if i := strings.Index(s, cut); i >= 0 {
			s = s[:i]
		}
	}
	return s
}

// TestClusterWithoutReplication: plain ReplacingMergeTree local tables and no ON CLUSTER (ccwh
// runs the DDL on every server), the single-server settings kept.
func TestClusterWithoutReplication(t *testing.T) {
	cl := Cluster{Name: "two-shards"}
	caps, _ := CapabilitiesFor("24.8")
	tb, err := Lookup("vcc_interactions")
	require.NoError(t, err)
	local := cl.CreateLocal(tb, "ccwh", caps)
	require.Equal(t, strings.Replace(tb.CreateTable("ccwh", caps), "`vcc_interactions`", "`vcc_interactions_local`", 1), local)
	require.NotContains(t, local, "ON CLUSTER")
	dist := cl.CreateDistributed(tb, "ccwh", caps)
	require.Contains(t, dist, "ENGINE = Distributed('two-shards', 'ccwh', 'vcc_interactions_local', cityHash64(`interaction_id`))")
	require.NotContains(t, dist, "ON CLUSTER")
	require.Equal(t, "ALTER TABLE `ccwh`.`vcc_interactions_local` DELETE WHERE 1", cl.Alter("ccwh", "vcc_interactions", "DELETE WHERE 1"))
	require.Equal(t, "CREATE DATABASE IF NOT EXISTS `ccwh`", cl.CreateDatabase("ccwh"))
}

func TestClusterAlterAndAddColumn(t *testing.T) {
	cl := Cluster{Name: "c1", Replicated: true}
	caps, _ := CapabilitiesFor("18.16.1")
	require.Equal(t, "ALTER TABLE `db`.`vcc_agents_local` ON CLUSTER `c1` DELETE WHERE `_run_id` = ?",
		cl.Alter("db", "vcc_agents", "DELETE WHERE `_run_id` = ?"))
	tb, _ := Lookup("vcc_agents")
	col := tb.Columns[0]
	require.Equal(t, "ALTER TABLE `db`.`vcc_agents_local` ON CLUSTER `c1` ADD COLUMN `"+col.Name+"` "+caps.ColumnType(col),
		cl.AddColumn(tb, "vcc_agents_local", "db", col, caps))
	require.Equal(t, "ALTER TABLE `db`.`vcc_agents` ON CLUSTER `c1` ADD COLUMN `"+col.Name+"` "+caps.ColumnType(col),
		cl.AddColumn(tb, "vcc_agents", "db", col, caps))
	require.Equal(t, "DROP TABLE IF EXISTS `db`.`v` ON CLUSTER `c1`", cl.DropView("db", "v"))
}

func TestShardingKeys(t *testing.T) {
	cl := Cluster{Name: "c"}
	for table, want := range map[string][]string{
		"vcc_interactions": {"interaction_id"},                         // the timestamp in the key is left out
		"vcc_statistics":   {"entity_type", "entity_id", "channel_id"}, // every hashable key column
		"_ccwh_runs":       {"source", "stream", "run_id"},             // internal: the key without window_from
		"_ccwh_schema":     {"version"},                                // UInt64
		"dixa_messages":    {"conversation_id", "id"},                  // Int64 and String
		"vcc_transcripts":  {"interaction_guid"},                       // _source is not part of the default
	} {
		tb, err := LookupAny(table)
		require.NoError(t, err)
		require.Equal(t, want, cl.ShardingKey(tb), table)
	}
	for _, tb := range append(InternalTables(), Tables()...) {
		require.NoError(t, CheckShardingKey(tb, cl.ShardingKey(tb)), tb.Name)
	}

	cl.ShardingKeys = map[string][]string{"vcc_statistics": {"entity_id"}}
	require.NoError(t, cl.Validate())
	tb, _ := Lookup("vcc_statistics")
	require.Equal(t, "cityHash64(`entity_id`)", cl.ShardingExpr(tb))

	for _, c := range []struct {
		keys map[string][]string
		want string
	}{
		{map[string][]string{"vcc_statistics": {"time_stamp"}}, "time_stamp is Timestamp"},
		{map[string][]string{"vcc_interactions": {"agent_id"}}, `"agent_id" is not in the ORDER BY key (_source, interaction_id, create_timestamp)`},
		{map[string][]string{"vcc_interactions": {}}, "empty sharding key"},
		{map[string][]string{"vcc_statistics": {"entity_id", "entity_id"}}, "entity_id twice"},
		{map[string][]string{"nope": {"id"}}, `unknown table "nope"`},
	} {
		err := Cluster{Name: "c", ShardingKeys: c.keys}.Validate()
		require.ErrorContains(t, err, c.want)
	}
	require.NoError(t, Cluster{ShardingKeys: map[string][]string{"_ccwh_state": {"source", "stream"}}, Name: "c"}.Validate())
	require.Error(t, Cluster{ShardingKeys: map[string][]string{"vcc_agents": {"agent_id"}}}.Validate(), "keys without a cluster")
	require.ErrorContains(t, Cluster{Name: "bad name"}.Validate(), "cluster name")
	require.NoError(t, Cluster{Name: "prod-cluster_2.eu"}.Validate())
}

func TestClusterQuery(t *testing.T) {
	old, _ := CapabilitiesFor("18.16.1")
	cur, _ := CapabilitiesFor("24.8")
	for _, c := range []struct{ in, cur, old string }{
		{"SELECT * FROM `db`.`t` FINAL", "SELECT * FROM `db`.`t` FINAL", "SELECT * FROM `db`.`t` FINAL"},
		{"SELECT * FROM `db`.a AS x WHERE x.k = 1", "SELECT * FROM `db`.a AS x WHERE x.k = 1", "SELECT * FROM `db`.a AS x WHERE x.k = 1"},
		{
			"SELECT i.k FROM `db`.i AS i FINAL ANY LEFT JOIN (SELECT k FROM `db`.q FINAL) AS q ON i.k = q.k",
			"SELECT i.k FROM `db`.i AS i FINAL GLOBAL ANY LEFT JOIN (SELECT k FROM `db`.q FINAL) AS q ON i.k = q.k",
			"SELECT i.k FROM (SELECT * FROM `db`.i FINAL) AS i GLOBAL ANY LEFT JOIN (SELECT k FROM `db`.q FINAL) AS q ON i.k = q.k",
		},
		{"SELECT 1 FROM `db`.t AS t JOIN `db`.u AS u USING k", "SELECT 1 FROM `db`.t AS t GLOBAL JOIN `db`.u AS u USING k",
			"SELECT 1 FROM (SELECT * FROM `db`.t) AS t GLOBAL JOIN (SELECT * FROM `db`.u) AS u USING k"},
		{"SELECT 1 FROM t GLOBAL ALL INNER JOIN u USING k", "SELECT 1 FROM t GLOBAL ALL INNER JOIN u USING k", "SELECT 1 FROM t GLOBAL ALL INNER JOIN u USING k"},
		{"SELECT 1 FROM t WHERE k NOT IN (SELECT k FROM u) AND j in ( select j FROM v) AND z IN (1, 2)",
			"SELECT 1 FROM t WHERE k GLOBAL NOT IN (SELECT k FROM u) AND j GLOBAL in ( select j FROM v) AND z IN (1, 2)",
			"SELECT 1 FROM t WHERE k GLOBAL NOT IN (SELECT k FROM u) AND j GLOBAL in ( select j FROM v) AND z IN (1, 2)"},
	} {
		require.Equal(t, c.cur, ClusterQuery(c.in, cur), c.in)
		require.Equal(t, c.old, ClusterQuery(c.in, old), c.in)
	}
}

// TestClusterViews: every view is created ON CLUSTER, every JOIN and IN subquery in it is GLOBAL.
func TestClusterViews(t *testing.T) {
	cl := Cluster{Name: "c", Replicated: true}
	bareJoin := regexp.MustCompile(`(?i)(\w+)\s+(?:(?:ANY|ALL|ASOF|SEMI|ANTI|INNER|LEFT|RIGHT|FULL|CROSS|OUTER)\s+)*JOIN\b`)
	bareIn := regexp.MustCompile(`(?i)(\w+)\s+(?:NOT\s+)?IN\s*\(\s*SELECT\b`)
	for _, v := range []string{"18.16.1", "24.8"} {
		caps, _ := CapabilitiesFor(v)
		for _, view := range Views() {
			sql := cl.CreateView(view, "ccwh", caps)
			require.True(t, strings.HasPrefix(sql, "CREATE VIEW `ccwh`.`"+view.Name+"` ON CLUSTER `c` AS\n"), view.Name)
			for _, m := range bareJoin.FindAllStringSubmatch(sql, -1) {
				require.Equal(t, "GLOBAL", strings.ToUpper(m[1]), "%s: %s", view.Name, m[0])
			}
			for _, m := range bareIn.FindAllStringSubmatch(sql, -1) {
				require.Equal(t, "GLOBAL", strings.ToUpper(m[1]), "%s: %s", view.Name, m[0])
			}
		}
	}
	caps, _ := CapabilitiesFor("24.8")
	var q View
	for _, v := range Views() {
		if v.Name == "vcc_queue_service_30m" {
			q = v
		}
	}
	require.Contains(t, cl.CreateView(q, "ccwh", caps), "FROM `ccwh`.vcc_interactions AS i FINAL\nGLOBAL ANY LEFT JOIN")
}
