package sandbox

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// vccStatsRecords serves the endpoints of spec §2.3 that serveVCC does not: #3, #7–#12,
// #14–#27, #30–#35. status is 0 when recs are the answer, -1 when window already wrote an error,
// else an HTTP status for msg.
func (s *Server) vccStatsRecords(seg []string, q url.Values, loc *time.Location,
	window func() (time.Time, time.Time, bool)) (t recordType, recs []record, status int, msg string) {
	d := s.vcc
	notFound := func(what, id string) (recordType, []record, int, string) {
		return t, nil, http.StatusNotFound, "no " + what + " " + id
	}
	// one id-addressed entity: groups, agents, queues, channels, campaigns
	idx := func(kind, id string) int {
		switch kind {
		case "groups":
			return d.groupIndex(id)
		case "agents":
			return d.agentIndex(id)
		case "queues":
			return d.queueIndex(id)
		case "channels":
			return d.channelIndex(id)
		case "campaigns":
			return d.campaignIndex(id)
		}
		return -1
	}
	n := len(seg)
	if n == 1 {
		switch seg[0] {
		case "channels":
			t = vccChannelType
			for i := range d.queues {
				recs = append(recs, d.channelRecord(i))
			}
		case "campaigns":
			t = vccCampaignType
			for _, c := range d.campaigns() {
				recs = append(recs, d.campaignRecord(c, loc))
			}
		case "tcls":
			t, recs = vccTCLType, d.tclRecords()
		case "scls":
			t, recs = vccSCLType, d.sclRecords()
		case "interactions":
			from, to, ok := window()
			if !ok {
				return t, nil, -1, ""
			}
			t = vccQueueInteractionType
			for _, c := range d.calls(from, to, false, queued) {
				recs = append(recs, d.queueInteractionRecord(&c, loc))
			}
		default:
			return t, nil, http.StatusNotFound, "the requested resource was not found"
		}
		return t, filterRecords(recs, t, queryVars(q, t)), 0, ""
	}
	if n < 2 {
		return t, nil, http.StatusNotFound, "the requested resource was not found"
	}
	kind, id := seg[0], seg[1]
	i := idx(kind, id)
	if i < 0 {
		return notFound(strings.TrimSuffix(kind, "s"), id)
	}
	if n == 2 && kind == "campaigns" {
		return vccCampaignType, []record{d.campaignRecord(d.campaigns()[i], loc)}, 0, ""
	}
	rest := strings.Join(seg[2:], "/")
	switch {
	case kind == "campaigns" && rest == "records":
		return vccRecordType, d.campaignRecordRecords(i, d.campaigns()[i]), 0, ""
	case rest == "skills" && (kind == "agents" || kind == "queues"):
		if kind == "agents" {
			return vccAgentSkillType, d.skillRecords(i, -1), 0, ""
		}
		return vccQueueSkillType, d.skillRecords(-1, i), 0, ""
	}
	from, to, ok := window()
	if !ok {
		return t, nil, -1, ""
	}
	ofAgents := func(c *vccCall) bool {
		if !c.accepted() {
			return false
		}
		if kind == "groups" {
			return d.agents[c.agent].group == i
		}
		return c.agent == i
	}
	switch {
	case rest == "interactions" && (kind == "groups" || kind == "agents"):
		t = vccAgentInteractionType
		for _, c := range d.calls(from, to, true, func(c *vccCall) bool { return queued(c) && ofAgents(c) }) {
			recs = append(recs, d.agentInteractionRecord(&c, loc))
		}
	case rest == "interactions" && (kind == "queues" || kind == "channels"):
		t = vccQueueInteractionType
		for _, c := range d.calls(from, to, false, func(c *vccCall) bool { return queued(c) && c.queue == i }) {
			recs = append(recs, d.queueInteractionRecord(&c, loc))
		}
	case rest == "interactions" && kind == "campaigns":
		t = vccCampaignInteractionType
		for _, c := range d.calls(from, to, true, func(c *vccCall) bool { return c.itype == "Campaign" && d.campaignOf(c) == i }) {
			recs = append(recs, d.campaignInteractionRecord(&c, loc))
		}
	case rest == "outboundcalls" && (kind == "groups" || kind == "agents"):
		t = vccOutboundType
		for _, c := range d.calls(from, to, false, func(c *vccCall) bool { return c.dir == "outbound" && ofAgents(c) }) {
			recs = append(recs, d.outboundRecord(&c, loc))
		}
	case rest == "statuses" && (kind == "groups" || kind == "agents"):
		t = vccStatusType
		if kind == "groups" {
			recs = d.statusRecords(from, to, i, loc)
		} else {
			for _, r := range d.statusRecords(from, to, d.agents[i].group, loc) {
				if r[0] == d.agents[i].id {
					recs = append(recs, r)
				}
			}
		}
	case rest == "statuses/statistics" && kind == "agents":
		t, recs = vccStatusStatType, d.statusStatRecords(from, to, i, loc)
	case rest == "statistics" && (kind == "agents" || kind == "queues" || kind == "channels"):
		t, recs = vccStatisticType, d.statisticRecords(from, to, entity{strings.TrimSuffix(kind, "s"), i}, loc)
	case (rest == "online_slas" || rest == "offline_slas") && (kind == "queues" || kind == "channels"):
		online := rest == "online_slas"
		t = vccOfflineSLAType
		if online {
			t = vccOnlineSLAType
		}
		recs = d.slaRecords(from, to, entity{strings.TrimSuffix(kind, "s"), i}, online, loc)
	default:
		return t, nil, http.StatusNotFound, "the requested resource was not found"
	}
	return t, filterRecords(recs, t, queryVars(q, t)), 0, ""
}

// renderVCC renders like render, except that dotted fields ("accepted.t0-5sec") become nested
// blocks in XML and JSON.
func renderVCC(format string, t recordType, recs []record) []byte {
	nested := false
	for _, f := range t.fields {
		nested = nested || strings.Contains(f, ".")
	}
	if !nested || format == "csv" {
		if format == "csv" && len(recs) == 0 {
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			_ = w.Write(t.fields)
			w.Flush()
			return b.Bytes()
		}
		return render(format, t, recs)
	}
	var b bytes.Buffer
	if format == "json" {
		b.WriteString(`{"` + t.root + `":{"` + t.name + `":[`)
		for i, r := range recs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			block := ""
			for j, f := range t.fields {
				blk, name, ok := strings.Cut(f, ".")
				if !ok {
					blk, name = "", f
				}
				if blk != block {
					if block != "" {
						b.WriteByte('}')
					}
					if j > 0 {
						b.WriteByte(',')
					}
					if blk != "" {
						writeJSONString(&b, blk)
						b.WriteString(":{")
					}
				} else if j > 0 {
					b.WriteByte(',')
				}
				block = blk
				writeJSONString(&b, name)
				b.WriteByte(':')
				writeJSONString(&b, r[j])
			}
			if block != "" {
				b.WriteByte('}')
			}
			b.WriteByte('}')
		}
		b.WriteString("]}}\n")
		return b.Bytes()
	}
	b.WriteString("<?xml version='1.0'  encoding='UTF-8' ?>\n<" + t.root + ">\n")
	for _, r := range recs {
		b.WriteString("    <" + t.name + ">\n")
		block := ""
		for j, f := range t.fields {
			blk, name, ok := strings.Cut(f, ".")
			if !ok {
				blk, name = "", f
			}
			if blk != block {
				if block != "" {
					b.WriteString("        </" + block + ">\n")
				}
				if blk != "" {
					b.WriteString("        <" + blk + ">\n")
				}
				block = blk
			}
			ind := "        "
			if blk != "" {
				ind += "    "
			}
			b.WriteString(ind + "<" + name + ">" + r[j] + "</" + name + ">\n")
		}
		if block != "" {
			b.WriteString("        </" + block + ">\n")
		}
		b.WriteString("    </" + t.name + ">\n")
	}
	b.WriteString("</" + t.root + ">\n")
	return b.Bytes()
}

// vccStatsCounts adds the truth of every table of vccstats.go for w to m.
func (s *Server) vccStatsCounts(w extract.Window, m map[string]int) {
	d := s.vcc
	loc := s.loc
	from, to := w.From, w.To
	m[schema.VCCChannels.Name] = len(d.queues)
	m[schema.VCCCampaigns.Name] = d.nCampaigns
	m[schema.VCCCampaignRecords.Name] = d.nCampaigns * d.nRecords
	m[schema.VCCTCLs.Name] = len(d.tclRecords())
	m[schema.VCCSCLs.Name] = len(d.sclRecords())
	m[schema.VCCSkills.Name] = len(d.skills())
	m[schema.VCCAgentInteractions.Name] = len(d.calls(from, to, true, func(c *vccCall) bool { return queued(c) && c.accepted() }))
	m[schema.VCCQueueInteractions.Name] = len(d.calls(from, to, false, queued))
	m[schema.VCCCampaignInteractions.Name] = len(d.calls(from, to, true, func(c *vccCall) bool { return c.itype == "Campaign" }))
	m[schema.VCCOutboundCalls.Name] = len(d.calls(from, to, false, func(c *vccCall) bool { return c.dir == "outbound" && c.accepted() }))
	m[schema.VCCAgentStatuses.Name] = len(d.statusRecords(from, to, -1, loc))
	slots := len(d.slots(from, to))
	m[schema.VCCAgentStatusStats.Name] = slots * len(d.enabled)
	m[schema.VCCStatistics.Name] = slots * (len(d.enabled) + 2*len(d.queues))
	online := 0
	for i := range d.queues {
		if d.online(i) {
			online++
		}
	}
	m[schema.VCCOnlineSLAs.Name] = slots * 2 * online
	m[schema.VCCOfflineSLAs.Name] = slots * 2 * (len(d.queues) - online)
	m[schema.VCCRTAgentSnapshots.Name] = len(d.agents) // per snapshot
	m[schema.VCCRTQueueSnapshots.Name] = len(d.queues)
	m[schema.VCCRecordings.Name] = len(d.recordings(from, to))
	chats := d.transcripts(from, to)
	m[schema.VCCTranscripts.Name] = len(chats)
	msgs := 0
	for i := range chats {
		msgs += len(d.messages(&chats[i], loc))
	}
	m[schema.VCCTranscriptMessages.Name] = msgs
}

// VCCCampaignIDs lists every campaign id the sandbox serves.
func (s *Server) VCCCampaignIDs() []int {
	out := make([]int, s.vcc.nCampaigns)
	for i := range out {
		out[i] = 555 + i
	}
	return out
}
