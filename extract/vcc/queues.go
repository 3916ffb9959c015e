package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// queuesStream: GET /api/stats/queues?n= (spec §2.3 #28, §2.4.15), every queue's configuration.
func queuesStream(s *Source) *Stream {
	return &Stream{src: s, name: "queues", table: schema.VCCQueues, mode: extract.Dimension, path: "/queues"}
}
