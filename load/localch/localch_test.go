package localch_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load/localch"
)

// requireServer applies the chtest rule without importing chtest (which imports this package):
// in CI a missing server fails, elsewhere it skips loudly.
func requireServer(t *testing.T) {
	t.Helper()
	err := localch.EnsureInstalled(context.Background(), zerolog.Nop())
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and ClickHouse is unavailable: %v", err)
	}
	t.Skipf("SKIPPED — NO CLICKHOUSE: %v", err)
}

func query(t *testing.T, addr, q string) string {
	t.Helper()
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{addr}})
	require.NoError(t, err)
	defer conn.Close()
	var s string
	require.NoError(t, conn.QueryRow(context.Background(), q).Scan(&s))
	return s
}

func TestStartStop(t *testing.T) {
	requireServer(t)
	ctx := context.Background()
	dir := t.TempDir()
	s, err := localch.Start(ctx, dir, zerolog.Nop())
	require.NoError(t, err)
	require.NotEmpty(t, s.Version)
	require.Equal(t, dir, s.Dir)
	require.FileExists(t, filepath.Join(dir, "config.xml"))
	require.Equal(t, s.Version, query(t, s.Addr, "SELECT version()"))
	require.Contains(t, []string{"UTC", "Etc/UTC"}, query(t, s.Addr, "SELECT timezone()"))

	require.NoError(t, s.Stop())
	require.True(t, s.Exited())
	require.NoError(t, s.Stop(), "Stop twice is a no-op")
	_, err = net.DialTimeout("tcp", s.Addr, time.Second)
	require.Error(t, err, "port is closed after Stop")
	require.DirExists(t, dir, "a caller's dir is kept")
}

func TestTwoServers(t *testing.T) {
	requireServer(t)
	ctx := context.Background()
	a, err := localch.Start(ctx, "", zerolog.Nop())
	require.NoError(t, err)
	defer a.Stop()
	b, err := localch.Start(ctx, "", zerolog.Nop())
	require.NoError(t, err)
	defer b.Stop()
	require.NotEqual(t, a.Addr, b.Addr)
	require.NotEqual(t, a.Dir, b.Dir)

	// Each has its own data: a table made in one is absent from the other.
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{a.Addr}})
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.Exec(ctx, "CREATE TABLE default.only_a (x UInt8) ENGINE = Memory"))
	require.Equal(t, "1", query(t, a.Addr, "SELECT toString(count()) FROM system.tables WHERE name = 'only_a'"))
	require.Equal(t, "0", query(t, b.Addr, "SELECT toString(count()) FROM system.tables WHERE name = 'only_a'"))

	require.NoError(t, a.Stop())
	require.NoDirExists(t, a.Dir, "a temp dir made by Start is removed by Stop")
	require.Equal(t, b.Version, query(t, b.Addr, "SELECT version()"), "b survives a's stop")
}

func TestStartFailsClearlyOnBadDir(t *testing.T) {
	requireServer(t)
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	_, err := localch.Start(context.Background(), f, zerolog.Nop())
	require.Error(t, err)
}
