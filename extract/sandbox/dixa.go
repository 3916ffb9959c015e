package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// The Dixa REST API v1 (shared/specs/dixa.md), mounted under /dixa: base_url is the sandbox URL
// + "/dixa". It serves every endpoint extract/dixa reads:
//
//   - auth: Authorization "<token>" or "Bearer <token>" (spec §1: both forms are in use); anything
//     else is 401 {"message": …};
//   - the published rate limit per token, 10 requests/s with bursts of 4 (plus 2 of network
//     slack), answered past it with 429 and Retry-After: 1;
//   - paging by pageLimit (default 10, at most 300) and an opaque base64 pageKey, announced in
//     meta.next (a URL) or, when SetDixaTopLevelPageKey is on, in a top-level "pageKey" on the
//     analytics records (the form Dixa's own client reads);
//   - `_type`-tagged unions everywhere the spec has them, timestamps with and without fractions
//     and with the Java "[GMT]" zone suffix.

// dixaAPI is the mounted Dixa simulator.
type dixaAPI struct {
	d     *dixaData
	token string
	now   func() time.Time

	mu        sync.Mutex
	rps       float64
	burst     int
	limiters  map[string]*rate.Limiter
	topLevel  bool
	requests  atomic.Int64
	throttled atomic.Int64
}

func newDixaAPI(o Options) *dixaAPI {
	return &dixaAPI{d: newDixaData(o), token: o.Token, now: o.Now, rps: 10, burst: 4 + 2, limiters: map[string]*rate.Limiter{}}
}

// dixaHandler serves the Dixa API below /dixa (the mux strips the prefix).
func (s *Server) dixaHandler() http.Handler {
	s.dixa = newDixaAPI(s.opts)
	return http.StripPrefix("/dixa", http.HandlerFunc(s.dixa.serve))
}

// SetDixaRateLimit changes the per-token limit the Dixa sandbox enforces; rps <= 0 turns it off.
func (s *Server) SetDixaRateLimit(rps float64, burst int) {
	a := s.dixa
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rps, a.burst, a.limiters = rps, burst, map[string]*rate.Limiter{}
}

// SetDixaTopLevelPageKey makes POST /v1/analytics/records announce the next page with a
// top-level "pageKey" instead of meta.next.
func (s *Server) SetDixaTopLevelPageKey(on bool) {
	s.dixa.mu.Lock()
	s.dixa.topLevel = on
	s.dixa.mu.Unlock()
}

// DixaStats returns how many Dixa requests were served and how many of them were refused 429.
func (s *Server) DixaStats() (requests, throttled int64) {
	return s.dixa.requests.Load(), s.dixa.throttled.Load()
}

func (a *dixaAPI) allow(token string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.rps <= 0 {
		return true
	}
	l, ok := a.limiters[token]
	if !ok {
		l = rate.NewLimiter(rate.Limit(a.rps), a.burst)
		a.limiters[token] = l
	}
	return l.Allow()
}

func dixaError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

func (a *dixaAPI) serve(w http.ResponseWriter, r *http.Request) {
	a.requests.Add(1)
	auth := r.Header.Get("Authorization")
	tok := strings.TrimPrefix(auth, "Bearer ")
	if tok != a.token {
		dixaError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if !a.allow(tok) {
		a.throttled.Add(1)
		w.Header().Set("Retry-After", "1")
		dixaError(w, http.StatusTooManyRequests, "Too Many Requests")
		return
	}
	now := a.now().UTC()
	d := a.d
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 2 || parts[0] != "v1" {
		dixaError(w, http.StatusNotFound, "Not found")
		return
	}
	p := parts[1:]
	get := r.Method == http.MethodGet
	switch {
	case get && len(p) == 1 && p[0] == "agents":
		a.list(w, r, d.agents, false)
	case get && len(p) == 1 && p[0] == "teams":
		a.data(w, d.teams)
	case get && len(p) == 3 && p[0] == "teams" && p[2] == "agents":
		if m, ok := d.teamMembers[p[1]]; ok {
			a.data(w, m)
		} else {
			dixaError(w, http.StatusNotFound, "Team not found")
		}
	case get && len(p) == 1 && p[0] == "queues":
		a.data(w, d.queues)
	case get && len(p) == 3 && p[0] == "queues" && p[2] == "members":
		if m, ok := d.queueMembers[p[1]]; ok {
			a.data(w, m)
		} else {
			dixaError(w, http.StatusNotFound, "Queue not found")
		}
	case get && len(p) == 1 && p[0] == "tags":
		a.data(w, d.tags)
	case get && len(p) == 1 && p[0] == "endusers":
		a.list(w, r, d.endUsers, false)
	case get && len(p) == 1 && p[0] == "custom-attributes":
		a.data(w, d.customAttrs)
	case get && len(p) == 1 && p[0] == "contact-endpoints":
		a.data(w, d.endpoints)
	case get && len(p) == 2 && p[0] == "analytics" && p[1] == "metrics":
		a.list(w, r, d.metrics, false)
	case get && len(p) == 2 && p[0] == "analytics" && p[1] == "records":
		a.list(w, r, d.recordTypes, false)
	case get && len(p) == 3 && p[0] == "analytics" && p[1] == "filter":
		a.list(w, r, d.filterValues[p[2]], false)
	case r.Method == http.MethodPost && len(p) == 2 && p[0] == "analytics" && p[1] == "metrics":
		a.metricData(w, r, now)
	case r.Method == http.MethodPost && len(p) == 2 && p[0] == "analytics" && p[1] == "records":
		a.recordData(w, r, now)
	case get && len(p) == 2 && p[0] == "conversations" && p[1] == "activitylog":
		from, err1 := dixaTime(r.URL.Query().Get("fromDatetime"), d.epoch)
		to, err2 := dixaTime(r.URL.Query().Get("toDatetime"), now)
		if err1 != nil || err2 != nil {
			dixaError(w, http.StatusBadRequest, "fromDatetime/toDatetime must be ISO 8601 date-times")
			return
		}
		a.list(w, r, d.activity(from, to, now), false)
	case get && len(p) >= 2 && p[0] == "conversations":
		id, err := strconv.Atoi(p[1])
		k := id - dixaConvBase
		conv := d.conversation(k, now)
		if err != nil || conv == nil {
			dixaError(w, http.StatusNotFound, "Conversation not found")
			return
		}
		switch {
		case len(p) == 2:
			a.data(w, conv)
		case len(p) == 3 && p[2] == "messages":
			a.data(w, d.messages(k, now))
		case len(p) == 3 && p[2] == "notes":
			a.data(w, d.notes(k, now))
		case len(p) == 3 && p[2] == "rating":
			a.data(w, d.ratings(k, now))
		case len(p) == 3 && p[2] == "tags":
			a.data(w, d.convTags(k, now))
		default:
			dixaError(w, http.StatusNotFound, "Not found")
		}
	default:
		dixaError(w, http.StatusNotFound, "Not found")
	}
}

// dixaTime parses an ISO 8601 query time; "" gives def.
func dixaTime(v string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(l, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q", v)
}

func (a *dixaAPI) data(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": v})
}

// list serves one page of recs: pageLimit (default 10, at most 300) and pageKey (base64 of
// "offset=<n>&limit=<n>"); the next page is announced in meta.next, or in a top-level pageKey.
func (a *dixaAPI) list(w http.ResponseWriter, r *http.Request, recs []map[string]any, topLevel bool) {
	q := r.URL.Query()
	limit, offset := 10, 0
	if v := q.Get("pageLimit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			dixaError(w, http.StatusBadRequest, "pageLimit must be a positive integer")
			return
		}
		limit = min(n, 300)
	}
	if k := q.Get("pageKey"); k != "" {
		raw, err := base64.URLEncoding.DecodeString(k)
		if err != nil {
			dixaError(w, http.StatusBadRequest, "invalid pageKey")
			return
		}
		kv, err := url.ParseQuery(string(raw))
		if err != nil {
			dixaError(w, http.StatusBadRequest, "invalid pageKey")
			return
		}
		offset, _ = strconv.Atoi(kv.Get("offset"))
		if l, _ := strconv.Atoi(kv.Get("limit")); l > 0 && q.Get("pageLimit") == "" {
			limit = l
		}
	}
	if offset > len(recs) {
		offset = len(recs)
	}
	end := min(offset+limit, len(recs))
	page := recs[offset:end]
	if page == nil {
		page = []map[string]any{}
	}
	body := map[string]any{"data": page}
	meta := map[string]any{}
	if end < len(recs) {
		key := base64.URLEncoding.EncodeToString([]byte(fmt.Sprintf("offset=%d&limit=%d", end, limit)))
		if topLevel {
			body["pageKey"] = key
		} else {
			nq := url.Values{"pageKey": {key}}
			meta["next"] = "https://dev.dixa.io" + "/v1" + strings.TrimPrefix(r.URL.Path, "/v1") + "?" + nq.Encode()
		}
	}
	if offset > 0 {
		meta["previous"] = "https://dev.dixa.io" + r.URL.Path
	}
	body["meta"] = meta
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

type dixaQuery struct {
	ID           string `json:"id"`
	Timezone     string `json:"timezone"`
	Aggregations []string
	Filters      []struct {
		Attribute string   `json:"attribute"`
		Values    []string `json:"values"`
	} `json:"filters"`
	PeriodFilter struct {
		Type  string          `json:"_type"`
		Start string          `json:"start"`
		End   string          `json:"end"`
		Value json.RawMessage `json:"value"`
	} `json:"periodFilter"`
}

func (a *dixaAPI) query(w http.ResponseWriter, r *http.Request, known func(string) bool) (dixaQuery, time.Time, time.Time, bool) {
	var q dixaQuery
	b, err := io.ReadAll(r.Body)
	if err == nil {
		err = json.Unmarshal(b, &q)
	}
	if err != nil || q.ID == "" || q.Timezone == "" {
		dixaError(w, http.StatusBadRequest, "body must be JSON with id, timezone and periodFilter")
		return q, time.Time{}, time.Time{}, false
	}
	if !known(q.ID) {
		dixaError(w, http.StatusNotFound, "unknown id "+q.ID)
		return q, time.Time{}, time.Time{}, false
	}
	if _, err := time.LoadLocation(q.Timezone); err != nil {
		dixaError(w, http.StatusBadRequest, "unknown timezone")
		return q, time.Time{}, time.Time{}, false
	}
	if q.PeriodFilter.Type != "Interval" {
		dixaError(w, http.StatusBadRequest, "the sandbox serves Interval periods only")
		return q, time.Time{}, time.Time{}, false
	}
	from, err1 := dixaTime(q.PeriodFilter.Start, time.Time{})
	to, err2 := dixaTime(q.PeriodFilter.End, time.Time{})
	if err1 != nil || err2 != nil || from.IsZero() || to.IsZero() {
		dixaError(w, http.StatusBadRequest, "Interval needs start and end date-times")
		return q, time.Time{}, time.Time{}, false
	}
	return q, from, to, true
}

func (a *dixaAPI) metricData(w http.ResponseWriter, r *http.Request, now time.Time) {
	q, from, to, ok := a.query(w, r, func(id string) bool { return hasID(a.d.metrics, id) })
	if !ok {
		return
	}
	aggs := q.Aggregations
	if len(aggs) == 0 {
		aggs = []string{"Count"}
	}
	var out []any
	for _, m := range aggs {
		n, f := a.d.metricValue(m, from, to, now)
		if m == "Count" {
			out = append(out, map[string]any{"_type": "LongAggregateValue", "measure": m, "value": n})
		} else {
			out = append(out, map[string]any{"_type": "DoubleAggregateValue", "measure": m, "value": f})
		}
	}
	a.data(w, map[string]any{"id": q.ID, "aggregates": out})
}

func (a *dixaAPI) recordData(w http.ResponseWriter, r *http.Request, now time.Time) {
	q, from, to, ok := a.query(w, r, func(id string) bool { return hasID(a.d.recordTypes, id) })
	if !ok {
		return
	}
	a.mu.Lock()
	top := a.topLevel
	a.mu.Unlock()
	a.list(w, r, a.d.records(q.ID, from, to, now), top)
}

func hasID(recs []map[string]any, id string) bool {
	for _, r := range recs {
		if r["id"] == id {
			return true
		}
	}
	return false
}

// DixaCounts returns how many rows each Dixa table gets from a sync of every stream: the
// dimensions whole, the conversation tables for the conversations with activity in w, and
// the analytics records of recordIDs created in w (one row per field). Metric values depend on
// the configured metrics: DixaMetricRows counts them.
func (s *Server) DixaCounts(w extract.Window, recordIDs []string) map[string]int {
	d, now := s.dixa.d, s.opts.Now().UTC()
	m := map[string]int{
		schema.DixaAgents.Name: len(d.agents), schema.DixaTeams.Name: len(d.teams), schema.DixaQueues.Name: len(d.queues),
		schema.DixaTags.Name: len(d.tags), schema.DixaEndUsers.Name: len(d.endUsers), schema.DixaCustomAttributes.Name: len(d.customAttrs),
		schema.DixaContactEndpoints.Name: len(d.endpoints), schema.DixaAnalyticsMetrics.Name: len(d.metrics),
		schema.DixaAnalyticsRecordTypes.Name: len(d.recordTypes),
	}
	for _, ms := range d.teamMembers {
		m[schema.DixaTeamMembers.Name] += len(ms)
	}
	for _, ms := range d.queueMembers {
		m[schema.DixaQueueMembers.Name] += len(ms)
	}
	for _, vs := range d.filterValues {
		m[schema.DixaAnalyticsFilterValues.Name] += len(vs)
	}
	if w.IsZero() {
		return m
	}
	act := d.activity(w.From, w.To, now)
	m[schema.DixaActivityLog.Name] = len(act)
	convs := map[int]bool{}
	for _, e := range act {
		convs[e["conversationId"].(int)-dixaConvBase] = true
	}
	m[schema.DixaConversations.Name] = len(convs)
	for k := range convs {
		m[schema.DixaMessages.Name] += len(d.messages(k, now))
		m[schema.DixaNotes.Name] += len(d.notes(k, now))
		m[schema.DixaRatings.Name] += len(d.ratings(k, now))
		m[schema.DixaConversationTags.Name] += len(d.convTags(k, now))
	}
	for _, id := range recordIDs {
		for _, r := range d.records(id, w.From, w.To, now) {
			m[schema.DixaAnalyticsRecords.Name] += max(1, len(r["fields"].([]any)))
		}
	}
	return m
}

// DixaConversationIDs lists the ids of the conversations with activity-log entries in w.
func (s *Server) DixaConversationIDs(w extract.Window) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, e := range s.dixa.d.activity(w.From, w.To, s.opts.Now().UTC()) {
		id := int64(e["conversationId"].(int))
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
