package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEraseHoldProcess runs the right-to-be-forgotten flow as an officer would, through the
// binary: a held customer's erasure is refused (exit 1, naming the hold), the hold is listed
// and removed, a dry run changes nothing, the erasure runs, and an export afterwards finds no
// conversation of the customer, also after the same window is synced again.
func TestEraseHoldProcess(t *testing.T) {
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only)")
	}
	_, dir, run := chatwootProcess(t, 11, "erase")
	must := func(args ...string) string {
		t.Helper()
		code, out := run(args...)
		require.Zero(t, code, "ccwh %s: %s", strings.Join(args, " "), out)
		return out
	}
	// conversations exports the customer's conversations and returns how many there are.
	n := 0
	conversations := func(email string) (int, string) {
		t.Helper()
		n++
		out := filepath.Join(dir, fmt.Sprintf("export-%d", n))
		args := []string{"export", "transcripts", "--out", out, "--format", "jsonl"}
		if email != "" {
			args = append(args, "--customer-email", email)
		}
		must(args...)
		f, err := os.Open(filepath.Join(out, "transcripts.jsonl"))
		require.NoError(t, err)
		defer f.Close()
		count, first := 0, ""
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var c struct {
				CustomerEmail *string `json:"customer_email"`
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
			if first == "" && c.CustomerEmail != nil {
				first = *c.CustomerEmail
			}
			count++
		}
		require.NoError(t, sc.Err())
		return count, first
	}

	must("migrate")
	must("sync", "--from", "2026-01-01", "--to", "2026-01-03")
	_, email := conversations("")
	require.NotEmpty(t, email, "the sandbox's Chatwoot conversations carry customer e-mails")
	before, _ := conversations(email)
	require.Positive(t, before)

	out := must("hold", "add", "--customer-email", email, "--reason", "case 42")
	id := regexp.MustCompile(`hold (\S+) `).FindStringSubmatch(out)
	require.NotNil(t, id, out)
	require.Contains(t, must("hold", "list"), id[1])

	code, out := run("erase", "--customer-email", email)
	require.Equal(t, 1, code, "erasure of held data is refused: %s", out)
	require.Contains(t, out, id[1])
	require.Contains(t, out, "case 42")
	after, _ := conversations(email)
	require.Equal(t, before, after, "a refused erasure changes nothing")

	must("hold", "remove", id[1])
	require.Contains(t, must("erase", "--customer-email", email, "--dry-run"), "DRY RUN")
	after, _ = conversations(email)
	require.Equal(t, before, after, "a dry run changes nothing")

	out = must("erase", "--customer-email", email, "--reason", "GDPR art. 17 request 7")
	require.Contains(t, out, "erasure ")
	require.NotContains(t, out, email, "the summary never repeats the erased value")
	after, _ = conversations(email)
	require.Zero(t, after, "the customer's transcripts are gone")

	must("sync", "--from", "2026-01-01", "--to", "2026-01-03")
	after, _ = conversations(email)
	require.Zero(t, after, "a re-sync does not bring them back")
	must("archive", "verify", "--strict")
}
