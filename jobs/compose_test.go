package jobs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// composeFile is the part of docker-compose.yml the tests read.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
	Configs  map[string]struct {
		Content string `yaml:"content"`
	} `yaml:"configs"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	DependsOn   map[string]any    `yaml:"depends_on"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Ports       []string          `yaml:"ports"`
}

// mounts maps each bind mount's container path to its host path (relative to the repository);
// named volumes are left out.
func (s composeService) mounts() map[string]string {
	out := map[string]string{}
	for _, v := range s.Volumes {
		parts := strings.Split(v, ":")
		if len(parts) >= 2 && strings.HasPrefix(parts[0], ".") {
			out[parts[1]] = parts[0]
		}
	}
	return out
}

func readCompose(t *testing.T) composeFile {
	t.Helper()
	b, err := os.ReadFile("../docker-compose.yml")
	require.NoError(t, err)
	var c composeFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(false)
	require.NoError(t, dec.Decode(&c))
	return c
}

// composeSecrets are the variables the compose file hands the ccwh service.
var composeSecrets = map[string]string{"CLICKHOUSE_PASSWORD": "x", "VCC_TOKEN": "y", "SANDBOX_TOKEN": "z"}

// composeConfig parses the ccwh config embedded in the compose file.
func composeConfig(t *testing.T, c composeFile) *Config {
	t.Helper()
	// Compose turns $$ into $ before the file reaches ccwh.
	content := strings.ReplaceAll(c.Configs["ccwh-config"].Content, "$$", "$")
	cfg, err := ParseConfig("docker-compose.yml#ccwh-config", []byte(content), envLookup(composeSecrets))
	require.NoError(t, err)
	return cfg
}

// TestComposeFileIsValid: Docker cannot run on the project's machines, so the compose file is
// checked here: it parses, runs a current ClickHouse, the sandbox, ccwh (`ccwh run` after a
// backfill) and Grafana, and the ccwh config it embeds is a valid config pointing at those
// services with one source of every kind.
func TestComposeFileIsValid(t *testing.T) {
	compose := readCompose(t)
	for _, s := range []string{"clickhouse", "sandbox", "ccwh", "grafana"} {
		require.Contains(t, compose.Services, s)
	}
	require.True(t, strings.HasPrefix(compose.Services["clickhouse"].Image, "clickhouse/clickhouse-server:2"), "a current ClickHouse")
	require.Contains(t, compose.Services["ccwh"].DependsOn, "clickhouse")
	require.Contains(t, strings.Join(compose.Services["sandbox"].Command, " "), "sandbox")
	cmd := strings.Join(compose.Services["ccwh"].Command, " ")
	for _, step := range []string{"migrate", "sync --from", "exec /tmp/ccwh run"} {
		require.Contains(t, cmd, step)
	}
	require.Less(t, strings.Index(cmd, "migrate"), strings.Index(cmd, "exec /tmp/ccwh run"), "the daemon starts last")
	for k := range composeSecrets {
		require.Contains(t, compose.Services["ccwh"].Environment, k, "the ccwh service sets %s", k)
	}

	cfg := composeConfig(t, compose)
	require.Equal(t, "clickhouse:9000", cfg.Warehouse.ClickHouse.Addr)
	require.Equal(t, "http://sandbox:8088", cfg.Sources[0].Options.(*VCCOptions).BaseURL)
	require.Equal(t, "0.0.0.0:8089", cfg.Daemon.Listen, "the status page is reachable from the host")
	require.Contains(t, compose.Services["ccwh"].Ports, "127.0.0.1:8089:8089")
	var have []string
	for _, s := range cfg.Sources {
		have = append(have, s.Kind)
	}
	for k := range kinds {
		require.Contains(t, have, k, "the compose config has a source of kind %s, so every dashboard row has data", k)
	}
	require.Contains(t, compose.Configs["ccwh-config"].Content, "http://sandbox:8088/dixa")
}

// TestComposeRunsGrafanaWithTheDashboard: the grafana service is a current Grafana with the
// official ClickHouse plugin, reaches ClickHouse as the ccwh user, and mounts exactly the
// provisioning files and dashboards of deploy/grafana, at the paths the provisioning expects.
func TestComposeRunsGrafanaWithTheDashboard(t *testing.T) {
	compose := readCompose(t)
	g := compose.Services["grafana"]
	require.Regexp(t, `^grafana/grafana:1[1-9]\.`, g.Image, "a current Grafana (11 or later)")
	require.Contains(t, strings.Split(g.Environment["GF_INSTALL_PLUGINS"], ","), "grafana-clickhouse-datasource")
	require.Contains(t, g.DependsOn, "clickhouse")
	require.Contains(t, g.Ports, "3000:3000")
	require.Contains(t, compose.Volumes, "grafana-data")

	m := g.mounts()
	require.Equal(t, "./deploy/grafana/provisioning/datasources", m["/etc/grafana/provisioning/datasources"])
	require.Equal(t, "./deploy/grafana/provisioning/dashboards", m["/etc/grafana/provisioning/dashboards"])
	for dst, src := range m {
		st, err := os.Stat(filepath.Join("..", src))
		require.NoError(t, err, "mount %s → %s exists in the repository", src, dst)
		require.True(t, st.IsDir(), src)
		require.True(t, slices.Contains(g.Volumes, src+":"+dst+":ro"), "%s is mounted read-only", src)
	}
	// The dashboard provider reads the folder the dashboards are mounted at, and the home
	// dashboard is one of them.
	prov := readDashboardProviders(t)
	require.Len(t, prov.Providers, 1)
	src, ok := m[prov.Providers[0].Options.Path]
	require.True(t, ok, "the provider's path %s is a mount", prov.Providers[0].Options.Path)
	require.Equal(t, "./deploy/grafana/dashboards", src)
	home := g.Environment["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
	require.Equal(t, prov.Providers[0].Options.Path, filepath.Dir(home))
	_, err := os.Stat(filepath.Join("..", src, filepath.Base(home)))
	require.NoError(t, err, "the home dashboard exists")

	// The data source logs in as the compose ClickHouse user with the password Grafana gets
	// from its environment, to the database ccwh loads.
	ds := readDatasources(t).Datasources[0]
	ch := compose.Services["clickhouse"]
	require.Equal(t, ch.Environment["CLICKHOUSE_USER"], ds.JSONData["username"])
	require.Equal(t, ch.Environment["CLICKHOUSE_PASSWORD"], g.Environment["CLICKHOUSE_PASSWORD"])
	require.Equal(t, "$CLICKHOUSE_PASSWORD", ds.SecureJSONData["password"])
	require.Equal(t, composeConfig(t, compose).Warehouse.ClickHouse.Database, ds.JSONData["defaultDatabase"])
	require.Equal(t, ch.Environment["CLICKHOUSE_DB"], ds.JSONData["defaultDatabase"])
	require.Contains(t, compose.Services, ds.JSONData["host"], "the data source's host is a compose service")
	require.Contains(t, ch.Ports, "9000:9000", "the native port the data source uses")
}
