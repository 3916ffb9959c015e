package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The Grafana provisioning files and dashboards under deploy/grafana, read at schema level
// (Docker and Grafana cannot run on the project's machines), and every panel's SQL run against
// the real ClickHouse with Grafana's macros expanded as the ClickHouse plugin expands them.

const (
	grafanaDir         = "../deploy/grafana"
	clickhousePluginID = "grafana-clickhouse-datasource"
)

type datasourceFile struct {
	APIVersion  int `yaml:"apiVersion"`
	Datasources []struct {
		Name           string            `yaml:"name"`
		UID            string            `yaml:"uid"`
		Type           string            `yaml:"type"`
		Access         string            `yaml:"access"`
		IsDefault      bool              `yaml:"isDefault"`
		JSONData       map[string]any    `yaml:"jsonData"`
		SecureJSONData map[string]string `yaml:"secureJsonData"`
	} `yaml:"datasources"`
}

type dashboardProviders struct {
	APIVersion int `yaml:"apiVersion"`
	Providers  []struct {
		Name    string `yaml:"name"`
		Type    string `yaml:"type"`
		Folder  string `yaml:"folder"`
		Options struct {
			Path string `yaml:"path"`
		} `yaml:"options"`
	} `yaml:"providers"`
}

// decodeYAML decodes a provisioning file into the part of it the tests read.
func decodeYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	require.NoError(t, dec.Decode(v), path)
}

func readDatasources(t *testing.T) datasourceFile {
	t.Helper()
	var f datasourceFile
	decodeYAML(t, filepath.Join(grafanaDir, "provisioning/datasources/clickhouse.yaml"), &f)
	return f
}

func readDashboardProviders(t *testing.T) dashboardProviders {
	t.Helper()
	var f dashboardProviders
	decodeYAML(t, filepath.Join(grafanaDir, "provisioning/dashboards/ccwh.yaml"), &f)
	return f
}

type dsRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type gridPos struct{ H, W, X, Y *int }

type panel struct {
	ID         *int          `json:"id"`
	Type       string        `json:"type"`
	Title      string        `json:"title"`
	Datasource *dsRef        `json:"datasource"`
	GridPos    gridPos       `json:"gridPos"`
	Panels     []panel       `json:"panels"`
	Targets    []panelTarget `json:"targets"`
}

type panelTarget struct {
	RefID      string `json:"refId"`
	Datasource *dsRef `json:"datasource"`
	EditorType string `json:"editorType"`
	QueryType  string `json:"queryType"`
	Format     *int   `json:"format"`
	RawSQL     string `json:"rawSql"`
}

type dashboard struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	SchemaVersion int     `json:"schemaVersion"`
	Panels        []panel `json:"panels"`
	Time          struct {
		From, To string
	} `json:"time"`
	Templating struct {
		List []json.RawMessage `json:"list"`
	} `json:"templating"`
}

// readDashboards parses every dashboard the provider loads.
func readDashboards(t *testing.T) map[string]dashboard {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(grafanaDir, "dashboards", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]dashboard{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var d dashboard
		dec := json.NewDecoder(strings.NewReader(string(b)))
		require.NoError(t, dec.Decode(&d), f)
		out[filepath.Base(f)] = d
	}
	return out
}

// queryPanels lists the panels that query (every one but rows), rows' nested panels included.
func queryPanels(ps []panel) []panel {
	var out []panel
	for _, p := range ps {
		if p.Type == "row" {
			out = append(out, queryPanels(p.Panels)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// TestGrafanaProvisioningIsValid: the data source file names the ClickHouse plugin with the keys
// its v4 settings read (host, port, protocol, username, defaultDatabase; password as a secure
// field), and the dashboard provider loads files from a path.
func TestGrafanaProvisioningIsValid(t *testing.T) {
	f := readDatasources(t)
	require.Equal(t, 1, f.APIVersion)
	require.Len(t, f.Datasources, 1)
	ds := f.Datasources[0]
	require.Equal(t, clickhousePluginID, ds.Type)
	require.NotEmpty(t, ds.UID)
	require.NotEmpty(t, ds.Name)
	require.Equal(t, "proxy", ds.Access)
	require.True(t, ds.IsDefault)
	require.Equal(t, "clickhouse", ds.JSONData["host"])
	require.Equal(t, 9000, ds.JSONData["port"], "the native port")
	require.Equal(t, "native", ds.JSONData["protocol"])
	require.Equal(t, "ccwh", ds.JSONData["defaultDatabase"])
	require.NotEmpty(t, ds.JSONData["username"])
	require.NotContains(t, ds.JSONData, "password", "the password is a secure field only")
	require.Regexp(t, `^\$\{?[A-Z_]+\}?$`, ds.SecureJSONData["password"], "the password comes from the environment, never the file")

	p := readDashboardProviders(t)
	require.Equal(t, 1, p.APIVersion)
	require.Len(t, p.Providers, 1)
	require.Equal(t, "file", p.Providers[0].Type)
	require.True(t, filepath.IsAbs(p.Providers[0].Options.Path))
	require.NotEmpty(t, p.Providers[0].Folder)
}

// TestDashboardJSONIsValid: each dashboard has a uid and title, unique panel ids, sane grid
// positions on Grafana's 24-column grid without overlaps, and every panel queries the
// provisioned ClickHouse data source with raw SQL.
func TestDashboardJSONIsValid(t *testing.T) {
	ds := readDatasources(t).Datasources[0]
	for name, d := range readDashboards(t) {
		t.Run(name, func(t *testing.T) {
			require.NotEmpty(t, d.UID)
			require.LessOrEqual(t, len(d.UID), 40, "Grafana limits uids to 40 characters")
			require.NotEmpty(t, d.Title)
			require.GreaterOrEqual(t, d.SchemaVersion, 36)
			require.NotEmpty(t, d.Time.From)
			require.Empty(t, d.Templating.List, "the panel SQL expansion below knows no template variables")

			ids := map[int]string{}
			type cell struct{ x, y int }
			used := map[cell]string{}
			var walk func(ps []panel)
			walk = func(ps []panel) {
				for _, p := range ps {
					require.NotNil(t, p.ID, "panel %q has an id", p.Title)
					require.NotContains(t, ids, *p.ID, "panel id %d is used by %q and %q", *p.ID, ids[*p.ID], p.Title)
					ids[*p.ID] = p.Title
					require.NotEmpty(t, p.Title, "panel %d has a title", *p.ID)
					g := p.GridPos
					require.True(t, g.H != nil && g.W != nil && g.X != nil && g.Y != nil, "panel %q has a full gridPos", p.Title)
					require.True(t, *g.W >= 1 && *g.H >= 1 && *g.X >= 0 && *g.Y >= 0 && *g.X+*g.W <= 24,
						"panel %q gridPos %d,%d %dx%d fits the 24-column grid", p.Title, *g.X, *g.Y, *g.W, *g.H)
					for x := *g.X; x < *g.X+*g.W; x++ {
						for y := *g.Y; y < *g.Y+*g.H; y++ {
							c := cell{x, y}
							require.NotContains(t, used, c, "panels %q and %q overlap", used[c], p.Title)
							used[c] = p.Title
						}
					}
					if p.Type == "row" {
						require.Empty(t, p.Targets, "row %q queries nothing", p.Title)
						require.Equal(t, 24, *g.W)
						walk(p.Panels)
						continue
					}
					require.NotEmpty(t, p.Type)
					require.NotNil(t, p.Datasource, "panel %q names its data source", p.Title)
					require.Equal(t, dsRef{Type: clickhousePluginID, UID: ds.UID}, *p.Datasource, "panel %q", p.Title)
					require.NotEmpty(t, p.Targets, "panel %q has a query", p.Title)
					refs := map[string]bool{}
					for _, q := range p.Targets {
						require.NotEmpty(t, q.RefID)
						require.False(t, refs[q.RefID], "panel %q: refId %s twice", p.Title, q.RefID)
						refs[q.RefID] = true
						require.NotNil(t, q.Datasource)
						require.Equal(t, dsRef{Type: clickhousePluginID, UID: ds.UID}, *q.Datasource, "panel %q", p.Title)
						require.Equal(t, "sql", q.EditorType, "panel %q is raw SQL", p.Title)
						require.NotEmpty(t, strings.TrimSpace(q.RawSQL), "panel %q has rawSql", p.Title)
						require.NotNil(t, q.Format)
						if p.Type == "timeseries" {
							require.Equal(t, "timeSeries", q.QueryType, "panel %q", p.Title)
							require.Equal(t, 0, *q.Format, "panel %q: time series format", p.Title)
							require.Regexp(t, `(?i)\bAS time\b`, q.RawSQL, "panel %q selects a time column", p.Title)
						} else {
							require.Equal(t, "table", q.QueryType, "panel %q", p.Title)
							require.Equal(t, 1, *q.Format, "panel %q: table format", p.Title)
						}
					}
				}
			}
			walk(d.Panels)
			require.GreaterOrEqual(t, len(queryPanels(d.Panels)), 10)
		})
	}
}

// grafanaQuery is the context Grafana gives a panel query: its time range and interval.
type grafanaQuery struct {
	From, To time.Time
	Interval time.Duration
}

var (
	macroCall = regexp.MustCompile(`\$__(timeFilter|dateFilter)\(\s*([^)]+?)\s*\)`)
	macroWord = regexp.MustCompile(`\$__(fromTime|toTime|interval_s)\b`)
)

// expandMacros rewrites the ClickHouse plugin's macros the way the plugin does (pkg/macros of
// grafana/clickhouse-datasource v4): $__timeFilter(c) → c >= toDateTime(from) AND c <=
// toDateTime(to) in Unix seconds, $__dateFilter(c) → the same with toDate('YYYY-MM-DD'),
// $__fromTime / $__toTime → toDateTime(seconds), $__interval_s → the interval in whole seconds
// (at least 1). Any other $ left in the SQL fails the test: the dashboard uses no variables.
func expandMacros(t *testing.T, sql string, q grafanaQuery) string {
	t.Helper()
	dt := func(v time.Time) string { return fmt.Sprintf("toDateTime(%d)", v.Unix()) }
	d := func(v time.Time) string { return fmt.Sprintf("toDate('%s')", v.UTC().Format("2006-01-02")) }
	out := macroCall.ReplaceAllStringFunc(sql, func(m string) string {
		g := macroCall.FindStringSubmatch(m)
		col := g[2]
		if g[1] == "timeFilter" {
			return fmt.Sprintf("%s >= %s AND %s <= %s", col, dt(q.From), col, dt(q.To))
		}
		return fmt.Sprintf("%s >= %s AND %s <= %s", col, d(q.From), col, d(q.To))
	})
	out = macroWord.ReplaceAllStringFunc(out, func(m string) string {
		switch m {
		case "$__fromTime":
			return dt(q.From)
		case "$__toTime":
			return dt(q.To)
		}
		return fmt.Sprint(int(math.Max(q.Interval.Seconds(), 1)))
	})
	require.NotContains(t, out, "$", "every macro expanded:\n%s", out)
	return out
}

func TestExpandMacros(t *testing.T) {
	q := grafanaQuery{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC), Interval: 300 * time.Millisecond}
	require.Equal(t, "WHERE period >= toDateTime(1767225600) AND period <= toDateTime(1767614400) AND x = 1",
		expandMacros(t, "WHERE $__timeFilter(period) AND x = 1", q))
	require.Equal(t, "day >= toDate('2026-01-01') AND day <= toDate('2026-01-05')", expandMacros(t, "$__dateFilter( day )", q))
	require.Equal(t, "toDateTime(1767225600) toDateTime(1767614400) 1", expandMacros(t, "$__fromTime $__toTime $__interval_s", q))
}

// TestDashboardPanelsReturnRows runs every panel's SQL, macros expanded, against the real
// ClickHouse after a sync of every demo source, through a connection whose default database is
// the warehouse's (as the provisioned data source's defaultDatabase), over a time range covering
// the sandbox's first days and the sync's own run rows. Each panel returns at least one row, and
// its first column is the time column of a time series.
func TestDashboardPanelsReturnRows(t *testing.T) {
	e, w := newAllSourcesEnv(t)
	ctx := context.Background()
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{chServer.Addr}, Protocol: clickhouse.Native,
		Auth: clickhouse.Auth{Database: e.ch.Database()}})
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })

	now := time.Now().UTC()
	for _, q := range []grafanaQuery{
		{From: w.From, To: now.Add(time.Hour), Interval: 6 * time.Hour}, // the sandbox's days to now
		{From: w.From, To: w.To, Interval: 20 * time.Second},            // a zoom below the 30-minute bucket
	} {
		for name, d := range readDashboards(t) {
			for _, p := range queryPanels(d.Panels) {
				for _, target := range p.Targets {
					sql := expandMacros(t, target.RawSQL, q)
					if q.To.Before(now.Add(-time.Hour)) && strings.Contains(sql, "_ccwh_") {
						continue // run rows are stamped with the real clock, outside the sandbox's days
					}
					rows, err := conn.Query(ctx, sql)
					require.NoError(t, err, "%s panel %q:\n%s", name, p.Title, sql)
					cols := rows.ColumnTypes()
					n := 0
					for rows.Next() {
						n++
					}
					require.NoError(t, rows.Err())
					rows.Close()
					require.Positive(t, n, "%s panel %q returns rows over %s–%s:\n%s", name, p.Title, q.From, q.To, sql)
					if target.QueryType == "timeSeries" {
						require.Equal(t, "time", cols[0].Name(), "panel %q", p.Title)
						require.Contains(t, cols[0].DatabaseTypeName(), "DateTime", "panel %q: time is a DateTime", p.Title)
					}
				}
			}
		}
	}
}
