package jobs

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
)

const vccChatSource = `  - name: acme-chat
    kind: 8x8-vcc-chat
    base_url: %[1]s/vcc-chat
    region: ca
    tenant: acme
    key: acme-chat-key
    secret: ${SECRET}
    page_size: 7
    max_retries: 2
    timeout: 5s
    streams: {channels: {}, webhooks: {}, conversations: {}}
`

// TestVCCChatLoadsEndToEnd: every vcc_chat_* table equals the sandbox in ClickHouse FINAL, also
// when the access token stops working in the middle of the run, and after a second run.
func TestVCCChatLoadsEndToEnd(t *testing.T) {
	e := newVendorEnv(t, sandbox.Options{Seed: 7, Scale: 2}, vccChatSource, map[string]string{"SECRET": sandbox.DefaultToken})
	e.sb.VCCChat().RevokeAfter(10)
	ctx := context.Background()
	for run := 0; run < 2; run++ {
		rep, err := e.runner.Sync(ctx, SyncOptions{})
		require.NoError(t, err)
		require.Empty(t, rep.Failed())
		for tb, want := range e.sb.VCCChatCounts() {
			require.Positive(t, want, tb)
			require.Equal(t, int64(want), e.count(tb), "%s: ClickHouse FINAL = sandbox (run %d)", tb, run+1)
		}
	}
	issued, rejected := e.sb.VCCChat().Stats()
	require.Greater(t, issued, 2, "tokens were renewed mid-run")
	require.Positive(t, rejected)
}
