package sandbox

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The 8x8 real-time statistics API (spec §3) under /api/rtstats/stats: /agents, /agent/{id},
// /queues, /queue/{id}; XML (default) or JSON, no CSV, no paging, no windows. The state is a
// pure function of the agent or queue and the 10-second cache period of Options.Now, with the
// documented quirks: -1 sentinels, empty status-code elements, the agent GUID padded with
// newlines, agent-count-loggedOut in camelCase.
var (
	vccRTAgentType = recordType{"agents", "agent", []string{"active-customer-chat-count", "agent-guid", "agent-id",
		"agent-media-id", "agent-name", "agent-status", "agent-sub-status", "assigned-skill-count", "day-accepted-count",
		"day-available-time", "day-avg-processing-time", "day-break-time", "day-login-time", "day-offline-time",
		"day-processing-time", "day-rejected-count", "day-wrap-up-time", "enabled-skill-count", "group-id",
		"idle-start-time", "last-login-time", "longest-active-customer-chat-duration", "max-concurrent-customer-chat",
		"phone-line1-status", "phone-line1-status-time", "phone-line2-status", "phone-line2-status-time",
		"status-code-item-id", "status-code-item-short-code", "status-code-list-id", "thirty-min-accepted-count",
		"thirty-min-available-time", "thirty-min-avg-handling-time", "thirty-min-break-time", "thirty-min-offline-time",
		"thirty-min-processing-time", "thirty-min-rejected-count", "thirty-min-wrap-up-time", "time-in-status"}}
	vccRTQueueType = recordType{"queues", "queue", []string{"agent-count-busy", "agent-count-loggedOut",
		"agent-count-onBreak", "agent-count-postProcess", "agent-count-waitTransact", "agent-count-workOffline",
		"day-abandoned", "day-accepted", "day-avg-duration", "day-avg-wait-time", "day-queued", "day-sla-activity",
		"assigned-agent-count", "enabled-agent-count", "longest-wait-time", "media-type", "number-in-offered",
		"number-in-progress", "queue-id", "queue-name", "queue-size", "queue-type", "sla-activity", "sla-target",
		"thirty-min-abandoned", "thirty-min-accepted", "thirty-min-avg-duration", "thirty-min-avg-wait-time",
		"thirty-min-longest-wait-time", "thirty-min-queued", "thirty-min-sla-activity"}}
	rtMedia = map[string]string{"T": "phone", "C": "chat", "Z": "email", "V": "vmail"}
)

// vccAuth checks the Basic credentials as every 8x8 API does; false means it answered.
func (s *Server) vccAuth(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		httpError(w, http.StatusMethodNotAllowed, "only GET is supported")
		return false
	}
	tenant, token, ok := r.BasicAuth()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="8x8 Contact Center"`)
		httpError(w, http.StatusUnauthorized, "authentication required")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(tenant), []byte(s.opts.Tenant)) != 1 ||
		subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) != 1 {
		httpError(w, http.StatusForbidden, "the request was not allowed")
		return false
	}
	return true
}

func writeBody(w http.ResponseWriter, r *http.Request, format string, body []byte) {
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func (s *Server) serveVCCRT(w http.ResponseWriter, r *http.Request) {
	path, format := splitFormat(strings.TrimPrefix(r.URL.Path, "/api/rtstats/stats"))
	if !s.vccAuth(w, r) {
		return
	}
	if format == "csv" {
		httpError(w, http.StatusBadRequest, "the real-time statistics API answers in XML or JSON only")
		return
	}
	d := s.vcc
	now := s.opts.Now()
	seg := strings.Split(strings.Trim(path, "/"), "/")
	var (
		t    recordType
		recs []record
		one  bool
	)
	switch {
	case len(seg) == 1 && seg[0] == "agents":
		t = vccRTAgentType
		for i := range d.agents {
			recs = append(recs, d.rtAgentRecord(i, now))
		}
	case len(seg) == 2 && seg[0] == "agent":
		i := d.agentIndex(seg[1])
		if i < 0 {
			httpError(w, http.StatusNotFound, "no agent "+seg[1])
			return
		}
		t, recs, one = vccRTAgentType, []record{d.rtAgentRecord(i, now)}, true
	case len(seg) == 1 && seg[0] == "queues":
		t = vccRTQueueType
		for i := range d.queues {
			recs = append(recs, d.rtQueueRecord(i, now))
		}
	case len(seg) == 2 && seg[0] == "queue":
		i := d.queueIndex(seg[1])
		if i < 0 {
			httpError(w, http.StatusNotFound, "no queue "+seg[1])
			return
		}
		t, recs, one = vccRTQueueType, []record{d.rtQueueRecord(i, now)}, true
	default:
		httpError(w, http.StatusNotFound, "the requested resource was not found")
		return
	}
	body := render(format, t, recs)
	if one && format == "xml" { // single items: the record is the root, without declaration (§3.2)
		body = render(format, recordType{t.name, t.name, t.fields}, recs)
		body = []byte(strings.TrimSuffix(strings.SplitN(string(body), "\n", 3)[2], "</"+t.name+">\n"))
		body = []byte(strings.Replace(string(body), "    <"+t.name+">", "<"+t.name+">", 1))
	}
	writeBody(w, r, format, body)
}

func (d *vccData) rtAgentRecord(i int, now time.Time) record {
	a := d.agents[i]
	bucket := now.Unix() / 10
	r := newRNG(d.seed, int64(i)<<32^bucket, 13)
	status := 9
	if a.enabled {
		status = pick(r, []int{0, 0, 1, 2, 2, 3, 4, 5, 9})
	}
	media := "0"
	if status != 9 || r.pct() < 50 {
		media = strconv.Itoa(r.between(0, 4))
	}
	if i%7 == 1 { // some agents have been logged out since the last restart, in every snapshot
		status = 9
	}
	last := "-1" // restarted, no record (documented)
	if (status != 9 || r.pct() < 30) && i%7 != 1 {
		last = strconv.FormatInt(now.Add(-time.Duration(r.between(600, 30000))*time.Second).Unix(), 10)
	}
	var codeID, code, list string
	if status == 4 || status == 5 {
		j := r.intn(len(sclItems))
		codeID, code, list = strconv.Itoa(j), sclItems[j][0], "1"
	}
	chats, longest := "-1", "-1"
	if status == 2 && media == "2" {
		chats, longest = strconv.Itoa(r.between(1, 3)), strconv.Itoa(r.between(10, 900))
	}
	line1, line2 := "-1", "-1"
	if status != 9 {
		line1 = strconv.Itoa(r.between(0, 5))
	}
	n := func(lo, hi int) string { return strconv.Itoa(r.between(lo, hi)) }
	skills := 0
	for _, s := range d.skills() {
		if s.agent == i {
			skills++
		}
	}
	return record{chats, "\n" + d.tenant + "-" + a.id + "-" + hexID(newRNG(d.seed, int64(i), 14), 32) + "\n    ", a.id,
		media, a.first + " " + a.last, strconv.Itoa(status), "none", strconv.Itoa(skills), n(0, 80), n(0, 20000), n(0, 600),
		n(0, 3600), n(0, 30000), n(0, 3600), n(0, 20000), n(0, 3), n(0, 3600), strconv.Itoa(skills),
		strconv.Itoa(d.groups[a.group].id), yesNo(status == 0, n(0, 1800), "-1"), last, longest, "1", line1, n(0, 900),
		line2, "0", codeID, code, list, n(0, 10), n(0, 1800), n(0, 600), n(0, 1800), n(0, 1800), n(0, 1800), n(0, 2),
		n(0, 600), n(0, 200000)}
}

func (d *vccData) rtQueueRecord(i int, now time.Time) record {
	q := d.queues[i]
	r := newRNG(d.seed, int64(i)<<32^(now.Unix()/10), 15)
	n := func(lo, hi int) string { return strconv.Itoa(r.between(lo, hi)) }
	assigned := 0
	for _, s := range d.skills() {
		if s.queue == i {
			assigned++
		}
	}
	sla30 := "-1" // no SLA activity (documented)
	if q.sla && r.pct() < 70 {
		sla30 = n(40, 100)
	}
	m := rtMedia[q.media]
	return record{n(0, 3), n(0, 3), n(0, 2), n(0, 2), n(0, 3), n(0, 1), n(0, 20), n(0, 200), n(30, 900), n(0, 300),
		n(0, 220), n(50, 100), strconv.Itoa(assigned), strconv.Itoa(assigned), n(0, 300), m, n(0, 2), n(0, 3),
		strconv.Itoa(q.id), q.name, n(0, 8), m, n(50, 100), strconv.Itoa(q.slaTime), n(0, 3), n(0, 20), n(30, 900),
		n(0, 300), n(0, 600), n(0, 25), sla30}
}

// VCCRTCounts are the rows of one real-time snapshot: every agent and every queue.
func (s *Server) VCCRTCounts() (agents, queues int) { return len(s.vcc.agents), len(s.vcc.queues) }
