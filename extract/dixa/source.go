// Package dixa extracts the Dixa REST API v1 (shared/specs/dixa.md; seed 002 is the authority):
// dimensions (agents, teams and members, queues and members, tags, end users, custom-attribute
// definitions, contact endpoints), the analytics catalogues and filter values, aggregated metric
// values and unaggregated records, and conversations driven by the organisation's activity log
// (each changed conversation with its messages, notes, ratings and tags).
//
// Conventions of the vendor that shape this package:
//   - The API token goes in the Authorization header. Dixa's docs say "bearer token", Dixa's own
//     client sends the bare token (spec §1): the prefix is configurable, bare by default.
//   - The published limit is 10 requests/s per token with bursts of 4; 429 past it.
//   - Lists page by pageLimit and an opaque pageKey, taken from meta.next (a URL) or from a
//     top-level "pageKey" (spec §3: both forms are seen). The pageKey is never built or altered.
//     POST /v1/analytics/records pages by re-posting the same body with ?pageKey=.
//   - Records are nested `_type`-tagged unions: reshape.go flattens them for the decoder.
package dixa

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	_ "time/tzdata" // validate timezone names on machines without a zoneinfo database

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Filter is one analytics filter: {"attribute": "channel", "values": ["email"]}.
type Filter struct {
	Attribute string   `json:"attribute"`
	Values    []string `json:"values"`
}

// Metric is one metric whose values the metric_values stream fetches.
type Metric struct {
	ID string
	// Aggregations are the measures asked for (Min, Max, Sum, Count, Percentage, StdDev,
	// Average); empty sends none and the API answers its defaults.
	Aggregations []string
	Filters      []Filter
}

// Record is one record id whose rows the records stream fetches.
type Record struct {
	ID      string
	Filters []Filter
}

// Config configures one Dixa source.
type Config struct {
	// Source is the configured source name (lineage _source, logs, errors). Required.
	Source string
	// BaseURL is the API host, default https://dev.dixa.io; paths /v1/… are appended.
	BaseURL string
	// Token is the API token. Required.
	Token string
	// AuthPrefix is put before the token in the Authorization header, e.g. "Bearer". Empty
	// sends the bare token, as Dixa's own client does.
	AuthPrefix string
	// Timezone is the IANA zone sent with analytics requests and in which metric intervals are
	// aligned. Default UTC.
	Timezone string
	// Interval is the length of one metric-values call; 24h (default) means calendar days in
	// Timezone.
	Interval time.Duration
	// Metrics and Records are what the metric_values and records streams fetch.
	Metrics []Metric
	Records []Record
	// FilterAttributes are the analytics filter attributes whose values are listed.
	FilterAttributes []string
	// PageLimit is sent as pageLimit on paged lists. Default 100.
	PageLimit int
	// Concurrency bounds the conversations fan-out. Default 4.
	Concurrency int
	// MaxPages guards against endless paging per entity and window. Default 100000.
	MaxPages int
}

// Defaults applied by New.
const (
	DefaultBaseURL     = "https://dev.dixa.io"
	DefaultPageLimit   = 100
	DefaultConcurrency = 4
	DefaultMaxPages    = 100000
	DefaultInterval    = 24 * time.Hour
	// DefaultRateLimit and DefaultBurst are Dixa's published per-token limit.
	DefaultRateLimit = 10
	DefaultBurst     = 4
)

// DefaultFilterAttributes are the filter attributes Dixa's docs name (spec §6.1).
var DefaultFilterAttributes = []string{"channel", "queue_id", "agent_id", "tag_id", "initial_direction", "contact_point"}

// Source is a configured Dixa source. Its streams share one httpx.Client (one rate limit).
type Source struct {
	cfg     Config
	base    string
	loc     *time.Location
	client  *httpx.Client
	log     zerolog.Logger
	header  http.Header
	streams []*Stream
}

// New validates cfg (without touching the network) and returns the source.
func New(cfg Config, client *httpx.Client, log zerolog.Logger) (*Source, error) {
	if client == nil {
		return nil, fmt.Errorf("%w: no HTTP client", ErrConfig)
	}
	if cfg.Source == "" {
		return nil, fmt.Errorf("%w: source name is empty", ErrConfig)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return nil, fmt.Errorf("%w: source %s: base URL %q must be http(s)://host[/path]", ErrConfig, cfg.Source, httpx.Redact(cfg.BaseURL))
	}
	if cfg.Token == "" {
		return nil, fmt.Errorf("%w: source %s: token is required", ErrConfig, cfg.Source)
	}
	if strings.ContainsAny(cfg.Token+cfg.AuthPrefix, "\r\n") {
		return nil, fmt.Errorf("%w: source %s: token and auth prefix must be one line", ErrConfig, cfg.Source)
	}
	if cfg.Timezone == "" {
		cfg.Timezone = "UTC"
	}
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		return nil, fmt.Errorf("%w: source %s: timezone %q: %v", ErrConfig, cfg.Source, cfg.Timezone, err)
	}
	switch {
	case cfg.Interval == 0:
		cfg.Interval = DefaultInterval
	case cfg.Interval < time.Minute:
		return nil, fmt.Errorf("%w: source %s: interval %s is shorter than a minute", ErrConfig, cfg.Source, cfg.Interval)
	}
	for _, m := range cfg.Metrics {
		if m.ID == "" {
			return nil, fmt.Errorf("%w: source %s: a metric has no id", ErrConfig, cfg.Source)
		}
	}
	for _, r := range cfg.Records {
		if r.ID == "" {
			return nil, fmt.Errorf("%w: source %s: a record has no id", ErrConfig, cfg.Source)
		}
	}
	if cfg.FilterAttributes == nil {
		cfg.FilterAttributes = DefaultFilterAttributes
	}
	for _, v := range []struct {
		name string
		p    *int
		def  int
	}{{"page limit", &cfg.PageLimit, DefaultPageLimit}, {"concurrency", &cfg.Concurrency, DefaultConcurrency},
		{"max pages", &cfg.MaxPages, DefaultMaxPages}} {
		switch {
		case *v.p == 0:
			*v.p = v.def
		case *v.p < 0:
			return nil, fmt.Errorf("%w: source %s: %s %d is negative", ErrConfig, cfg.Source, v.name, *v.p)
		}
	}
	auth := cfg.Token
	if p := strings.TrimSpace(cfg.AuthPrefix); p != "" {
		auth = p + " " + cfg.Token
	}
	s := &Source{
		cfg:    cfg,
		base:   strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/"),
		loc:    loc,
		client: client,
		log:    log.With().Str(extract.LogSource, cfg.Source).Logger(),
		header: http.Header{"Authorization": {auth}, "Accept": {"application/json"}},
	}
	s.streams = []*Stream{
		agentsStream(s), teamsStream(s), queuesStream(s), tagsStream(s), endUsersStream(s),
		customAttributesStream(s), contactEndpointsStream(s),
		analyticsMetricsStream(s), analyticsRecordTypesStream(s), analyticsFiltersStream(s),
		metricValuesStream(s), recordsStream(s), conversationsStream(s),
	}
	return s, nil
}

// Streams returns the source's streams.
func (s *Source) Streams() []*Stream { return s.streams }

// Stream returns the named stream.
func (s *Source) Stream(name string) (*Stream, error) {
	return extract.FindStream(ErrUnknownStream, s.cfg.Source, s.streams, name)
}

// Stream is one extractable resource of the source, bound to its (main) table. Some streams
// also feed child tables; their pages name them.
type Stream struct {
	src   *Source
	name  string
	table *schema.Table
	mode  extract.Mode
	fetch func(ctx context.Context, w extract.Window, emit extract.Emit) error
}

// Name is the stream name.
func (st *Stream) Name() string { return st.name }

// Table is the stream's main table.
func (st *Stream) Table() *schema.Table { return st.table }

// Mode says whether the stream is a full-refresh dimension or windowed.
func (st *Stream) Mode() extract.Mode { return st.mode }

// Fetch pages through the stream and hands every page to emit. Dimension streams ignore w;
// incremental streams need a non-zero w, and an empty one fetches nothing. Errors are
// *extract.FetchError.
func (st *Stream) Fetch(ctx context.Context, w extract.Window, emit extract.Emit) error {
	if st.mode == extract.Incremental {
		if w.IsZero() {
			return &extract.FetchError{Source: st.src.cfg.Source, Stream: st.name, Page: 1, Err: extract.ErrNoWindow}
		}
		if w.Empty() {
			return nil
		}
	} else {
		w = extract.Window{}
	}
	return st.fetch(ctx, w, emit)
}
