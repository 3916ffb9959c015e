// Package vccchat extracts the 8x8 Contact Center Chat API v2 (shared/specs/
// 8x8-chat-api-and-chatwoot.md Part A): channels and webhooks as dimensions, and conversations
// of every status with their interactions, participants and messages.
//
// Conventions of the vendor that shape this package:
//   - OAuth2 client credentials: POST /oauth/v2/token with HTTP Basic key:secret; expires_in is
//     a string of seconds. Tokens are cached, renewed before expiry, and renewed once more when
//     the API answers 401 (then the request is retried once).
//   - Paths carry the region (us, eu, ca, ap) and tenant: /vcc/{region}/chat/v2/tenant/{tenant}.
//   - Lists page with page (0-based) and size; the answer's page.pageCount ends the paging.
//   - Conversations have no time filter: every run reads them all (status=all).
//   - Messages have no id and no timestamp: they are keyed by conversation, interaction and
//     their position in the list.
package vccchat

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Config configures one Chat API v2 source.
type Config struct {
	Source string
	// BaseURL is the API host, default https://api.8x8.com (a path prefix is allowed).
	BaseURL string
	// Region is us (default), eu, ca or ap.
	Region string
	// Tenant is the tenant id in the path. Required.
	Tenant string
	// Key and Secret are the Admin Console API key pair (HTTP Basic of the token request).
	Key, Secret string
	// PageSize is size= of the paged lists. Default 100.
	PageSize int
	// RefreshBefore renews a token this long before it expires. Default 60s.
	RefreshBefore time.Duration
	// MaxPages guards paging. Default 100000.
	MaxPages int
}

// Defaults.
const (
	DefaultBaseURL       = "https://api.8x8.com"
	DefaultRegion        = "us"
	DefaultPageSize      = 100
	DefaultRefreshBefore = time.Minute
	DefaultMaxPages      = 100000
)

// Regions are the documented regions.
var Regions = []string{"us", "eu", "ca", "ap"}

// Source is a configured Chat API v2 source.
type Source struct {
	cfg     Config
	base    string // BaseURL + /vcc/{region}/chat/v2/tenant/{tenant}
	client  *httpx.Client
	tokens  *tokenSource
	log     zerolog.Logger
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
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("%w: source %s: base URL %q must be http(s)://host[/prefix]", ErrConfig, cfg.Source, httpx.Redact(cfg.BaseURL))
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if !slices.Contains(Regions, cfg.Region) {
		return nil, fmt.Errorf("%w: source %s: region %q must be one of us, eu, ca, ap", ErrConfig, cfg.Source, cfg.Region)
	}
	if cfg.Tenant == "" || cfg.Key == "" || cfg.Secret == "" {
		return nil, fmt.Errorf("%w: source %s: tenant, key and secret are required", ErrConfig, cfg.Source)
	}
	if strings.Contains(cfg.Key, ":") {
		return nil, fmt.Errorf("%w: source %s: the key cannot contain ':' (HTTP Basic)", ErrConfig, cfg.Source)
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	if cfg.RefreshBefore <= 0 {
		cfg.RefreshBefore = DefaultRefreshBefore
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	s := &Source{
		cfg: cfg, client: client,
		base:   cfg.BaseURL + "/vcc/" + cfg.Region + "/chat/v2/tenant/" + url.PathEscape(cfg.Tenant),
		tokens: newTokenSource(client, cfg.BaseURL+"/oauth/v2/token", cfg.Key, cfg.Secret, cfg.RefreshBefore),
		log:    log.With().Str(extract.LogSource, cfg.Source).Logger(),
	}
	s.streams = []*Stream{channelsStream(s), webhooksStream(s), conversationsStream(s)}
	return s, nil
}

// Streams returns channels, webhooks, conversations.
func (s *Source) Streams() []*Stream { return s.streams }

// TokensIssued reports how many access tokens the source fetched.
func (s *Source) TokensIssued() int { return s.tokens.Issued() }

// Stream returns the named stream.
func (s *Source) Stream(name string) (*Stream, error) {
	return extract.FindStream(ErrUnknownStream, s.cfg.Source, s.streams, name)
}

// Stream is one resource of the source.
type Stream struct {
	src   *Source
	name  string
	table *schema.Table
	fetch func(ctx context.Context, emit extract.Emit) error
}

// Name is the stream name.
func (st *Stream) Name() string { return st.name }

// Table is the stream's main table.
func (st *Stream) Table() *schema.Table { return st.table }

// Mode: every stream of this API is a full refresh (it has no time filter).
func (st *Stream) Mode() extract.Mode { return extract.Dimension }

// Fetch reads the stream; the window is ignored.
func (st *Stream) Fetch(ctx context.Context, _ extract.Window, emit extract.Emit) error {
	return st.fetch(ctx, emit)
}

// get fetches u with a bearer token; a 401 renews the token and retries once.
func (s *Source) get(ctx context.Context, u string) (httpx.Response, error) {
	for attempt := 0; ; attempt++ {
		tok, err := s.tokens.get(ctx)
		if err != nil {
			return httpx.Response{}, err
		}
		resp, err := s.client.Get(ctx, u, http.Header{"Authorization": {"Bearer " + tok}, "Accept": {"application/json"}})
		var se *httpx.StatusError
		if err != nil && attempt == 0 && errors.As(err, &se) && se.Status == http.StatusUnauthorized {
			s.log.Debug().Str(extract.LogURL, httpx.Redact(u)).Msg("access token rejected; renewing it")
			s.tokens.invalidate(tok)
			continue
		}
		if err != nil {
			return resp, explain(err)
		}
		return resp, nil
	}
}
