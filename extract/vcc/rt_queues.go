package vcc

import "github.com/ccwh/ccwh/schema"

// rtQueuesStream: GET /api/rtstats/stats/queues (spec §3.3), every queue's live state, all 31
// fields; -1 thirty-min-sla-activity is NULL (documented).
func rtQueuesStream(s *Source) *Stream {
	return rtStream(s, "rt_queues", schema.VCCRTQueueSnapshots, "/queues")
}
