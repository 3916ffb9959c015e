package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// vccDetail holds the rest of interaction k's values, drawn from a separate stream.
type vccDetail struct {
	origination, destOrig, destTrans, customer, caseID string
	ivr, holdCount, maxHold, totalHold                 int
	pdd1, pdd2, ans1, ans2                             int
	sip1, sip2, inboundSIP, notes                      string
	transferFrom, conferenceFrom                       string
	wrapCode, wrapText                                 string
	tclItem                                            int
	campaign, recordID, recordStatus, disposition, ext string
}

func hexID(r *rng, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.intn(16)]
	}
	return string(b)
}

func phone(r *rng) string { return fmt.Sprintf("%03d555%04d", r.between(201, 989), r.intn(10000)) }

func (d *vccData) detail(c *vccCall) vccDetail {
	r := newRNG(d.seed, c.k, 4)
	var v vccDetail
	first, last := pick(r, firstNames), pick(r, lastNames)
	switch p := r.pct(); {
	case p < 20:
		v.customer = "N/A, N/A"
	case p < 25:
		v.customer = pick(r, customerNames)
	default:
		v.customer = last + ", " + first
	}
	switch {
	case c.dir == "outbound":
		v.origination = d.agents[d.enabled[r.intn(len(d.enabled))]].id
		if c.accepted() {
			v.origination = d.agentOf(c).id
		}
		v.destOrig = phone(r)
		v.destTrans = "1" + v.destOrig
	case c.media == "Chat":
		v.origination = "visitor-" + hexID(r, 6)
	case c.media == "Email":
		v.origination = strings.ToLower(asciiFold(first)) + "@example.com"
	default:
		v.origination = phone(r)
		v.destOrig = "800555" + fmt.Sprintf("%04d", 100+c.queue)
		v.destTrans = "+1" + v.destOrig
	}
	if c.itype == "Fwd to Ext. Number" {
		v.destTrans = "+1" + phone(r)
	}
	if r.pct() < 10 {
		v.caseID = strconv.Itoa(r.between(1, 5000))
	}
	if c.media == "Phone" {
		if c.dir == "inbound" {
			v.ivr = r.between(0, 30)
			v.inboundSIP = hexID(r, 38)
		}
		v.pdd1, v.pdd2 = r.between(0, 4), r.between(0, 4)
		if c.accepted() {
			v.holdCount = r.between(0, 3)
			for range v.holdCount {
				h := r.between(5, 120)
				v.totalHold += h
				v.maxHold = max(v.maxHold, h)
			}
			v.ans1, v.ans2 = r.between(1, 20), r.between(1, 20)
			v.sip1, v.sip2 = hexID(r, 32), hexID(r, 32)
		}
	}
	if c.accepted() {
		if p := r.pct(); p < 5 {
			v.transferFrom = d.agents[d.enabled[r.intn(len(d.enabled))]].id
		} else if p < 8 {
			v.conferenceFrom = d.agents[d.enabled[r.intn(len(d.enabled))]].id
		}
		if r.pct() < 60 {
			v.tclItem = 1 + r.intn(len(wrapUps))
			v.wrapCode, v.wrapText = wrapUps[v.tclItem-1][0], wrapUps[v.tclItem-1][1]
		}
	}
	if v.wrapCode == "" {
		v.wrapCode, v.wrapText = "N/A", "N/A"
	}
	if r.pct() < 8 {
		v.notes = "Asked about invoice #" + strconv.Itoa(r.between(100, 999)) + " & refund <pending>"
	}
	if c.itype == "Campaign" {
		ci := d.campaignOf(c)
		v.campaign = d.campaigns()[ci].name
		v.recordID = d.recordID(ci, int(c.k/int64(d.nCampaigns))%d.nRecords)
		v.recordStatus = strconv.Itoa(pick(r, []int{2, 3, 3, 4}))
		v.disposition = strconv.Itoa(pick(r, []int{1000, 1001, 1002}))
		v.ext = "[AccountName|" + first + " " + last + "]"
	}
	return v
}

// ts renders a timestamp as the vendor does: ISO 8601 with the zone's offset.
func ts(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02T15:04:05-07:00") }

func recordingName(c *vccCall) string {
	if !c.accepted() || (c.media != "Phone" && c.media != "Voice Mail") {
		return ""
	}
	u := c.acceptTime().UTC()
	return fmt.Sprintf("S%s/R%s%04d.wav", u.Format("20060102"), u.Format("20060102150405"), c.k%10000)
}

func itoaIf(ok bool, n int) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(n)
}

func (d *vccData) interactionRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	q := d.queues[c.queue]
	acc := c.accepted()
	var agentName, accept, abandon, vml string
	if acc {
		a := d.agentOf(c)
		agentName, accept = a.first+" "+a.last, ts(c.acceptTime(), loc)
		vml = yesNo(c.media == "Voice Mail", "Y", "N")
	}
	if c.abandoned {
		abandon = ts(c.acceptTime(), loc)
	}
	orig := ""
	if (c.itype == "Consult" || v.transferFrom != "") && c.k > 0 {
		orig = strconv.FormatInt(c.id()-1, 10)
	}
	return record{c.media, q.channelObj, q.name, strconv.FormatInt(c.id(), 10), orig, v.origination,
		v.destOrig, v.destTrans, v.customer, v.caseID, c.dir, c.itype, "", "", ts(c.created, loc), agentName,
		accept, itoaIf(acc, c.proc), itoaIf(acc, c.post), itoaIf(acc, c.proc+c.post), abandon, vml,
		recordingName(c), strconv.Itoa(v.ivr), v.transferFrom, v.conferenceFrom, strconv.Itoa(v.maxHold),
		strconv.Itoa(v.holdCount), strconv.Itoa(v.totalHold), strconv.Itoa(v.pdd1), strconv.Itoa(v.pdd2),
		strconv.Itoa(v.ans1), strconv.Itoa(v.ans2), v.sip1, v.sip2, v.inboundSIP, v.notes, v.campaign,
		v.recordID, v.recordStatus, v.disposition, v.ext, v.wrapCode, v.wrapText}
}

func (d *vccData) activityRecord(c *vccCall, loc *time.Location) record {
	v := d.detail(c)
	q := d.queues[c.queue]
	a := d.agentOf(c)
	g := d.groups[a.group]
	var list, item, short, report string
	if v.tclItem > 0 {
		list, item = "1", strconv.Itoa(v.tclItem)
		short, report = "c"+item, "transcode"+item
	}
	return record{a.id, a.first + " " + a.last, strconv.Itoa(g.id), g.name, c.media, strconv.Itoa(q.channelID),
		q.channelObj, d.tenant + "~~queue~~" + q.mediaObj + "~~" + strconv.Itoa(q.id), q.name,
		strconv.FormatInt(c.id(), 10), v.origination, v.customer, ts(c.acceptTime(), loc), strconv.Itoa(c.proc),
		strconv.Itoa(c.post), strconv.Itoa(c.proc + c.post), v.transferFrom, v.conferenceFrom, v.caseID, list, item,
		short, report, recordingName(c)}
}
