package load_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

// Cluster mode against the real server: every private server (load/localch) defines the
// cluster localch.Cluster, one shard of one replica, itself. Without ZooKeeper it cannot run
// ON CLUSTER DDL or Replicated* engines, so these tests run cluster mode without replication:
// plain ReplacingMergeTree local tables, Distributed tables over them, DDL and mutations run by
// ccwh on every server of the cluster. The replicated DDL is only rendered (schema tests).
// Against an external server (CCWH_TEST_CLICKHOUSE_ADDR) the server must define that cluster.

func clusterOptions(insert load.InsertMode) load.Options {
	return load.Options{Cluster: schema.Cluster{Name: localch.Cluster}, Insert: insert}
}

// engines reads table → engine of c's database.
func engines(t *testing.T, c *load.ClickHouse) map[string]string {
	t.Helper()
	rows, err := c.Query(context.Background(), "SELECT name, engine FROM system.tables WHERE database = ?", c.Database())
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, e string
		require.NoError(t, rows.Scan(&n, &e))
		out[n] = e
	}
	require.NoError(t, rows.Err())
	return out
}

func count(t *testing.T, c *load.ClickHouse, from string, args ...any) uint64 {
	t.Helper()
	var n uint64
	require.NoError(t, c.QueryRow(context.Background(), "SELECT count() FROM "+schema.Quote(c.Database())+"."+from, args...).Scan(&n), from)
	return n
}

// TestClusterOneShard: migrate creates a local and a Distributed table for every table and the
// views over them; inserts through the Distributed tables and straight into the shard land in
// the local tables; FINAL collapses through the Distributed table; Mutate deletes from the
// local tables and waits; Alter drops a partition of the local tables.
func TestClusterOneShard(t *testing.T) {
	ctx := context.Background()
	c := openDB(t, clusterOptions(load.InsertDistributed))
	require.NoError(t, c.Migrate(ctx, "test-1"))
	first := engines(t, c)
	for _, tbl := range append(schema.InternalTables(), schema.Tables()...) {
		require.Equal(t, "Distributed", first[tbl.Name], tbl.Name)
		require.Equal(t, "ReplacingMergeTree", first[schema.LocalName(tbl.Name)], tbl.Name)
	}
	for _, v := range schema.Views() {
		require.Equal(t, "View", first[v.Name], v.Name)
		count(t, c, schema.Quote(v.Name)) // every view can be queried through the Distributed tables
	}
	require.Equal(t, uint64(1), count(t, c, "_ccwh_schema WHERE version = ?", uint64(schema.Version)), "recorded through the Distributed table")
	require.Equal(t, uint64(1), count(t, c, "_ccwh_schema_local"))
	require.NoError(t, c.Migrate(ctx, "test-2"))
	require.Equal(t, first, engines(t, c), "a second migrate changes nothing")
	require.Equal(t, uint64(1), count(t, c, "_ccwh_schema"))

	require.NoError(t, c.EnsureTables(ctx, allTypes))
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := buildRecord(t, mem, allTypes, allTypesRows())
	defer rec.Release()
	require.NoError(t, c.Insert(ctx, allTypes, rec, "s:t:w:1"))
	require.Equal(t, uint64(3), count(t, c, "test_all_types_local"), "synchronous: in the shard when Insert returns")
	require.NoError(t, c.Insert(ctx, allTypes, rec, "s:t:w:1"))
	if !c.Capabilities().DedupToken {
		require.Equal(t, uint64(6), count(t, c, "test_all_types_local"))
	}
	require.Equal(t, uint64(3), count(t, c, "test_all_types FINAL"), "FINAL collapses through the Distributed table")

	sharded := openDB(t, load.Options{Database: c.Database(), Cluster: schema.Cluster{Name: localch.Cluster}, Insert: load.InsertShards})
	before := count(t, c, "test_all_types_local")
	require.NoError(t, sharded.Insert(ctx, allTypes, rec, "s:t:w:2"))
	require.Equal(t, before+3, count(t, c, "test_all_types_local"), "insert: shards writes the local table")
	require.Equal(t, uint64(3), count(t, c, "test_all_types FINAL"))
	want := allTypesRows()
	for _, row := range want {
		for i, col := range allTypes.Columns {
			if col.Type == schema.Timestamp && row[i] != nil && !c.Capabilities().DateTime64 {
				row[i] = row[i].(time.Time).Truncate(time.Second) // DateTime: whole seconds
			}
		}
	}
	require.Equal(t, want, selectRows(t, c, allTypes), "values survive both paths")

	require.NoError(t, c.Mutate(ctx, allTypes.Name, "DELETE WHERE `_source` = ?", "src-b"))
	require.Equal(t, uint64(0), count(t, c, "test_all_types_local WHERE _source = 'src-b'"), "deleted when Mutate returns")
	require.Equal(t, uint64(2), count(t, c, "test_all_types FINAL"))
	require.NoError(t, c.WaitMutations(ctx, allTypes.Name))
	require.NoError(t, c.Alter(ctx, allTypes.Name, "DROP PARTITION 202402"), "partitions live in the local tables")
	require.Equal(t, uint64(1), count(t, c, "test_all_types FINAL"))

	// Internal tables go through the Distributed tables too.
	now := time.Now().UTC().Truncate(time.Second)
	require.NoError(t, c.InsertRows(ctx, schema.State, [][]any{{"acme", "agents", now, "run-1", now, uint64(1)}}))
	require.Equal(t, uint64(1), count(t, c, "_ccwh_state_local"))
}

// TestClusterRefusesSingleServerTables: a database migrated for a single server has plain tables
// under the names the Distributed tables need; cluster mode says so instead of mixing them.
func TestClusterRefusesSingleServerTables(t *testing.T) {
	ctx := context.Background()
	single := openDB(t, load.Options{})
	require.NoError(t, single.EnsureTables(ctx, schema.State))
	c := openDB(t, load.Options{Database: single.Database(), Cluster: schema.Cluster{Name: localch.Cluster}})
	err := c.Migrate(ctx, "test")
	require.ErrorContains(t, err, "_ccwh_state")
	require.ErrorContains(t, err, "has engine ReplacingMergeTree, not Distributed")
}

func TestClusterOpenChecks(t *testing.T) {
	srv := chtest.Start(t)
	ctx := context.Background()
	log := zerolog.New(zerolog.NewTestWriter(t))
	_, err := load.Open(ctx, load.Options{Addr: srv.Addr, Cluster: schema.Cluster{Name: "no_such_cluster"}}, log)
	require.ErrorContains(t, err, `cluster "no_such_cluster" is not defined`)
	_, err = load.Open(ctx, load.Options{Addr: srv.Addr, Cluster: schema.Cluster{Name: localch.Cluster}, Insert: "sideways"}, log)
	require.ErrorContains(t, err, `unknown insert mode "sideways"`)
	_, err = load.Open(ctx, load.Options{Addr: srv.Addr, Insert: load.InsertShards}, log)
	require.ErrorContains(t, err, "needs a cluster")
	// The private server has the macros; ZooKeeper is what it lacks for replication, and that
	// shows only when a Replicated table is created.
	c, err := load.Open(ctx, load.Options{Addr: srv.Addr, Cluster: schema.Cluster{Name: localch.Cluster, Replicated: true}}, log)
	require.NoError(t, err)
	require.NoError(t, c.Close())
}

// TestShardInsertsTwoServers routes one batch over two real servers (shards 1 and 2, weights 1
// and 2) and checks with the servers' own cityHash64 that every row is where the Distributed
// engine would have put it: shard slots[cityHash64(id) % 3], slots = [1, 2, 2].
func TestShardInsertsTwoServers(t *testing.T) {
	ctx := context.Background()
	srvA := chtest.Start(t)
	srvB, err := localch.Start(ctx, "", zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel))
	require.NoError(t, err, "a second private ClickHouse server")
	t.Cleanup(func() { require.NoError(t, srvB.Stop()) })

	a := openDB(t, load.Options{})
	b := openDB(t, load.Options{Addr: srvB.Addr, Database: a.Database()})
	plain := schema.Cluster{Name: localch.Cluster}
	for _, s := range []*load.ClickHouse{a, b} {
		require.NoError(t, s.Exec(ctx, plain.CreateLocal(allTypes, s.Database(), s.Capabilities())))
	}
	c := openDB(t, load.Options{Addr: srvA.Addr, Database: a.Database(), Cluster: plain, Insert: load.InsertShards})
	load.SetShardsForTest(c, []string{srvA.Addr, srvB.Addr}, []int{1, 2})

	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	const n = 600
	rec := synthetic(t, mem, allTypes, n, 3)
	defer rec.Release()
	require.NoError(t, c.Insert(ctx, allTypes, rec, ""))

	onA, onB := count(t, a, "test_all_types_local"), count(t, b, "test_all_types_local")
	require.Equal(t, uint64(n), onA+onB)
	require.InDelta(t, n/3, onA, n/10, "shard 1 has weight 1 of 3")
	require.Equal(t, uint64(0), count(t, a, "test_all_types_local WHERE cityHash64(id) % 3 != 0"), "slot 0 is shard 1")
	require.Equal(t, uint64(0), count(t, b, "test_all_types_local WHERE cityHash64(id) % 3 = 0"), "slots 1 and 2 are shard 2")

	require.NoError(t, c.Insert(ctx, allTypes, rec, ""), "the same batch again")
	require.Equal(t, onA*2, count(t, a, "test_all_types_local"), "lands on the same shards")
	require.Equal(t, onA, count(t, a, "test_all_types_local FINAL"))
	require.Equal(t, onB, count(t, b, "test_all_types_local FINAL"))
}

// TestCityHashMatchesServer: the probe ccwh runs before its first shard insert passes on this
// server, and the server's slot for many keys of every length class is ccwh's.
func TestCityHashMatchesServer(t *testing.T) {
	ctx := context.Background()
	c := openDB(t, clusterOptions(load.InsertShards))
	require.NoError(t, c.EnsureTables(ctx, allTypes))
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := synthetic(t, mem, allTypes, 10, 1)
	defer rec.Release()
	require.NoError(t, c.Insert(ctx, allTypes, rec, ""), "the hash probe passes")

	var keys []string
	for l := range 140 {
		keys = append(keys, strings.Repeat(fmt.Sprintf("%c", 'a'+l%26), l)+fmt.Sprint(l))
	}
	var sql strings.Builder
	sql.WriteString("SELECT ")
	for i, k := range keys {
		if i > 0 {
			sql.WriteString(", ")
		}
		fmt.Fprintf(&sql, "toUInt64(cityHash64('%s', toInt64(%d), toUInt64(%d)) %% 7)", k, -i*1000003, uint64(i)<<40)
	}
	got := make([]uint64, len(keys))
	dest := make([]any, len(keys))
	for i := range got {
		dest[i] = &got[i]
	}
	require.NoError(t, c.QueryRow(ctx, sql.String()).Scan(dest...))
	for i, k := range keys {
		require.Equal(t, got[i], load.CityHashForTest(k, int64(-i*1000003), uint64(i)<<40)%7, "key %q", k)
	}
}
