package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// sclsStream: GET /api/stats/scls?n= (spec §2.3 #35, §2.4.20), the status code lists, one
// record per list item; agent status events reference them by scl-list-id / scl-item-id.
func sclsStream(s *Source) *Stream {
	return &Stream{src: s, name: "scls", table: schema.VCCSCLs, mode: extract.Dimension, path: "/scls"}
}
