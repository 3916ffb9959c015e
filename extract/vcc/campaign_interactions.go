package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// campaignInteractionsStream: GET /api/stats/campaigns/{campaign-id}/interactions?d=&n= (spec
// §2.3 #12, §2.4.6), the calls of every campaign, fanned out over /campaigns.
func campaignInteractionsStream(s *Source) *Stream {
	return newFanOut(s, "campaign_interactions", schema.VCCCampaignInteractions, extract.Incremental,
		fanOutSpec{dims: []dimension{campaignsDim}, sub: "interactions"})
}
