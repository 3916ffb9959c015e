package jobs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func envLookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// testEnv holds the secrets every kind's sample config references.
var testEnv = envLookup(map[string]string{"VCC_TOKEN": "s3cr3t-token-value", "CLICKHOUSE_PASSWORD": "ch-pass-value",
	"CPAAS_API_KEY": "cpaas-key-value", "VCC_CHAT_SECRET": "chat-secret-value", "CHATWOOT_TOKEN": "chatwoot-token-value",
	"DIXA_TOKEN": "dixa-token-value"})

// TestKindSamplesParse: every registered kind embeds a sample config that must stay valid.
func TestKindSamplesParse(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			cfg, err := ParseConfig(k.Name+".sample.yaml", []byte(k.Sample), testEnv)
			require.NoError(t, err)
			require.NotEmpty(t, cfg.Sources)
			require.Equal(t, k.Name, cfg.Sources[0].Kind)
			require.Len(t, cfg.Sources[0].Streams, len(k.Streams), "the sample shows every stream")
		})
	}
}

func TestConfigErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown top key", "warehouse: {}\narchiv: {dir: x}\n", "c.yaml:2: config: unknown key \"archiv\""},
		{"unknown source key", vccYAML("    tenent: acme\n", ""), "c.yaml:10: sources[0]: unknown key \"tenent\""},
		{"unknown stream key", vccYAML("", "      agents: {schedul: \"0 * * * *\"}\n"), "c.yaml:11: sources[0].streams.agents: unknown key \"schedul\""},
		{"bad cron", vccYAML("", "      agents: {schedule: \"61 * * * *\"}\n"), "c.yaml:11: sources[0].streams.agents.schedule: bad cron spec"},
		{"unknown stream", vccYAML("", "      calls: {}\n"), "c.yaml:11: sources[0].streams.calls: unknown stream \"calls\""},
		{"unknown kind", "sources:\n  - {name: x, kind: nope}\n", "c.yaml:2: sources[0]: unknown source kind \"nope\""},
		{"missing env", "warehouse: {clickhouse: {password: \"${NOPE}\"}}\n", "c.yaml:1: environment variable NOPE is not set"},
		{"bad duration", vccYAML("", "      interactions: {lag: soon}\n"), "c.yaml"},
		{"ca file without a certificate", vccYAML("    ca_file: /dev/null\n", ""), "c.yaml:10: sources[0].ca_file: /dev/null holds no PEM certificate"},
		{"duplicate name", vccYAML("", "      agents: {}\n") + "  - {name: acme, kind: 8x8-vcc, base_url: http://x, tenant: a, token: b, streams: {agents: {}}}\n", "duplicate source name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig("c.yaml", []byte(c.yaml), testEnv)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

func vccYAML(extraSource, streams string) string {
	if streams == "" {
		streams = "      agents: {}\n"
	}
	return "warehouse:\n  clickhouse: {addr: 127.0.0.1:9000}\narchive: {dir: /tmp/a}\nsources:\n" +
		"  - name: acme\n    kind: 8x8-vcc\n    base_url: https://vcc-na4.8x8.com\n    token: ${VCC_TOKEN}\n" +
		"    tenant: acme\n" + extraSource + "    streams:\n" + streams
}

func TestConfigDefaultsAndSecrets(t *testing.T) {
	cfg, err := ParseConfig("c.yaml", []byte(vccSample), testEnv)
	require.NoError(t, err)
	require.Equal(t, "ccwh", cfg.Warehouse.ClickHouse.Database)
	src := cfg.Sources[0]
	opts := src.Options.(*VCCOptions)
	require.Equal(t, "s3cr3t-token-value", opts.Token.Reveal())
	require.Equal(t, "ch-pass-value", cfg.Warehouse.ClickHouse.Password.Reveal())
	in := src.Streams["interactions"]
	require.Equal(t, time.Hour, in.Lag.D())
	require.Equal(t, 24*time.Hour, in.Window.D())
	require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), in.start)
	require.Equal(t, time.Date(2026, 11, 21, 6, 30, 0, 0, time.UTC), in.Next(time.Date(2026, 11, 21, 6, 10, 0, 0, time.UTC)))

	// Secrets never print, whichever way a config reaches a log line.
	var logs bytes.Buffer
	zl := zerolog.New(&logs)
	zl.Info().Interface("cfg", cfg).Interface("opts", opts).Msg("x")
	js, _ := json.Marshal(cfg)
	for _, s := range []string{fmt.Sprintf("%v %+v %#v", cfg, opts, opts), logs.String(), string(js)} {
		require.NotContains(t, s, "s3cr3t-token-value")
		require.NotContains(t, s, "ch-pass-value")
	}
}

func TestSplitWindows(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	got := splitWindows(d("2026-01-01T06:00:00Z"), d("2026-01-03T12:00:00Z"), 24*time.Hour)
	require.Len(t, got, 3)
	require.Equal(t, d("2026-01-01T06:00:00Z"), got[0].From)
	require.Equal(t, d("2026-01-02T00:00:00Z"), got[0].To, "aligned to midnight UTC")
	require.Equal(t, d("2026-01-03T00:00:00Z"), got[2].From)
	require.Equal(t, d("2026-01-03T12:00:00Z"), got[2].To)
	require.Empty(t, splitWindows(d("2026-01-02T00:00:00Z"), d("2026-01-01T00:00:00Z"), time.Hour))
	require.Len(t, splitWindows(d("2026-01-01T00:00:00Z"), d("2026-01-01T02:00:00Z"), 30*time.Minute), 4)
}

func TestLiveRange(t *testing.T) {
	now := time.Date(2026, 11, 21, 6, 17, 3, 0, time.UTC)
	c := &StreamConfig{Lag: Duration(time.Hour), Overlap: Duration(time.Hour)}
	from, to := liveRange(time.Date(2026, 11, 21, 4, 0, 0, 0, time.UTC), c, now)
	require.Equal(t, time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC), from, "re-reads the overlap")
	require.Equal(t, time.Date(2026, 11, 21, 5, 17, 3, 0, time.UTC), to, "stops lag before now")
	from, _ = liveRange(time.Time{}, c, now)
	require.Equal(t, time.Date(2026, 11, 13, 23, 0, 0, 0, time.UTC), from, "no watermark, no start: a week back")
}

// TestTranscriptsRefuseCSVAtLoad: 8x8's transcript detail has no CSV; a source asking for both
// fails when the config loads, not at runtime.
func TestTranscriptsRefuseCSVAtLoad(t *testing.T) {
	_, err := ParseConfig("c.yaml", []byte(vccYAML("    format: csv\n", "      transcripts: {}\n")), testEnv)
	require.ErrorContains(t, err, "c.yaml:5: source acme")
	require.ErrorContains(t, err, "csv")
	_, err = ParseConfig("c.yaml", []byte(vccYAML("    format: csv\n", "      interactions: {}\n")), testEnv)
	require.NoError(t, err)
}

// clusterYAML is a config whose warehouse.clickhouse holds extra (indented four spaces) from line 4.
func clusterYAML(extra string) string {
	return "warehouse:\n  clickhouse:\n    addr: 127.0.0.1:9000\n" + extra + "archive: {dir: /tmp/a}\n"
}

func TestClusterConfig(t *testing.T) {
	cfg, err := ParseConfig("c.yaml", []byte(clusterYAML("    cluster: analytics\n")), testEnv)
	require.NoError(t, err)
	require.Equal(t, "distributed", cfg.Warehouse.ClickHouse.Insert, "the default insert mode")
	require.Equal(t, schema.Cluster{Name: "analytics", Replicated: true}, cfg.Warehouse.ClickHouse.ClusterSpec())

	cfg, err = ParseConfig("c.yaml", []byte(clusterYAML("    cluster: analytics\n    replicated: false\n    insert: shards\n"+
		"    sharding_keys:\n      vcc_statistics: [entity_id]\n      _ccwh_runs: [source, stream]\n")), testEnv)
	require.NoError(t, err)
	require.Equal(t, "shards", cfg.Warehouse.ClickHouse.Insert)
	require.Equal(t, schema.Cluster{Name: "analytics", ShardingKeys: map[string][]string{
		"vcc_statistics": {"entity_id"}, "_ccwh_runs": {"source", "stream"}}}, cfg.Warehouse.ClickHouse.ClusterSpec())

	cfg, err = ParseConfig("c.yaml", []byte(clusterYAML("")), testEnv)
	require.NoError(t, err)
	require.False(t, cfg.Warehouse.ClickHouse.ClusterSpec().Enabled(), "no cluster: a single server")

	// SIGHUP compares warehouse settings: equal configs compare equal despite the map and pointer.
	a, err := ParseConfig("c.yaml", []byte(clusterYAML("    cluster: a\n    replicated: true\n    sharding_keys: {vcc_agents: [agent_id]}\n")), testEnv)
	require.NoError(t, err)
	b, err := ParseConfig("c.yaml", []byte(clusterYAML("    cluster: a\n    replicated: true\n    sharding_keys: {vcc_agents: [agent_id]}\n")), testEnv)
	require.NoError(t, err)
	require.True(t, a.Warehouse.Equal(b.Warehouse))
	b.Warehouse.ClickHouse.ShardingKeys["vcc_agents"] = []string{"_source"}
	require.False(t, a.Warehouse.Equal(b.Warehouse))
}

func TestClusterConfigErrorsNameFileAndLine(t *testing.T) {
	for _, c := range []struct{ name, extra, want string }{
		{"bad cluster name", "    cluster: \"two words\"\n",
			`c.yaml:4: warehouse.clickhouse.cluster: schema: cluster name "two words" must match`},
		{"unknown insert mode", "    cluster: a\n    insert: sideways\n",
			`c.yaml:5: warehouse.clickhouse.insert: unknown insert mode "sideways" (want distributed or shards)`},
		{"insert without cluster", "    insert: shards\n",
			"c.yaml:4: warehouse.clickhouse.insert: needs warehouse.clickhouse.cluster"},
		{"replicated without cluster", "    replicated: false\n",
			"c.yaml:4: warehouse.clickhouse.replicated: needs warehouse.clickhouse.cluster"},
		{"sharding keys without cluster", "    sharding_keys: {vcc_agents: [agent_id]}\n",
			"c.yaml:4: warehouse.clickhouse.sharding_keys: needs warehouse.clickhouse.cluster"},
		{"unknown table", "    cluster: a\n    sharding_keys:\n      vcc_agents: [agent_id]\n      vcc_nope: [id]\n",
			`c.yaml:7: warehouse.clickhouse.sharding_keys.vcc_nope: schema: unknown table "vcc_nope"`},
		{"key outside ORDER BY", "    cluster: a\n    sharding_keys:\n      vcc_interactions: [agent_id]\n",
			`c.yaml:6: warehouse.clickhouse.sharding_keys.vcc_interactions: schema: table vcc_interactions: sharding key column "agent_id" is not in the ORDER BY key`},
		{"timestamp key", "    cluster: a\n    sharding_keys:\n      vcc_interactions: [create_timestamp]\n",
			"c.yaml:6: warehouse.clickhouse.sharding_keys.vcc_interactions: schema: table vcc_interactions: sharding key column create_timestamp is Timestamp"},
		{"empty key", "    cluster: a\n    sharding_keys:\n      vcc_interactions: []\n",
			"c.yaml:6: warehouse.clickhouse.sharding_keys.vcc_interactions: schema: table vcc_interactions: empty sharding key"},
		{"misspelt key", "    cluster: a\n    sharding_key: {}\n",
			`c.yaml:5: warehouse.clickhouse: unknown key "sharding_key"`},
		{"replicated not a bool", "    cluster: a\n    replicated: maybe\n", "c.yaml"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig("c.yaml", []byte(clusterYAML(c.extra)), testEnv)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

// TestREADMEClusterExampleIsValid parses the cluster example of the README's "Cluster mode",
// commented keys uncommented.
func TestREADMEClusterExampleIsValid(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)## Cluster mode\n.*?```yaml\n(.*?)```").FindSubmatch(b)
	require.NotNil(t, m, "README has a yaml block under ## Cluster mode")
	yml := regexp.MustCompile(`(?m)^(\s*)# `).ReplaceAllString(string(m[1]), "$1")
	cfg, err := ParseConfig("README.md", []byte(yml), testEnv)
	require.NoError(t, err)
	require.Equal(t, schema.Cluster{Name: "analytics", Replicated: true,
		ShardingKeys: map[string][]string{"vcc_statistics": {"entity_id"}}}, cfg.Warehouse.ClickHouse.ClusterSpec())
}
