package vcc

import "github.com/ccwh/ccwh/schema"

// outboundCallsStream: GET /api/stats/groups/{group-id}/outboundcalls?d=&n= (spec §2.3 #27,
// §2.4.14), fanned out over every group. /agents/{agent-id}/outboundcalls (#26) returns the
// same calls for one agent.
func outboundCallsStream(s *Source) *Stream {
	return groupFanOut(s, "outbound_calls", schema.VCCOutboundCalls, "outboundcalls")
}
