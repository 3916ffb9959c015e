package jobs

import (
	"context"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
)

// TestDemo runs `ccwh demo` as `make demo` does: its own private ClickHouse, every kind's
// sandbox, two syncs, and the table-by-table check against the Parquet archive and the sandbox.
// Demo fails on any mismatch, so this keeps the README's first command working.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo starts its own ClickHouse: skipped with -short only")
	}
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	var out strings.Builder
	err := Demo(context.Background(), DemoOptions{Dir: t.TempDir(), Scale: 2, Days: 2, Out: &out}, zerolog.Nop())
	require.NoError(t, err, out.String())
	text := out.String()
	require.NotContains(t, text, "MISMATCH")
	for _, prefix := range []string{"vcc_", "dixa_", "cpaas_", "vcc_chat_", "chatwoot_"} {
		require.Contains(t, text, "\n"+prefix, "the demo reports %s tables", prefix)
	}
	require.GreaterOrEqual(t, strings.Count(text, " ok\n"), 60, "every table checked")
	require.Contains(t, text, "-- Interactions by media type and direction")
}
