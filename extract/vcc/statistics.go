package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// statisticsStream: GET /api/stats/{agents|queues|channels}/{id}/statistics?d=&n= (spec §2.3
// #14–16, §2.4.8), 30-minute statistics of every agent, queue and channel, into one table. The
// records do not name what they were read for: the fan-out adds entity-type and entity-id
// (entity.go).
func statisticsStream(s *Source) *Stream {
	return newFanOut(s, "statistics", schema.VCCStatistics, extract.Incremental,
		fanOutSpec{dims: []dimension{agentsDim, queuesDim, channelsDim}, sub: "statistics", tag: true})
}
