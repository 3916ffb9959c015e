package sandbox

// 8x8 CPaaS (shared/specs/8x8-cpaas.md), mounted under /cpaas: one sub-tree per host —
// /cpaas/chatapps, /cpaas/sms and /cpaas/voice serve the log-export job protocol (POST start,
// GET status, DELETE cancel; queued → running → final over polls), /cpaas/files serves the CSV
// links (signed, expiring), /cpaas/automation the workflow API and /cpaas/sms, /cpaas/voice the
// balance and numbers (cpaasstats.go). Auth: Authorization: Bearer <Options.Token>.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccwh/ccwh/extract"
)

// CPaaS controls the simulated CPaaS APIs of one Server.
type CPaaS struct {
	s  *Server
	mu sync.Mutex
	// jobs by id
	jobs map[string]*cpaasJob
	seq  int
	// script is the final status of the next jobs (FIFO); empty means succeeded (or empty).
	script []string
	// PollsToFinish: status requests until a job is final (1st queued, then running). Default 3.
	pollsToFinish int
	linkTTL       time.Duration
	files         int
	auto          *cpaasAuto
}

type cpaasJob struct {
	id, family, sub string
	from, to        time.Time
	limit           int
	polls           int
	final           string
	status          string
	expires         time.Time
	deleted         bool
}

var cpaasBySrv sync.Map // *Server → *CPaaS

// CPaaS returns the controller of the simulated CPaaS APIs.
func (s *Server) CPaaS() *CPaaS {
	v, _ := cpaasBySrv.Load(s)
	if v == nil {
		return nil
	}
	return v.(*CPaaS)
}

func newCPaaS(s *Server) http.Handler {
	c := &CPaaS{s: s, jobs: map[string]*cpaasJob{}, pollsToFinish: 3, linkTTL: 30 * 24 * time.Hour, files: 2}
	c.auto = newCPaaSAuto(s.opts)
	cpaasBySrv.Store(s, c)
	return c
}

// ScriptJobs sets the final status of the next export jobs, in order (e.g. "failed", "error",
// "cancelled", "empty", "succeeded").
func (c *CPaaS) ScriptJobs(statuses ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.script = append(c.script, statuses...)
}

// SetPollsToFinish sets how many status requests a job needs to become final (≥1); a huge value
// keeps jobs running forever.
func (c *CPaaS) SetPollsToFinish(n int) { c.mu.Lock(); c.pollsToFinish = max(n, 1); c.mu.Unlock() }

// SetLinkTTL sets how long file links stay valid after a job succeeds (default 30 days).
func (c *CPaaS) SetLinkTTL(d time.Duration) { c.mu.Lock(); c.linkTTL = d; c.mu.Unlock() }

// Jobs returns the ids of every job started, in order, with their current status ("deleted" once
// cancelled by DELETE).
func (c *CPaaS) Jobs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.jobs))
	for i := 1; i <= c.seq; i++ {
		for _, j := range c.jobs {
			if j.id == cpaasJobID(i) {
				st := j.status
				if j.deleted {
					st = "deleted"
				}
				out = append(out, j.id+":"+st)
			}
		}
	}
	return out
}

func cpaasJobID(i int) string {
	return fmt.Sprintf("SbX%061d", i) // 64 alphanumerics like the doc's example
}

// cpaasFamily is one simulated log family: a record every interval from Epoch.
type cpaasFamily struct {
	interval time.Duration
	header   []string
	row      func(i int, t time.Time, sub string) []string
}

var cpaasChannels = []string{"whatsapp", "viber", "rcs", "line"}

var cpaasFamilies = map[string]cpaasFamily{
	"chatapps": {interval: 7 * time.Minute,
		header: []string{"UMID", "SubAccountId", "Timestamp", "Channel", "Direction", "Status", "Status Detail", "ChannelUserId", "Country", "Type", "Content", "Price", "Currency", "ClientMessageId"},
		row: func(i int, t time.Time, sub string) []string {
			dir := []string{"outbound", "inbound"}[i%2]
			return []string{cpaasUMID("c", i), sub, cpaasTime(i, t), cpaasChannels[i%4], dir, []string{"delivered", "read", "failed"}[i%3],
				"", "******" + strconv.Itoa(1000+i%9000), []string{"SG", "US", "GB"}[i%3], "text", "He*** wo***, \"quoted\"", "0.005", "USD", fmt.Sprintf("cm-%d", i)}
		}},
	"sms": {interval: 5 * time.Minute,
		header: []string{"umid", "subAccountId", "timestamp", "direction", "source", "destination", "country", "status", "statusDetail", "encoding", "smsCount", "content", "price", "currency", "operator"},
		row: func(i int, t time.Time, sub string) []string {
			return []string{cpaasUMID("s", i), sub, cpaasTime(i, t), []string{"outbound", "inbound"}[i%2], "ACME", "65*****" + strconv.Itoa(100+i%900),
				"SG", []string{"delivered", "undelivered"}[i%2], "", "GSM7", strconv.Itoa(1 + i%3), "Your code is ****", "0.0215", "EUR", "SingTel"}
		}},
	"voice": {interval: 11 * time.Minute,
		header: []string{"SessionId", "CallId", "AccountId", "SubAccountId", "Timestamp", "Direction", "Source", "Destination", "Status", "Duration", "Price", "Currency", "HangupCause"},
		row: func(i int, t time.Time, sub string) []string {
			return []string{fmt.Sprintf("sess-%08d", i), fmt.Sprintf("call-%08d", i), "acme-account", sub, cpaasTime(i, t), "outbound",
				"+6560000000", "+65*****" + strconv.Itoa(100+i%900), "completed", strconv.Itoa(30 + i%600), "0.012", "USD", "NORMAL_CLEARING"}
		}},
}

func cpaasUMID(p string, i int) string {
	return fmt.Sprintf("%08x-%s%03x-5465-851d-%012x", i, p, i%4096, i*7919)
}

// cpaasTime renders t in the documented variants: 2 and 7 fractional digits, Z or +00:00.
func cpaasTime(i int, t time.Time) string {
	switch i % 3 {
	case 0:
		return t.UTC().Format("2006-01-02T15:04:05.00Z")
	case 1:
		return t.UTC().Format("2006-01-02T15:04:05.0000000+00:00")
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// cpaasRange returns the first index and count of family records in [from, to).
func (c *CPaaS) cpaasRange(fam cpaasFamily, from, to time.Time) (first, n int) {
	ep := c.s.opts.Epoch
	if from.Before(ep) {
		from = ep
	}
	if !to.After(from) {
		return 0, 0
	}
	first = int((from.Sub(ep) + fam.interval - 1) / fam.interval)
	last := int((to.Sub(ep) + fam.interval - 1) / fam.interval) // exclusive
	return first, max(last-first, 0)
}

// CPaaSLogCount is how many rows a family's export holds for window w (the sandbox's truth).
func (s *Server) CPaaSLogCount(family string, w extract.Window) int {
	_, n := s.CPaaS().cpaasRange(cpaasFamilies[family], w.From, w.To)
	return n
}

var (
	cpaasExportsPath = regexp.MustCompile(`^/(chatapps|sms|voice)/api/v1/subaccounts/([^/]+)/messages/exports(?:/([^/]+))?$`)
	cpaasFilePath    = regexp.MustCompile(`^/files/([^/]+)/([0-9]+)\.csv$`)
	cpaasSubAccount  = regexp.MustCompile(`^[A-Za-z0-9\-._&]{3,50}$`)
)

func (c *CPaaS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m := cpaasFilePath.FindStringSubmatch(r.URL.Path); m != nil {
		c.serveFile(w, r, m[1], m[2])
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+c.s.opts.Token {
		cpaasError(w, http.StatusUnauthorized, 1200, "Request was not authenticated properly")
		return
	}
	if m := cpaasExportsPath.FindStringSubmatch(r.URL.Path); m != nil {
		if !cpaasSubAccount.MatchString(m[2]) {
			cpaasError(w, http.StatusBadRequest, 1001, "Provided subAccountId doesn't belongs to your account")
			return
		}
		switch {
		case m[3] == "" && r.Method == http.MethodPost:
			c.startJob(w, r, m[1], m[2])
		case m[3] != "" && r.Method == http.MethodGet:
			c.jobStatus(w, r, m[1], m[2], m[3])
		case m[3] != "" && r.Method == http.MethodDelete:
			c.cancelJob(w, m[1], m[2], m[3])
		default:
			cpaasError(w, http.StatusMethodNotAllowed, 1001, "method not allowed")
		}
		return
	}
	if c.auto.serve(c, w, r) {
		return
	}
	cpaasError(w, http.StatusNotFound, 1300, "Resource not found.")
}

func cpaasError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg,
		"errorId": "aa400d4b-fffe-ea11-8277-00155d4ff7ed", "timestamp": time.Now().UTC().Format("2006-01-02T15:04:05.00Z")})
}

// cpaasParseTime reads the three documented forms of from/to (§3.1): yyyy-MM-dd,
// yyyy-MM-ddTHH:mm:ssZ (or without Z, "UTC Time") and yyyy-MM-ddTHH:mm:sszzz.
func cpaasParseTime(s string) (time.Time, bool) {
	for _, l := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func (c *CPaaS) startJob(w http.ResponseWriter, r *http.Request, family, sub string) {
	var req struct {
		From, To    string
		PhoneNumber string
		Countries   []string
		Limit       int
	}
	body, _ := io.ReadAll(r.Body)
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			cpaasError(w, http.StatusBadRequest, 1001, "Request is invalid.")
			return
		}
	}
	now := c.s.opts.Now().UTC()
	from, to := now.Truncate(24*time.Hour).AddDate(0, 0, -7), now.Truncate(24*time.Hour)
	var ok bool
	if req.From != "" {
		if from, ok = cpaasParseTime(req.From); !ok {
			cpaasError(w, http.StatusBadRequest, 1001, "from is invalid")
			return
		}
	}
	if req.To != "" {
		if to, ok = cpaasParseTime(req.To); !ok {
			cpaasError(w, http.StatusBadRequest, 1001, "to is invalid")
			return
		}
	}
	if !from.Before(to) {
		cpaasError(w, http.StatusBadRequest, 1001, "The value of from should be less than the value of to.")
		return
	}
	c.mu.Lock()
	c.seq++
	j := &cpaasJob{id: cpaasJobID(c.seq), family: family, sub: sub, from: from, to: to, limit: req.Limit, status: "queued", final: "succeeded"}
	if len(c.script) > 0 {
		j.final, c.script = c.script[0], c.script[1:]
	}
	c.jobs[j.id] = j
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"jobId": j.id})
}

func (c *CPaaS) job(family, sub, id string) *cpaasJob {
	j := c.jobs[id]
	if j == nil || j.family != family || j.sub != sub {
		return nil
	}
	return j
}

func (c *CPaaS) jobStatus(w http.ResponseWriter, r *http.Request, family, sub, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j := c.job(family, sub, id)
	if j == nil {
		cpaasError(w, http.StatusNotFound, 4018, "Invalid jobId")
		return
	}
	if !j.deleted && (j.status == "queued" || j.status == "running") {
		j.polls++
		switch {
		case j.polls >= c.pollsToFinish:
			j.status = j.final
			if j.status == "succeeded" {
				if _, n := c.cpaasRange(cpaasFamilies[family], j.from, j.to); n == 0 {
					j.status = "empty"
				}
				j.expires = c.s.opts.Now().UTC().Add(c.linkTTL)
			}
		case j.polls >= 2:
			j.status = "running"
		}
	}
	resp := map[string]any{"jobId": j.id, "status": j.status}
	if j.status == "succeeded" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		var links []string
		for n := 1; n <= c.files; n++ {
			exp := strconv.FormatInt(j.expires.Unix(), 10)
			links = append(links, fmt.Sprintf("%s://%s/cpaas/files/%s/%d.csv?expires=%s&signature=%s",
				scheme, r.Host, j.id, n, exp, c.sign(j.id, n, exp)))
		}
		resp["data"] = links
		resp["expires"] = j.expires.Format("2006-01-02T15:04:05.0000000+00:00")
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (c *CPaaS) sign(id string, n int, exp string) string {
	m := hmac.New(sha256.New, []byte(c.s.opts.Token))
	fmt.Fprintf(m, "%s/%d/%s", id, n, exp)
	return hex.EncodeToString(m.Sum(nil))
}

func (c *CPaaS) cancelJob(w http.ResponseWriter, family, sub, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j := c.job(family, sub, id)
	if j == nil {
		cpaasError(w, http.StatusNotFound, 4018, "Invalid jobId")
		return
	}
	j.deleted = true
	if j.status == "queued" || j.status == "running" {
		j.status = "cancelled"
	}
	w.WriteHeader(http.StatusNoContent)
}

// serveFile serves file n of a succeeded job as CSV, streamed, when its signature is valid and
// it has not expired (an S3-style 403 otherwise). Rows split evenly over the files.
func (c *CPaaS) serveFile(w http.ResponseWriter, r *http.Request, id, nStr string) {
	q := r.URL.Query()
	n, _ := strconv.Atoi(nStr)
	c.mu.Lock()
	j := c.jobs[id]
	files := c.files
	var jc cpaasJob
	if j != nil {
		jc = *j
	}
	c.mu.Unlock()
	if j == nil || jc.status != "succeeded" || n < 1 || n > files || !hmac.Equal([]byte(q.Get("signature")), []byte(c.sign(id, n, q.Get("expires")))) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
		return
	}
	if exp, _ := strconv.ParseInt(q.Get("expires"), 10, 64); !c.s.opts.Now().Before(time.Unix(exp, 0)) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")
		return
	}
	fam := cpaasFamilies[jc.family]
	first, total := c.cpaasRange(fam, jc.from, jc.to)
	if jc.limit > 0 && total > jc.limit {
		total = jc.limit
	}
	per := (total + files - 1) / files
	lo, hi := first+(n-1)*per, min(first+n*per, first+total)
	w.Header().Set("Content-Type", "text/csv")
	cw := csv.NewWriter(w)
	_ = cw.Write(fam.header)
	for i := lo; i < hi; i++ {
		_ = cw.Write(fam.row(i, c.s.opts.Epoch.Add(time.Duration(i)*fam.interval), jc.sub))
	}
	cw.Flush()
}

// strings is used by cpaasstats.go too.
var _ = strings.TrimSpace
