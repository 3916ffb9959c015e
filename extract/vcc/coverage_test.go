package vcc_test

import (
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/vcc"
)

// catalogue is spec §2.3 (35 endpoints of /api/stats) plus §3 and §4's read endpoints: each is
// read by a stream, or says why not.
var catalogue = []struct {
	n      int
	path   string
	stream string // the stream that reads it, or ""
	reason string // why no stream reads it
}{
	{1, "/groups", "groups", ""},
	{2, "/agents", "agents", ""},
	{3, "/groups/{group-id}/agents", "", "the same agent records as /agents, filtered by group"},
	{4, "/agents/{agent-id}", "", "single-item lookup of /agents"},
	{5, "/agents/{agent-id}/activities", "", "the per-group form (#6) returns every agent's activities with fewer requests"},
	{6, "/groups/{group-id}/activities", "activities", ""},
	{7, "/agents/{agent-id}/interactions", "", "the per-group form (#8) returns the same records with fewer requests"},
	{8, "/groups/{group-id}/interactions", "agent_interactions", ""},
	{9, "/interactions/", "queue_interactions", ""},
	{10, "/queues/{queue-id}/interactions", "", "a subset of the tenant-wide /interactions/ (#9), same shape"},
	{11, "/channels/{channel-id}/interactions", "", "a subset of the tenant-wide /interactions/ (#9), same shape"},
	{12, "/campaigns/{campaign-id}/interactions", "campaign_interactions", ""},
	{13, "/allinteractions/", "interactions", ""},
	{14, "/agents/{agent-id}/statistics", "statistics", ""},
	{15, "/queues/{queue-id}/statistics", "statistics", ""},
	{16, "/channels/{channel-id}/statistics", "statistics", ""},
	{17, "/queues/{queue-id}/online_slas", "online_slas", ""},
	{18, "/channels/{channel-id}/online_slas", "online_slas", ""},
	{19, "/queues/{queue-id}/offline_slas", "offline_slas", ""},
	{20, "/channels/{channel-id}/offline_slas", "offline_slas", ""},
	{21, "/agents/{agent-id}/statuses", "", "the per-group form (#22) returns every agent's events with fewer requests"},
	{22, "/groups/{group-id}/statuses", "agent_statuses", ""},
	{23, "/agents/{agent-id}/statuses/statistics", "agent_status_stats", ""},
	{24, "/agents/{agent-id}/skills", "skills", ""},
	{25, "/queues/{queue-id}/skills", "", "the same agent–queue pairs as the per-agent form (#24)"},
	{26, "/agents/{agent-id}/outboundcalls", "", "the per-group form (#27) returns the same calls with fewer requests"},
	{27, "/groups/{group-id}/outboundcalls", "outbound_calls", ""},
	{28, "/queues", "queues", ""},
	{29, "/queues/{queue-id}", "", "single-item lookup of /queues"},
	{30, "/channels", "channels", ""},
	{31, "/campaigns", "campaigns", ""},
	{32, "/campaigns/{campaign-id}", "", "single-item lookup of /campaigns"},
	{33, "/campaigns/{campaign-id}/records", "campaign_records", ""},
	{34, "/tcls", "tcls", ""},
	{35, "/scls", "scls", ""},
	// §3 real-time statistics
	{101, "/api/rtstats/stats/agents", "rt_agents", ""},
	{102, "/api/rtstats/stats/agent/{agent-id}", "", "single-item lookup of rtstats /agents"},
	{103, "/api/rtstats/stats/queues", "rt_queues", ""},
	{104, "/api/rtstats/stats/queue/{queue-id}", "", "single-item lookup of rtstats /queues"},
	// §4 recordings
	{201, "/api/recordings/files", "recordings", ""},
	{202, "/api/recordings/transcripts", "transcripts", ""},
	{203, "/api/recordings/transcripts/{interactionGUID}", "transcripts", ""},
	{204, "DELETE /api/recordings/files/{file}", "", "deletes data; ccwh only reads"},
	{205, "DELETE /api/recordings/transcripts/{interactionGUID}", "", "deletes data; ccwh only reads"},
}

// TestCatalogueCoverage: all 35 endpoints of §2.3 are listed once; each named stream exists;
// each unread endpoint has a reason; every stream of the source reads a listed endpoint (or is
// code_labels, which reads none).
func TestCatalogueCoverage(t *testing.T) {
	s, err := vcc.New(vcc.Config{Source: "acme", BaseURL: "https://vcc-na4.8x8.com", Tenant: "acme", Token: "t"},
		httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	stats := map[int]bool{}
	read := map[string]bool{}
	for _, e := range catalogue {
		if e.n <= 35 {
			require.False(t, stats[e.n], "#%d listed twice", e.n)
			stats[e.n] = true
		}
		if e.stream == "" {
			require.NotEmpty(t, e.reason, "%s: neither a stream nor a reason", e.path)
			continue
		}
		require.Empty(t, e.reason, e.path)
		_, err := s.Stream(e.stream)
		require.NoError(t, err, e.path)
		read[e.stream] = true
	}
	require.Len(t, stats, 35, "spec §2.3 lists 35 endpoints")
	for _, st := range s.Streams() {
		if st.Name() == "code_labels" {
			continue
		}
		require.True(t, read[st.Name()], "stream %s reads no catalogued endpoint", st.Name())
	}
}
