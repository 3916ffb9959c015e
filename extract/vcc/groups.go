package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// groupsStream: GET /api/stats/groups (spec §2.3 #1, §2.4.1), every agent group, deleted ones
// included (deleted=Yes). The doc shows no n= here; the stream pages like the others anyway,
// which costs nothing when a tenant has fewer than 50 groups.
func groupsStream(s *Source) *Stream {
	return &Stream{src: s, name: "groups", table: schema.VCCGroups, mode: extract.Dimension, path: "/groups"}
}
