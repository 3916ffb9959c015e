package jobs

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestComposeFileIsValid: Docker cannot run on the project's machines, so the compose file is
// checked here: it parses, runs a current ClickHouse, the sandbox and ccwh, and the ccwh config
// it embeds is a valid config pointing at those services.
func TestComposeFileIsValid(t *testing.T) {
	b, err := os.ReadFile("../docker-compose.yml")
	require.NoError(t, err)
	var compose struct {
		Services map[string]struct {
			Image     string         `yaml:"image"`
			Command   []string       `yaml:"command"`
			DependsOn map[string]any `yaml:"depends_on"`
		} `yaml:"services"`
		Configs map[string]struct {
			Content string `yaml:"content"`
		} `yaml:"configs"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	require.NoError(t, dec.Decode(&compose))
	require.Contains(t, compose.Services, "clickhouse")
	require.Contains(t, compose.Services, "sandbox")
	require.Contains(t, compose.Services, "ccwh")
	require.True(t, strings.HasPrefix(compose.Services["clickhouse"].Image, "clickhouse/clickhouse-server:2"), "a current ClickHouse")
	require.Contains(t, compose.Services["ccwh"].DependsOn, "clickhouse")
	require.Contains(t, strings.Join(compose.Services["sandbox"].Command, " "), "sandbox")

	// Compose turns $$ into $ before the file reaches ccwh.
	content := strings.ReplaceAll(compose.Configs["ccwh-config"].Content, "$$", "$")
	cfg, err := ParseConfig("docker-compose.yml#ccwh-config", []byte(content),
		envLookup(map[string]string{"CLICKHOUSE_PASSWORD": "x", "VCC_TOKEN": "y"}))
	require.NoError(t, err)
	require.Equal(t, "clickhouse:9000", cfg.Warehouse.ClickHouse.Addr)
	require.Equal(t, "http://sandbox:8088", cfg.Sources[0].Options.(*VCCOptions).BaseURL)
}
