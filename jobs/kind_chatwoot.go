package jobs

import (
	"errors"
	"net/url"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/chatwoot"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

// ChatwootOptions are the chatwoot source keys.
type ChatwootOptions struct {
	BaseURL   string   `yaml:"base_url"`   // default https://app.chatwoot.com; self-hosted: your server
	AccountID int64    `yaml:"account_id"` // numeric account id
	Token     Secret   `yaml:"token"`      // a user's api_access_token
	Statuses  []string `yaml:"statuses"`   // conversation statuses listed (default open, resolved, bot, pending, snoozed)
}

const chatwootSample = `warehouse:
  clickhouse: {addr: 127.0.0.1:9000, database: ccwh, username: default, password: "${CLICKHOUSE_PASSWORD}"}
archive: {dir: ./var/archive}
sources:
  - name: acme-chatwoot
    kind: chatwoot
    base_url: https://app.chatwoot.com
    account_id: 1
    token: ${CHATWOOT_TOKEN}
    streams:
      conversations: {schedule: "*/15 * * * *", overlap: 1h, window: 24h, start: 2026-01-01}
      contacts: {schedule: "0 * * * *"}
      inboxes: {schedule: "0 * * * *"}
      teams: {schedule: "0 * * * *"}
      agents: {schedule: "0 * * * *"}
`

var chatwootHourly = StreamConfig{Schedule: "0 * * * *"}

var chatwootKind = Kind{
	Name:   "chatwoot",
	Doc:    "Chatwoot application API, header api_access_token",
	Sample: chatwootSample,
	Streams: []StreamDef{
		// Every run lists all conversations; those active in the window and every one not yet
		// resolved are loaded with their messages.
		{Name: "conversations", Table: schema.ChatwootConversations, Mode: extract.Incremental,
			Defaults: StreamConfig{Schedule: "*/15 * * * *", Overlap: Duration(time.Hour), Window: Duration(24 * time.Hour)}},
		{Name: "contacts", Table: schema.ChatwootContacts, Mode: extract.Dimension, Defaults: chatwootHourly},
		{Name: "inboxes", Table: schema.ChatwootInboxes, Mode: extract.Dimension, Defaults: chatwootHourly},
		{Name: "teams", Table: schema.ChatwootTeams, Mode: extract.Dimension, Defaults: chatwootHourly},
		{Name: "agents", Table: schema.ChatwootAgents, Mode: extract.Dimension, Defaults: chatwootHourly},
	},
	NewOptions: func() any { return &ChatwootOptions{} },
	Validate: func(o any) error {
		opts := o.(*ChatwootOptions)
		if opts.AccountID <= 0 || opts.Token == "" {
			return errors.New("chatwoot needs account_id and token")
		}
		if opts.BaseURL != "" {
			if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
				return errors.New("base_url must be an absolute URL such as https://app.chatwoot.com")
			}
		}
		return nil
	},
	Build: func(sc *SourceConfig, client *httpx.Client, log zerolog.Logger) ([]Stream, error) {
		o := sc.Options.(*ChatwootOptions)
		src, err := chatwoot.New(chatwoot.Config{Source: sc.Name, BaseURL: o.BaseURL, AccountID: o.AccountID,
			Token: o.Token.Reveal(), Statuses: o.Statuses}, client, log)
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

var chatwootDemo = DemoSource{
	YAML: `  - name: acme-chatwoot
    kind: chatwoot
    base_url: %[1]s/chatwoot
    account_id: 1
    token: ${CCWH_DEMO_CHATWOOT_TOKEN}
    streams: {conversations: {}, contacts: {}, inboxes: {}, teams: {}, agents: {}}
`,
	Env:          map[string]string{"CCWH_DEMO_CHATWOOT_TOKEN": sandbox.DefaultToken},
	Truth:        func(sb *sandbox.Server, w extract.Window) map[string]int { return sb.ChatwootCounts(w) },
	NotOnePerRow: []string{schema.ChatwootConversations.Name, schema.ChatwootMessages.Name},
}
