// Package vcc extracts the 8x8 Contact Center historical statistics API (/api/stats,
// shared/specs/8x8-contact-center.md §1–2): groups, agents and queues as dimensions, activities
// and all interactions as incremental streams. Pages go to the pipeline raw, in the configured
// format (XML, JSON or CSV, chosen by the path suffix).
//
// Conventions of the vendor that shape this package:
//   - HTTP Basic auth tenant:token; a wrong token answers 403 (not 401).
//   - 50 records per page; n= is the 1-based index of the first record. The first page is
//     requested without n= (the documented form: "returns the first page of 50 results"), then
//     n=51, 101, …; paging stops at the first page holding fewer than 50 records.
//   - The format suffix goes at the end of the path, before the query string. The two documented
//     trailing-slash paths (/interactions/, /allinteractions/) drop the slash when a suffix is
//     added: /api/stats/allinteractions.json, as the doc's own Python example writes
//     /api/stats/interactions.json.
//   - d= windows are sent in the compact UTC form 20070805T1315Z,20070807T1430Z; tz= only when
//     configured (it also sets the offset of timestamps in responses).
package vcc

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	_ "time/tzdata" // validate tz= names on machines without a zoneinfo database

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Config configures one 8x8 Contact Center source.
type Config struct {
	// Source is the configured source name (lineage _source, logs, errors). Required.
	Source string
	// BaseURL is the tenant's platform, e.g. https://vcc-na4.8x8.com (no path). Required.
	BaseURL string
	// Tenant and Token are the Basic credentials: tenant name and Data Request Token. Required.
	Tenant, Token string
	// Format of the pages requested: xml (default, the vendor's default too), json or csv.
	Format schema.Format
	// TZ, when set, is sent as tz= (an IANA zone name). Empty: the tenant's zone applies.
	TZ string
	// Concurrency bounds every fan-out (per group, agent, queue, channel, campaign): entities
	// fetched at once. Default 4.
	Concurrency int
	// PageSize is the vendor's fixed page size (50). It must equal what the server sends: a
	// page holding fewer records ends the paging.
	PageSize int
	// Now is the clock of real-time snapshots (snapshot_at); default time.Now.
	Now func() time.Time
	// MaxPages guards against endless paging: fetching more pages than this for one entity and
	// window fails with extract.ErrTooManyPages. Default 200000 (10 million records); a page
	// that repeats the previous one is caught earlier by the repeated-page check.
	MaxPages int
}

// Defaults applied by New.
const (
	DefaultConcurrency = 4
	DefaultPageSize    = 50
	DefaultMaxPages    = 200000
)

// Source is a configured 8x8 Contact Center source. Its streams share one httpx.Client.
type Source struct {
	cfg     Config
	base    string // scheme://host[:port] without a trailing slash
	client  *httpx.Client
	log     zerolog.Logger
	header  http.Header
	streams []*Stream
}

func (s *Source) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// New validates cfg (without touching the network) and returns the source.
func New(cfg Config, client *httpx.Client, log zerolog.Logger) (*Source, error) {
	if client == nil {
		return nil, fmt.Errorf("%w: no HTTP client", ErrConfig)
	}
	if cfg.Source == "" {
		return nil, fmt.Errorf("%w: source name is empty", ErrConfig)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%w: source %s: base URL %q must be http(s)://host", ErrConfig, cfg.Source, httpx.Redact(cfg.BaseURL))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return nil, fmt.Errorf("%w: source %s: base URL %q must be scheme and host only (e.g. https://vcc-na4.8x8.com)",
			ErrConfig, cfg.Source, httpx.Redact(cfg.BaseURL))
	}
	if cfg.Tenant == "" || cfg.Token == "" {
		return nil, fmt.Errorf("%w: source %s: tenant and token are required", ErrConfig, cfg.Source)
	}
	if strings.Contains(cfg.Tenant, ":") {
		return nil, fmt.Errorf("%w: source %s: tenant %q cannot contain ':' (Basic auth)", ErrConfig, cfg.Source, cfg.Tenant)
	}
	if cfg.Format, err = schema.ParseFormat(string(cfg.Format)); err != nil {
		return nil, fmt.Errorf("%w: source %s: %v", ErrConfig, cfg.Source, err)
	}
	if cfg.TZ != "" {
		if _, err := time.LoadLocation(cfg.TZ); err != nil {
			return nil, fmt.Errorf("%w: source %s: tz %q: %v", ErrConfig, cfg.Source, cfg.TZ, err)
		}
	}
	for _, v := range []struct {
		name string
		p    *int
		def  int
	}{{"concurrency", &cfg.Concurrency, DefaultConcurrency}, {"page size", &cfg.PageSize, DefaultPageSize},
		{"max pages", &cfg.MaxPages, DefaultMaxPages}} {
		switch {
		case *v.p == 0:
			*v.p = v.def
		case *v.p < 0:
			return nil, fmt.Errorf("%w: source %s: %s %d is negative", ErrConfig, cfg.Source, v.name, *v.p)
		}
	}
	s := &Source{
		cfg:    cfg,
		base:   u.Scheme + "://" + u.Host,
		client: client,
		log:    log.With().Str(extract.LogSource, cfg.Source).Logger(),
		header: http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(cfg.Tenant+":"+cfg.Token))}},
	}
	s.streams = []*Stream{groupsStream(s), agentsStream(s), queuesStream(s), activitiesStream(s), interactionsStream(s),
		channelsStream(s), campaignsStream(s), campaignRecordsStream(s), tclsStream(s), sclsStream(s), skillsStream(s),
		codeLabelsStream(s), agentInteractionsStream(s), queueInteractionsStream(s), campaignInteractionsStream(s),
		agentStatusesStream(s), agentStatusStatsStream(s), outboundCallsStream(s), statisticsStream(s),
		onlineSLAsStream(s), offlineSLAsStream(s), rtAgentsStream(s), rtQueuesStream(s),
		recordingsStream(s), transcriptsStream(s)}
	return s, nil
}

// Streams returns the source's streams, dimensions first.
func (s *Source) Streams() []*Stream { return s.streams }

// Stream returns the named stream.
func (s *Source) Stream(name string) (*Stream, error) {
	return extract.FindStream(ErrUnknownStream, s.cfg.Source, s.streams, name)
}

// Stream is one extractable resource of the source, bound to its table.
type Stream struct {
	src   *Source
	name  string
	table *schema.Table
	mode  extract.Mode
	// path is the resource below /api/stats, without format suffix; fetch overrides paging it.
	path  string
	fetch func(ctx context.Context, w extract.Window, emit extract.Emit) error
}

// Name is the stream name (groups, agents, queues, activities, interactions).
func (st *Stream) Name() string { return st.name }

// Table is the table the stream's records load into.
func (st *Stream) Table() *schema.Table { return st.table }

// Mode says whether the stream is a full-refresh dimension or windowed.
func (st *Stream) Mode() extract.Mode { return st.mode }

// Fetch pages through the stream and hands every page to emit. Dimension streams ignore w.
// Incremental streams need a non-zero w; an empty one ([t, t)) fetches nothing. The window's
// bounds are sent with minute precision (the vendor's d= has no seconds): a bound between whole
// minutes widens the window outwards to the enclosing minutes, so nothing is missed and the
// overlap is collapsed by the tables' ReplacingMergeTree. Errors are *extract.FetchError.
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
	if st.fetch != nil {
		return st.fetch(ctx, w, emit)
	}
	return st.src.pages(ctx, pageSpec{stream: st, path: st.path, window: w}, emit)
}
