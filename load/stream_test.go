package load_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/schema"
)

// sliceReplay replays rows [lo,hi) of rec and counts the replays.
func sliceReplay(rec arrow.Record, lo, hi int64, n *atomic.Int32) load.Replay {
	return func() (arrow.Record, error) {
		n.Add(1)
		return rec.NewSlice(lo, hi), nil
	}
}

func TestInsertStreamEveryType(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	c := openDB(t, load.Options{})
	require.NoError(t, c.EnsureTables(ctx, allTypes))

	in := allTypesRows()
	rec := buildRecord(t, mem, allTypes, in)
	defer rec.Release()
	s := c.NewInsertStream(allTypes)
	var replays atomic.Int32
	// Two blocks of one INSERT; the second is a slice (Arrow arrays with an offset).
	for _, r := range [][2]int64{{0, 2}, {2, int64(len(in))}} {
		part := rec.NewSlice(r[0], r[1])
		require.NoError(t, s.Write(ctx, part, "test:stream:1", sliceReplay(rec, r[0], r[1], &replays)))
		part.Release()
	}
	require.True(t, s.Open())
	require.Equal(t, len(in), s.Rows())
	require.Zero(t, countRows(t, c, allTypes.Name, false), "nothing is visible before the commit")
	require.NoError(t, s.Commit())
	require.False(t, s.Open())
	require.Equal(t, len(in), s.Committed())
	require.Zero(t, replays.Load())

	want := allTypesRows()
	for _, row := range want {
		for i, col := range allTypes.Columns {
			if col.Type == schema.Timestamp && row[i] != nil && !c.Capabilities().DateTime64 {
				row[i] = row[i].(time.Time).Truncate(time.Second) // DateTime: whole seconds
			}
		}
	}
	require.Equal(t, want, selectRows(t, c, allTypes))
	require.NoError(t, s.Commit(), "a commit without an open INSERT does nothing")
}

// TestInsertStreamReplaysAfterCut: the connection is cut while the third batch is sent; the
// stream opens a new INSERT, replays the first two batches and sends the third, and the table
// ends up with every row exactly once.
func TestInsertStreamReplaysAfterCut(t *testing.T) {
	srv := chtest.Start(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	p := newFaultProxy(t, srv.Addr)
	c := openDB(t, load.Options{Addr: p.Addr(), MaxRetries: 3})
	require.NoError(t, c.EnsureTables(ctx, allTypes))
	const rows, per = 30000, 10000
	rec := synthetic(t, mem, allTypes, rows, 7)
	defer rec.Release()

	s := c.NewInsertStream(allTypes)
	var replays atomic.Int32
	for lo := int64(0); lo < rows; lo += per {
		if lo == 2*per {
			p.cutAfter(64 << 10) // in the middle of the third block
		}
		part := rec.NewSlice(lo, lo+per)
		require.NoError(t, s.Write(ctx, part, "test:stream:cut", sliceReplay(rec, lo, lo+per, &replays)))
		part.Release()
	}
	require.NoError(t, s.Commit())
	require.EqualValues(t, 1, p.cuts.Load())
	// Each retry replays the batches of the failed INSERT: two, or more when a retry fails too
	// (a pooled connection the cut closed as well).
	require.GreaterOrEqual(t, replays.Load(), int32(2), "the two batches of the failed INSERT were sent again")
	require.EqualValues(t, rows, s.Committed())
	require.EqualValues(t, rows, countRows(t, c, allTypes.Name, false), "the failed INSERT left nothing behind")
	require.EqualValues(t, rows, countRows(t, c, allTypes.Name, true))
}

func TestInsertStreamFailures(t *testing.T) {
	srv := chtest.Start(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()

	t.Run("abort", func(t *testing.T) {
		c := openDB(t, load.Options{})
		require.NoError(t, c.EnsureTables(ctx, allTypes))
		rec := synthetic(t, mem, allTypes, 1000, 1)
		defer rec.Release()
		s := c.NewInsertStream(allTypes)
		require.NoError(t, s.Write(ctx, rec, "", nil))
		s.Abort()
		require.False(t, s.Open())
		require.Zero(t, s.Committed())
		// The connection is closed; whole blocks the server received may still land (18.16
		// ends the INSERT with them), never a part of a block.
		time.Sleep(200 * time.Millisecond)
		require.Contains(t, []uint64{0, 1000}, countRows(t, c, allTypes.Name, false))
		// The stream is usable again.
		require.NoError(t, c.Exec(ctx, "TRUNCATE TABLE "+schema.Quote(c.Database())+"."+allTypes.Name))
		require.NoError(t, s.Write(ctx, rec, "", nil))
		require.NoError(t, s.Commit())
		require.EqualValues(t, 1000, countRows(t, c, allTypes.Name, false))
	})

	t.Run("a batch that cannot be replayed fails the stream", func(t *testing.T) {
		p := newFaultProxy(t, srv.Addr)
		c := openDB(t, load.Options{Addr: p.Addr(), MaxRetries: 2})
		require.NoError(t, c.EnsureTables(ctx, allTypes))
		rec := synthetic(t, mem, allTypes, 10000, 2)
		defer rec.Release()
		s := c.NewInsertStream(allTypes)
		gone := errors.New("parquet file gone")
		require.NoError(t, s.Write(ctx, rec, "", func() (arrow.Record, error) { return nil, gone }))
		p.cutAfter(16 << 10)
		// The cut shows in this Write, or in the Commit when the block fit the socket buffers.
		err := s.Write(ctx, rec, "", nil)
		if err == nil {
			err = s.Commit()
		}
		require.ErrorIs(t, err, gone)
		require.False(t, load.Transient(err))
		require.Contains(t, err.Error(), "replay batch 1")
		require.Contains(t, err.Error(), allTypes.Name)
		require.False(t, s.Open())
	})

	t.Run("schema mismatch", func(t *testing.T) {
		c := openDB(t, load.Options{})
		rec := synthetic(t, mem, schema.VCCInteractions, 3, 1)
		defer rec.Release()
		err := c.NewInsertStream(allTypes).Write(ctx, rec, "", nil)
		require.ErrorIs(t, err, load.ErrSchemaMismatch)
	})
}
