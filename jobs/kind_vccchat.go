package jobs

import (
	"errors"
	"net/url"
	"slices"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vccchat"
	"github.com/ccwh/ccwh/schema"
)

// VCCChatOptions are the 8x8-vcc-chat source keys (8x8 Contact Center Chat API v2).
type VCCChatOptions struct {
	BaseURL       string   `yaml:"base_url"`       // default https://api.8x8.com
	Region        string   `yaml:"region"`         // us (default), eu, ca, ap
	Tenant        string   `yaml:"tenant"`         // tenant id in the path
	Key           string   `yaml:"key"`            // Admin Console API key (HTTP Basic user of the token request)
	Secret        Secret   `yaml:"secret"`         // its secret (HTTP Basic password)
	PageSize      int      `yaml:"page_size"`      // size= of paged lists (default 100)
	RefreshBefore Duration `yaml:"refresh_before"` // renew tokens this long before expiry (default 60s)
}

const vccChatSample = `warehouse:
  clickhouse: {addr: 127.0.0.1:9000, database: ccwh, username: default, password: "${CLICKHOUSE_PASSWORD}"}
archive: {dir: ./var/archive}
sources:
  - name: acme-chat
    kind: 8x8-vcc-chat
    region: eu
    tenant: acme
    key: acme-chat-key
    secret: ${VCC_CHAT_SECRET}
    streams:
      channels: {schedule: "0 * * * *"}
      webhooks: {schedule: "0 * * * *"}
      conversations: {schedule: "*/30 * * * *"}
`

var vccChatKind = Kind{
	Name:   "8x8-vcc-chat",
	Doc:    "8x8 Contact Center Chat API v2, OAuth2 client credentials (key:secret), region us|eu|ca|ap",
	Sample: vccChatSample,
	Streams: []StreamDef{
		{Name: "channels", Table: schema.VCCChatChannels, Mode: extract.Dimension, Defaults: StreamConfig{Schedule: "0 * * * *"}},
		{Name: "webhooks", Table: schema.VCCChatWebhooks, Mode: extract.Dimension, Defaults: StreamConfig{Schedule: "0 * * * *"}},
		// No time filter exists: every run reads every conversation with its children.
		{Name: "conversations", Table: schema.VCCChatConversations, Mode: extract.Dimension, Defaults: StreamConfig{Schedule: "*/30 * * * *"}},
	},
	NewOptions: func() any { return &VCCChatOptions{} },
	Validate: func(o any) error {
		opts := o.(*VCCChatOptions)
		if opts.Tenant == "" || opts.Key == "" || opts.Secret == "" {
			return errors.New("8x8-vcc-chat needs tenant, key and secret")
		}
		if opts.Region != "" && !slices.Contains(vccchat.Regions, opts.Region) {
			return errors.New("region must be us, eu, ca or ap")
		}
		if opts.BaseURL != "" {
			if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
				return errors.New("base_url must be an absolute URL such as https://api.8x8.com")
			}
		}
		return nil
	},
	Build: func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error) {
		o := sc.Options.(*VCCChatOptions)
		src, err := vccchat.New(vccchat.Config{Source: sc.Name, BaseURL: o.BaseURL, Region: o.Region, Tenant: o.Tenant,
			Key: o.Key, Secret: o.Secret.Reveal(), PageSize: o.PageSize, RefreshBefore: o.RefreshBefore.D()}, client, log)
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

var vccChatDemo = DemoSource{
	YAML: `  - name: acme-chat
    kind: 8x8-vcc-chat
    base_url: %[1]s/vcc-chat
    region: us
    tenant: acme
    key: acme-chat-key
    secret: ${CCWH_DEMO_VCC_CHAT_SECRET}
    streams: {channels: {}, webhooks: {}, conversations: {}}
`,
	Env:   map[string]string{"CCWH_DEMO_VCC_CHAT_SECRET": sandbox.DefaultToken},
	Truth: func(sb *sandbox.Server, _ extract.Window) map[string]int { return sb.VCCChatCounts() },
}
