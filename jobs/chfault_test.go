package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/localch"
)

// TestClickHouseKilledMidSyncAndRestarted: the warehouse dies while a sync inserts; the run fails
// (after its retries) without moving the watermark; ClickHouse comes back on the same data and
// the next run completes with exactly the sandbox's rows.
func TestClickHouseKilledMidSyncAndRestarted(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	ctx := context.Background()
	dataDir := t.TempDir()
	srv, err := localch.Start(ctx, dataDir, zerolog.Nop())
	require.NoError(t, err)
	defer func() { _ = srv.Stop() }()

	sb := sandbox.New(sandbox.Options{Seed: 3, Scale: 2})
	var pages atomic.Int64
	kill := make(chan struct{})
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if pages.Add(1) == 6 { // a few batches in: the warehouse goes away
			close(kill)
			time.Sleep(300 * time.Millisecond)
		}
		sb.Handler().ServeHTTP(w, r)
	}))
	defer hs.Close()
	go func() { <-kill; _ = srv.Stop() }()

	archive := filepath.Join(t.TempDir(), "archive")
	open := func(addr string) (*Runner, *load.ClickHouse) {
		cfg, err := ParseConfig("k.yaml", []byte(fmt.Sprintf(`warehouse: {clickhouse: {addr: %q, database: killed, max_retries: 2}}
archive: {dir: %q}
sources: [{name: acme, kind: 8x8-vcc, base_url: %s, tenant: acme, token: sandbox-token, streams: {interactions: {batch_rows: 50}}}]
`, addr, archive, hs.URL)), nil)
		require.NoError(t, err)
		ch, err := OpenWarehouse(ctx, cfg, zerolog.Nop())
		require.NoError(t, err)
		require.NoError(t, ch.Migrate(ctx, "test"))
		ar, err := load.NewArchive(archive)
		require.NoError(t, err)
		return NewRunner(cfg, ch, ar, nil, zerolog.Nop()), ch
	}
	from, to := day("2026-03-01"), day("2026-03-04")
	r, ch := open(srv.Addr)
	_, err = r.Sync(ctx, SyncOptions{From: from, To: to})
	require.Error(t, err, "the run cannot succeed without its warehouse")
	require.Contains(t, err.Error(), srv.Addr)
	ch.Close()

	// Back on the same data directory (new ports).
	srv, err = localch.Start(ctx, dataDir, zerolog.Nop())
	require.NoError(t, err)
	r, ch = open(srv.Addr)
	defer ch.Close()
	wm, err := r.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.True(t, wm.Before(to), "the failed window did not move the watermark (%s)", wm)
	_, err = r.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	var n uint64
	require.NoError(t, ch.QueryRow(ctx, "SELECT count() FROM killed.vcc_interactions FINAL").Scan(&n))
	require.Equal(t, uint64(sb.VCCCounts(extract.Window{From: from, To: to})["vcc_interactions"]), n)
}
