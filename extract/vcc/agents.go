package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// agentsStream: GET /api/stats/agents?n= (spec §2.3 #2, §2.4.2), the historical agent profiles
// of every agent.
func agentsStream(s *Source) *Stream {
	return &Stream{src: s, name: "agents", table: schema.VCCAgents, mode: extract.Dimension, path: "/agents"}
}
