package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
)

const chatwootSource = `  - name: acme-chatwoot
    kind: chatwoot
    base_url: %[1]s/chatwoot
    account_id: 1
    token: ${TOKEN}
    max_retries: 2
    timeout: 5s
    streams: {conversations: {start: 2026-01-01}, contacts: {}, inboxes: {}, teams: {}, agents: {}}
`

// TestChatwootLoadsEndToEnd: a backfill over the sandbox's first days lands every conversation
// of every status with its messages, and the dimensions; a later live run re-reads the open
// conversations and leaves the counts equal to the sandbox.
func TestChatwootLoadsEndToEnd(t *testing.T) {
	e := newVendorEnv(t, sandbox.Options{Seed: 7}, chatwootSource, map[string]string{"TOKEN": sandbox.DefaultToken})
	ctx := context.Background()
	from, to := day("2026-01-01"), day("2026-01-04")
	rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
	require.NoError(t, err)
	require.Empty(t, rep.Failed())
	truth := e.sb.ChatwootCounts(extract.Window{From: from, To: to})
	for tb, want := range truth {
		require.Positive(t, want, tb)
		require.Equal(t, int64(want), e.count(tb), "%s: ClickHouse FINAL = sandbox", tb)
	}
	statuses := map[string]bool{}
	for _, st := range strings.Fields(e.query("SELECT concat('', toString(status)) FROM DB.chatwoot_conversations FINAL").String()) {
		statuses[st] = true
	}
	require.Equal(t, map[string]bool{"bot": true, "open": true, "pending": true, "resolved": true}, statuses, "every status, not only open")

	e.runner.now = func() time.Time { return time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC) }
	_, err = e.runner.Sync(ctx, SyncOptions{Streams: []string{"acme-chatwoot/conversations"}})
	require.NoError(t, err)
	require.Equal(t, int64(truth["chatwoot_conversations"]), e.count("chatwoot_conversations"))
	require.Equal(t, int64(truth["chatwoot_messages"]), e.count("chatwoot_messages"))
}
