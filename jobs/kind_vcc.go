package jobs

import (
	"errors"
	"net/url"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

// VCCOptions are the 8x8-vcc source keys (8x8 Contact Center historical statistics).
type VCCOptions struct {
	BaseURL     string `yaml:"base_url"`    // https://vcc-<platform>.8x8.com, from the tenant's login URL
	Tenant      string `yaml:"tenant"`      // tenant name (HTTP Basic user)
	Token       Secret `yaml:"token"`       // Data Request Token (HTTP Basic password)
	Format      string `yaml:"format"`      // xml (default), json or csv
	TZ          string `yaml:"tz"`          // optional tz= for d= windows; windows are sent in UTC anyway
	Concurrency int    `yaml:"concurrency"` // fan-out requests in flight (default 4)
}

const vccSample = `warehouse:
  clickhouse: {addr: 127.0.0.1:9000, database: ccwh, username: default, password: "${CLICKHOUSE_PASSWORD}"}
archive: {dir: ./var/archive}
sources:
  - name: acme
    kind: 8x8-vcc
    base_url: https://vcc-na4.8x8.com
    tenant: acme
    token: ${VCC_TOKEN}
    format: xml
    concurrency: 4
    rate_limit: 5
    streams:
      groups: {schedule: "0 * * * *"}
      agents: {schedule: "0 * * * *"}
      queues: {schedule: "0 * * * *"}
      activities: {schedule: "*/30 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      interactions: {schedule: "*/30 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
`

// 8x8 fills 25 interaction columns only an hour after the call (spec §2.1): incremental streams
// end their windows an hour before now and re-read the hour before the watermark.
var vccIncremental = StreamConfig{Schedule: "*/30 * * * *", Lag: Duration(time.Hour), Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}
var vccDimension = StreamConfig{Schedule: "0 * * * *", Window: Duration(24 * time.Hour)}

var vccKind = Kind{
	Name:   "8x8-vcc",
	Doc:    "8x8 Contact Center historical statistics (/api/stats), HTTP Basic tenant:token",
	Sample: vccSample,
	Streams: []StreamDef{
		{Name: "groups", Table: schema.VCCGroups, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "agents", Table: schema.VCCAgents, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "queues", Table: schema.VCCQueues, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "activities", Table: schema.VCCActivities, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "interactions", Table: schema.VCCInteractions, Mode: extract.Incremental, Defaults: vccIncremental},
	},
	NewOptions: func() any { return &VCCOptions{} },
	Validate: func(o any) error {
		opts := o.(*VCCOptions)
		if opts.BaseURL == "" || opts.Tenant == "" || opts.Token == "" {
			return errors.New("8x8-vcc needs base_url, tenant and token")
		}
		if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
			return errors.New("base_url must be an absolute URL such as https://vcc-na4.8x8.com")
		}
		if _, err := schema.ParseFormat(opts.Format); err != nil {
			return err
		}
		return nil
	},
	Build: func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error) {
		opts := sc.Options.(*VCCOptions)
		format, _ := schema.ParseFormat(opts.Format)
		src, err := vcc.New(vcc.Config{
			Source: sc.Name, BaseURL: opts.BaseURL, Tenant: opts.Tenant, Token: opts.Token.Reveal(),
			Format: format, TZ: opts.TZ, Concurrency: opts.Concurrency,
		}, client, log)
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
