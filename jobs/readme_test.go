package jobs

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// TestREADMEListsEveryStream keeps the README's "Sources, streams and tables" table equal to the
// registry: every kind/stream/table row there exists here and the other way round.
func TestREADMEListsEveryStream(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	row := regexp.MustCompile("(?m)^\\| ([a-z0-9-]+) \\| ([a-z_]+) \\| .* \\| `([a-z_]+)` \\| (full refresh|incremental|snapshot) \\|$")
	var inReadme, inRegistry []string
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		inReadme = append(inReadme, m[1]+"/"+m[2]+" → "+m[3])
	}
	for _, k := range Kinds() {
		for _, s := range k.Streams {
			inRegistry = append(inRegistry, k.Name+"/"+s.Name+" → "+s.Table.Name)
		}
	}
	sort.Strings(inReadme)
	sort.Strings(inRegistry)
	require.NotEmpty(t, inRegistry)
	require.Equal(t, inRegistry, inReadme)
}

// TestREADMEConfigExampleIsValid parses the configuration example in the README.
func TestREADMEConfigExampleIsValid(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)## Configuration\n.*?```yaml\n(.*?)```").FindSubmatch(b)
	require.NotNil(t, m, "README has a yaml block under ## Configuration")
	cfg, err := ParseConfig("README.md", m[1], envLookup(map[string]string{"CLICKHOUSE_PASSWORD": "p", "VCC_TOKEN": "t"}))
	require.NoError(t, err)
	require.NotEmpty(t, cfg.Sources)
}

// TestREADMEDocumentsEveryAnalystView: each analyst view has its paragraph in the README.
func TestREADMEDocumentsEveryAnalystView(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, v := range schema.Views() {
		if strings.HasSuffix(v.Name, schema.LatestSuffix) {
			continue
		}
		require.Contains(t, string(b), "`"+v.Name+"`", "README documents view %s", v.Name)
	}
}
