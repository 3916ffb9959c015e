package vcc

import "github.com/ccwh/ccwh/schema"

// rtAgentsStream: GET /api/rtstats/stats/agents (spec §3.2), every agent's live state, all 39
// fields; -1 last-login-time is NULL (documented). Meant to run every few minutes.
func rtAgentsStream(s *Source) *Stream {
	return rtStream(s, "rt_agents", schema.VCCRTAgentSnapshots, "/agents")
}
