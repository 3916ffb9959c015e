package vcc

import (
	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// campaignRecordsStream: GET /api/stats/campaigns/{campaign-id}/records?n= (spec §2.3 #33,
// §2.4.18), the records (people to dial) of every campaign, fanned out over /campaigns. A
// record's status changes as the campaign runs: the stream is a full refresh.
func campaignRecordsStream(s *Source) *Stream {
	return newFanOut(s, "campaign_records", schema.VCCCampaignRecords, extract.Dimension,
		fanOutSpec{dims: []dimension{campaignsDim}, sub: "records"})
}
