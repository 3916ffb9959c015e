package chtest_test

import (
	"context"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load/chtest"
	"github.com/ccwh/ccwh/load/localch"
)

var mainServer *localch.Server

func TestMain(m *testing.M) {
	chtest.Main(m, func(srv *localch.Server) int {
		mainServer = srv
		return m.Run()
	})
}

func TestStartReturnsTheSharedServer(t *testing.T) {
	srv := chtest.Start(t) // skips or fails by the CI rule when Main had no server
	require.Same(t, mainServer, srv)
	require.Same(t, srv, chtest.Start(t), "one server per test binary")

	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{srv.Addr}})
	require.NoError(t, err)
	defer conn.Close()
	var v string
	require.NoError(t, conn.QueryRow(context.Background(), "SELECT version()").Scan(&v))
	require.Equal(t, srv.Version, v)
}
