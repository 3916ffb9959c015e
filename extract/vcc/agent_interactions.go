package vcc

import "github.com/ccwh/ccwh/schema"

// agentInteractionsStream: GET /api/stats/groups/{group-id}/interactions?d=&n= (spec §2.3 #8,
// §2.4.4), the queued interactions each agent accepted, fanned out over every group.
// /agents/{agent-id}/interactions (#7) returns the same records for one agent.
func agentInteractionsStream(s *Source) *Stream {
	return groupFanOut(s, "agent_interactions", schema.VCCAgentInteractions, "interactions")
}
