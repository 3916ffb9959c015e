package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// queueInteractionsStream: GET /api/stats/interactions/?d=&n= (spec §2.3 #9, §2.4.5), every
// queued interaction of the tenant in the queue/channel shape (media-type as T/V/C/Z). The
// per-queue and per-channel forms (#10, #11) return subsets of the same records and are not
// read. The documented trailing slash is dropped before the format suffix (package doc).
func queueInteractionsStream(s *Source) *Stream {
	return &Stream{src: s, name: "queue_interactions", table: schema.VCCQueueInteractions, mode: extract.Incremental,
		path: "/interactions"}
}
