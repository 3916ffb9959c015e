package jobs

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Stream is what the runner needs of one vendor stream.
type Stream interface {
	Name() string
	Table() *schema.Table
	Mode() extract.Mode
	Fetch(ctx context.Context, w extract.Window, emit extract.Emit) error
}

// Kind is one registered source kind: its options, its streams and how to build them.
type Kind struct {
	Name       string
	Doc        string
	Sample     string // a complete sample config for this kind; a test parses it
	Streams    []StreamDef
	NewOptions func() any
	Validate   func(opts any) error
	// ValidateSource, when set, checks the options together with the configured streams, at
	// config load time (after stream defaults are applied).
	ValidateSource func(sc *SourceConfig) error
	// Build constructs every stream of the kind over one HTTP client, shared by the source's
	// streams so that they share its rate limit.
	Build func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error)
}

// StreamDef is a stream's defaults.
type StreamDef struct {
	Name     string
	Table    *schema.Table
	Mode     extract.Mode
	Defaults StreamConfig
}

func (k Kind) newOptions() any      { return k.NewOptions() }
func (k Kind) validate(o any) error { return k.Validate(o) }
func (k Kind) stream(name string) (StreamDef, bool) {
	for _, s := range k.Streams {
		if s.Name == name {
			return s, true
		}
	}
	return StreamDef{}, false
}

func (k Kind) streamNames() []string {
	out := make([]string, len(k.Streams))
	for i, s := range k.Streams {
		out[i] = s.Name
	}
	return out
}

func (d StreamDef) applyDefaults(c *StreamConfig) {
	def := d.Defaults
	if c.Schedule == "" {
		c.Schedule = def.Schedule
	}
	if c.Lag == 0 {
		c.Lag = def.Lag
	}
	if c.Overlap == 0 {
		c.Overlap = def.Overlap
	}
	if c.Window == 0 {
		c.Window = def.Window
	}
	if c.Window == 0 {
		c.Window = Duration(24 * time.Hour)
	}
	if c.Start == "" {
		c.Start = def.Start
	}
	if c.BatchRows == 0 {
		c.BatchRows = def.BatchRows
	}
	if c.BatchRows == 0 {
		c.BatchRows = 20000
	}
}

// kinds is the explicit registry of source kinds (no init() side effects).
var kinds = map[string]Kind{
	vccKind.Name:      vccKind,
	dixaKind.Name:     dixaKind,
	cpaasKind.Name:    cpaasKind,
	vccChatKind.Name:  vccChatKind,
	chatwootKind.Name: chatwootKind,
}

// Kinds lists the registered kinds in name order.
func Kinds() []Kind {
	out := make([]Kind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// KindNames lists the registered kind names.
func KindNames() []string {
	var out []string
	for _, k := range Kinds() {
		out = append(out, k.Name)
	}
	return out
}

// BuildStreams constructs the configured streams of a source over one HTTP client; observe
// (may be nil) sees every HTTP attempt.
func BuildStreams(sc *SourceConfig, observe func(status int, d time.Duration), log zerolog.Logger) ([]Stream, error) {
	k, ok := kinds[sc.Kind]
	if !ok {
		return nil, fmt.Errorf("source %s: unknown kind %q", sc.Name, sc.Kind)
	}
	client := httpx.New(httpx.Options{
		Timeout: sc.Timeout.D(), MaxRetries: sc.MaxRetries, RateLimit: sc.RateLimit,
		UserAgent: "ccwh/" + Version, Observe: observe, RootCAs: sc.rootCAs,
	}, log)
	all, err := k.Build(sc, client, log)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", sc.Name, err)
	}
	var out []Stream
	for _, s := range all {
		if _, on := sc.Streams[s.Name()]; on {
			out = append(out, s)
		}
	}
	return out, nil
}
