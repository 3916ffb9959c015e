package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// campaignsStream: GET /api/stats/campaigns?n= (spec §2.3 #31, §2.4.17). The single-campaign
// lookup /campaigns/{id} (#32) returns the same records one at a time.
func campaignsStream(s *Source) *Stream {
	return &Stream{src: s, name: "campaigns", table: schema.VCCCampaigns, mode: extract.Dimension, path: "/campaigns"}
}
