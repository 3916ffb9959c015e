package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// interactionsStream: GET /api/stats/allinteractions/?d=&n= (spec §2.3 #13, §2.4.7), every
// interaction of the tenant, queued or not (direct-to-agent, agent-to-agent, abandoned,
// forwarded, campaign). The documented path ends in a slash; with the format suffix it is
// /api/stats/allinteractions.<format> (see the package doc). About 25 fields of an interaction
// stay empty until an hour after it was accepted (spec §2.1): windows must lag behind now.
func interactionsStream(s *Source) *Stream {
	return &Stream{src: s, name: "interactions", table: schema.VCCInteractions, mode: extract.Incremental,
		path: "/allinteractions"}
}
