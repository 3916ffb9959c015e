package vcc

import "github.com/ccwh/ccwh/schema"

// agentStatusesStream: GET /api/stats/groups/{group-id}/statuses?d=&n= (spec §2.3 #22,
// §2.4.11), every status change of the group's agents, fanned out over every group.
// /agents/{agent-id}/statuses (#21) returns the same events for one agent.
func agentStatusesStream(s *Source) *Stream {
	return groupFanOut(s, "agent_statuses", schema.VCCAgentStatuses, "statuses")
}
