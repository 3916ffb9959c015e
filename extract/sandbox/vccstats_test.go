package sandbox

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// TestVCCStatsFieldsMatchSchema: the other record types serve every field the schema declares, in
// its order, except the fields ccwh adds (entity-type, entity-id, snapshot-at). The per-queue
// skills differ only in the order of agent-id and queue-id, as documented.
func TestVCCStatsFieldsMatchSchema(t *testing.T) {
	added := map[string]bool{"entity-type": true, "entity-id": true, "snapshot-at": true}
	for _, c := range []struct {
		rt recordType
		t  *schema.Table
	}{{vccChannelType, schema.VCCChannels}, {vccCampaignType, schema.VCCCampaigns}, {vccRecordType, schema.VCCCampaignRecords},
		{vccTCLType, schema.VCCTCLs}, {vccSCLType, schema.VCCSCLs}, {vccAgentSkillType, schema.VCCSkills},
		{vccAgentInteractionType, schema.VCCAgentInteractions}, {vccQueueInteractionType, schema.VCCQueueInteractions},
		{vccCampaignInteractionType, schema.VCCCampaignInteractions}, {vccStatusType, schema.VCCAgentStatuses},
		{vccStatusStatType, schema.VCCAgentStatusStats}, {vccOutboundType, schema.VCCOutboundCalls},
		{vccStatisticType, schema.VCCStatistics}, {vccOnlineSLAType, schema.VCCOnlineSLAs}, {vccOfflineSLAType, schema.VCCOfflineSLAs},
		{vccRTAgentType, schema.VCCRTAgentSnapshots}, {vccRTQueueType, schema.VCCRTQueueSnapshots}} {
		var fields []string
		for _, col := range c.t.Columns {
			if col.Field != "" && !added[col.Field] {
				fields = append(fields, col.Field)
			}
		}
		require.Equal(t, fields, c.rt.fields, c.t.Name)
		require.Equal(t, c.t.Root, c.rt.root)
		require.Equal(t, c.t.Record, c.rt.name)
	}
}

// TestVCCStatsRelationships: the synthetic tenant's tables refer to each other.
func TestVCCStatsRelationships(t *testing.T) {
	s := New(Options{Seed: 3, Scale: 2})
	h := s.Handler()
	w := "d=2026-01-05,2026-01-07"
	jsonRecs := func(path, root, rec string) []map[string]any {
		r := get(t, h, path)
		require.Equal(t, http.StatusOK, r.status, r.body)
		var doc map[string]map[string][]map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.body), &doc), r.body)
		return doc[root][rec]
	}
	// Campaign calls carry record ids of their campaign's records.
	ids := map[string]bool{}
	for _, c := range s.VCCCampaignIDs() {
		for _, r := range jsonRecs("/api/stats/campaigns/"+itoa(c)+"/records.json", "records", "record") {
			ids[r["record-id"].(string)] = true
		}
	}
	calls := jsonRecs("/api/stats/campaigns/555/interactions.json?"+w, "interactions", "interaction")
	require.NotEmpty(t, calls)
	for _, c := range calls {
		require.True(t, ids[c["record-id"].(string)], c["record-id"])
	}
	// Recordings are the interactions' recording files.
	files := map[string]bool{}
	for _, r := range jsonRecs("/api/recordings/files.json?"+w, "recordings", "file") {
		files[r["filename"].(string)] = true
	}
	require.NotEmpty(t, files)
	n := 0
	for _, r := range jsonRecs("/api/stats/allinteractions.json?"+w, "interactions", "interaction") {
		if f := r["recording-filename"].(string); f != "" {
			n++
			require.True(t, files[f] || !strings.HasPrefix(f, "S2026010"), f)
		}
	}
	require.Positive(t, n)
	// The quirks: offline SLAs of e-mail queues say E; online SLAs nest their buckets.
	r := get(t, h, "/api/stats/queues/103/offline_slas.xml?"+w)
	require.Contains(t, r.body, "<media-type>E</media-type>")
	r = get(t, h, "/api/stats/queues/101/online_slas.xml?"+w)
	require.Contains(t, r.body, "<accepted>\n            <t0-5sec>")
	require.NoError(t, xml.Unmarshal([]byte(r.body), new(any)))
	// Transcript detail: no CSV.
	r = get(t, h, "/api/recordings/transcripts/int-1-x-chat-acme.csv")
	require.Equal(t, http.StatusBadRequest, r.status)
	// Real time: -1 sentinels and the padded GUID.
	r = get(t, h, "/api/rtstats/stats/agents.xml")
	require.Contains(t, r.body, "<agent-guid>&#xA;") // padded with newlines, escaped
	require.Contains(t, r.body, ">-1</")
	counts := s.VCCCounts(extract.Window{From: jan(5, 0, 0), To: jan(7, 0, 0)})
	for _, tb := range []string{"vcc_statistics", "vcc_online_slas", "vcc_offline_slas", "vcc_transcript_messages", "vcc_recordings"} {
		require.Positive(t, counts[tb], tb)
	}
}
