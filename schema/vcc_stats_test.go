package schema

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVCCMoreFieldsComplete pins the documented field counts of spec §2.4.4–20, §3 and §4
// (vendor fields only; entity-type/entity-id and snapshot-at are ccwh's and counted apart).
func TestVCCMoreFieldsComplete(t *testing.T) {
	want := map[string][2]int{ // vendor fields, ccwh fields
		"vcc_channels": {3, 0}, "vcc_campaigns": {14, 0}, "vcc_campaign_records": {8, 0}, "vcc_tcls": {21, 0},
		"vcc_scls": {16, 0}, "vcc_skills": {4, 0}, "vcc_agent_interactions": {11, 0}, "vcc_queue_interactions": {24, 0},
		"vcc_campaign_interactions": {17, 0}, "vcc_agent_statuses": {11, 0}, "vcc_agent_status_stats": {13, 0},
		"vcc_outbound_calls": {25, 0}, "vcc_statistics": {17, 2}, "vcc_online_slas": {7 + 22, 2},
		"vcc_offline_slas": {8 + 6, 2}, "vcc_rt_agent_snapshots": {39, 1}, "vcc_rt_queue_snapshots": {31, 1},
		"vcc_recordings": {14 + 2, 0}, "vcc_transcripts": {15 + 2, 0}, "vcc_transcript_messages": {6 + 2, 0},
	}
	ours := map[string]bool{"entity-type": true, "entity-id": true, "snapshot-at": true}
	for name, n := range want {
		tb, err := Lookup(name)
		require.NoError(t, err)
		vendor, added := 0, 0
		for _, c := range tb.Columns {
			switch {
			case ours[c.Field]:
				added++
			case c.Field != "":
				vendor++
			}
		}
		require.Equal(t, n, [2]int{vendor, added}, name)
	}
}
