package jobs

import (
	"errors"
	"fmt"
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
      channels: {schedule: "0 * * * *"}
      campaigns: {schedule: "0 * * * *"}
      campaign_records: {schedule: "10 * * * *"}
      tcls: {schedule: "0 3 * * *"}
      scls: {schedule: "0 3 * * *"}
      skills: {schedule: "20 * * * *"}
      code_labels: {schedule: "0 3 * * *"}
      activities: {schedule: "*/30 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      interactions: {schedule: "*/30 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      agent_interactions: {schedule: "*/30 * * * *", start: 2026-01-01}
      queue_interactions: {schedule: "*/30 * * * *", start: 2026-01-01}
      campaign_interactions: {schedule: "*/30 * * * *", start: 2026-01-01}
      agent_statuses: {schedule: "*/30 * * * *", lag: 30m, overlap: 30m, start: 2026-01-01}
      agent_status_stats: {schedule: "5,35 * * * *", start: 2026-01-01}
      outbound_calls: {schedule: "*/30 * * * *", start: 2026-01-01}
      statistics: {schedule: "5,35 * * * *", start: 2026-01-01}
      online_slas: {schedule: "5,35 * * * *", start: 2026-01-01}
      offline_slas: {schedule: "5,35 * * * *", start: 2026-01-01}
      rt_agents: {schedule: "*/5 * * * *"}
      rt_queues: {schedule: "*/5 * * * *"}
      recordings: {schedule: "*/30 * * * *", start: 2026-01-01}
      transcripts: {schedule: "*/30 * * * *", start: 2026-01-01}
`

// 8x8 fills 25 interaction columns only an hour after the call (spec §2.1): incremental streams
// end their windows an hour before now and re-read the hour before the watermark.
var vccIncremental = StreamConfig{Schedule: "*/30 * * * *", Lag: Duration(time.Hour), Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}
var vccDimension = StreamConfig{Schedule: "0 * * * *", Window: Duration(24 * time.Hour)}

// Real-time snapshots: every few minutes (the vendor's cache refreshes every 10 s).
var vccSnapshot = StreamConfig{Schedule: "*/5 * * * *", Window: Duration(24 * time.Hour)}

// Code lists change rarely: once a day.
var vccCodeList = StreamConfig{Schedule: "0 3 * * *", Window: Duration(24 * time.Hour)}

// Status events are final when they happen; a short lag covers the server's own delay.
var vccEvents = StreamConfig{Schedule: "*/30 * * * *", Lag: Duration(30 * time.Minute), Overlap: Duration(30 * time.Minute),
	Window: Duration(24 * time.Hour)}

// 30-minute aggregates count interactions whose columns fill late (spec §2.1): the last full
// period is re-read for an hour, and runs start just after a period closes.
var vccPeriods = StreamConfig{Schedule: "5,35 * * * *", Lag: Duration(time.Hour), Overlap: Duration(time.Hour),
	Window: Duration(24 * time.Hour)}

var vccKind = Kind{
	Name:   "8x8-vcc",
	Doc:    "8x8 Contact Center historical statistics (/api/stats, every record type), HTTP Basic tenant:token",
	Sample: vccSample,
	Streams: []StreamDef{
		{Name: "groups", Table: schema.VCCGroups, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "agents", Table: schema.VCCAgents, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "queues", Table: schema.VCCQueues, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "activities", Table: schema.VCCActivities, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "interactions", Table: schema.VCCInteractions, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "channels", Table: schema.VCCChannels, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "campaigns", Table: schema.VCCCampaigns, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "campaign_records", Table: schema.VCCCampaignRecords, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "tcls", Table: schema.VCCTCLs, Mode: extract.Dimension, Defaults: vccCodeList},
		{Name: "scls", Table: schema.VCCSCLs, Mode: extract.Dimension, Defaults: vccCodeList},
		{Name: "skills", Table: schema.VCCSkills, Mode: extract.Dimension, Defaults: vccDimension},
		{Name: "code_labels", Table: schema.VCCCodeLabels, Mode: extract.Dimension, Defaults: vccCodeList},
		{Name: "agent_interactions", Table: schema.VCCAgentInteractions, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "queue_interactions", Table: schema.VCCQueueInteractions, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "campaign_interactions", Table: schema.VCCCampaignInteractions, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "agent_statuses", Table: schema.VCCAgentStatuses, Mode: extract.Incremental, Defaults: vccEvents},
		{Name: "agent_status_stats", Table: schema.VCCAgentStatusStats, Mode: extract.Incremental, Defaults: vccPeriods},
		{Name: "outbound_calls", Table: schema.VCCOutboundCalls, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "statistics", Table: schema.VCCStatistics, Mode: extract.Incremental, Defaults: vccPeriods},
		{Name: "online_slas", Table: schema.VCCOnlineSLAs, Mode: extract.Incremental, Defaults: vccPeriods},
		{Name: "offline_slas", Table: schema.VCCOfflineSLAs, Mode: extract.Incremental, Defaults: vccPeriods},
		{Name: "rt_agents", Table: schema.VCCRTAgentSnapshots, Mode: extract.Snapshot, Defaults: vccSnapshot},
		{Name: "rt_queues", Table: schema.VCCRTQueueSnapshots, Mode: extract.Snapshot, Defaults: vccSnapshot},
		{Name: "recordings", Table: schema.VCCRecordings, Mode: extract.Incremental, Defaults: vccIncremental},
		{Name: "transcripts", Table: schema.VCCTranscripts, Mode: extract.Incremental, Defaults: vccIncremental},
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
		if opts.Concurrency < 0 {
			return errors.New("concurrency must be 1 or more (0: the default, 4)")
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
	ValidateSource: vccValidateSource,
}

// vccValidateSource checks what Validate cannot see, the options together with the configured
// streams: the transcripts stream needs xml or json (8x8's transcript detail has no CSV).
func vccValidateSource(sc *SourceConfig) error {
	opts := sc.Options.(*VCCOptions)
	if _, on := sc.Streams["transcripts"]; on && opts.Format == string(schema.CSV) {
		return fmt.Errorf("format: csv: %w", vcc.ErrTranscriptsCSV)
	}
	return nil
}
