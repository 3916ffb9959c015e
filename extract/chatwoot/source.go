// Package chatwoot extracts the Chatwoot application API (shared/specs/
// 8x8-chat-api-and-chatwoot.md Part B): conversations of every status with their messages, and
// contacts, inboxes, teams and agents as dimensions.
//
// Conventions of the vendor that shape this package:
//   - Header api_access_token: <user token>; no expiry.
//   - The conversations list returns open conversations unless status= says otherwise: every
//     configured status is listed. Lists page with page=1,2,… until an empty page.
//   - No list has a time filter. Conversations are listed in full every run; those active in the
//     window, and every one not yet resolved, are loaded with their messages, so a conversation is
//     read again while it is open and its final state lands.
//   - Timestamps are epoch integers (seconds; milliseconds accepted), converted to UTC.
//   - Shapes vary between server versions: lists come bare or as {payload: […]} / {data:
//     {payload: […]}}, message_type as a string or an integer 0–3. All are read.
package chatwoot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Sentinel errors.
var (
	ErrConfig        = errors.New("chatwoot: invalid config")
	ErrUnknownStream = errors.New("chatwoot: unknown stream")
	ErrBadResponse   = errors.New("unexpected response")
)

// Config configures one Chatwoot source.
type Config struct {
	Source string
	// BaseURL is the Chatwoot server, default https://app.chatwoot.com (self-hosted: its URL).
	BaseURL string
	// AccountID is the numeric account id. Required.
	AccountID int64
	// Token is the user's api_access_token. Required.
	Token string
	// Statuses are listed one by one. Default open, resolved, bot, pending, snoozed.
	Statuses []string
	// MaxPages guards page-number paging. Default 100000.
	MaxPages int
}

// DefaultStatuses: the seed's enum (open, resolved, bot) and newer servers' pending, snoozed.
var DefaultStatuses = []string{"open", "resolved", "bot", "pending", "snoozed"}

// Source is a configured Chatwoot source.
type Source struct {
	cfg     Config
	base    string // BaseURL + /api/v1/accounts/{id}
	client  *httpx.Client
	header  http.Header
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
		cfg.BaseURL = "https://app.chatwoot.com"
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("%w: source %s: base URL %q must be http(s)://host[/prefix]", ErrConfig, cfg.Source, httpx.Redact(cfg.BaseURL))
	}
	if cfg.AccountID <= 0 || cfg.Token == "" {
		return nil, fmt.Errorf("%w: source %s: account_id and token are required", ErrConfig, cfg.Source)
	}
	if len(cfg.Statuses) == 0 {
		cfg.Statuses = DefaultStatuses
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = 100000
	}
	s := &Source{cfg: cfg, client: client,
		base:   strings.TrimRight(cfg.BaseURL, "/") + "/api/v1/accounts/" + strconv.FormatInt(cfg.AccountID, 10),
		header: http.Header{"api_access_token": {cfg.Token}, "Accept": {"application/json"}},
		log:    log.With().Str(extract.LogSource, cfg.Source).Logger(),
	}
	s.streams = []*Stream{conversationsStream(s), contactsStream(s), simpleStream(s, "inboxes", "/inboxes", schema.ChatwootInboxes),
		simpleStream(s, "teams", "/teams", schema.ChatwootTeams), simpleStream(s, "agents", "/agents", schema.ChatwootAgents)}
	return s, nil
}

// Streams returns conversations, contacts, inboxes, teams, agents.
func (s *Source) Streams() []*Stream { return s.streams }

// Stream returns the named stream.
func (s *Source) Stream(name string) (*Stream, error) {
	return extract.FindStream(ErrUnknownStream, s.cfg.Source, s.streams, name)
}

// Stream is one resource of the source.
type Stream struct {
	src   *Source
	name  string
	table *schema.Table
	mode  extract.Mode
	fetch func(ctx context.Context, w extract.Window, emit extract.Emit) error
}

func (st *Stream) Name() string         { return st.name }
func (st *Stream) Table() *schema.Table { return st.table }
func (st *Stream) Mode() extract.Mode   { return st.mode }

// Fetch reads the stream. Conversations need a window (an empty one fetches nothing).
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

// explain marks rejected tokens (401, 403) as extract.ErrAuth and decodes bad_request_error.
func explain(err error) error {
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return err
	}
	var cause error = err
	if p, ok := ParseError([]byte(se.Body)); ok {
		cause = fmt.Errorf("%s %s: HTTP %d: %w", se.Method, se.URL, se.Status, p)
	}
	if se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden {
		return fmt.Errorf("%w: %w", extract.ErrAuth, cause)
	}
	return cause
}

func (s *Source) get(ctx context.Context, u string) (httpx.Response, error) {
	resp, err := s.client.Get(ctx, u, s.header)
	if err != nil {
		return resp, explain(err)
	}
	return resp, nil
}
