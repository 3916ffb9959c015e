package load

import (
	"context"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/schema"
)

// Mutate runs ALTER TABLE <db>.<table> <command> (a DELETE or UPDATE mutation, e.g.
// "DELETE WHERE _run_id = ?") and waits until ClickHouse reports every mutation of the table
// done, so that when it returns the change is visible to every query. ctx bounds the wait.
func (c *ClickHouse) Mutate(ctx context.Context, table, command string, args ...any) error {
	q := fmt.Sprintf("ALTER TABLE %s.%s %s", schema.Quote(c.opt.Database), schema.Quote(table), command)
	if err := c.Exec(ctx, q, args...); err != nil {
		return fmt.Errorf("load: mutate %s: %w", table, err)
	}
	return c.WaitMutations(ctx, table)
}

// WaitMutations waits until no mutation of table is pending.
func (c *ClickHouse) WaitMutations(ctx context.Context, table string) error {
	for {
		var pending uint64
		if err := c.QueryRow(ctx, "SELECT count() FROM system.mutations WHERE database = ? AND table = ? AND is_done = 0",
			c.opt.Database, table).Scan(&pending); err != nil {
			return fmt.Errorf("load: wait for mutations of %s: %w", table, err)
		}
		if pending == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("load: wait for mutations of %s: %w", table, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
