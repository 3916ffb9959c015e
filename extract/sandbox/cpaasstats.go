package sandbox

// The simulated CPaaS automation API (spec §5), SMS balance (§6.1) and voice numbers (§7.1).
// Three definitions with 1, 2 and 3 versions; every version runs instances at its own period
// from Epoch; every fifth instance is Terminated (with one error), every fifth Runnable.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/ccwh/ccwh/extract"
)

type cpaasAuto struct {
	opts Options
	defs []cpaasDef
}

type cpaasDef struct {
	id       string
	name     string
	versions int
}

func newCPaaSAuto(o Options) *cpaasAuto {
	a := &cpaasAuto{opts: o}
	for d := 0; d < 3; d++ {
		a.defs = append(a.defs, cpaasDef{id: fmt.Sprintf("5870442f-3ddd-4657-b74c-6e17308f52%02d", 30+d),
			name: []string{"Send automatic reply", "Route to agent", "Survey"}[d], versions: d + 1})
	}
	return a
}

func (a *cpaasAuto) period(d, v int) time.Duration {
	return 2*time.Hour + time.Duration(17*d+7*v)*time.Minute
}

// instance i of (definition d, version v).
type cpaasInst struct {
	d, v, i int
	start   time.Time
}

func (a *cpaasAuto) inst(d, v, i int) cpaasInst {
	return cpaasInst{d: d, v: v, i: i, start: a.opts.Epoch.Add(time.Duration(i)*a.period(d, v) + time.Duration(d*60+v)*time.Second)}
}

func (in cpaasInst) id() string { return fmt.Sprintf("60dbe307fe55d9%02d%02d%06x", in.d, in.v, in.i) }
func (in cpaasInst) status() string {
	switch in.i % 5 {
	case 4:
		return "Terminated"
	case 3:
		return "Runnable"
	}
	return "Complete"
}

// instances of (d, v) started in [from, to] (both inclusive, as a vendor may well do).
func (a *cpaasAuto) instances(d, v int, from, to time.Time) []cpaasInst {
	p := a.period(d, v)
	var out []cpaasInst
	for i := max(int(from.Sub(a.opts.Epoch)/p)-1, 0); ; i++ {
		in := a.inst(d, v, i)
		if in.start.After(to) {
			break
		}
		if !in.start.Before(from) {
			out = append(out, in)
		}
	}
	return out
}

// CPaaSAutomationCounts is the sandbox's truth for the automation tables: definition versions
// (all), and instances and instance errors started in [w.From, w.To).
func (s *Server) CPaaSAutomationCounts(w extract.Window) map[string]int {
	a := s.CPaaS().auto
	out := map[string]int{"cpaas_automation_usage_history": 12, "cpaas_automation_usage": 1, "cpaas_voice_numbers": 5, "cpaas_sms_balance": 1}
	for d, def := range a.defs {
		out["cpaas_workflow_definitions"] += def.versions
		for v := 1; v <= def.versions; v++ {
			for _, in := range a.instances(d, v, w.From, w.To.Add(-time.Nanosecond)) {
				out["cpaas_workflow_instances"]++
				if in.status() == "Terminated" {
					out["cpaas_workflow_instance_errors"]++
				}
			}
		}
	}
	return out
}

func cpaasTS7(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }
func cpaasTS2(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.00Z") }

func (a *cpaasAuto) definition(d, v int) map[string]any {
	def := a.defs[d]
	steps := []any{
		map[string]any{"id": "step1", "stepType": "Wait", "inputs": map[string]any{"duration": "00:02:00"}, "nextStepId": "step2"},
		map[string]any{"id": "step2", "stepType": "SMS", "inputs": map[string]any{"subAccountId": "acme_sub", "destination": "{{data.payload.user.msisdn}}", "text": "Hello"}},
	}
	created := cpaasTS2(a.opts.Epoch.Add(time.Duration(v-1) * 24 * time.Hour))
	if d%2 == 0 { // the examples' shape (§5.7 quirk): id, name, version inside definition; subaccountId
		return map[string]any{"accountId": "acme-account", "subaccountId": "acme_sub", "trigger": "inbound_chat_apps", "status": "enabled",
			"createdAt": created, "definition": map[string]any{"id": def.id, "name": def.name, "version": v, "steps": steps}}
	}
	return map[string]any{"id": def.id, "version": v, "accountId": "acme-account", "subAccountId": "acme_sub", "trigger": "http_request",
		"status": "enabled", "createdAt": created, "definition": map[string]any{"name": def.name, "steps": steps}}
}

func (a *cpaasAuto) instanceJSON(in cpaasInst) map[string]any {
	data := map[string]any{"accountId": "acme-account", "triggeredAt": cpaasTS7(in.start.Add(-100 * time.Millisecond)),
		"payload": map[string]any{"umid": fmt.Sprintf("9e09ac86-bd74-5465-851d-%012x", in.i), "user": map[string]any{"channelUserId": "u", "name": "n"}, "content": map[string]any{"text": "Hello, world!"}}}
	if in.i%2 == 0 {
		data["subAccountId"] = "acme_sub"
	} else {
		data["subaccountId"] = "acme_sub"
	}
	m := map[string]any{"workflowId": in.id(), "data": data, "definitionId": a.defs[in.d].id, "version": in.v, "status": in.status(),
		"startedAt": cpaasTS2(in.start), "completedAt": nil}
	if in.status() != "Runnable" {
		m["completedAt"] = cpaasTS2(in.start.Add(46 * time.Second))
	}
	return m
}

var (
	cpaasDefsPath = regexp.MustCompile(`^/automation/api/v1/accounts/([^/]+)/definitions(?:/([^/]+)(?:/workflows(?:/([^/]+)/errors)?)?)?$`)
	cpaasUsage    = regexp.MustCompile(`^/automation/api/v1/accounts/([^/]+)/usage(/history)?$`)
	cpaasBalance  = regexp.MustCompile(`^/sms/api/v1/accounts/([^/]+)/balance$`)
	cpaasNumbers  = regexp.MustCompile(`^/voice/api/v1/subaccounts/([^/]+)/numbers$`)
)

func cpaasJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// page applies limit (1..500, default 100) and offset (items, default 0) (§5.1).
func cpaasPage[T any](w http.ResponseWriter, r *http.Request, all []T) ([]T, bool) {
	q := r.URL.Query()
	limit, offset := 100, 0
	var err error
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 500 {
			cpaasError(w, http.StatusBadRequest, 1000, "Request is invalid.")
			return nil, false
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			cpaasError(w, http.StatusBadRequest, 1000, "Request is invalid.")
			return nil, false
		}
	}
	if offset >= len(all) {
		return []T{}, true
	}
	return all[offset:min(offset+limit, len(all))], true
}

func (a *cpaasAuto) serve(c *CPaaS, w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet {
		return false
	}
	p := r.URL.Path
	if m := cpaasDefsPath.FindStringSubmatch(p); m != nil {
		a.serveDefinitions(w, r, m[2], m[3], p)
		return true
	}
	if m := cpaasUsage.FindStringSubmatch(p); m != nil {
		if m[2] != "" {
			var out []any
			for i := 0; i < 12; i++ {
				t := a.opts.Epoch.AddDate(0, -i, 0)
				out = append(out, map[string]any{"id": fmt.Sprintf("62d139439708c8a504de%04d", i), "accountId": m[1],
					"executedWorkflowCount": 6700 - 100*i, "month": int(t.Month()), "year": t.Year()})
			}
			cpaasJSON(w, out)
		} else {
			cpaasJSON(w, map[string]any{"allowedWorkflowCount": 50000, "allowedOverage": true, "overagePrice": 0.005,
				"executedWorkflowCount": 1200, "countStartedMonth": 7, "countStartedYear": 2022})
		}
		return true
	}
	if cpaasBalance.MatchString(p) {
		cpaasJSON(w, map[string]any{"balance": 149309.7985931, "currency": "USD"})
		return true
	}
	if m := cpaasNumbers.FindStringSubmatch(p); m != nil {
		var nums []any
		for i := 0; i < 5; i++ {
			nums = append(nums, map[string]any{"msisdn": fmt.Sprintf("+6531580%03d", i), "dateCreated": "2025-11-02T08:00:00.00Z",
				"dateUpdated": "2025-12-18T10:31:19.4297387+00:00", "countryCode": "SG", "operationalStatus": []string{"Active", "Expiring", "Inactive"}[i%3],
				"referenceId": "range-7", "rentalPrice": 12.5, "incomingRate": 0.01, "billingUnit": 60, "uri": fmt.Sprintf("/numbers/+6531580%03d", i),
				"numberHealthCheckEnabled": i%2 == 0, "billingCurrency": "USD", "numberType": "local",
				"numberHealth": map[string]any{"isHealthy": i != 2, "status": "ok", "lastCheckedTime": "2026-01-10T00:00:00Z"}})
		}
		cpaasJSON(w, map[string]any{"totalNumbers": 5, "lastUpdatedAt": "2026-01-10T00:00:00.00Z", "numbers": nums, "statusCode": 0, "statusMessage": "OK"})
		return true
	}
	return false
}

func (a *cpaasAuto) serveDefinitions(w http.ResponseWriter, r *http.Request, defID, wfID, path string) {
	d := -1
	if defID != "" {
		for i, def := range a.defs {
			if def.id == defID {
				d = i
			}
		}
		if d < 0 {
			cpaasError(w, http.StatusNotFound, 1300, "Definition "+defID+" not found.")
			return
		}
	}
	switch {
	case defID == "": // active definitions: the latest version of each
		var all []any
		for i, def := range a.defs {
			all = append(all, a.definition(i, def.versions))
		}
		if page, ok := cpaasPage(w, r, all); ok {
			cpaasJSON(w, page)
		}
	case len(path) > 0 && path[len(path)-len("/errors"):] == "/errors":
		var in cpaasInst
		found := false
		for v := 1; v <= a.defs[d].versions && !found; v++ {
			var i int
			if _, err := fmt.Sscanf(wfID[len(wfID)-6:], "%06x", &i); err == nil {
				in = a.inst(d, v, i)
				found = in.id() == wfID
			}
		}
		if !found {
			cpaasError(w, http.StatusNotFound, 1300, "Workflow "+wfID+" not found.")
			return
		}
		e := map[string]any{"workflowId": wfID, "step": "step2", "message": "Invalid subaccount id.", "errorTime": cpaasTS2(in.start.Add(46 * time.Second))}
		if in.i%2 == 0 {
			cpaasJSON(w, e) // the example's single object
		} else {
			cpaasJSON(w, []any{e})
		}
	case len(path) > len("/workflows") && path[len(path)-len("/workflows"):] == "/workflows":
		q := r.URL.Query()
		v := a.defs[d].versions // no version= means the latest version's instances only (§5.2)
		if s := q.Get("version"); s != "" {
			var err error
			if v, err = strconv.Atoi(s); err != nil || v < 1 || v > a.defs[d].versions {
				cpaasJSON(w, []any{})
				return
			}
		}
		from, to := a.opts.Epoch, a.opts.Now().UTC()
		if s := q.Get("startTimeFrom"); s != "" {
			if t, ok := cpaasParseTime(s); ok {
				from = t
			}
		}
		if s := q.Get("startTimeTo"); s != "" {
			if t, ok := cpaasParseTime(s); ok {
				to = t
			}
		}
		ins := a.instances(d, v, from, to)
		sort.Slice(ins, func(i, j int) bool { return ins[i].start.After(ins[j].start) }) // newest first
		var all []any
		for _, in := range ins {
			if st := q.Get("status"); st != "" && st != in.status() {
				continue
			}
			all = append(all, a.instanceJSON(in))
		}
		if page, ok := cpaasPage(w, r, all); ok {
			cpaasJSON(w, page)
		}
	default: // version history, newest first
		var all []any
		for v := a.defs[d].versions; v >= 1; v-- {
			all = append(all, a.definition(d, v))
		}
		if page, ok := cpaasPage(w, r, all); ok {
			cpaasJSON(w, page)
		}
	}
}
