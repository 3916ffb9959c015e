package vcc_test

import (
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/vcc"
	"github.com/ccwh/ccwh/schema"
)

func TestNewValidates(t *testing.T) {
	ok := vcc.Config{Source: "acme", BaseURL: "https://vcc-na4.8x8.com", Tenant: "acme", Token: "t"}
	cases := []struct {
		name string
		mod  func(*vcc.Config)
		want string // "" = valid
	}{
		{"valid", func(*vcc.Config) {}, ""},
		{"trailing slash", func(c *vcc.Config) { c.BaseURL += "/" }, ""},
		{"json and tz", func(c *vcc.Config) { c.Format, c.TZ = schema.JSON, "America/New_York" }, ""},
		{"no source", func(c *vcc.Config) { c.Source = "" }, "source name is empty"},
		{"no base", func(c *vcc.Config) { c.BaseURL = "" }, "must be http(s)://host"},
		{"relative base", func(c *vcc.Config) { c.BaseURL = "vcc-na4.8x8.com" }, "must be http(s)://host"},
		{"base with path", func(c *vcc.Config) { c.BaseURL = "https://vcc-na4.8x8.com/api/stats" }, "scheme and host only"},
		{"base with credentials", func(c *vcc.Config) { c.BaseURL = "https://acme:secret@vcc-na4.8x8.com" }, "scheme and host only"},
		{"no tenant", func(c *vcc.Config) { c.Tenant = "" }, "tenant and token are required"},
		{"no token", func(c *vcc.Config) { c.Token = "" }, "tenant and token are required"},
		{"colon in tenant", func(c *vcc.Config) { c.Tenant = "a:b" }, "cannot contain ':'"},
		{"bad format", func(c *vcc.Config) { c.Format = "yaml" }, "unknown format"},
		{"bad tz", func(c *vcc.Config) { c.TZ = "Mars/Olympus" }, `tz "Mars/Olympus"`},
		{"negative concurrency", func(c *vcc.Config) { c.Concurrency = -1 }, "concurrency -1 is negative"},
		{"negative max pages", func(c *vcc.Config) { c.MaxPages = -1 }, "max pages -1 is negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.mod(&cfg)
			s, err := vcc.New(cfg, httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
			if c.want == "" {
				require.NoError(t, err)
				require.NotNil(t, s)
				return
			}
			require.ErrorIs(t, err, vcc.ErrConfig)
			require.ErrorContains(t, err, c.want)
			require.NotContains(t, err.Error(), "secret")
		})
	}
	_, err := vcc.New(ok, nil, zerolog.Nop())
	require.ErrorIs(t, err, vcc.ErrConfig)
}

func TestStreams(t *testing.T) {
	s, err := vcc.New(vcc.Config{Source: "acme", BaseURL: "https://vcc-na4.8x8.com", Tenant: "acme", Token: "t"},
		httpx.New(httpx.Options{}, zerolog.Nop()), zerolog.Nop())
	require.NoError(t, err)
	var got []string
	for _, st := range s.Streams() {
		got = append(got, st.Name())
		same, err := s.Stream(st.Name())
		require.NoError(t, err)
		require.Same(t, st, same)
	}
	require.Equal(t, []string{"groups", "agents", "queues", "activities", "interactions", "channels", "campaigns",
		"campaign_records", "tcls", "scls", "skills", "code_labels", "agent_interactions", "queue_interactions",
		"campaign_interactions", "agent_statuses", "agent_status_stats", "outbound_calls", "statistics", "online_slas",
		"offline_slas", "rt_agents", "rt_queues", "recordings", "transcripts"}, got)
	for _, sc := range streamCases {
		st, err := s.Stream(sc.name)
		require.NoError(t, err)
		require.Equal(t, sc.table, st.Table())
		require.Equal(t, sc.mode, st.Mode())
	}
	_, err = s.Stream("calls")
	require.ErrorIs(t, err, vcc.ErrUnknownStream)
	require.ErrorContains(t, err, "groups, agents, queues, activities, interactions")
	require.Equal(t, extract.Incremental, s.Streams()[4].Mode())
}
