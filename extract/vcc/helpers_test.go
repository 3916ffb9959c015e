package vcc_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// streamCase describes one vcc stream for the conformance suite.
type streamCase struct {
	name  string
	table *schema.Table
	key   string // vendor field that identifies a record; "a+b" joins several
	fault string // sandbox path prefix that hits the stream's data pages
	mode  extract.Mode
	// scale makes the sandbox serve several full pages of the stream in window3 (or window).
	scale int
	// entity is the pattern of Page.Entity for fan-out streams, "" for none.
	entity string
	// single: one request per entity, no paging (skills).
	single bool
	// noCSV: the API has no CSV; a CSV source reads XML.
	noCSV bool
	// window replaces window3 where three days are too few for a full page.
	window extract.Window
}

var streamCases = []streamCase{
	{name: "groups", table: schema.VCCGroups, key: "group-id", fault: "/api/stats/groups", mode: extract.Dimension, scale: 20},                                                              // 60 groups
	{name: "agents", table: schema.VCCAgents, key: "agent-id", fault: "/api/stats/agents", mode: extract.Dimension, scale: 20},                                                              // 200: 4 full pages and an empty one
	{name: "queues", table: schema.VCCQueues, key: "queue-id", fault: "/api/stats/queues", mode: extract.Dimension, scale: 20},                                                              // 100
	{name: "activities", table: schema.VCCActivities, key: "transaction_id", fault: "/api/stats/groups/", mode: extract.Incremental, scale: 2, entity: `^group=\d+$`},                       // ~90 per group
	{name: "interactions", table: schema.VCCInteractions, key: "interaction-id", fault: "/api/stats/allinteractions", mode: extract.Incremental, scale: 2},                                  // 432
	{name: "channels", table: schema.VCCChannels, key: "channel-id", fault: "/api/stats/channels", mode: extract.Dimension, scale: 20},                                                      // 100
	{name: "campaigns", table: schema.VCCCampaigns, key: "campaign-id", fault: "/api/stats/campaigns", mode: extract.Dimension, scale: 30},                                                  // 60
	{name: "campaign_records", table: schema.VCCCampaignRecords, key: "campaign-id+record-id", fault: "/api/stats/campaigns/", mode: extract.Dimension, scale: 4, entity: `^campaign=\d+$`}, // 60 per campaign
	{name: "tcls", table: schema.VCCTCLs, key: "tcl-list-id+tcl-item-id", fault: "/api/stats/tcls", mode: extract.Dimension, scale: 10},                                                     // 80
	{name: "scls", table: schema.VCCSCLs, key: "scl-list-id+scl-item-id", fault: "/api/stats/scls", mode: extract.Dimension, scale: 20},                                                     // 100
	{name: "skills", table: schema.VCCSkills, key: "agent-id+queue-id", fault: "/api/stats/agents/", mode: extract.Dimension, scale: 1, entity: `^agent=\w+$`, single: true},
	{name: "agent_interactions", table: schema.VCCAgentInteractions, key: "interaction-id", fault: "/api/stats/groups/", mode: extract.Incremental, scale: 2, entity: `^group=\d+$`},
	{name: "queue_interactions", table: schema.VCCQueueInteractions, key: "interaction-id", fault: "/api/stats/interactions", mode: extract.Incremental, scale: 1},
	{name: "campaign_interactions", table: schema.VCCCampaignInteractions, key: "interaction-id", fault: "/api/stats/campaigns/", mode: extract.Incremental, scale: 4,
		entity: `^campaign=\d+$`, window: extract.Window{From: day(5), To: day(17)}},
	{name: "agent_statuses", table: schema.VCCAgentStatuses, key: "transaction-id", fault: "/api/stats/groups/", mode: extract.Incremental, scale: 1, entity: `^group=\d+$`},
	{name: "agent_status_stats", table: schema.VCCAgentStatusStats, key: "agent-id+period-start", fault: "/api/stats/agents/", mode: extract.Incremental, scale: 1, entity: `^agent=\w+$`},
	{name: "outbound_calls", table: schema.VCCOutboundCalls, key: "transaction-id", fault: "/api/stats/groups/", mode: extract.Incremental, scale: 1, entity: `^group=\d+$`,
		window: extract.Window{From: day(5), To: day(19)}},
	{name: "statistics", table: schema.VCCStatistics, key: "entity-type+entity-id+time-stamp", fault: "/api/stats/agents/", mode: extract.Incremental, scale: 1,
		entity: `^(agent=\w+|queue=\d+|channel=\d+)$`},
	{name: "online_slas", table: schema.VCCOnlineSLAs, key: "entity-type+entity-id+time-stamp", fault: "/api/stats/queues/", mode: extract.Incremental, scale: 1,
		entity: `^(queue|channel)=\d+$`},
	{name: "offline_slas", table: schema.VCCOfflineSLAs, key: "entity-type+entity-id+time-stamp", fault: "/api/stats/queues/", mode: extract.Incremental, scale: 1,
		entity: `^(queue|channel)=\d+$`},
	{name: "rt_agents", table: schema.VCCRTAgentSnapshots, key: "agent-id", fault: "/api/rtstats/stats/agents", mode: extract.Snapshot, scale: 1, single: true, noCSV: true},
	{name: "rt_queues", table: schema.VCCRTQueueSnapshots, key: "queue-id", fault: "/api/rtstats/stats/queues", mode: extract.Snapshot, scale: 1, single: true, noCSV: true},
	{name: "recordings", table: schema.VCCRecordings, key: "filename", fault: "/api/recordings/files", mode: extract.Incremental, scale: 1},
}

func day(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }

// env is a sandbox behind an httptest server that records every request.
type env struct {
	sb  *sandbox.Server
	srv *httptest.Server

	mu       sync.Mutex
	requests []*http.Request
	inFlight atomic.Int32
	maxIn    atomic.Int32
	delay    time.Duration // added to every request, to make concurrency observable
}

func newEnv(t *testing.T, scale int) *env {
	t.Helper()
	e := &env{sb: sandbox.New(sandbox.Options{Seed: 7, Scale: scale})}
	h := e.sb.Handler()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.requests = append(e.requests, r.Clone(context.Background()))
		e.mu.Unlock()
		n := e.inFlight.Add(1)
		defer e.inFlight.Add(-1)
		for {
			m := e.maxIn.Load()
			if n <= m || e.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		if e.delay > 0 {
			time.Sleep(e.delay)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) requestCount(prefix string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, r := range e.requests {
		if len(r.URL.Path) >= len(prefix) && r.URL.Path[:len(prefix)] == prefix {
			n++
		}
	}
	return n
}

// fastHTTP keeps retry tests quick.
func fastHTTP() httpx.Options {
	return httpx.Options{Timeout: 2 * time.Second, MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

func (e *env) source(t *testing.T, cfg vcc.Config, ho httpx.Options) *vcc.Source {
	t.Helper()
	if cfg.Source == "" {
		cfg.Source = "acme"
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = e.srv.URL
	}
	if cfg.Tenant == "" {
		cfg.Tenant = sandbox.DefaultTenant
	}
	if cfg.Token == "" {
		cfg.Token = sandbox.DefaultToken
	}
	s, err := vcc.New(cfg, httpx.New(ho, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	return s
}

// collector is an Emit that counts records by a quick parse of each page and keeps the pages.
type collector struct {
	key     string
	pages   []*extract.Page
	records int
	keys    map[string]int
	// inEmit and maxInEmit prove that emit is never called concurrently.
	inEmit, maxInEmit atomic.Int32
	hold              time.Duration
}

func newCollector(key string) *collector { return &collector{key: key, keys: map[string]int{}} }

func (c *collector) emit(_ context.Context, p *extract.Page) (int, error) {
	n := c.inEmit.Add(1)
	defer c.inEmit.Add(-1)
	if n > c.maxInEmit.Load() {
		c.maxInEmit.Store(n)
	}
	if c.hold > 0 {
		time.Sleep(c.hold)
	}
	keys, err := recordKeys(p, c.key)
	if err != nil {
		return 0, err
	}
	c.pages = append(c.pages, p)
	c.records += len(keys)
	for _, k := range keys {
		c.keys[k]++
	}
	return len(keys), nil
}

// recordKeys parses a page in its format and returns the key of every record: the value of
// the key field, or of several fields joined by "|" for a key "a+b".
func recordKeys(p *extract.Page, key string) ([]string, error) {
	fields := strings.Split(key, "+")
	var recs []map[string]string
	switch p.Format {
	case schema.JSON:
		var doc map[string]map[string][]map[string]any
		if err := json.Unmarshal(p.Body, &doc); err != nil {
			return nil, err
		}
		for _, r := range doc[p.Table.Root][p.Table.Record] {
			m := map[string]string{}
			for k, v := range r {
				if s, ok := v.(string); ok {
					m[k] = s
				}
			}
			recs = append(recs, m)
		}
	case schema.CSV:
		rows, err := csv.NewReader(bytes.NewReader(p.Body)).ReadAll()
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, errors.New("no header")
		}
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			recs = append(recs, m)
		}
	default:
		dec := xml.NewDecoder(bytes.NewReader(p.Body))
		depth := 0
		var cur map[string]string
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				if depth != 0 {
					return nil, io.ErrUnexpectedEOF
				}
				break
			}
			if err != nil {
				return nil, err
			}
			switch se := tok.(type) {
			case xml.StartElement:
				depth++
				switch {
				case depth == 2 && se.Name.Local == p.Table.Record:
					cur = map[string]string{}
					recs = append(recs, cur)
				case depth == 3 && cur != nil:
					var v string
					if err := dec.DecodeElement(&v, &se); err != nil {
						return nil, err
					}
					cur[se.Name.Local] = strings.TrimSpace(v)
					depth--
				}
			case xml.EndElement:
				if depth == 2 {
					cur = nil
				}
				depth--
			}
		}
	}
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		var parts []string
		for _, f := range fields {
			v, ok := r[f]
			if !ok {
				return nil, fmt.Errorf("record without %s", f)
			}
			parts = append(parts, v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out, nil
}
