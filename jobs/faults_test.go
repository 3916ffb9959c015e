package jobs

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
)

// TestSourceFaults injects each vendor fault into one window of interactions and checks what ccwh
// does, then heals the vendor, runs again and checks what was lost — nothing, in every case. The
// README's reliability table is this test's table.
func TestSourceFaults(t *testing.T) {
	cases := []struct {
		name      string
		fault     sandbox.Fault
		fails     bool // the first run fails the window (else it succeeds by retrying)
		quarantin bool // the raw page is kept
	}{
		{"429 storm with Retry-After", sandbox.Fault{Status: 429, RetryAfter: "1", Times: 3}, false, false},
		{"429 storm without Retry-After", sandbox.Fault{Status: 429, Times: 3}, false, false},
		{"503 server busy", sandbox.Fault{Status: 503, Times: 2}, false, false},
		{"500 internal error", sandbox.Fault{Status: 500, Times: 2}, false, false},
		{"response slower than the timeout", sandbox.Fault{Delay: 3 * time.Second, Times: 1}, false, false},
		{"connection reset mid-body", sandbox.Fault{ResetConn: true, Times: 2}, false, false},
		{"endless 429 storm", sandbox.Fault{Status: 429}, true, false},
		{"truncated XML body", sandbox.Fault{Truncate: true, Times: 1}, true, true},
		{"malformed document", sandbox.Fault{Malformed: true}, true, true},
		{"page that repeats forever", sandbox.Fault{RepeatPage: true}, true, false},
	}
	from, to := day("2026-03-10"), day("2026-03-11")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, nil, "{interactions: {}}")
			e.cfg.Sources[0].Timeout = Duration(time.Second)
			e.cfg.Sources[0].MaxRetries = 3
			e.sb.Faults().Inject("/api/stats/allinteractions", c.fault)
			ctx := context.Background()
			rep, err := e.runner.Sync(ctx, SyncOptions{From: from, To: to})
			wm, werr := e.runner.Watermark(ctx, "acme", "interactions")
			require.NoError(t, werr)
			want := int64(e.sb.VCCCounts(extract.Window{From: from, To: to})["vcc_interactions"])
			if c.fails {
				require.Error(t, err)
				require.Contains(t, err.Error(), "acme/interactions window 2026-03-10T00:00:00Z/2026-03-11T00:00:00Z")
				require.True(t, wm.IsZero(), "watermark unchanged")
				require.Zero(t, e.count("vcc_interactions"), "nothing half-loaded")
			} else {
				require.NoError(t, err)
				require.Positive(t, rep.Windows[0].Retries)
				require.Equal(t, to, wm)
				require.Equal(t, want, e.count("vcc_interactions"))
			}
			kept, _ := filepath.Glob(filepath.Join(e.cfg.Archive.Dir, "quarantine", rep.RunID, "*"))
			if c.quarantin {
				require.Len(t, kept, 2, "the raw page and its request")
				req, err := os.ReadFile(kept[0])
				require.NoError(t, err)
				require.NotContains(t, string(req), "sandbox-token")
			} else {
				require.Empty(t, kept)
			}
			// The vendor heals; the next run leaves nothing missing.
			e.sb.Faults().Clear()
			_, err = e.runner.Sync(ctx, SyncOptions{From: from, To: to})
			require.NoError(t, err)
			require.Equal(t, want, e.count("vcc_interactions"), "lost nothing")
			outcome := "retried, window loaded"
			if c.fails {
				outcome = "window failed, watermark kept"
				if c.quarantin {
					outcome += ", raw page quarantined"
				}
			}
			t.Logf("| %s | %s | nothing (%d of %d rows after the next run) |", c.name, outcome, want, want)
		})
	}
}

// TestEmptyWindowSucceeds: a window without data is a success with zero rows that moves the
// watermark.
func TestEmptyWindowSucceeds(t *testing.T) {
	e := newEnv(t, nil, "{interactions: {}}")
	ctx := context.Background()
	// The sandbox's data starts at 2026-01-01.
	rep, err := e.runner.Sync(ctx, SyncOptions{From: day("2025-12-01"), To: day("2025-12-02")})
	require.NoError(t, err)
	require.Zero(t, rep.Windows[0].Rows)
	wm, err := e.runner.Watermark(ctx, "acme", "interactions")
	require.NoError(t, err)
	require.Equal(t, day("2025-12-02"), wm)
}
