package load

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"

	"github.com/ccwh/ccwh/schema"
)

// Replay returns a batch that was written to an InsertStream once more (the jobs give its Parquet
// file); the caller releases the record.
type Replay func() (arrow.Record, error)

// InsertStream loads a sequence of record batches of one table through one INSERT: Write
// converts a record into the driver's block and sends it to the server at once, Commit ends the
// INSERT and waits for the server to acknowledge it. The server squashes the blocks of one
// INSERT into parts of up to a million rows (min_insert_block_size_rows), where an INSERT per
// batch made one part per batch for background merges to combine: on 1M rows of
// vcc_interactions in 20k-row batches, 50 INSERTs cost the server about twice the CPU of one
// INSERT of 50 blocks. The driver's block is reused from batch to batch, so it stops growing
// after the first.
//
// A failed INSERT cannot be resumed. When one fails transiently, the stream opens a new one
// and sends every batch of the failed one again, from the Replay given with each Write, so
// that the caller keeps only the batch it is writing. Rows of an INSERT that failed may already
// be in the table (parts squashed before the failure): the ReplacingMergeTree tables collapse
// them with the replayed ones. An InsertStream is not safe for concurrent use.
type InsertStream struct {
	c         *ClickHouse
	t         *schema.Table
	query     string
	batch     driver.Batch // the open INSERT, nil when none
	qctx      context.Context
	sc        scratch
	replays   []Replay // the batches sent in the open INSERT, in order
	rows      int      // rows sent in the open INSERT
	committed int      // rows acknowledged by the server
	opened    time.Time
}

// NewInsertStream starts a stream into t. It opens no connection before the first Write.
func (c *ClickHouse) NewInsertStream(t *schema.Table) *InsertStream {
	return &InsertStream{c: c, t: t, query: insertQuery(c.opt.Database, t)}
}

// Table is the stream's table.
func (s *InsertStream) Table() *schema.Table { return s.t }

// Committed is the number of rows the server has acknowledged.
func (s *InsertStream) Committed() int { return s.committed }

// Rows is the number of rows written since the last Commit.
func (s *InsertStream) Rows() int { return s.rows }

// Open reports whether an INSERT is open (rows written and not yet committed).
func (s *InsertStream) Open() bool { return s.batch != nil }

// Write sends rec as one block of the open INSERT, opening one when none is; dedupToken
// de-duplicates the INSERT that this batch opens (where the server supports tokens) and is
// ignored when an INSERT is already open. The caller keeps rec until Write returns and gives,
// in replay, a way to get the batch back for as long as the INSERT is open. In cluster mode
// with inserts straight to the shards, each Write is a whole Insert of its own.
func (s *InsertStream) Write(ctx context.Context, rec arrow.Record, dedupToken string, replay Replay) error {
	rows := int(rec.NumRows())
	if err := checkRecord(s.t, rec); err != nil {
		return fmt.Errorf("load: insert %d rows into %s: %w", rows, s.t.Name, err)
	}
	if rows == 0 {
		return nil
	}
	if s.c.sharded() {
		if err := s.c.Insert(ctx, s.t, rec, dedupToken); err != nil {
			return err
		}
		s.committed += rows
		return nil
	}
	if s.batch == nil {
		var extra clickhouse.Settings
		if s.c.caps.DedupToken && dedupToken != "" {
			extra = clickhouse.Settings{"insert_deduplicate": 1, "insert_deduplication_token": dedupToken}
		}
		s.qctx = s.c.queryCtx(ctx, extra)
		s.opened = time.Now()
	}
	err := s.do(func(ctx context.Context) error { return s.send(ctx, rec) })
	if err != nil {
		s.Abort()
		return fmt.Errorf("load: insert %d rows into %s.%s at %s: %w", rows, s.c.opt.Database, s.t.Name, s.c.opt.Addr, err)
	}
	s.replays = append(s.replays, replay)
	s.rows += rows
	return nil
}

// Commit ends the open INSERT and returns when the server has acknowledged every row written
// since the last Commit; without an open INSERT it does nothing.
func (s *InsertStream) Commit() error {
	if s.batch == nil {
		return nil
	}
	rows := s.rows
	err := s.do(func(context.Context) error {
		if err := s.batch.Send(); err != nil {
			return fmt.Errorf("send: %w", err)
		}
		return nil
	})
	took := time.Since(s.opened)
	s.batch, s.replays, s.rows, s.qctx = nil, s.replays[:0], 0, nil
	s.sc.clearPointers()
	if err != nil {
		return fmt.Errorf("load: commit %d rows into %s.%s at %s: %w", rows, s.c.opt.Database, s.t.Name, s.c.opt.Addr, err)
	}
	s.committed += rows
	s.c.log.Debug().Str("table", s.t.Name).Int("rows", rows).Dur("took", took).Msg("inserted")
	return nil
}

// Abort abandons the open INSERT by closing its connection. The server drops a block it
// received only in part, but ClickHouse 18.16 ends the INSERT with the whole blocks it has, so
// rows written before an Abort may still land: to undo a stream, commit it and delete the rows.
func (s *InsertStream) Abort() {
	if s.batch != nil {
		_ = s.batch.Abort()
	}
	s.batch, s.replays, s.rows, s.qctx = nil, s.replays[:0], 0, nil
	s.sc.clearPointers()
}

// do runs op on the open INSERT (opening it when none is) with the client's retries. Before a
// retry, the failed INSERT is abandoned and a new one is brought to where it was by replaying
// its batches.
func (s *InsertStream) do(op func(context.Context) error) error {
	first := true
	return s.c.retry(s.qctx, func(ctx context.Context) error {
		if !first {
			if s.batch != nil {
				_ = s.batch.Abort()
				s.batch = nil
			}
			if err := s.replay(ctx); err != nil {
				return err
			}
		}
		first = false
		if s.batch == nil {
			if err := s.prepare(ctx); err != nil {
				return err
			}
		}
		return op(ctx)
	})
}

func (s *InsertStream) prepare(ctx context.Context) error {
	b, err := s.c.conn.PrepareBatch(ctx, s.query)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	s.batch = b
	return nil
}

// replay opens a new INSERT and sends the batches of the abandoned one again.
func (s *InsertStream) replay(ctx context.Context) error {
	if len(s.replays) == 0 {
		return nil
	}
	if err := s.prepare(ctx); err != nil {
		return err
	}
	for i, r := range s.replays {
		if r == nil {
			return fmt.Errorf("batch %d of the failed INSERT cannot be replayed", i+1)
		}
		rec, err := r()
		if err != nil {
			return fmt.Errorf("replay batch %d of the failed INSERT: %w", i+1, err)
		}
		err = s.send(ctx, rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// send appends rec to the open INSERT's block and sends the block.
func (s *InsertStream) send(_ context.Context, rec arrow.Record) error {
	if err := appendRecord(s.batch, s.t, rec, &s.sc, s.c.caps.BoolType); err != nil {
		return err
	}
	if err := s.batch.Flush(); err != nil {
		return fmt.Errorf("send block: %w", err)
	}
	return nil
}
