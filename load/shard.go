package load

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"golang.org/x/sync/errgroup"

	"github.com/ccwh/ccwh/schema"
)

// InsertMode is where Insert sends rows in cluster mode.
type InsertMode string

// Insert modes.
const (
	// InsertDistributed inserts into the Distributed tables, which split each batch over the
	// shards by the sharding key. insert_distributed_sync makes the insert return only when
	// every shard has its part, so an acknowledged batch is in the shards' tables.
	InsertDistributed InsertMode = "distributed"
	// InsertShards splits each batch in ccwh, by the same sharding key and the shards' weights
	// as the Distributed engine, and inserts each part straight into its shard's local table
	// (one connection per shard, to its first replica, the others as failover). It spares the
	// server the second hop; the few rows of the internal tables still go through the
	// Distributed tables.
	InsertShards InsertMode = "shards"
)

// checkCluster validates the cluster-mode options before any connection.
func (o Options) checkCluster() error {
	if !o.Cluster.Enabled() {
		if o.Insert == InsertShards {
			return fmt.Errorf("load: insert mode %q needs a cluster", o.Insert)
		}
		return nil
	}
	if err := o.Cluster.Validate(); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	switch o.Insert {
	case "", InsertDistributed, InsertShards:
		return nil
	}
	return fmt.Errorf("load: unknown insert mode %q (want %s or %s)", o.Insert, InsertDistributed, InsertShards)
}

// clusterConn is cluster mode's picture of the cluster: its shards and servers as the
// connected server's system.clusters lists them (read on first use) and one connection pool
// per shard and per server, opened on first use.
type clusterConn struct {
	parent *ClickHouse

	mu     sync.Mutex
	shards []shardInfo            // nil until discovered
	slots  []int                  // slot → index into shards, weight slots per shard, as the Distributed engine
	byNum  map[int]*ClickHouse    // shard number → connection (InsertShards)
	hosts  map[string]*ClickHouse // host:port → connection (DDL and mutation waits per server)
	probed bool                   // cityHash64 parity checked
}

// shardInfo is one shard of the cluster.
type shardInfo struct {
	num    int
	weight int
	addrs  []string // host:port of every replica, in replica order
}

// openCluster checks that the connected server knows the cluster (and, for a replicated one,
// the macros the local tables' ZooKeeper paths use) and turns on synchronous Distributed inserts.
func (c *ClickHouse) openCluster(ctx context.Context) error {
	name := c.opt.Cluster.Name
	var n uint64
	if err := c.QueryRow(ctx, "SELECT count() FROM system.clusters WHERE cluster = ?", name).Scan(&n); err != nil {
		return fmt.Errorf("load: read system.clusters at %s: %w", c.opt.Addr, err)
	}
	if n == 0 {
		return fmt.Errorf("load: cluster %q is not defined on the ClickHouse server at %s (remote_servers in its config)", name, c.opt.Addr)
	}
	if err := c.QueryRow(ctx, "SELECT count() FROM system.clusters WHERE cluster = ? AND is_local = 1", name).Scan(&n); err != nil {
		return fmt.Errorf("load: read system.clusters at %s: %w", c.opt.Addr, err)
	}
	if n == 0 {
		// Not an error: a server can fail to recognise itself behind a proxy or NAT.
		c.log.Warn().Str("cluster", name).Str("addr", c.opt.Addr).
			Msg("the server does not list itself in the cluster; ccwh creates and reads the tables through it, so point addr at a server of the cluster")
	}
	if c.opt.Cluster.Replicated {
		if err := c.QueryRow(ctx, "SELECT count() FROM system.macros WHERE macro IN ('shard', 'replica')").Scan(&n); err != nil {
			return fmt.Errorf("load: read system.macros at %s: %w", c.opt.Addr, err)
		}
		if n != 2 {
			return fmt.Errorf("load: cluster %q is replicated but the server at %s lacks the macros {shard} and {replica} (macros in its config)", name, c.opt.Addr)
		}
	}
	// The Distributed tables' inserts return once every shard has its rows, not when they are
	// queued on this server: the watermark and rollbacks rely on that.
	c.settings["insert_distributed_sync"] = 1
	c.cluster = &clusterConn{parent: c, byNum: map[int]*ClickHouse{}, hosts: map[string]*ClickHouse{}}
	return nil
}

// clustered reports whether the connection is in cluster mode.
func (c *ClickHouse) clustered() bool { return c.cluster != nil }

// sharded reports whether Insert sends rows straight to the shards.
func (c *ClickHouse) sharded() bool { return c.cluster != nil && c.opt.Insert == InsertShards }

// discover reads the cluster's shards from system.clusters once. The caller holds cl.mu.
func (cl *clusterConn) discover(ctx context.Context) error {
	if cl.shards != nil {
		return nil
	}
	p := cl.parent
	rows, err := p.Query(ctx, `SELECT toUInt64(shard_num), toUInt64(shard_weight), host_name, toUInt64(port)
FROM system.clusters WHERE cluster = ? ORDER BY shard_num, replica_num`, p.opt.Cluster.Name)
	if err != nil {
		return fmt.Errorf("read the shards of cluster %s: %w", p.opt.Cluster.Name, err)
	}
	defer rows.Close()
	var shards []shardInfo
	for rows.Next() {
		var num, weight, port uint64
		var host string
		if err := rows.Scan(&num, &weight, &host, &port); err != nil {
			return fmt.Errorf("read the shards of cluster %s: %w", p.opt.Cluster.Name, err)
		}
		addr := net.JoinHostPort(host, strconv.FormatUint(port, 10))
		if n := len(shards); n > 0 && shards[n-1].num == int(num) {
			shards[n-1].addrs = append(shards[n-1].addrs, addr)
			continue
		}
		shards = append(shards, shardInfo{num: int(num), weight: int(weight), addrs: []string{addr}})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the shards of cluster %s: %w", p.opt.Cluster.Name, err)
	}
	if len(shards) == 0 {
		return fmt.Errorf("cluster %s has no shards in system.clusters at %s", p.opt.Cluster.Name, p.opt.Addr)
	}
	if !p.opt.Cluster.Replicated {
		for _, s := range shards {
			if len(s.addrs) > 1 {
				return fmt.Errorf("cluster %s: shard %d has %d replicas, but without replication ccwh writes one server per shard "+
					"(set replicated: true, or list one replica per shard)", p.opt.Cluster.Name, s.num, len(s.addrs))
			}
		}
	}
	cl.shards, cl.slots = shards, slotsByWeight(shards)
	if len(cl.slots) == 0 {
		return fmt.Errorf("cluster %s: every shard has weight 0", p.opt.Cluster.Name)
	}
	return nil
}

// slotsByWeight maps slots to shards as ClickHouse's Distributed engine does: each shard, in
// shard order, gets as many consecutive slots as its weight; a row goes to
// slots[shardingKey % len(slots)].
func slotsByWeight(shards []shardInfo) []int {
	var slots []int
	for i, s := range shards {
		for range s.weight {
			slots = append(slots, i)
		}
	}
	return slots
}

// open connects to one server of the cluster with the parent's credentials and settings (not
// in cluster mode: its tables are addressed directly).
func (cl *clusterConn) open(ctx context.Context, addr string, failover []string) (*ClickHouse, error) {
	o := cl.parent.opt
	o.Addr, o.Failover = addr, failover
	o.Cluster, o.Insert = schema.Cluster{}, ""
	if o.TLS != nil {
		o.TLS = o.TLS.Clone()
		o.TLS.ServerName = "" // each server is verified under its own name
	}
	c, err := Open(ctx, o, cl.parent.log)
	if err != nil {
		return nil, fmt.Errorf("cluster %s: %w", cl.parent.opt.Cluster.Name, err)
	}
	return c, nil
}

// hostConns returns a connection to every server of the cluster (each replica of each shard),
// for DDL run per server and for waiting on each server's mutations.
func (cl *clusterConn) hostConns(ctx context.Context) ([]*ClickHouse, error) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if err := cl.discover(ctx); err != nil {
		return nil, err
	}
	var out []*ClickHouse
	for _, s := range cl.shards {
		for _, a := range s.addrs {
			c, ok := cl.hosts[a]
			if !ok {
				var err error
				if c, err = cl.open(ctx, a, nil); err != nil {
					return nil, err
				}
				cl.hosts[a] = c
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// shardConn is a connection to one shard.
type shardConn struct {
	num int
	ch  *ClickHouse
}

// shardConns returns a connection per shard (to its first replica, the others as failover)
// and the slot map, and checks once that ccwh's cityHash64 is the server's.
func (cl *clusterConn) shardConns(ctx context.Context) ([]shardConn, []int, error) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if err := cl.discover(ctx); err != nil {
		return nil, nil, err
	}
	out := make([]shardConn, len(cl.shards))
	for i, s := range cl.shards {
		c, ok := cl.byNum[s.num]
		if !ok {
			var err error
			if c, err = cl.open(ctx, s.addrs[0], s.addrs[1:]); err != nil {
				return nil, nil, err
			}
			cl.byNum[s.num] = c
		}
		out[i] = shardConn{num: s.num, ch: c}
	}
	if !cl.probed {
		if err := probeHash(ctx, out[0].ch); err != nil {
			return nil, nil, err
		}
		cl.probed = true
	}
	return out, cl.slots, nil
}

// close closes every connection to the cluster's servers.
func (cl *clusterConn) close() error {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	var errs []error
	for _, c := range cl.hosts {
		errs = append(errs, c.Close())
	}
	for _, c := range cl.byNum {
		errs = append(errs, c.Close())
	}
	cl.hosts, cl.byNum = map[string]*ClickHouse{}, map[int]*ClickHouse{}
	return errors.Join(errs...)
}

// insertShards is Insert with InsertShards: rows are routed by the table's sharding key and
// each shard's part goes into its local table, the parts in parallel. A batch that fails on
// one shard fails whole, and its retry inserts every part again: the insert de-duplication
// token (where the server has it) and ReplacingMergeTree make the repeat harmless.
func (c *ClickHouse) insertShards(ctx context.Context, t *schema.Table, rec arrow.Record, dedupToken string) error {
	rows := int(rec.NumRows())
	if err := checkRecord(t, rec); err != nil {
		return fmt.Errorf("load: insert %d rows into %s: %w", rows, t.Name, err)
	}
	if rows == 0 {
		return nil
	}
	conns, slots, err := c.cluster.shardConns(ctx)
	if err != nil {
		return fmt.Errorf("load: insert %d rows into %s: %w", rows, t.Name, err)
	}
	parts, err := routeRows(rec, t, c.opt.Cluster.ShardingKey(t), slots, len(conns))
	if err != nil {
		return fmt.Errorf("load: insert %d rows into %s: %w", rows, t.Name, err)
	}
	local := t.Local()
	start := time.Now()
	g, gctx := errgroup.WithContext(ctx)
	for i, idx := range parts {
		if len(idx) == 0 {
			continue
		}
		g.Go(func() error {
			part := rec
			if len(idx) < rows {
				part = takeRows(memory.DefaultAllocator, rec, idx)
				defer part.Release()
			}
			if err := conns[i].ch.Insert(gctx, local, part, dedupToken); err != nil {
				return fmt.Errorf("shard %d: %w", conns[i].num, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("load: insert %d rows into the shards of %s: %w", rows, t.Name, err)
	}
	c.log.Debug().Str("table", t.Name).Int("rows", rows).Int("shards", len(conns)).Dur("took", time.Since(start)).Msg("inserted into shards")
	return nil
}
