package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// tclsStream: GET /api/stats/tcls?n= (spec §2.3 #34, §2.4.19), the transaction (wrap-up) code
// lists, one record per list item; activities and outbound calls reference them by
// tcl-list-id / tcl-item-id.
func tclsStream(s *Source) *Stream {
	return &Stream{src: s, name: "tcls", table: schema.VCCTCLs, mode: extract.Dimension, path: "/tcls"}
}
