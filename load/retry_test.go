package load_test

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
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

// faultProxy forwards loopback TCP to a real ClickHouse and injects network faults: it can drop
// the next accepted connections and cut every connection once the client has sent a number of
// bytes (a failure in the middle of an INSERT's data).
type faultProxy struct {
	ln     net.Listener
	target string
	drop   atomic.Int32 // connections still to close right after accept
	budget atomic.Int64 // client bytes until a cut; negative: no cut armed
	cuts   atomic.Int32
	drops  atomic.Int32

	mu    sync.Mutex
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

func newFaultProxy(t *testing.T, target string) *faultProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &faultProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.budget.Store(-1)
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		_ = ln.Close()
		p.closeAll()
		p.wg.Wait()
	})
	return p
}

func (p *faultProxy) Addr() string { return p.ln.Addr().String() }

// cutAfter cuts all connections once clients have sent n more bytes.
func (p *faultProxy) cutAfter(n int64) { p.budget.Store(n) }

// dropNext closes all open connections and the next n accepted ones.
func (p *faultProxy) dropNext(n int32) {
	p.drop.Store(n)
	p.closeAll()
}

func (p *faultProxy) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
}

func (p *faultProxy) track(c net.Conn, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.conns[c] = true
	} else {
		delete(p.conns, c)
	}
}

func (p *faultProxy) serve() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.drop.Add(-1) >= 0 {
			p.drops.Add(1)
			_ = client.Close()
			continue
		}
		p.drop.Store(0)
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		p.track(client, true)
		p.track(server, true)
		p.wg.Add(2)
		go p.pump(server, client, true)
		go p.pump(client, server, false)
	}
}

func (p *faultProxy) pump(dst, src net.Conn, fromClient bool) {
	defer p.wg.Done()
	defer func() {
		_ = dst.Close()
		_ = src.Close()
		p.track(dst, false)
		p.track(src, false)
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && fromClient {
			if b := p.budget.Load(); b >= 0 {
				if p.budget.Add(-int64(n)) < 0 && p.budget.CompareAndSwap(p.budget.Load(), -1) {
					p.cuts.Add(1)
					p.closeAll()
					return
				}
			}
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return
			}
			return
		}
	}
}

func countRows(t *testing.T, c *load.ClickHouse, table string, final bool) uint64 {
	t.Helper()
	q := "SELECT count() FROM " + schema.Quote(c.Database()) + "." + schema.Quote(table)
	if final {
		q += " FINAL"
	}
	var n uint64
	require.NoError(t, c.QueryRow(context.Background(), q).Scan(&n))
	return n
}

func TestInsertRetriesTransientFailures(t *testing.T) {
	srv := chtest.Start(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()

	for _, tc := range []struct {
		name   string
		inject func(p *faultProxy)
		check  func(t *testing.T, p *faultProxy)
	}{
		{
			name:   "connection cut in the middle of the data",
			inject: func(p *faultProxy) { p.cutAfter(64 << 10) },
			check:  func(t *testing.T, p *faultProxy) { require.EqualValues(t, 1, p.cuts.Load()) },
		},
		{
			name:   "connections reset and refused",
			inject: func(p *faultProxy) { p.dropNext(2) },
			check:  func(t *testing.T, p *faultProxy) { require.EqualValues(t, 2, p.drops.Load()) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFaultProxy(t, srv.Addr)
			c := openDB(t, load.Options{Addr: p.Addr(), MaxRetries: 4})
			require.NoError(t, c.EnsureTables(ctx, allTypes))
			const rows = 30000
			rec := synthetic(t, mem, allTypes, rows, 42)
			defer rec.Release()

			tc.inject(p)
			require.NoError(t, c.Insert(ctx, allTypes, rec, "test:retry:1"))
			tc.check(t, p)
			// The failed attempt left nothing behind: no partial block, no duplicate.
			require.EqualValues(t, rows, countRows(t, c, allTypes.Name, false))
			require.EqualValues(t, rows, countRows(t, c, allTypes.Name, true))
		})
	}
}

func TestInsertFailsClearly(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx := context.Background()
	log := zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel)

	t.Run("closed port", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		require.NoError(t, ln.Close())
		_, err = load.Open(ctx, load.Options{Addr: addr, MaxRetries: 1, DialTimeout: time.Second}, log)
		require.Error(t, err)
		require.Contains(t, err.Error(), addr)
		require.Contains(t, err.Error(), "after 1 retries")
	})

	t.Run("server stopped mid-way", func(t *testing.T) {
		chtest.Start(t) // skips or fails by the CI rule before starting a second server
		srv, err := localch.Start(ctx, t.TempDir(), log)
		require.NoError(t, err)
		defer srv.Stop()
		c, err := load.Open(ctx, load.Options{Addr: srv.Addr, Database: "stopped", MaxRetries: 2}, log)
		require.NoError(t, err)
		defer c.Close()
		require.NoError(t, c.Migrate(ctx, "test"))
		rec := synthetic(t, mem, allTypes, 10, 1)
		defer rec.Release()
		require.NoError(t, c.EnsureTables(ctx, allTypes))

		require.NoError(t, srv.Stop())
		start := time.Now()
		err = c.Insert(ctx, allTypes, rec, "")
		require.Error(t, err)
		require.True(t, load.Transient(err), "the cause is a network failure: %v", err)
		for _, w := range []string{srv.Addr, "test_all_types", "10 rows", "after 2 retries"} {
			require.Contains(t, err.Error(), w)
		}
		require.Greater(t, time.Since(start), 500*time.Millisecond, "backoff between retries")
	})

	t.Run("permanent server error is not retried", func(t *testing.T) {
		c := openDB(t, load.Options{MaxRetries: 3})
		rec := synthetic(t, mem, allTypes, 5, 1)
		defer rec.Release()
		err := c.Insert(ctx, allTypes, rec, "") // the table was never created
		require.Error(t, err)
		require.False(t, load.Transient(err))
		require.NotContains(t, err.Error(), "retries")
		require.Contains(t, err.Error(), "test_all_types")
		require.Contains(t, err.Error(), c.Addr())
	})
}
