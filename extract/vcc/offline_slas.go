package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// offlineSLAsStream: GET /api/stats/{queues|channels}/{id}/offline_slas?d=&n= (spec §2.3 #19–20,
// §2.4.10), wait-time buckets of e-mail and voice-mail queues and channels per 30 minutes; like
// onlineSLAsStream otherwise.
func offlineSLAsStream(s *Source) *Stream {
	return newFanOut(s, "offline_slas", schema.VCCOfflineSLAs, extract.Incremental,
		fanOutSpec{dims: []dimension{queuesDim, channelsDim}, sub: "offline_slas", tag: true})
}
