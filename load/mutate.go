package load

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"github.com/ccwh/ccwh/schema"
)

// Mutate runs ALTER TABLE <db>.<table> <command> (a DELETE or UPDATE mutation, e.g.
// "DELETE WHERE _run_id = ?") and waits until ClickHouse reports every mutation of the table
// done, so that when it returns the change is visible to every query. ctx bounds the wait.
//
// In cluster mode the mutation acts on the shard-local tables (see Alter), sent with
// mutations_sync = 2 to a replicated cluster of 20.3+ servers: ON CLUSTER returns when every
// server has run the ALTER, the setting makes each of them wait for its shard's replicas too
// (servers pass it on from 21.x), and WaitMutations then checks every server.
func (c *ClickHouse) Mutate(ctx context.Context, table, command string, args ...any) error {
	var extra clickhouse.Settings
	if c.clustered() && c.opt.Cluster.Replicated && c.caps.ClusterMutationWait() {
		extra = clickhouse.Settings{"mutations_sync": 2}
	}
	if err := c.alter(ctx, table, command, extra, args...); err != nil {
		return fmt.Errorf("load: mutate %s: %w", table, err)
	}
	return c.WaitMutations(ctx, table)
}

// Alter runs ALTER TABLE <db>.<table> <command> for commands that change a table's data or
// settings without a mutation to wait for (DROP PARTITION, MODIFY TTL). In cluster mode it
// alters the shard-local tables, where the rows and partitions are: ALTER TABLE
// <db>.<table>_local ON CLUSTER <cluster> <command> for a replicated cluster, or the ALTER
// without ON CLUSTER on every server of a cluster without replication.
func (c *ClickHouse) Alter(ctx context.Context, table, command string, args ...any) error {
	if err := c.alter(ctx, table, command, nil, args...); err != nil {
		return fmt.Errorf("load: alter %s: %w", table, err)
	}
	return nil
}

func (c *ClickHouse) alter(ctx context.Context, table, command string, extra clickhouse.Settings, args ...any) error {
	if !c.clustered() {
		return c.execWith(ctx, extra, fmt.Sprintf("ALTER TABLE %s.%s %s", schema.Quote(c.opt.Database), schema.Quote(table), command), args...)
	}
	cl := c.opt.Cluster
	q := cl.Alter(c.opt.Database, table, command)
	if cl.Replicated {
		return c.execWith(ctx, extra, q, args...)
	}
	servers, err := c.cluster.hostConns(ctx)
	if err != nil {
		return err
	}
	for _, s := range servers {
		if err := s.execWith(ctx, extra, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// execWith is Exec with extra settings.
func (c *ClickHouse) execWith(ctx context.Context, extra clickhouse.Settings, query string, args ...any) error {
	if err := c.conn.Exec(c.queryCtx(ctx, extra), query, args...); err != nil {
		return fmt.Errorf("load: exec at %s: %w", c.opt.Addr, err)
	}
	return nil
}

// WaitMutations waits until no mutation of table is pending. In cluster mode it waits for the
// mutations of the table's local tables on every server: through clusterAllReplicas (every
// replica of every shard, as seen by the connected server) for a replicated cluster of 20.3+
// servers, else by asking each server of the cluster (system.clusters) over a connection of
// its own. On replicated servers older than 20.3 a replica that has not yet fetched a
// mutation from ZooKeeper shows nothing pending: run cluster mode on current ClickHouse.
func (c *ClickHouse) WaitMutations(ctx context.Context, table string) error {
	if !c.clustered() {
		return c.waitMutations(ctx, table)
	}
	local := schema.LocalName(table)
	if c.opt.Cluster.Replicated && c.caps.ClusterMutationWait() {
		q := "SELECT count() FROM clusterAllReplicas(?, system.mutations) WHERE database = ? AND table = ? AND is_done = 0"
		return c.pollMutations(ctx, local, q, c.opt.Cluster.Name, c.opt.Database, local)
	}
	servers, err := c.cluster.hostConns(ctx)
	if err != nil {
		return fmt.Errorf("load: wait for mutations of %s: %w", local, err)
	}
	for _, s := range servers {
		if err := s.waitMutations(ctx, local); err != nil {
			return err
		}
	}
	return nil
}

// waitMutations waits until no mutation of table is pending on this server.
func (c *ClickHouse) waitMutations(ctx context.Context, table string) error {
	q := "SELECT count() FROM system.mutations WHERE database = ? AND table = ? AND is_done = 0"
	return c.pollMutations(ctx, table, q, c.opt.Database, table)
}

// pollMutations runs a count of pending mutations until it is zero or ctx ends.
func (c *ClickHouse) pollMutations(ctx context.Context, table, query string, args ...any) error {
	for {
		var pending uint64
		if err := c.QueryRow(ctx, query, args...).Scan(&pending); err != nil {
			return fmt.Errorf("load: wait for mutations of %s at %s: %w", table, c.opt.Addr, err)
		}
		if pending == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("load: wait for mutations of %s at %s: %w", table, c.opt.Addr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
