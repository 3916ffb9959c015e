package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// skillsStream: GET /api/stats/agents/{agent-id}/skills (spec §2.3 #24, §2.4.13) for every
// agent: one record per agent and queue. The endpoint takes no query parameters, so no n=: one
// request per agent. /queues/{queue-id}/skills (#25) returns the same agent–queue pairs from
// the queue's side (child order differs) and is not read twice.
func skillsStream(s *Source) *Stream {
	return newFanOut(s, "skills", schema.VCCSkills, extract.Dimension,
		fanOutSpec{dims: []dimension{agentsDim}, sub: "skills", single: true})
}
