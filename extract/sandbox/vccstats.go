package sandbox

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The rest of the 8x8 historical statistics catalogue (spec §2.3 #3, #7–#12, #14–#35): record
// shapes in the order of the spec's samples, and their synthetic data, derived from the same
// tenant (groups, agents, queues) and the same calls as activities and all-interactions, so
// that the tables join: agent interactions and outbound calls are calls of that group's agents,
// queue interactions are the queued calls, campaign interactions carry the record ids of their
// campaign's records, statistics and SLA buckets count the calls of their queue.
var (
	vccChannelType  = recordType{"channels", "channel", []string{"channel-id", "channel-name", "channel-desc"}}
	vccCampaignType = recordType{"campaigns", "campaign", []string{"campaign-name", "campaign-id", "enabled", "status",
		"no-of-records", "caller-id", "start-time", "end-time", "actual-run-time", "actual-stop-time",
		"daily-start-time", "daily-end-time", "retry-interval", "max-retry"}}
	vccRecordType = recordType{"records", "record", []string{"campaign-name", "campaign-id", "record-id",
		"phone-list", "status", "status-code", "ext-trans-data", "disposition-code"}}
	vccTCLType = recordType{"tcl-trans", "tcl-tran", []string{"tcl-list-id", "tcl-name", "tcl-description",
		"tcl-admin-notes", "tcl-active", "tcl-autosort", "tcl-used", "tcl-category-id", "tcl-assignment-type",
		"tcl-required", "tcl-multiple-choice", "tcl-required-before-outbound", "tcl-item-id", "tcl-item-ordinate",
		"tcl-item-active", "tcl-item-used", "tcl-item-call-line-id", "tcl-lang-id", "tcl-item-menu-text",
		"tcl-item-report-text", "tcl-item-shortcode-text"}}
	vccSCLType = recordType{"scl-trans", "scl-tran", []string{"scl-list-id", "scl-name", "scl-description",
		"scl-admin-notes", "scl-active", "scl-autosort", "scl-used", "scl-category-id", "scl-item-id",
		"scl-item-ordinate", "scl-item-active", "scl-item-used", "scl-lang-id", "scl-item-menu-text",
		"scl-item-report-text", "scl-item-shortcode-text"}}
	// The two skills endpoints order agent-id and queue-id differently (§2.4.13).
	vccAgentSkillType       = recordType{"skills", "skill", []string{"enabled", "queue-id", "agent-id", "skill-level"}}
	vccQueueSkillType       = recordType{"skills", "skill", []string{"enabled", "agent-id", "queue-id", "skill-level"}}
	vccAgentInteractionType = recordType{"interactions", "interaction", []string{"interaction-id", "agent-id",
		"agent-name", "group-id", "group-name", "accept-timestamp", "process-time", "post-process-time",
		"finish-timestamp", "transfer-from", "conference-from"}}
	vccQueueInteractionType = recordType{"interactions", "interaction", []string{"interaction-id", "queue-name",
		"channel-id", "media-type", "create-timestamp", "accept-timestamp", "process-time", "post-process-time",
		"abandon-timestamp", "finish-timestamp", "voice-message-left", "origination", "customer-name",
		"ivr-treatment-time", "max-hold-time", "hold-count", "total-hold-time", "call-leg1-post-dial-delay",
		"call-leg2-post-dial-delay", "call-leg1-answer-time", "call-leg2-answer-time", "call-leg1-sip-id",
		"call-leg2-sip-id", "inbound-sip-id"}}
	vccCampaignInteractionType = recordType{"interactions", "interaction", []string{"campaign-name", "campaign-id",
		"agent-name", "queue-name", "accept-timestamp", "record-status", "record-id", "interaction-id",
		"wrap-up-code", "wrap-up-text", "disposition-code", "called-number", "ext-trans-data", "process-time",
		"post-process-time", "total-process-time", "recording-filename"}}
	vccStatusType = recordType{"statuses", "status", []string{"agent-id", "agent-name", "group-id", "group-name",
		"status", "event-time", "scl-list-id", "scl-item-id", "scl-item-shortcode-text", "scl-item-report-text",
		"transaction-id"}}
	vccStatusStatType = recordType{"statuses", "status", []string{"period-start", "period-end", "agent-id",
		"agent-name", "group-id", "group-name", "status-waiting", "status-processing", "status-post-processing",
		"status-working-offline", "status-transaction-offered", "status-break", "time-logged-in"}}
	vccOutboundType = recordType{"outboundcalls", "outboundcall", []string{"agent-id", "agent-name", "group-id",
		"transaction-id", "destination", "start-time", "total-time", "tcl-list-id", "tcl-item-id",
		"tcl-item-shortcode-text", "tcl-item-report-text", "tcl-outbound-list-id", "tcl-outbound-item-id",
		"tcl-outbound-item-shortcode-text", "tcl-outbound-item-report-text", "recording-filename", "max-hold-time",
		"hold-count", "total-hold-time", "call-leg1-post-dial-delay", "call-leg2-post-dial-delay",
		"call-leg1-answer-time", "call-leg2-answer-time", "call-leg1-sip-id", "call-leg2-sip-id"}}
	vccStatisticType = recordType{"statistics", "statistic", []string{"queue-name", "channel-id", "time-stamp",
		"media-type", "entered-count", "accepted-count", "sla-met-count", "abandoned-count",
		"finish-processing-count", "finish-post-count", "voice-message-left-count", "time-waiting",
		"time-processing", "time-post-processing", "total-time-to-abandon", "time-max-wait-accept",
		"time-max-wait-abandon"}}
	onlineBuckets    = []string{"t0-5sec", "t5-10sec", "t10-20sec", "t20-30sec", "t30-40sec", "t30-45sec", "t45-1min", "t1-2min", "t2-5min", "t5-10min", "t10-or-more"}
	onlineBounds     = []int{5, 10, 20, 30, 40, 45, 60, 120, 300, 600} // seconds; the doc's buckets overlap, 40–45 s counts in t30-45sec
	offlineBuckets   = []string{"t0-30min", "t30min-1hr", "t1hr-1hr30min", "t1hr30min-2hr", "t2hr-3hr", "t3hr-or-more"}
	offlineBounds    = []int{1800, 3600, 5400, 7200, 10800}
	vccOnlineSLAType = recordType{"online_slas", "online_sla", append(append([]string{"queue-name", "channel-id",
		"time-stamp", "media-type", "entered-count", "accepted-count", "sla-met-count"},
		dotted("accepted", onlineBuckets)...), dotted("abandoned", onlineBuckets)...)}
	vccOfflineSLAType = recordType{"offline_slas", "offline_sla", append([]string{"queue-id", "queue-name",
		"channel-id", "time-stamp", "media-type", "entered-count", "accepted-count", "sla-met-count"},
		dotted("accepted", offlineBuckets)...)}
)

// dotted names nested fields "block.field": XML and JSON render them as a nested block, CSV as
// a header "block.field" (the doc shows no CSV; flattening is the sandbox's choice).
func dotted(block string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = block + "." + n
	}
	return out
}

// vccSlot is the length of the aggregated periods.
const vccSlot = 30 * time.Minute

type vccCampaign struct {
	id       int
	name     string
	enabled  bool
	status   int
	records  int
	callerID string
	start    time.Time
}

var (
	statusNames = []string{"Available", "On Break", "Working Offline", "Logged Out", "Logged In"}
	sclItems    = [][2]string{{"Scheduled break", "Scheduled break"}, {"Lunch", "Lunch break"}, {"Training", "Training session"},
		{"Meeting", "Team meeting"}, {"Personal", "Personal time"}}
	outboundItems = []string{"ttt", "callback", "voicemail", "no answer"}
	mediaCodes    = map[string]string{"Phone": "T", "Chat": "C", "Email": "Z", "Voice Mail": "V"}
	skillLevels   = []string{"high", "medium", "low"}
)

// campaigns are built on demand from the options (2×Scale campaigns, 15×Scale records each).
func (d *vccData) campaigns() []vccCampaign {
	out := make([]vccCampaign, d.nCampaigns)
	for i := range out {
		r := newRNG(d.seed, int64(i), 8)
		name := "Sales Campaign"
		if i > 0 {
			name += " " + strconv.Itoa(i+1)
		}
		out[i] = vccCampaign{id: 555 + i, name: name, enabled: i == 0 || r.pct() >= 20, status: pick(r, []int{3, 4, 6, 8}),
			records: d.nRecords, callerID: "555" + fmt.Sprintf("%04d", r.intn(10000)), start: d.epoch.AddDate(0, 0, -r.between(1, 30))}
	}
	return out
}

func (d *vccData) campaignIndex(id string) int {
	for i := range d.nCampaigns {
		if strconv.Itoa(555+i) == id {
			return i
		}
	}
	return -1
}

func (d *vccData) channelIndex(id string) int {
	for i, q := range d.queues {
		if strconv.Itoa(q.channelID) == id {
			return i
		}
	}
	return -1
}

func (d *vccData) recordID(ci, ri int) string {
	return "00150000" + strings.ToUpper(hexID(newRNG(d.seed, int64(ci*100000+ri), 9), 10))
}

func (d *vccData) channelRecord(i int) record {
	q := d.queues[i]
	var name string
	switch q.media {
	case "C":
		name = "chat-" + strings.ToLower(strings.ReplaceAll(q.name, " ", "-"))
	case "Z":
		name = strings.ToLower(strings.Fields(q.name)[0]) + strconv.Itoa(i+1) + "@" + d.tenant + ".com"
	default:
		name = "800555" + fmt.Sprintf("%04d", 100+i)
	}
	return record{strconv.Itoa(q.channelID), name, q.desc}
}

func (d *vccData) campaignRecord(c vccCampaign, loc *time.Location) record {
	run := c.start.Add(30 * time.Second)
	stop := ""
	if c.status == 6 || c.status == 8 {
		stop = ts(c.start.AddDate(0, 0, 20).Add(2*time.Hour), loc)
	}
	return record{c.name, strconv.Itoa(c.id), yesNo(c.enabled, "Y", "N"), strconv.Itoa(c.status), strconv.Itoa(c.records),
		c.callerID, ts(c.start, loc), ts(c.start.AddDate(0, 2, 0), loc), ts(run, loc), stop, "600", "1110", "90", "3"}
}

func (d *vccData) campaignRecordRecords(ci int, c vccCampaign) []record {
	out := make([]record, c.records)
	for ri := range out {
		r := newRNG(d.seed, int64(ci*100000+ri), 10)
		first, last := pick(r, firstNames), pick(r, lastNames)
		out[ri] = record{c.name, strconv.Itoa(c.id), d.recordID(ci, ri), fmt.Sprintf("Phone|(650)555-%04d", r.intn(10000)),
			strconv.Itoa(r.intn(5)), strconv.Itoa(pick(r, []int{0, 0, 0, 1, 2, 3, 4})), "[AccountName|" + first + " " + last + "]",
			strconv.Itoa(pick(r, []int{1000, 1001, 1002}))}
	}
	return out
}

// tcls: list 1 holds the wrap-up codes the calls use, list 2 the outbound codes, then filler
// lists; 2×Scale lists of 4 items.
func (d *vccData) tclRecords() []record {
	var out []record
	for l := 1; l <= d.nTCLLists; l++ {
		name, desc := fmt.Sprintf("trans-code-%d", l), fmt.Sprintf("transaction code list %d", l)
		switch l {
		case 1:
			name, desc = "ag-trans-code", "agent transaction code"
		case 2:
			name, desc = "outbound-code", "outbound call result"
		}
		for i := 1; i <= 4; i++ {
			menu := fmt.Sprintf("code %d", i)
			report, short := fmt.Sprintf("transcode%d", i), fmt.Sprintf("c%d", i)
			switch l {
			case 1:
				menu = wrapUps[i-1][1]
			case 2:
				menu, report, short = outboundItems[i-1], outboundItems[i-1], outboundItems[i-1]
			}
			out = append(out, record{strconv.Itoa(l), name, desc, "", "Y", "N", yesNo(l <= 2, "Y", "N"), "", "groups",
				yesNo(l == 1, "Y", "N"), "N", yesNo(l == 2, "Y", "N"), strconv.Itoa(i), strconv.Itoa(i - 1), "Y",
				yesNo(l <= 2, "Y", "N"), "1408233" + fmt.Sprintf("%05d", l*10+i), "en_US", menu, report, short})
		}
	}
	return out
}

// scls: list 1 holds the status codes the status events use; Scale lists of 5 items.
func (d *vccData) sclRecords() []record {
	var out []record
	for l := 1; l <= d.nSCLLists; l++ {
		name, desc := "ag-status-code", "agent status code"
		if l > 1 {
			name, desc = fmt.Sprintf("status-code-%d", l), fmt.Sprintf("status code list %d", l)
		}
		for i, it := range sclItems {
			out = append(out, record{strconv.Itoa(l), name, desc, "", "Y", "N", yesNo(l == 1, "Y", "N"), "",
				strconv.Itoa(i + 1), strconv.Itoa(i), "Y", yesNo(l == 1, "Y", "N"), "en_US", it[0], it[1], it[0]})
		}
	}
	return out
}

type vccSkill struct {
	agent, queue int
	enabled      bool
	level        string
}

// skills: every agent has three queues.
func (d *vccData) skills() []vccSkill {
	var out []vccSkill
	for ai := range d.agents {
		seen := map[int]bool{}
		for j := range 3 {
			qi := (ai + 2*j) % len(d.queues)
			if seen[qi] {
				continue
			}
			seen[qi] = true
			r := newRNG(d.seed, int64(ai*1000+qi), 11)
			out = append(out, vccSkill{agent: ai, queue: qi, enabled: r.pct() >= 15, level: pick(r, skillLevels)})
		}
	}
	return out
}

func (d *vccData) skillRecords(agent, queue int) []record {
	var out []record
	for _, s := range d.skills() {
		switch {
		case agent >= 0 && s.agent == agent:
			out = append(out, record{yesNo(s.enabled, "Y", "N"), strconv.Itoa(d.queues[s.queue].id), d.agents[s.agent].id, s.level})
		case queue >= 0 && s.queue == queue:
			out = append(out, record{yesNo(s.enabled, "Y", "N"), d.agents[s.agent].id, strconv.Itoa(d.queues[s.queue].id), s.level})
		}
	}
	return out
}

// calls lists the calls created (byAccept false) or accepted (true) in [from, to) that match
// keep, in that time's order.
func (d *vccData) calls(from, to time.Time, byAccept bool, keep func(*vccCall) bool) []vccCall {
	if byAccept {
		return d.activities(from, to, keep)
	}
	k0, k1 := d.interactionRange(from, to)
	var out []vccCall
	for k := k0; k < k1; k++ {
		if c := d.call(k); keep == nil || keep(&c) {
			out = append(out, c)
		}
	}
	return out
}

func queued(c *vccCall) bool {
	return c.dir != "outbound" && c.itype != "DAA" && c.itype != "Fwd to Ext. Number"
}

func (d *vccData) agentInteractionRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	a := d.agentOf(c)
	g := d.groups[a.group]
	return record{strconv.FormatInt(c.id(), 10), a.id, a.first + " " + a.last, strconv.Itoa(g.id), g.name,
		ts(c.acceptTime(), loc), strconv.Itoa(c.proc), strconv.Itoa(c.post),
		ts(c.acceptTime().Add(time.Duration(c.proc+c.post)*time.Second), loc), v.transferFrom, v.conferenceFrom}
}

func (d *vccData) queueInteractionRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	q := d.queues[c.queue]
	acc := c.accepted()
	var accept, abandon, finish, vml string
	if acc {
		accept = ts(c.acceptTime(), loc)
		finish = ts(c.acceptTime().Add(time.Duration(c.proc+c.post)*time.Second), loc)
		vml = yesNo(c.media == "Voice Mail", "Y", "N")
	}
	if c.abandoned {
		abandon = ts(c.acceptTime(), loc)
	}
	return record{strconv.FormatInt(c.id(), 10), q.name, strconv.Itoa(q.channelID), q.media, ts(c.created, loc), accept,
		itoaIf(acc, c.proc), itoaIf(acc, c.post), abandon, finish, vml, v.origination, v.customer, strconv.Itoa(v.ivr),
		strconv.Itoa(v.maxHold), strconv.Itoa(v.holdCount), strconv.Itoa(v.totalHold), strconv.Itoa(v.pdd1),
		strconv.Itoa(v.pdd2), strconv.Itoa(v.ans1), strconv.Itoa(v.ans2), v.sip1, v.sip2, v.inboundSIP}
}

// campaignOf: the first campaign makes most calls (a running campaign and older ones).
func (d *vccData) campaignOf(c *vccCall) int {
	if d.nCampaigns == 1 || c.k%10 != 0 {
		return 0
	}
	return 1 + int(c.k/10)%(d.nCampaigns-1)
}

func (d *vccData) campaignInteractionRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	a := d.agentOf(c)
	cp := d.campaigns()[d.campaignOf(c)]
	return record{cp.name, strconv.Itoa(cp.id), a.first + " " + a.last, d.queues[c.queue].name, ts(c.acceptTime(), loc),
		v.recordStatus, v.recordID, strconv.FormatInt(c.id(), 10), v.wrapCode, v.wrapText, v.disposition, v.destOrig,
		v.ext, strconv.Itoa(c.proc), strconv.Itoa(c.post), strconv.Itoa(c.proc + c.post), recordingName(c)}
}

func (d *vccData) outboundRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	a := d.agentOf(c)
	var list, item, short, report string
	if v.tclItem > 0 {
		list, item = "1", strconv.Itoa(v.tclItem)
		short, report = "c"+item, "transcode"+item
	}
	oi := 1 + int(c.k)%len(outboundItems)
	return record{a.id, a.first + " " + a.last, strconv.Itoa(d.groups[a.group].id), strconv.FormatInt(c.id(), 10),
		v.destOrig, ts(c.created, loc), strconv.Itoa(c.proc + c.post), list, item, short, report, "2", strconv.Itoa(oi),
		outboundItems[oi-1], outboundItems[oi-1], recordingName(c), strconv.Itoa(v.maxHold), strconv.Itoa(v.holdCount),
		strconv.Itoa(v.totalHold), strconv.Itoa(v.pdd1), strconv.Itoa(v.pdd2), strconv.Itoa(v.ans1), strconv.Itoa(v.ans2),
		v.sip1, v.sip2}
}

// slots lists the starts of the 30-minute periods in [from, to), none before the epoch.
func (d *vccData) slots(from, to time.Time) []time.Time {
	var out []time.Time
	s := d.epoch
	if from.After(s) {
		s = d.epoch.Add(from.Sub(d.epoch).Truncate(vccSlot))
		if s.Before(from) {
			s = s.Add(vccSlot)
		}
	}
	for ; s.Before(to); s = s.Add(vccSlot) {
		out = append(out, s)
	}
	return out
}

func (d *vccData) slotIndex(t time.Time) int64 { return int64(t.Sub(d.epoch) / vccSlot) }

// statusEvents: each enabled agent of group gi (-1: all) changes status about every 100
// minutes, at random seconds within 30-minute slots.
func (d *vccData) statusRecords(from, to time.Time, gi int, loc *time.Location) []record {
	type ev struct {
		at  time.Time
		rec record
	}
	var evs []ev
	for _, s := range d.slots(from.Add(-vccSlot), to) {
		for _, ai := range d.enabled {
			a := d.agents[ai]
			if gi >= 0 && a.group != gi {
				continue
			}
			id := d.slotIndex(s)*4096 + int64(ai)
			r := newRNG(d.seed, id, 7)
			if r.pct() >= 30 {
				continue
			}
			at := s.Add(time.Duration(r.intn(1800)) * time.Second)
			if at.Before(from) || !at.Before(to) {
				continue
			}
			st := pick(r, statusNames)
			var list, item, short, report string
			if st == "On Break" || st == "Working Offline" {
				i := r.intn(len(sclItems))
				list, item, short, report = "1", strconv.Itoa(i+1), sclItems[i][0], sclItems[i][1]
			}
			g := d.groups[a.group]
			evs = append(evs, ev{at, record{a.id, a.first + " " + a.last, strconv.Itoa(g.id), g.name, st, ts(at, loc),
				list, item, short, report, strconv.FormatInt(id+1, 10)}})
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	out := make([]record, len(evs))
	for i, e := range evs {
		out[i] = e.rec
	}
	return out
}

// statusStatRecords: one row per 30-minute period for an enabled agent; nothing for others.
func (d *vccData) statusStatRecords(from, to time.Time, ai int, loc *time.Location) []record {
	a := d.agents[ai]
	if !a.enabled {
		return nil
	}
	g := d.groups[a.group]
	var out []record
	for _, s := range d.slots(from, to) {
		r := newRNG(d.seed, d.slotIndex(s)*4096+int64(ai), 12)
		in := pick(r, []int{0, 0, 1800, 1800, r.between(60, 1800)})
		parts := make([]int, 6)
		left := in
		for i := range parts[:5] {
			parts[i] = r.between(0, left/2)
			left -= parts[i]
		}
		parts[5] = left
		out = append(out, record{ts(s, loc), ts(s.Add(vccSlot), loc), a.id, a.first + " " + a.last, strconv.Itoa(g.id), g.name,
			strconv.Itoa(parts[0]), strconv.Itoa(parts[1]), strconv.Itoa(parts[2]), strconv.Itoa(parts[3]),
			strconv.Itoa(parts[4]), strconv.Itoa(parts[5]), strconv.Itoa(in)})
	}
	return out
}

// entity names which agent, queue or channel an aggregate is read for.
type entity struct {
	kind string // agent, queue, channel
	idx  int
}

func (d *vccData) matches(e entity, c *vccCall) bool {
	if e.kind == "agent" {
		return c.agent == e.idx
	}
	return c.queue == e.idx // a channel is its queue's
}

type slotAgg struct {
	entered, accepted, slaMet, abandoned, vml  int
	wait, proc, post, toAbandon, maxAcc, maxAb int
	acc, ab                                    []int // waits in seconds
}

func (d *vccData) aggregate(from, to time.Time, e entity) map[time.Time]*slotAgg {
	out := map[time.Time]*slotAgg{}
	for _, s := range d.slots(from, to) {
		out[s] = &slotAgg{}
	}
	for _, c := range d.calls(from, to, false, nil) {
		if !d.matches(e, &c) {
			continue
		}
		a := out[d.epoch.Add(time.Duration(d.slotIndex(c.created))*vccSlot)]
		if a == nil {
			continue
		}
		w := int(c.wait / time.Second)
		a.entered++
		switch {
		case c.accepted():
			a.accepted++
			a.wait += w
			a.proc += c.proc
			a.post += c.post
			a.maxAcc = max(a.maxAcc, w)
			a.acc = append(a.acc, w)
			if q := d.queues[c.queue]; !q.sla || w <= q.slaTime {
				a.slaMet++
			}
			if c.media == "Voice Mail" {
				a.vml++
			}
		case c.abandoned:
			a.abandoned++
			a.toAbandon += w
			a.maxAb = max(a.maxAb, w)
			a.ab = append(a.ab, w)
		}
	}
	return out
}

func (d *vccData) statisticRecords(from, to time.Time, e entity, loc *time.Location) []record {
	if e.kind == "agent" && !d.agents[e.idx].enabled {
		return nil
	}
	var qname, chID, media string
	if e.kind != "agent" {
		q := d.queues[e.idx]
		qname, chID, media = q.name, strconv.Itoa(q.channelID), q.media
	}
	aggs := d.aggregate(from, to, e)
	var out []record
	for _, s := range d.slots(from, to) {
		a := aggs[s]
		out = append(out, record{qname, chID, ts(s, loc), media, strconv.Itoa(a.entered), strconv.Itoa(a.accepted),
			strconv.Itoa(a.slaMet), strconv.Itoa(a.abandoned), strconv.Itoa(a.accepted), strconv.Itoa(a.accepted),
			strconv.Itoa(a.vml), strconv.Itoa(a.wait), strconv.Itoa(a.proc), strconv.Itoa(a.post), strconv.Itoa(a.toAbandon),
			strconv.Itoa(a.maxAcc), strconv.Itoa(a.maxAb)})
	}
	return out
}

func bucketCounts(waits []int, bounds []int) []string {
	n := make([]int, len(bounds)+1)
	for _, w := range waits {
		i := sort.SearchInts(bounds, w+1)
		n[i]++
	}
	out := make([]string, len(n))
	for i, v := range n {
		out[i] = strconv.Itoa(v)
	}
	return out
}

// online reports whether queue qi is an "on line" queue (telephony, chat).
func (d *vccData) online(qi int) bool { m := d.queues[qi].media; return m == "T" || m == "C" }

func (d *vccData) slaRecords(from, to time.Time, e entity, online bool, loc *time.Location) []record {
	if d.online(e.idx) != online {
		return nil
	}
	q := d.queues[e.idx]
	aggs := d.aggregate(from, to, e)
	var out []record
	for _, s := range d.slots(from, to) {
		a := aggs[s]
		counts := []string{strconv.Itoa(a.entered), strconv.Itoa(a.accepted), strconv.Itoa(a.slaMet)}
		if online {
			r := append(record{q.name, strconv.Itoa(q.channelID), ts(s, loc), q.media}, counts...)
			r = append(r, bucketCounts(a.acc, onlineBounds)...)
			out = append(out, append(r, bucketCounts(a.ab, onlineBounds)...))
			continue
		}
		media := q.media
		if media == "Z" {
			media = "E" // the offline-SLA sample's e-mail code (spec §12.13)
		}
		r := append(record{strconv.Itoa(q.id), q.name, strconv.Itoa(q.channelID), ts(s, loc), media}, counts...)
		out = append(out, append(r, bucketCounts(a.acc, offlineBounds)...))
	}
	return out
}
