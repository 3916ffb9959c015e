package sandbox

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// 8x8 Contact Center record shapes, fields in the order of the spec's samples (§2.4).
var (
	vccGroupType = recordType{"groups", "group", []string{"group-id", "group-name", "deleted"}}
	vccAgentType = recordType{"agents", "agent", []string{
		"agent-id", "group-id", "date-hired-date", "direct-agent-access", "email-address", "enabled",
		"first-name", "full-name", "last-name", "phone-used", "phone-extension", "user-rights",
		"voice-mail-activated"}}
	vccQueueType = recordType{"queues", "queue", []string{
		"queue-id", "queue-name", "queue-desc", "media-type", "enabled", "sla-enabled", "sla-time"}}
	vccActivityType = recordType{"activities", "activity", []string{
		"agent-id", "agent-name", "group-id", "group-name", "media-type", "channel-id", "channel-obj-id",
		"queue-obj-id", "queue-name", "transaction_id", "origination", "customer-name", "trans-accept-time",
		"trans-proc-time", "trans-post-proc-time", "trans-total-time", "trans-transfer-from",
		"trans-conference-from", "case-id", "tcl-list-id", "tcl-item-id", "tcl-item-shortcode-text",
		"tcl-item-report-text", "recording-filename"}}
	vccInteractionType = recordType{"interactions", "interaction", []string{
		"media-type", "channel-obj-id", "queue-name", "interaction-id", "orig-interaction-id", "origination",
		"destination-original", "destination-translated", "customer-name", "case-id", "interaction-direction",
		"interaction-type", "dial-code", "dial-text", "create-timestamp", "agent-name", "accept-timestamp",
		"process-time", "post-process-time", "total-time", "abandon-timestamp", "voice-message-left",
		"recording-filename", "ivr-treatment-time", "transfer-from", "conference-from", "max-hold-time",
		"hold-count", "total-hold-time", "call-leg1-post-dial-delay", "call-leg2-post-dial-delay",
		"call-leg1-answer-time", "call-leg2-answer-time", "call-leg1-sip-id", "call-leg2-sip-id",
		"inbound-sip-id", "notes", "campaign-name", "record-id", "record-status", "disposition-code",
		"ext-trans-data", "wrap-up-code", "wrap-up-text"}}
)

// vccInterval at Scale 1: one interaction every 20 minutes (72 a day).
const vccInterval = 20 * time.Minute

// vccMaxWait bounds the time from an interaction's creation to its accept or abandon.
const vccMaxWait = 5 * time.Minute

type vccGroup struct {
	id      int
	name    string
	deleted bool
}

type vccAgent struct {
	id, first, last string
	group           int // index into groups
	hired           time.Time
	daa, enabled    bool
	vm              bool
	phone, rights   string
	ext             int
}

type vccQueue struct {
	id                   int
	name, desc, media    string // media: T, C, Z, V
	enabled, sla         bool
	slaTime, channelID   int
	channelObj, mediaObj string
}

// vccData is the simulated tenant: dimensions built once, events generated on demand.
type vccData struct {
	seed     int64
	tenant   string
	epoch    time.Time
	interval time.Duration
	groups   []vccGroup
	agents   []vccAgent
	enabled  []int // indexes of enabled agents
	queues   []vccQueue
	byMedia  map[string][]int // media word → queue indexes
	// sizes of the other dimensions (vccstats.go)
	nCampaigns, nRecords, nTCLLists, nSCLLists int
}

var (
	groupNames = []string{"Support", "East Coast Sales", "West Coast Sales", "Billing", "Escalations",
		"Retention", "Onboarding", "Technical", "Partners"}
	firstNames = []string{"Fred", "Sally", "Marie", "Pat", "José", "Aisha", "Chen", "Olga", "Liam",
		"Noor", "Kwame", "Ingrid", "Raj", "Zoë", "Tomás", "Yuki", "Amara", "Dmitri"}
	lastNames = []string{"Bloggs", "Sanders", "O'Brien", "García", "Nguyen", "Müller", "Okafor",
		"Kowalski", "Smith", "Johansson", "Patel", "Tanaka", "Dubois", "Rossi"}
	customerNames = []string{"Acme \"Widgets\" Ltd", "Smith & Sons", "Chen, Li", "<unknown>", "Łukasz Nowak"}
	queueShapes   = []struct{ media, word, name, desc string }{
		{"T", "phone", "Sales Phone", "Inbound sales calls"},
		{"C", "chat", "Support Chat", "Web chat, first tier"},
		{"Z", "email", "Billing Email", "billing@ mailbox"},
		{"V", "vmail", "Support Voicemail", "After-hours voice mail"},
		{"T", "phone", "Support Phone", "First tier support"},
	}
	mediaWords = map[string]string{"T": "Phone", "C": "Chat", "Z": "Email", "V": "Voice Mail"}
	wrapUps    = [][2]string{{"sale", "Sale closed"}, {"retry", "Try Again Later"}, {"info", "Information given"},
		{"escalate", "Escalated to tier 2"}}
)

func newVCCData(o Options, loc *time.Location) *vccData {
	d := &vccData{seed: o.Seed, tenant: o.Tenant, epoch: o.Epoch, interval: vccInterval / time.Duration(o.Scale),
		byMedia: map[string][]int{}, nCampaigns: 2 * o.Scale, nRecords: 15 * o.Scale, nTCLLists: 2 * o.Scale,
		nSCLLists: o.Scale}
	if d.interval < time.Second {
		d.interval = time.Second
	}
	var active []int
	for i := range 3 * o.Scale {
		name := groupNames[i%len(groupNames)]
		if n := i / len(groupNames); n > 0 {
			name += " " + strconv.Itoa(n+1)
		}
		// Every third group (123 East Coast Sales first, as in the spec's sample) is deleted
		// and has no agents; its past activities would still be served.
		g := vccGroup{id: 122 + i, name: name, deleted: i%3 == 1}
		if !g.deleted {
			active = append(active, i)
		}
		d.groups = append(d.groups, g)
	}
	for i := range 10 * o.Scale {
		r := newRNG(o.Seed, int64(i), 1)
		first := firstNames[i%len(firstNames)]
		last := lastNames[(i*5+i/len(firstNames))%len(lastNames)]
		id := strings.ToLower(asciiFold(first))
		if n := i / len(firstNames); n > 0 {
			id += strconv.Itoa(n + 1)
		}
		a := vccAgent{id: id, first: first, last: last, group: active[i%len(active)],
			hired:   o.Epoch.AddDate(0, 0, -r.between(30, 3000)),
			daa:     r.pct() < 30,
			enabled: i == 0 || r.pct() >= 10,
			vm:      r.pct() < 50,
			phone:   pick(r, []string{"PSTN", "PSTN", "SIP", "VoIP"}),
			rights:  pick(r, []string{"agent", "agent", "agent", "supervisor"}),
			ext:     i + 1,
		}
		if a.enabled {
			d.enabled = append(d.enabled, i)
		}
		d.agents = append(d.agents, a)
	}
	for i := range 5 * o.Scale {
		r := newRNG(o.Seed, int64(i), 2)
		sh := queueShapes[i%len(queueShapes)]
		name := sh.name
		if n := i / len(queueShapes); n > 0 {
			name += " " + strconv.Itoa(n+1)
		}
		q := vccQueue{id: 101 + i, name: name, desc: sh.desc, media: sh.media, enabled: i < 5 || r.pct() >= 15,
			sla: r.pct() < 60, channelID: 50 + i, channelObj: strconv.Itoa(5030001 + 1000*i), mediaObj: sh.word}
		if q.sla {
			q.slaTime = pick(r, []int{20, 30, 60, 120})
		}
		d.byMedia[mediaWords[q.media]] = append(d.byMedia[mediaWords[q.media]], i)
		d.queues = append(d.queues, q)
	}
	return d
}

func asciiFold(s string) string {
	return strings.NewReplacer("é", "e", "ë", "e", "á", "a", "ó", "o", "ø", "o").Replace(s)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func (d *vccData) groupRecord(g vccGroup) record {
	return record{strconv.Itoa(g.id), g.name, yesNo(g.deleted, "Yes", "No")}
}

func (d *vccData) agentRecord(a vccAgent) record {
	return record{a.id, strconv.Itoa(d.groups[a.group].id), a.hired.Format("2006-01-02"), yesNo(a.daa, "yes", "no"),
		a.id + "@" + d.tenant + ".com", yesNo(a.enabled, "Y", "N"), a.first, a.first + " " + a.last, a.last,
		a.phone, fmt.Sprintf("%03d", a.ext), a.rights, yesNo(a.vm, "yes", "no")}
}

func (d *vccData) queueRecord(q vccQueue) record {
	return record{strconv.Itoa(q.id), q.name, q.desc, q.media, yesNo(q.enabled, "Y", "N"), yesNo(q.sla, "Y", "N"),
		strconv.Itoa(q.slaTime)}
}

// at is when interaction k is created: Epoch + k×interval, whole seconds.
func (d *vccData) at(k int64) time.Time {
	off := time.Duration(k) * d.interval
	return d.epoch.Add(off - off%time.Second)
}

// firstAtOrAfter is the smallest k ≥ 0 with at(k) ≥ t.
func (d *vccData) firstAtOrAfter(t time.Time) int64 {
	if !t.After(d.epoch) {
		return 0
	}
	k := int64(t.Sub(d.epoch) / d.interval)
	for k > 0 && !d.at(k-1).Before(t) {
		k--
	}
	for d.at(k).Before(t) {
		k++
	}
	return k
}

// vccCall holds the decisions about interaction k that both interactions and activities use.
type vccCall struct {
	k                 int64
	created           time.Time
	media, dir, itype string
	queue             int
	agent             int // -1: no agent (abandoned, forwarded)
	abandoned         bool
	wait              time.Duration
	proc, post        int
}

func (c *vccCall) accepted() bool              { return c.agent >= 0 }
func (c *vccCall) acceptTime() time.Time       { return c.created.Add(c.wait) }
func (c *vccCall) id() int64                   { return c.k + 1 }
func (d *vccData) agentOf(c *vccCall) vccAgent { return d.agents[c.agent] }

func (d *vccData) call(k int64) vccCall {
	r := newRNG(d.seed, k, 3)
	c := vccCall{k: k, created: d.at(k), agent: -1}
	switch p := r.pct(); {
	case p < 55:
		c.media = "Phone"
	case p < 75:
		c.media = "Chat"
	case p < 90:
		c.media = "Email"
	default:
		c.media = "Voice Mail"
	}
	switch p := r.pct(); {
	case c.media == "Phone" && p < 25:
		c.dir = "outbound"
	case p < 88:
		c.dir = "inbound"
	}
	if c.media == "Phone" {
		p := r.pct()
		switch {
		case c.dir == "outbound" && p < 30:
			c.itype = "Campaign"
		case c.dir == "outbound":
		case p < 5:
			c.itype = "Web Callback"
		case p < 10:
			c.itype = "DAA"
		case p < 13:
			c.itype = "Fwd to Ext. Number"
		case p < 16:
			c.itype = "Consult"
		}
	}
	qs := d.byMedia[c.media]
	c.queue = qs[r.intn(len(qs))]
	c.wait = 5*time.Second + time.Duration(r.intn(int(vccMaxWait/time.Second)-5))*time.Second
	c.abandoned = c.dir != "outbound" && (c.media == "Phone" || c.media == "Chat") && c.itype == "" && r.pct() < 12
	pickAgent := r.intn(len(d.enabled))
	if !c.abandoned && c.itype != "Fwd to Ext. Number" {
		c.agent = d.enabled[pickAgent]
	}
	switch c.media {
	case "Phone":
		c.proc = r.between(30, 900)
	case "Chat":
		c.proc = r.between(60, 1200)
	case "Email":
		c.proc = r.between(60, 600)
	default:
		c.proc = r.between(20, 200)
	}
	c.post = r.between(0, 180)
	return c
}

// interactionRange is the k range [k0, k1) of interactions created in [from, to).
func (d *vccData) interactionRange(from, to time.Time) (int64, int64) {
	if !to.After(from) {
		return 0, 0
	}
	return d.firstAtOrAfter(from), d.firstAtOrAfter(to)
}

// activities lists the accepted calls with an accept time in [from, to) that match keep, in
// accept-time order (ties by transaction id).
func (d *vccData) activities(from, to time.Time, keep func(*vccCall) bool) []vccCall {
	if !to.After(from) {
		return nil
	}
	var out []vccCall
	for k, end := d.firstAtOrAfter(from.Add(-vccMaxWait)), d.firstAtOrAfter(to); k < end; k++ {
		c := d.call(k)
		if !c.accepted() {
			continue
		}
		if at := c.acceptTime(); at.Before(from) || !at.Before(to) || (keep != nil && !keep(&c)) {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].acceptTime().Before(out[j].acceptTime()) })
	return out
}

// VCCCounts returns how many records the sandbox serves for w, by table name: every record of
// the dimension tables, and the interactions created / activities accepted within [w.From, w.To)
// for the event tables (summed over all groups).
func (s *Server) VCCCounts(w extract.Window) map[string]int {
	d := s.vcc
	k0, k1 := d.interactionRange(w.From, w.To)
	m := map[string]int{
		schema.VCCGroups.Name:       len(d.groups),
		schema.VCCAgents.Name:       len(d.agents),
		schema.VCCQueues.Name:       len(d.queues),
		schema.VCCInteractions.Name: int(k1 - k0),
		schema.VCCActivities.Name:   len(d.activities(w.From, w.To, nil)),
	}
	s.vccStatsCounts(w, m)
	return m
}

// VCCGroupIDs lists every group id the sandbox serves (deleted groups included).
func (s *Server) VCCGroupIDs() []int {
	out := make([]int, len(s.vcc.groups))
	for i, g := range s.vcc.groups {
		out[i] = g.id
	}
	return out
}
