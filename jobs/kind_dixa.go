package jobs

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/time/rate"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/dixa"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

// DixaOptions are the dixa source keys (Dixa REST API v1).
type DixaOptions struct {
	BaseURL string `yaml:"base_url"` // default https://dev.dixa.io
	Token   Secret `yaml:"token"`    // API token (Settings → Integrations → API Tokens, "Dixa API")
	// AuthPrefix goes before the token in the Authorization header ("Bearer"); default none, as
	// Dixa's own client sends the bare token.
	AuthPrefix string `yaml:"auth_prefix"`
	// Burst of the per-token rate limiter (default 4, Dixa's published burst); the source's
	// rate_limit defaults to 10 requests/s, Dixa's published rate.
	Burst int `yaml:"burst"`
	// Timezone (IANA) sent with analytics requests; metric intervals are aligned in it. Default UTC.
	Timezone string `yaml:"timezone"`
	// Interval of one metric-values call: 24h (default: calendar days in timezone), 1h, …
	Interval Duration `yaml:"interval"`
	// Metrics whose values metric_values fetches; Records whose rows records fetches.
	Metrics []DixaMetricOptions `yaml:"metrics"`
	Records []DixaRecordOptions `yaml:"records"`
	// FilterAttributes listed by analytics_filter_values (default: channel, queue_id, agent_id,
	// tag_id, initial_direction, contact_point).
	FilterAttributes []string `yaml:"filter_attributes"`
	PageLimit        int      `yaml:"page_limit"`  // pageLimit of paged lists (default 100)
	Concurrency      int      `yaml:"concurrency"` // conversations fetched at once (default 4)
}

// DixaMetricOptions is one metric of metric_values.
type DixaMetricOptions struct {
	ID           string              `yaml:"id"`
	Aggregations []string            `yaml:"aggregations"` // Min, Max, Sum, Count, Percentage, StdDev, Average
	Filters      []DixaFilterOptions `yaml:"filters"`
}

// DixaRecordOptions is one record id of records.
type DixaRecordOptions struct {
	ID      string              `yaml:"id"`
	Filters []DixaFilterOptions `yaml:"filters"`
}

// DixaFilterOptions is one analytics filter: attribute and the values it keeps.
type DixaFilterOptions struct {
	Attribute string   `yaml:"attribute"`
	Values    []string `yaml:"values"`
}

const dixaSample = `warehouse:
  clickhouse: {addr: 127.0.0.1:9000, database: ccwh, username: default, password: "${CLICKHOUSE_PASSWORD}"}
archive: {dir: ./var/archive}
sources:
  - name: acme-dixa
    kind: dixa
    base_url: https://dev.dixa.io
    token: ${DIXA_TOKEN}                 # or ${file:/run/secrets/dixa}
    auth_prefix: ""
    rate_limit: 10
    burst: 4
    timezone: Europe/Copenhagen
    interval: 24h
    page_limit: 100
    concurrency: 4
    metrics:
      - {id: closed_conversations, aggregations: [Count]}
      - {id: csat, aggregations: [Average, Count], filters: [{attribute: channel, values: [email]}]}
    records:
      - {id: conversations}
    filter_attributes: [channel, queue_id, agent_id, tag_id, initial_direction]
    streams:
      agents: {schedule: "0 * * * *"}
      teams: {schedule: "0 * * * *"}
      queues: {schedule: "0 * * * *"}
      tags: {schedule: "0 * * * *"}
      end_users: {schedule: "0 */6 * * *"}
      custom_attributes: {schedule: "0 * * * *"}
      contact_endpoints: {schedule: "0 * * * *"}
      analytics_metrics: {schedule: "0 3 * * *"}
      analytics_record_types: {schedule: "0 3 * * *"}
      analytics_filter_values: {schedule: "0 3 * * *"}
      metric_values: {schedule: "10 * * * *", overlap: 24h, window: 24h, start: 2026-01-01}
      records: {schedule: "20 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      conversations: {schedule: "*/15 * * * *", lag: 5m, overlap: 1h, window: 24h, start: 2026-01-01}
`

var (
	dixaDimension     = StreamConfig{Schedule: "0 * * * *", Window: Duration(24 * time.Hour)}
	dixaCatalogue     = StreamConfig{Schedule: "0 3 * * *", Window: Duration(24 * time.Hour)}
	dixaMetricValues  = StreamConfig{Schedule: "10 * * * *", Overlap: Duration(24 * time.Hour), Window: Duration(24 * time.Hour)}
	dixaRecords       = StreamConfig{Schedule: "20 * * * *", Lag: Duration(time.Hour), Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}
	dixaConversations = StreamConfig{Schedule: "*/15 * * * *", Lag: Duration(5 * time.Minute), Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}
)

var dixaKind = Kind{
	Name:   "dixa",
	Doc:    "Dixa REST API v1: analytics, conversations and transcripts, dimensions; API token in Authorization",
	Sample: dixaSample,
	Streams: []StreamDef{
		{Name: "agents", Table: schema.DixaAgents, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "teams", Table: schema.DixaTeams, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "queues", Table: schema.DixaQueues, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "tags", Table: schema.DixaTags, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "end_users", Table: schema.DixaEndUsers, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "custom_attributes", Table: schema.DixaCustomAttributes, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "contact_endpoints", Table: schema.DixaContactEndpoints, Mode: extract.Dimension, Defaults: dixaDimension},
		{Name: "analytics_metrics", Table: schema.DixaAnalyticsMetrics, Mode: extract.Dimension, Defaults: dixaCatalogue},
		{Name: "analytics_record_types", Table: schema.DixaAnalyticsRecordTypes, Mode: extract.Dimension, Defaults: dixaCatalogue},
		{Name: "analytics_filter_values", Table: schema.DixaAnalyticsFilterValues, Mode: extract.Dimension, Defaults: dixaCatalogue},
		{Name: "metric_values", Table: schema.DixaAnalyticsMetricValues, Mode: extract.Incremental, Defaults: dixaMetricValues},
		{Name: "records", Table: schema.DixaAnalyticsRecords, Mode: extract.Incremental, Defaults: dixaRecords},
		{Name: "conversations", Table: schema.DixaActivityLog, Mode: extract.Incremental, Defaults: dixaConversations},
	},
	NewOptions: func() any { return &DixaOptions{} },
	Validate: func(o any) error {
		opts := o.(*DixaOptions)
		if opts.Token == "" {
			return errors.New("dixa needs token")
		}
		if opts.BaseURL != "" {
			if u, err := url.Parse(opts.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return errors.New("base_url must be an absolute URL such as https://dev.dixa.io")
			}
		}
		if opts.Timezone != "" {
			if _, err := time.LoadLocation(opts.Timezone); err != nil {
				return fmt.Errorf("timezone %q is not an IANA zone: %v", opts.Timezone, err)
			}
		}
		if iv := opts.Interval.D(); iv != 0 && iv < time.Minute {
			return fmt.Errorf("interval %s is shorter than a minute", iv)
		}
		if opts.Burst < 0 || opts.PageLimit < 0 || opts.Concurrency < 0 {
			return errors.New("burst, page_limit and concurrency cannot be negative")
		}
		measures := []string{"Min", "Max", "Sum", "Count", "Percentage", "StdDev", "Average"}
		for i, m := range opts.Metrics {
			if m.ID == "" {
				return fmt.Errorf("metrics[%d] has no id", i)
			}
			for _, a := range m.Aggregations {
				if !slices.Contains(measures, a) {
					return fmt.Errorf("metric %s: aggregation %q is not one of %v", m.ID, a, measures)
				}
			}
			if err := validDixaFilters(m.Filters); err != nil {
				return fmt.Errorf("metric %s: %w", m.ID, err)
			}
		}
		for i, r := range opts.Records {
			if r.ID == "" {
				return fmt.Errorf("records[%d] has no id", i)
			}
			if err := validDixaFilters(r.Filters); err != nil {
				return fmt.Errorf("record %s: %w", r.ID, err)
			}
		}
		return nil
	},
	Build: func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error) {
		opts := sc.Options.(*DixaOptions)
		cfg := dixa.Config{
			Source: sc.Name, BaseURL: opts.BaseURL, Token: opts.Token.Reveal(), AuthPrefix: opts.AuthPrefix,
			Timezone: opts.Timezone, Interval: opts.Interval.D(), FilterAttributes: opts.FilterAttributes,
			PageLimit: opts.PageLimit, Concurrency: opts.Concurrency,
		}
		for _, m := range opts.Metrics {
			cfg.Metrics = append(cfg.Metrics, dixa.Metric{ID: m.ID, Aggregations: m.Aggregations, Filters: dixaFilters(m.Filters)})
		}
		for _, r := range opts.Records {
			cfg.Records = append(cfg.Records, dixa.Record{ID: r.ID, Filters: dixaFilters(r.Filters)})
		}
		// One rate limiter per token (Dixa limits per token): sources sharing a token share it.
		ho := client.Options()
		ho.RateLimit = sc.RateLimit
		if ho.RateLimit <= 0 {
			ho.RateLimit = dixa.DefaultRateLimit
		}
		ho.Burst = opts.Burst
		if ho.Burst <= 0 {
			ho.Burst = dixa.DefaultBurst
		}
		base := cfg.BaseURL
		if base == "" {
			base = dixa.DefaultBaseURL
		}
		ho.Limiter = dixaLimiter(base, cfg.Token, ho.RateLimit, ho.Burst)
		src, err := dixa.New(cfg, httpx.New(ho, log), log)
		if err != nil {
			return nil, err
		}
		var out []Stream
		for _, s := range src.Streams() {
			out = append(out, s)
		}
		return out, nil
	},
}

func validDixaFilters(fs []DixaFilterOptions) error {
	for _, f := range fs {
		if f.Attribute == "" || len(f.Values) == 0 {
			return errors.New("a filter needs an attribute and values")
		}
	}
	return nil
}

func dixaFilters(fs []DixaFilterOptions) []dixa.Filter {
	var out []dixa.Filter
	for _, f := range fs {
		out = append(out, dixa.Filter{Attribute: f.Attribute, Values: f.Values})
	}
	return out
}

var dixaLimiters = struct {
	sync.Mutex
	m map[string]*rate.Limiter
}{m: map[string]*rate.Limiter{}}

// dixaLimiter returns the process-wide limiter of one token at one API host (keyed by a hash,
// the token is not kept), set to the latest configured rate and burst.
func dixaLimiter(base, token string, rps float64, burst int) *rate.Limiter {
	sum := sha256.Sum256([]byte(base + "\x00" + token))
	key := hex.EncodeToString(sum[:])
	dixaLimiters.Lock()
	defer dixaLimiters.Unlock()
	l, ok := dixaLimiters.m[key]
	if !ok {
		l = rate.NewLimiter(rate.Limit(rps), burst)
		dixaLimiters.m[key] = l
		return l
	}
	l.SetLimit(rate.Limit(rps))
	l.SetBurst(burst)
	return l
}

// dixaDemo is the Dixa source of `ccwh demo`: every stream, faster than the real rate limit.
var dixaDemo = DemoSource{
	YAML: `  - name: acme-dixa
    kind: dixa
    base_url: %[1]s/dixa
    token: ${CCWH_DEMO_DIXA_TOKEN}
    rate_limit: 500
    burst: 50
    metrics:
      - {id: closed_conversations, aggregations: [Count, Sum]}
      - {id: csat, aggregations: [Average], filters: [{attribute: channel, values: [email]}]}
    records:
      - {id: conversations}
    streams: ` + streamsYAML("dixa") + "\n",
	Env: map[string]string{"CCWH_DEMO_DIXA_TOKEN": sandbox.DefaultToken},
	// A conversation with activity in several daily windows is read again in each of them.
	NotOnePerRow: []string{schema.DixaConversations.Name, schema.DixaMessages.Name, schema.DixaNotes.Name,
		schema.DixaRatings.Name, schema.DixaConversationTags.Name},
	Truth: func(sb *sandbox.Server, w extract.Window) map[string]int {
		m := sb.DixaCounts(w, []string{"conversations"})
		// One row per configured aggregation per day: Count and Sum, Average.
		m[schema.DixaAnalyticsMetricValues.Name] = 3 * int(w.To.Sub(w.From)/(24*time.Hour))
		return m
	},
}
