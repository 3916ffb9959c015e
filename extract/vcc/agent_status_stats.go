package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// agentStatusStatsStream: GET /api/stats/agents/{agent-id}/statuses/statistics?d=&n= (spec
// §2.3 #23, §2.4.12), seconds per status in 30-minute periods, fanned out over every agent (no
// group-level form is documented).
func agentStatusStatsStream(s *Source) *Stream {
	return newFanOut(s, "agent_status_stats", schema.VCCAgentStatusStats, extract.Incremental,
		fanOutSpec{dims: []dimension{agentsDim}, sub: "statuses/statistics"})
}
