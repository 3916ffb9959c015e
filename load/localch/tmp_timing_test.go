package localch_test

import (
	"context"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load/localch"
)

func TestTiming(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now()
	a, err := localch.Start(ctx, "", zerolog.Nop())
	require.NoError(t, err)
	t.Log("start", time.Since(t0))
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{a.Addr}})
	require.NoError(t, err)
	require.NoError(t, conn.Ping(ctx))
	t0 = time.Now()
	require.NoError(t, a.Stop())
	t.Log("stop with open conn", time.Since(t0))
	conn.Close()
}
