package jobs

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

func retentionYAML(section string) string {
	return "warehouse:\n  clickhouse: {addr: 127.0.0.1:9000}\narchive: {dir: /tmp/a}\nretention:\n" + section
}

func TestRetentionConfig(t *testing.T) {
	cfg, err := ParseConfig("c.yaml", []byte(retentionYAML(`  schedule: "15 2 * * *"
  tables:
    vcc_transcripts: 2y
    vcc_transcript_messages: 104w
    "dixa_*": 400d
    dixa_messages: 30d
`)), testEnv)
	require.NoError(t, err)
	r := &cfg.Retention
	require.True(t, r.Enabled())
	require.True(t, r.PruneArchive(), "archive pruning is on by default")
	require.Equal(t, time.Date(2026, 3, 2, 2, 15, 0, 0, time.UTC), r.Next(time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)))

	days := map[string]int{}
	for _, rule := range r.Rules() {
		days[rule.Table.Name] = rule.Days
		require.NotEmpty(t, rule.Table.PartitionBy, "%s: only tables with a timestamp age", rule.Table.Name)
	}
	require.Equal(t, 730, days["vcc_transcripts"])
	require.Equal(t, 728, days["vcc_transcript_messages"])
	require.Equal(t, 30, days["dixa_messages"], "an exact name wins over a glob")
	require.Equal(t, 400, days["dixa_conversations"])
	require.NotContains(t, days, "dixa_agents", "globs skip dimension tables")
	require.NotContains(t, days, "vcc_interactions")

	rule, ok := r.Rule("vcc_transcripts")
	require.True(t, ok)
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	require.Equal(t, now.Add(-730*24*time.Hour), rule.Cutoff(now))
}

func TestRetentionConfigDefaults(t *testing.T) {
	cfg, err := ParseConfig("c.yaml", []byte(retentionYAML("  archive: false\n  tables: {vcc_transcripts: 10d}\n")), testEnv)
	require.NoError(t, err)
	require.False(t, cfg.Retention.PruneArchive())
	require.Equal(t, DefaultRetentionSchedule, cfg.Retention.Schedule)

	cfg, err = ParseConfig("c.yaml", []byte("warehouse: {}\n"), testEnv)
	require.NoError(t, err)
	require.False(t, cfg.Retention.Enabled(), "no retention section: nothing expires")
}

func TestRetentionConfigErrorsNameFileAndLine(t *testing.T) {
	cases := []struct{ name, section, want string }{
		{"unknown table", "  tables:\n    vcc_transcripts: 2y\n    vcc_transcriptz: 2y\n", `c.yaml:7: retention.tables.vcc_transcriptz: unknown table "vcc_transcriptz"`},
		{"bad duration", "  tables:\n    vcc_transcripts: 2 years\n", `c.yaml:6: retention.tables.vcc_transcripts: bad retention "2 years"`},
		{"hours are not a retention", "  tables:\n    vcc_transcripts: 48h\n", `c.yaml:6: retention.tables.vcc_transcripts: bad retention "48h"`},
		{"zero", "  tables:\n    vcc_transcripts: 0d\n", `c.yaml:6: retention.tables.vcc_transcripts: bad retention "0d" (must be positive)`},
		{"bad cron", "  schedule: \"61 3 * * *\"\n  tables: {vcc_transcripts: 2y}\n", `c.yaml:5: retention.schedule: bad cron spec "61 3 * * *"`},
		{"no timestamp", "  tables:\n    dixa_agents: 1y\n", `c.yaml:6: retention.tables.dixa_agents: table dixa_agents has no timestamp to age rows by`},
		{"glob matches nothing", "  tables:\n    \"zendesk_*\": 1y\n", `c.yaml:6: retention.tables.zendesk_*: pattern "zendesk_*" matches no table`},
		{"glob matches only dimensions", "  tables:\n    \"dixa_team*\": 1y\n", `c.yaml:6: retention.tables.dixa_team*: pattern "dixa_team*" matches only tables without a timestamp`},
		{"bad glob", "  tables:\n    \"vcc_[\": 1y\n", `c.yaml:6: retention.tables.vcc_[: bad table pattern`},
		{"conflicting globs", "  tables:\n    \"vcc_transcript*\": 1y\n    \"vcc_*\": 2y\n", "gets 730d from \"vcc_*\" and 365d from \"vcc_transcript*\": name it explicitly"},
		{"unknown key", "  tabels: {vcc_transcripts: 2y}\n", `c.yaml:5: retention: unknown key "tabels"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig("c.yaml", []byte(retentionYAML(c.section)), testEnv)
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]int{"1d": 1, "730d": 730, "104w": 728, "2y": 730, " 7d ": 7} {
		got, err := ParseRetention(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "d", "1.5y", "-1d", "1m", "1h", "2Y", "1000y"} {
		_, err := ParseRetention(in)
		require.Error(t, err, in)
	}
}

// metricsOnly is a table no legal hold can cover: no customer data, no conversation rows and,
// being internal, no _extra.
var metricsOnly = schema.New(schema.Table{
	Name: "test_queue_metrics", Internal: true, VersionColumn: "version",
	Columns: []schema.Column{
		{Name: "at", Type: schema.Timestamp},
		{Name: "queue", Type: schema.String},
		{Name: "waiting", Type: schema.Int64},
		{Name: "version", Type: schema.UInt64},
	},
	OrderBy: []string{"queue", "at"}, PartitionBy: "at",
})

// TestRetentionTTLOnlyWhereNoHoldCanApply: ClickHouse TTL cannot consult legal holds, so it is
// rendered only for tables no hold can cover, and only for servers that have TTL.
func TestRetentionTTLOnlyWhereNoHoldCanApply(t *testing.T) {
	v24, err := schema.CapabilitiesFor("24.8.4.13")
	require.NoError(t, err)
	v18, err := schema.CapabilitiesFor("18.16.1")
	require.NoError(t, err)
	cfg, err := ParseConfig("c.yaml", []byte(retentionYAML("  tables: {vcc_transcripts: 2y, vcc_transcript_messages: 2y, \"dixa_*\": 400d}\n")), testEnv)
	require.NoError(t, err)
	rc := &cfg.Retention
	rc.rules = append(rc.rules, RetentionRule{Table: metricsOnly, Days: 90, Pattern: metricsOnly.Name})

	require.False(t, Holdable(metricsOnly))
	require.True(t, Holdable(schema.VCCTranscripts))
	require.True(t, Holdable(schema.VCCTranscriptMessages))

	ttl := rc.TTLTables(v24)
	var names []string
	var metrics *schema.Table
	for _, tb := range ttl {
		require.False(t, Holdable(tb), "holdable table %s got a TTL", tb.Name)
		names = append(names, tb.Name)
		if tb.Name == metricsOnly.Name {
			metrics = tb
		}
	}
	require.NotContains(t, names, schema.VCCTranscripts.Name)
	require.Contains(t, names, "dixa_analytics_metric_values", "dixa metric values carry no customer data: TTL applies")
	require.NotContains(t, names, "dixa_messages")
	require.NotNil(t, metrics)
	require.Equal(t, 0, metricsOnly.TTLDays, "the shared definition is not changed")
	ddl := metrics.CreateTable("ccwh", v24)
	require.Contains(t, ddl, "\nTTL toDateTime(`at`) + INTERVAL 90 DAY")
	require.Equal(t, "toDateTime(`at`) + INTERVAL 90 DAY", metrics.TTLExpr(v24))
	for _, rule := range rc.Rules() {
		require.Equal(t, !Holdable(rule.Table) && rule.Table.PartitionBy != "", TTLManaged(rule.Table, v24), rule.Table.Name)
	}

	require.Empty(t, rc.TTLTables(v18), "18.16 has no TTL: the job does everything")
	require.NotContains(t, metricsOnly.WithTTLDays(90).CreateTable("ccwh", v18), "TTL")
	require.Empty(t, metricsOnly.WithTTLDays(90).TTLExpr(v18))

	// Reconciling with what the server shows: a missing or different TTL is set, a ccwh TTL a
	// table should not have (here: a holdable table) is removed, a hand-made one is left alone.
	engine := func(ttl string) string {
		return "ReplacingMergeTree(version) PARTITION BY toYYYYMM(at) ORDER BY (queue, at) " + ttl + "SETTINGS index_granularity = 8192"
	}
	have := map[string]string{
		metricsOnly.Name:                      engine(""),
		schema.VCCTranscripts.Name:            strings.ReplaceAll(engine("TTL toDateTime(start_date) + toIntervalDay(730) "), "(at)", "(start_date)"),
		schema.VCCTranscriptMessages.Name:     engine("TTL start_date + toIntervalMonth(1) "),
		schema.DixaMessages.Name:              engine(""),
		"some_table_of_someone_else":          engine("TTL toDateTime(at) + toIntervalDay(1) "),
		schema.DixaAnalyticsMetricValues.Name: engine(""),
	}
	require.Equal(t, []ttlChange{
		{schema.DixaAnalyticsMetricValues.Name, "MODIFY TTL toDateTime(`interval_start`) + INTERVAL 400 DAY"},
		{metricsOnly.Name, "MODIFY TTL toDateTime(`at`) + INTERVAL 90 DAY"},
		{schema.VCCTranscripts.Name, "REMOVE TTL"},
	}, ttlChanges(v24, rc, have))
	have[metricsOnly.Name] = engine("TTL toDateTime(at) + toIntervalDay(90) ")
	have[schema.DixaAnalyticsMetricValues.Name] = engine("TTL toDateTime(interval_start) + toIntervalDay(400) ")
	delete(have, schema.VCCTranscripts.Name)
	require.Empty(t, ttlChanges(v24, rc, have), "nothing to change")
	have[metricsOnly.Name] = engine("TTL toDateTime(at) + toIntervalDay(30) ")
	require.Equal(t, []ttlChange{{metricsOnly.Name, "MODIFY TTL toDateTime(`at`) + INTERVAL 90 DAY"}}, ttlChanges(v24, rc, have))
	// Cluster mode: the TTL is on the shard-local table, the Distributed table has none.
	have[schema.LocalName(metricsOnly.Name)] = engine("TTL toDateTime(at) + toIntervalDay(90) ")
	require.Empty(t, ttlChanges(v24, rc, have), "the local table's TTL counts")
	require.Empty(t, ttlChanges(v18, rc, have), "no TTL on 18.16")
}

// TestREADMERetentionExampleIsValid parses the retention example of the README.
func TestREADMERetentionExampleIsValid(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)## Retention\n.*?```yaml\n(.*?)```").FindSubmatch(b)
	require.NotNil(t, m, "README has a yaml block under ## Retention")
	cfg, err := ParseConfig("README.md", m[1], testEnv)
	require.NoError(t, err)
	rule, ok := cfg.Retention.Rule("dixa_messages")
	require.True(t, ok)
	require.Equal(t, 400, rule.Days)
	require.Equal(t, DefaultRetentionSchedule, cfg.Retention.Schedule)
}
