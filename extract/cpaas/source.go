// Package cpaas extracts 8x8 CPaaS (shared/specs/8x8-cpaas.md): message and call logs through
// the asynchronous log-export job protocol (Messaging Apps on chatapps.8x8.com, and SMS and voice,
// which use the same protocol on their own hosts), and the automation and account statistics.
//
// Conventions of the vendor that shape this package:
//   - Authorization: Bearer <api key> on every host (§2).
//   - Log exports are jobs: POST …/subaccounts/{sub}/messages/exports {from,to,…} → {jobId};
//     GET …/exports/{jobId} → {status, data: [links], expires}; DELETE cancels. The file links
//     are CSV with undocumented columns, matched to typed columns by name (schema/cpaas.go).
//   - Errors answer {code, message, errorId, timestamp} (§11).
package cpaas

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Config configures one CPaaS source.
type Config struct {
	// Source is the configured source name. Required.
	Source string
	// APIKey is the bearer key from connect.8x8.com. Required.
	APIKey string
	// SubAccountID is the subaccount of the log exports and voice numbers (3–50 chars).
	SubAccountID string
	// AccountID is the account of the automation API and the SMS balance.
	AccountID string
	// Hosts per API family; defaults are the documented production hosts. A host may carry a
	// path prefix (the sandbox serves them below one address).
	ChatAppsURL, SMSURL, VoiceURL, AutomationURL string
	// PollInterval is the first wait between two job status requests; it doubles up to
	// MaxPollInterval. Defaults 2s and 30s.
	PollInterval, MaxPollInterval time.Duration
	// ExportTimeout bounds one export job from start to final status. Default 30m.
	ExportTimeout time.Duration
	// Countries and PhoneNumber filter the exports (optional, sent as documented); Limit caps
	// the records of one job (0, the default, is unlimited).
	Countries   []string
	PhoneNumber string
	Limit       int
	// ChunkRows is how many CSV rows go into one page handed to the pipeline. Default 5000.
	ChunkRows int
	// TempDir holds downloaded export files while they are decoded. Default os.TempDir().
	TempDir string
	// PageSize is the limit= of the automation list endpoints (1..500). Default 500.
	PageSize int
}

// Documented hosts and defaults.
const (
	DefaultChatAppsURL     = "https://chatapps.8x8.com"
	DefaultSMSURL          = "https://sms.8x8.com"
	DefaultVoiceURL        = "https://voice.wavecell.com"
	DefaultAutomationURL   = "https://automation.8x8.com"
	DefaultPollInterval    = 2 * time.Second
	DefaultMaxPollInterval = 30 * time.Second
	DefaultExportTimeout   = 30 * time.Minute
	DefaultChunkRows       = 5000
	DefaultPageSize        = 500
)

// Source is a configured CPaaS source; its streams share one httpx.Client.
type Source struct {
	cfg     Config
	client  *httpx.Client
	log     zerolog.Logger
	header  http.Header
	now     func() time.Time
	streams []*Stream
}

// New validates cfg without touching the network.
func New(cfg Config, client *httpx.Client, log zerolog.Logger) (*Source, error) {
	if client == nil {
		return nil, fmt.Errorf("%w: no HTTP client", ErrConfig)
	}
	if cfg.Source == "" {
		return nil, fmt.Errorf("%w: source name is empty", ErrConfig)
	}
	if cfg.APIKey == "" {
		return nil, fmt.Errorf("%w: source %s: api key is required", ErrConfig, cfg.Source)
	}
	for _, h := range []struct {
		p   *string
		def string
	}{{&cfg.ChatAppsURL, DefaultChatAppsURL}, {&cfg.SMSURL, DefaultSMSURL}, {&cfg.VoiceURL, DefaultVoiceURL}, {&cfg.AutomationURL, DefaultAutomationURL}} {
		if *h.p == "" {
			*h.p = h.def
		}
		u, err := url.Parse(*h.p)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.User != nil {
			return nil, fmt.Errorf("%w: source %s: host URL %q must be http(s)://host[/prefix]", ErrConfig, cfg.Source, httpx.Redact(*h.p))
		}
		*h.p = strings.TrimRight(*h.p, "/")
	}
	for _, d := range []struct {
		p   *time.Duration
		def time.Duration
	}{{&cfg.PollInterval, DefaultPollInterval}, {&cfg.MaxPollInterval, DefaultMaxPollInterval}, {&cfg.ExportTimeout, DefaultExportTimeout}} {
		if *d.p <= 0 {
			*d.p = d.def
		}
	}
	if cfg.MaxPollInterval < cfg.PollInterval {
		cfg.MaxPollInterval = cfg.PollInterval
	}
	if cfg.ChunkRows <= 0 {
		cfg.ChunkRows = DefaultChunkRows
	}
	if cfg.PageSize <= 0 || cfg.PageSize > 500 {
		cfg.PageSize = DefaultPageSize
	}
	if cfg.Limit < 0 {
		return nil, fmt.Errorf("%w: source %s: limit %d is negative", ErrConfig, cfg.Source, cfg.Limit)
	}
	for _, c := range cfg.Countries {
		if len(c) != 2 {
			return nil, fmt.Errorf("%w: source %s: country %q is not a two-letter ISO 3166 code", ErrConfig, cfg.Source, c)
		}
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	s := &Source{
		cfg: cfg, client: client, now: time.Now,
		log:    log.With().Str(extract.LogSource, cfg.Source).Logger(),
		header: http.Header{"Authorization": {"Bearer " + cfg.APIKey}, "Accept": {"application/json"}},
	}
	for _, f := range families {
		s.streams = append(s.streams, logStream(s, f))
	}
	s.streams = append(s.streams, s.statsStreams()...)
	return s, nil
}

// Streams returns every stream of the source.
func (s *Source) Streams() []*Stream { return s.streams }

// Stream returns the named stream.
func (s *Source) Stream(name string) (*Stream, error) {
	return extract.FindStream(ErrUnknownStream, s.cfg.Source, s.streams, name)
}

// Stream is one extractable resource of the source, bound to its main table.
type Stream struct {
	src   *Source
	name  string
	table *schema.Table
	mode  extract.Mode
	needs string // the Config field it needs ("sub_account_id", "account_id")
	fetch func(ctx context.Context, w extract.Window, emit extract.Emit) error
}

// Name is the stream name.
func (st *Stream) Name() string { return st.name }

// Table is the stream's main table (log streams also feed cpaas_export_jobs).
func (st *Stream) Table() *schema.Table { return st.table }

// Mode says whether the stream is a full-refresh dimension or windowed.
func (st *Stream) Mode() extract.Mode { return st.mode }

// Fetch runs the stream. Incremental streams need a non-zero window; an empty one fetches
// nothing. Errors are *extract.FetchError.
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
	var missing bool
	switch st.needs {
	case "sub_account_id":
		missing = st.src.cfg.SubAccountID == ""
	case "account_id":
		missing = st.src.cfg.AccountID == ""
	}
	if missing {
		return &extract.FetchError{Source: st.src.cfg.Source, Stream: st.name, Window: w, Page: 1,
			Err: fmt.Errorf("%w: stream %s needs %s", ErrConfig, st.name, st.needs)}
	}
	return st.fetch(ctx, w, emit)
}
