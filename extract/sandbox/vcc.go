package sandbox

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// VCCPageSize is the fixed page of the 8x8 historical statistics API: 50 records per request.
const VCCPageSize = 50

// serveVCC serves the 8x8 Contact Center historical statistics API (spec §2) under /api/stats:
//
//	/groups                     /groups/{id}/agents   /groups/{id}/activities?d=
//	/agents      /agents/{id}                         /agents/{id}/activities?d=
//	/queues      /queues/{id}
//	/allinteractions/?d=
//
// Formats by suffix (.xml default, .json, .csv; see splitFormat for trailing slashes), Basic
// auth tenant:token (401 with a challenge when absent, 403 when wrong), n= as the 1-based index
// of the first record (absent = 1) with 50 records per page, d= and tz= as in parseVCCRange,
// and field=value query variables on the event endpoints. Unknown paths 404, bad d, n or tz 400.
func (s *Server) serveVCC(w http.ResponseWriter, r *http.Request) {
	path, format := splitFormat(strings.TrimPrefix(r.URL.Path, "/api/stats"))
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		httpError(w, http.StatusMethodNotAllowed, "only GET is supported")
		return
	}
	tenant, token, ok := r.BasicAuth()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="8x8 Contact Center"`)
		httpError(w, http.StatusUnauthorized, "authentication required")
		return
	}
	if subtle.ConstantTimeCompare([]byte(tenant), []byte(s.opts.Tenant)) != 1 ||
		subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) != 1 {
		httpError(w, http.StatusForbidden, "the request was not allowed")
		return
	}
	q := r.URL.Query()
	offset := 1
	if v := q.Get("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			httpError(w, http.StatusBadRequest, "n must be the 1-based index of the first record")
			return
		}
		offset = n
	}
	loc := s.loc
	if tz := q.Get("tz"); tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			httpError(w, http.StatusBadRequest, "unknown time zone "+strconv.Quote(tz))
			return
		}
		loc = l
	}
	d := s.vcc
	seg := strings.Split(strings.Trim(path, "/"), "/")
	var (
		t    recordType
		recs []record
	)
	window := func() (time.Time, time.Time, bool) {
		v := q.Get("d")
		if v == "" {
			v = "today"
		}
		from, to, err := parseVCCRange(v, loc, s.opts.Now())
		if err != nil {
			httpError(w, http.StatusBadRequest, err.Error())
			return from, to, false
		}
		return from, to, true
	}
	switch {
	case len(seg) == 1 && seg[0] == "groups":
		t = vccGroupType
		for _, g := range d.groups {
			recs = append(recs, d.groupRecord(g))
		}
	case len(seg) == 1 && seg[0] == "agents", len(seg) == 3 && seg[0] == "groups" && seg[2] == "agents":
		t = vccAgentType
		gi := -1
		if len(seg) == 3 {
			if gi = d.groupIndex(seg[1]); gi < 0 {
				httpError(w, http.StatusNotFound, "no group "+seg[1])
				return
			}
		}
		for _, a := range d.agents {
			if gi < 0 || a.group == gi {
				recs = append(recs, d.agentRecord(a))
			}
		}
	case len(seg) == 2 && seg[0] == "agents":
		ai := d.agentIndex(seg[1])
		if ai < 0 {
			httpError(w, http.StatusNotFound, "no agent "+seg[1])
			return
		}
		t, recs = vccAgentType, []record{d.agentRecord(d.agents[ai])}
	case len(seg) == 1 && seg[0] == "queues":
		t = vccQueueType
		for _, qu := range d.queues {
			recs = append(recs, d.queueRecord(qu))
		}
	case len(seg) == 2 && seg[0] == "queues":
		qi := d.queueIndex(seg[1])
		if qi < 0 {
			httpError(w, http.StatusNotFound, "no queue "+seg[1])
			return
		}
		t, recs = vccQueueType, []record{d.queueRecord(d.queues[qi])}
	case len(seg) == 3 && seg[2] == "activities" && (seg[0] == "groups" || seg[0] == "agents"):
		var keep func(*vccCall) bool
		if seg[0] == "groups" {
			gi := d.groupIndex(seg[1])
			if gi < 0 {
				httpError(w, http.StatusNotFound, "no group "+seg[1])
				return
			}
			keep = func(c *vccCall) bool { return d.agents[c.agent].group == gi }
		} else {
			ai := d.agentIndex(seg[1])
			if ai < 0 {
				httpError(w, http.StatusNotFound, "no agent "+seg[1])
				return
			}
			keep = func(c *vccCall) bool { return c.agent == ai }
		}
		from, to, ok := window()
		if !ok {
			return
		}
		t = vccActivityType
		calls := d.activities(from, to, keep)
		filter := queryVars(q, t)
		if len(filter) == 0 { // render only the page
			calls = pageOf(calls, offset)
			offset = 1
		}
		for i := range calls {
			recs = append(recs, d.activityRecord(&calls[i], loc))
		}
		recs = filterRecords(recs, t, filter)
	case len(seg) == 1 && seg[0] == "allinteractions":
		from, to, ok := window()
		if !ok {
			return
		}
		t = vccInteractionType
		k0, k1 := d.interactionRange(from, to)
		filter := queryVars(q, t)
		if len(filter) == 0 { // render only the page
			k0 = min(k1, k0+int64(offset-1))
			k1 = min(k1, k0+VCCPageSize)
			offset = 1
		}
		for k := k0; k < k1; k++ {
			c := d.call(k)
			recs = append(recs, d.interactionRecord(&c, loc))
		}
		recs = filterRecords(recs, t, filter)
	default:
		var status int
		var msg string
		if t, recs, status, msg = s.vccStatsRecords(seg, q, loc, window); status != 0 {
			if status > 0 {
				httpError(w, status, msg)
			}
			return
		}
	}
	body := renderVCC(format, t, pageOf(recs, offset))
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// pageOf returns the page of up to VCCPageSize elements starting at the 1-based offset.
func pageOf[T any](xs []T, offset int) []T {
	if offset > len(xs) {
		return nil
	}
	return xs[offset-1 : min(len(xs), offset-1+VCCPageSize)]
}

// queryVars returns the field=value query variables (spec §1.7) that name a field of t.
func queryVars(q url.Values, t recordType) map[int]string {
	out := map[int]string{}
	for i, f := range t.fields {
		if v, ok := q[f]; ok && len(v) > 0 {
			out[i] = v[0]
		}
	}
	return out
}

func filterRecords(recs []record, t recordType, filter map[int]string) []record {
	if len(filter) == 0 {
		return recs
	}
	out := recs[:0]
	for _, r := range recs {
		ok := true
		for i, v := range filter {
			ok = ok && r[i] == v
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func (d *vccData) groupIndex(id string) int {
	for i, g := range d.groups {
		if strconv.Itoa(g.id) == id {
			return i
		}
	}
	return -1
}

func (d *vccData) agentIndex(id string) int {
	for i, a := range d.agents {
		if a.id == id {
			return i
		}
	}
	return -1
}

func (d *vccData) queueIndex(id string) int {
	for i, q := range d.queues {
		if strconv.Itoa(q.id) == id || q.name == id {
			return i
		}
	}
	return -1
}

func httpError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(strconv.Itoa(status) + " " + http.StatusText(status) + ": " + msg + "\n"))
}
