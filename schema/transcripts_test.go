package schema

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func transcriptsView(t *testing.T) View {
	t.Helper()
	for _, v := range Views() {
		if v.Name == TranscriptsUnified {
			return v
		}
	}
	t.Fatal("schema.Views() has no " + TranscriptsUnified)
	return View{}
}

// TestTranscriptsUnifiedGolden pins the view's SQL (testdata/transcripts_unified.sql; go test
// ./schema -update rewrites it). The jobs tests run it against a real ClickHouse.
func TestTranscriptsUnifiedGolden(t *testing.T) {
	got := transcriptsView(t).SQL("ccwh") + "\n"
	golden := filepath.Join("testdata", "transcripts_unified.sql")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), got)
}

// TestTranscriptsUnifiedReadsLatestVersions: every table the view reads exists, is read with
// FINAL (the latest version of each row), and is one of the tables TranscriptVendors lists.
func TestTranscriptsUnifiedReadsLatestVersions(t *testing.T) {
	q := transcriptsView(t).Query
	refs := regexp.MustCompile(`\{db\}\.([a-z_]+)( FINAL)?`).FindAllStringSubmatch(q, -1)
	require.NotEmpty(t, refs)
	var read []string
	for _, r := range refs {
		_, err := Lookup(r[1])
		require.NoError(t, err, r[1])
		require.Equal(t, " FINAL", r[2], "%s is read without FINAL", r[1])
		if !slices.Contains(read, r[1]) {
			read = append(read, r[1])
		}
	}
	var listed []string
	for _, v := range TranscriptVendors {
		listed = append(listed, v.Conversations, v.Messages)
		listed = append(listed, v.Lookups...)
	}
	sort.Strings(read)
	sort.Strings(listed)
	require.Equal(t, listed, read)
}

// TestTranscriptsUnifiedBranchesAgree: every UNION ALL branch (two per vendor: messages, and
// conversations without messages) names the view's columns in the same order, so the branches
// line up on every server.
func TestTranscriptsUnifiedBranchesAgree(t *testing.T) {
	q := transcriptsView(t).Query
	branches := strings.Split(q, "\nUNION ALL\n")
	require.Len(t, branches, 2*len(TranscriptVendors))
	for i, b := range branches {
		vendor := TranscriptVendors[i/2].Vendor
		require.Contains(t, b, "'"+vendor+"' AS vendor", "branch %d", i)
		at := 0
		for _, c := range TranscriptColumns {
			j := strings.Index(b[at:], " AS "+c+",")
			if c == TranscriptColumns[len(TranscriptColumns)-1] {
				j = strings.Index(b[at:], " AS "+c+"\n")
			}
			require.GreaterOrEqual(t, j, 0, "branch %d (%s): column %s missing or out of order", i, vendor, c)
			at += j + 1
		}
	}
	require.Equal(t, len(trConvCols)+len(trMsgColNames)+3, len(TranscriptColumns))
}
