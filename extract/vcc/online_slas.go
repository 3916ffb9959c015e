package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// onlineSLAsStream: GET /api/stats/{queues|channels}/{id}/online_slas?d=&n= (spec §2.3 #17–18,
// §2.4.9), wait-time buckets of phone and chat ("on line") queues and channels per 30 minutes.
// Every queue and channel is asked: an e-mail or voice-mail one answers with no records. The
// nested <accepted>/<abandoned> blocks map to dotted fields; entity-type and entity-id are
// added (entity.go).
func onlineSLAsStream(s *Source) *Stream {
	return newFanOut(s, "online_slas", schema.VCCOnlineSLAs, extract.Incremental,
		fanOutSpec{dims: []dimension{queuesDim, channelsDim}, sub: "online_slas", tag: true})
}
