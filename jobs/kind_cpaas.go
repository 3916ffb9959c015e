package jobs

import (
	"errors"
	"net/url"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/cpaas"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

// CPaaSOptions are the 8x8-cpaas source keys (8x8 CPaaS log exports and automation stats).
type CPaaSOptions struct {
	APIKey        Secret   `yaml:"api_key"`        // Authorization: Bearer key from connect.8x8.com
	SubAccountID  string   `yaml:"sub_account_id"` // log exports, voice numbers
	AccountID     string   `yaml:"account_id"`     // automation, SMS balance
	ChatAppsURL   string   `yaml:"chatapps_url"`   // default https://chatapps.8x8.com
	SMSURL        string   `yaml:"sms_url"`        // default https://sms.8x8.com
	VoiceURL      string   `yaml:"voice_url"`      // default https://voice.wavecell.com
	AutomationURL string   `yaml:"automation_url"` // default https://automation.8x8.com
	PollInterval  Duration `yaml:"poll_interval"`  // first wait between job status requests (default 2s, doubling)
	MaxPoll       Duration `yaml:"max_poll"`       // longest wait between status requests (default 30s)
	ExportTimeout Duration `yaml:"export_timeout"` // a job not final by then is cancelled (default 30m)
	Countries     []string `yaml:"countries"`      // optional export filter (ISO 3166 alpha-2)
	PhoneNumber   string   `yaml:"phone_number"`   // optional export filter (E.164)
	Limit         int      `yaml:"limit"`          // optional cap of records per job (0 = unlimited)
	ChunkRows     int      `yaml:"chunk_rows"`     // CSV rows per decoded page (default 5000)
	TempDir       string   `yaml:"temp_dir"`       // where export files wait while decoded (default the OS temp dir)
}

const cpaasSample = `warehouse:
  clickhouse: {addr: 127.0.0.1:9000, database: ccwh, username: default, password: "${CLICKHOUSE_PASSWORD}"}
archive: {dir: ./var/archive}
sources:
  - name: acme-cpaas
    kind: 8x8-cpaas
    api_key: ${CPAAS_API_KEY}
    sub_account_id: acme_sub
    account_id: acme-account
    export_timeout: 30m
    rate_limit: 5
    streams:
      chatapps_message_logs: {schedule: "15 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      sms_message_logs: {schedule: "15 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      voice_call_logs: {schedule: "15 * * * *", lag: 1h, overlap: 1h, window: 24h, start: 2026-01-01}
      workflow_definitions: {schedule: "0 * * * *"}
      workflow_instances: {schedule: "*/30 * * * *", overlap: 6h, window: 24h, start: 2026-01-01}
      automation_usage_history: {schedule: "0 3 * * *"}
      automation_usage: {schedule: "0 * * * *"}
      voice_numbers: {schedule: "0 * * * *"}
      sms_balance: {schedule: "0 * * * *"}
`

// Export jobs are slow and heavy: hourly, one day per job at most, re-reading the last hour.
var cpaasLogs = StreamConfig{Schedule: "15 * * * *", Lag: Duration(time.Hour), Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}

var cpaasHourly = StreamConfig{Schedule: "0 * * * *"}

// Workflow instances change status after they start (Runnable → Complete/Terminated): each run
// re-reads the last six hours of starts so that their final state lands.
var cpaasInstances = StreamConfig{Schedule: "*/30 * * * *", Overlap: Duration(6 * time.Hour), Window: Duration(24 * time.Hour)}

var cpaasKind = Kind{
	Name:   "8x8-cpaas",
	Doc:    "8x8 CPaaS log exports (async export jobs, CSV) and automation stats, Authorization: Bearer api key",
	Sample: cpaasSample,
	Streams: []StreamDef{
		{Name: "chatapps_message_logs", Table: schema.CPaaSChatAppsMessageLogs, Mode: extract.Incremental, Defaults: cpaasLogs},
		{Name: "sms_message_logs", Table: schema.CPaaSSMSMessageLogs, Mode: extract.Incremental, Defaults: cpaasLogs},
		{Name: "voice_call_logs", Table: schema.CPaaSVoiceCallLogs, Mode: extract.Incremental, Defaults: cpaasLogs},
		{Name: "workflow_definitions", Table: schema.CPaaSWorkflowDefinitions, Mode: extract.Dimension, Defaults: cpaasHourly},
		{Name: "workflow_instances", Table: schema.CPaaSWorkflowInstances, Mode: extract.Incremental, Defaults: cpaasInstances},
		{Name: "automation_usage_history", Table: schema.CPaaSAutomationUsageHistory, Mode: extract.Dimension, Defaults: StreamConfig{Schedule: "0 3 * * *"}},
		{Name: "automation_usage", Table: schema.CPaaSAutomationUsage, Mode: extract.Dimension, Defaults: cpaasHourly},
		{Name: "voice_numbers", Table: schema.CPaaSVoiceNumbers, Mode: extract.Dimension, Defaults: cpaasHourly},
		{Name: "sms_balance", Table: schema.CPaaSSMSBalance, Mode: extract.Dimension, Defaults: cpaasHourly},
	},
	NewOptions: func() any { return &CPaaSOptions{} },
	Validate: func(o any) error {
		opts := o.(*CPaaSOptions)
		if opts.APIKey == "" {
			return errors.New("8x8-cpaas needs api_key")
		}
		if opts.SubAccountID == "" && opts.AccountID == "" {
			return errors.New("8x8-cpaas needs sub_account_id (log exports, numbers) and/or account_id (automation, balance)")
		}
		for _, h := range []string{opts.ChatAppsURL, opts.SMSURL, opts.VoiceURL, opts.AutomationURL} {
			if h == "" {
				continue
			}
			if u, err := url.Parse(h); err != nil || u.Scheme == "" || u.Host == "" {
				return errors.New("the *_url keys must be absolute URLs such as https://chatapps.8x8.com")
			}
		}
		for _, c := range opts.Countries {
			if len(c) != 2 {
				return errors.New("countries must be two-letter ISO 3166 codes")
			}
		}
		if opts.Limit < 0 {
			return errors.New("limit must not be negative")
		}
		return nil
	},
	Build: func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error) {
		o := sc.Options.(*CPaaSOptions)
		src, err := cpaas.New(cpaas.Config{
			Source: sc.Name, APIKey: o.APIKey.Reveal(), SubAccountID: o.SubAccountID, AccountID: o.AccountID,
			ChatAppsURL: o.ChatAppsURL, SMSURL: o.SMSURL, VoiceURL: o.VoiceURL, AutomationURL: o.AutomationURL,
			PollInterval: o.PollInterval.D(), MaxPollInterval: o.MaxPoll.D(), ExportTimeout: o.ExportTimeout.D(),
			Countries: o.Countries, PhoneNumber: o.PhoneNumber, Limit: o.Limit, ChunkRows: o.ChunkRows, TempDir: o.TempDir,
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

// cpaasDemo is the 8x8-cpaas source of `ccwh demo`.
var cpaasDemo = DemoSource{
	YAML: `  - name: acme-cpaas
    kind: 8x8-cpaas
    api_key: ${CCWH_DEMO_CPAAS_KEY}
    sub_account_id: acme_sub
    account_id: acme-account
    chatapps_url: %[1]s/cpaas/chatapps
    sms_url: %[1]s/cpaas/sms
    voice_url: %[1]s/cpaas/voice
    automation_url: %[1]s/cpaas/automation
    poll_interval: 10ms
    max_poll: 50ms
    streams: {chatapps_message_logs: {}, sms_message_logs: {}, voice_call_logs: {}, workflow_definitions: {}, workflow_instances: {},
      automation_usage_history: {}, automation_usage: {}, voice_numbers: {}, sms_balance: {}}
`,
	Env: map[string]string{"CCWH_DEMO_CPAAS_KEY": sandbox.DefaultToken},
	Truth: func(sb *sandbox.Server, w extract.Window) map[string]int {
		out := sb.CPaaSAutomationCounts(w)
		days := int(w.To.Sub(w.From) / (24 * time.Hour))
		out[schema.CPaaSExportJobs.Name] = 3 * days
		for fam, t := range map[string]string{"chatapps": schema.CPaaSChatAppsMessageLogs.Name, "sms": schema.CPaaSSMSMessageLogs.Name, "voice": schema.CPaaSVoiceCallLogs.Name} {
			out[t] = sb.CPaaSLogCount(fam, w)
		}
		return out
	},
	NotIdempotent: []string{schema.CPaaSExportJobs.Name, schema.CPaaSAutomationUsage.Name, schema.CPaaSSMSBalance.Name},
}
