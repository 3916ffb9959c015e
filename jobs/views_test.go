package jobs

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// TestAnalystViewsAgreeWithTables: after a sync (twice, so every row has two versions), each
// <table>_latest view holds one row per key and the analyst views add up to the sandbox's rows.
func TestAnalystViewsAgreeWithTables(t *testing.T) {
	e := newEnv(t, nil, "")
	ctx := context.Background()
	from, to := day("2026-03-01"), day("2026-03-03")
	for range 2 {
		_, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
		require.NoError(t, err)
	}
	truth := e.sb.VCCCounts(extract.Window{From: from, To: to})
	db := schema.Quote(e.ch.Database())
	one := func(q string) int64 {
		var n int64
		require.NoError(t, e.ch.QueryRow(ctx, fmt.Sprintf("SELECT toInt64(%s)", fmt.Sprintf(q, db))).Scan(&n), q)
		return n
	}
	for _, tb := range allTables {
		require.Equal(t, int64(truth[tb]), one("(SELECT count() FROM %s."+tb+"_latest)"), tb+"_latest")
	}
	require.Equal(t, int64(truth["vcc_activities"]), one("(SELECT sum(handled) FROM %s.vcc_agent_daily)"))
	require.Equal(t, int64(truth["vcc_interactions"]), one("(SELECT sum(interactions) FROM %s.vcc_interaction_outcomes)"))
	offered := one("(SELECT sum(offered) FROM %s.vcc_queue_service_daily)")
	require.Equal(t, one("(SELECT count() FROM %s.vcc_interactions FINAL WHERE queue_name IS NOT NULL)"), offered)
	require.Equal(t, offered, one("(SELECT sum(offered) FROM %s.vcc_queue_service_30m)"))
	require.Positive(t, one("(SELECT sum(within_sla) FROM %s.vcc_queue_service_30m)"))
}
