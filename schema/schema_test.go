package schema

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestCapabilitiesFor(t *testing.T) {
	cases := []struct {
		version string
		want    Capabilities
	}{
		{"18.16.1", Capabilities{Version: "18.16.1", Major: 18, Minor: 16, LowCardinalityNeedsSetting: true}},
		{"24.8.4.13", Capabilities{Version: "24.8.4.13", Major: 24, Minor: 8, DateTime64: true, BoolType: true,
			TTL: true, DedupToken: true, AddColumnIfNotExists: true, TableComment: true}},
		{"20.3.21", Capabilities{Version: "20.3.21", Major: 20, Minor: 3, DateTime64: true, TTL: true, AddColumnIfNotExists: true}},
	}
	for _, c := range cases {
		t.Run(c.version, func(t *testing.T) {
			got, err := CapabilitiesFor(c.version)
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
	_, err := CapabilitiesFor("banana")
	require.Error(t, err)
}

// TestRenderDDL renders every table for Debian's 18.16 and a current 24.8 server and compares the
// result with testdata/ddl-<version>.sql (go test ./schema -update rewrites them).
func TestRenderDDL(t *testing.T) {
	for _, v := range []string{"18.16.1", "24.8.4.13"} {
		t.Run(v, func(t *testing.T) {
			caps, err := CapabilitiesFor(v)
			require.NoError(t, err)
			var b strings.Builder
			for _, tb := range append(InternalTables(), Tables()...) {
				b.WriteString(tb.CreateTable("ccwh", caps))
				b.WriteString(";\n\n")
			}
			got := b.String()
			golden := filepath.Join("testdata", "ddl-"+v+".sql")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			require.Equal(t, string(want), got)

			if caps.DateTime64 {
				require.Contains(t, got, "DateTime64(3, 'UTC')")
				require.Contains(t, got, "non_replicated_deduplication_window")
				require.NotContains(t, got, "DateTime('UTC')")
			} else {
				require.Contains(t, got, "DateTime('UTC')")
				require.NotContains(t, got, "DateTime64")
				require.NotContains(t, got, "SETTINGS")
				require.NotContains(t, got, " Bool")
			}
		})
	}
}

func TestTTLRenderedOnlyWhereSupported(t *testing.T) {
	tb := New(Table{Name: "t", Columns: []Column{{Name: "at", Type: Timestamp}}, OrderBy: []string{"at"}, PartitionBy: "at", TTLDays: 730})
	old, _ := CapabilitiesFor("18.16.1")
	cur, _ := CapabilitiesFor("24.8")
	require.NotContains(t, tb.CreateTable("db", old), "TTL")
	require.Contains(t, tb.CreateTable("db", cur), "TTL toDateTime(`at`) + INTERVAL 730 DAY")
}

func TestKeysAreNotNullable(t *testing.T) {
	for _, tb := range Tables() {
		for _, k := range append(tb.SortKey(), tb.PartitionBy) {
			if k == "" {
				continue
			}
			require.False(t, tb.Columns[tb.Column(k)].Nullable(), "%s.%s", tb.Name, k)
		}
		for _, c := range tb.Columns {
			if c.Field != "" {
				require.Equal(t, c.Name, snake(c.Field), "%s: column name follows the vendor field", tb.Name)
			}
		}
		require.Equal(t, len(tb.Columns), len(tb.ArrowSchema().Fields()))
		require.Equal(t, len(tb.Columns), len(tb.ParquetSchema().Fields()))
	}
}

// TestVCCFieldsComplete pins the documented field lists of spec §2.4 (count and order).
func TestVCCFieldsComplete(t *testing.T) {
	want := map[string]int{"vcc_groups": 3, "vcc_agents": 13, "vcc_queues": 7, "vcc_activities": 24, "vcc_interactions": 44}
	for name, n := range want {
		tb, err := Lookup(name)
		require.NoError(t, err)
		fields := 0
		for _, c := range tb.Columns {
			if c.Field != "" {
				fields++
			}
		}
		require.Equal(t, n, fields, name)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"call-leg1-sip-id": "call_leg1_sip_id", "transaction_id": "transaction_id",
		"startDate": "start_date", "channelName": "channel_name", "interactionGUID": "interaction_guid",
	} {
		require.Equal(t, want, snake(in), in)
	}
}
