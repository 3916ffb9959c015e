package chatwoot_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/schema"
)

var window = extract.Window{From: time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}

var streamCases = []struct {
	name   string
	tables []*schema.Table
	fault  string
}{
	{"conversations", []*schema.Table{schema.ChatwootConversations, schema.ChatwootMessages}, "/chatwoot/api/v1/accounts/1/conversations"},
	{"contacts", []*schema.Table{schema.ChatwootContacts}, "/chatwoot/api/v1/accounts/1/contacts"},
	{"inboxes", []*schema.Table{schema.ChatwootInboxes}, "/chatwoot/api/v1/accounts/1/inboxes"},
	{"teams", []*schema.Table{schema.ChatwootTeams}, "/chatwoot/api/v1/accounts/1/teams"},
	{"agents", []*schema.Table{schema.ChatwootAgents}, "/chatwoot/api/v1/accounts/1/agents"},
}

// TestConformancePaging: every status is listed (not only the API's default open), pages until
// an empty page, messages paged backwards; every table equals the sandbox.
func TestConformancePaging(t *testing.T) {
	for _, tc := range streamCases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.name).Fetch(context.Background(), window, c.emit))
			truth := e.sb.ChatwootCounts(window)
			for _, tb := range tc.tables {
				require.Positive(t, truth[tb.Name])
				require.Len(t, c.rows(tb), truth[tb.Name], tb.Name)
			}
		})
	}
}

// TestConversationsRecords: statuses, epoch → UTC, lifted sender/assignee, message types.
func TestConversationsRecords(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	require.NoError(t, e.stream(t, e.config(), "conversations").Fetch(context.Background(), window, c.emit))
	statuses := map[any]int{}
	for _, r := range c.rows(schema.ChatwootConversations) {
		statuses[r["status"]]++
		require.NotNil(t, r["timestamp"])
		require.NotNil(t, r["sender_id"])
		require.NotNil(t, r["assignee_email"])
	}
	for _, s := range []string{"open", "pending", "bot", "resolved"} {
		require.Positive(t, statuses[s], s)
	}
	types := map[any]bool{}
	for _, m := range c.rows(schema.ChatwootMessages) {
		types[m["message_type"]] = true
		require.Contains(t, m["created_at"], "2026-01-")
	}
	require.Equal(t, map[any]bool{"incoming": true, "outgoing": true}, types, "integers mapped to names")
}

// TestOpenConversationsReadAgain: a later window still loads the conversations that are not
// resolved, and only those.
func TestOpenConversationsReadAgain(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	later := extract.Window{From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, e.stream(t, e.config(), "conversations").Fetch(context.Background(), later, c.emit))
	rows := c.rows(schema.ChatwootConversations)
	require.Len(t, rows, e.sb.ChatwootCounts(later)["chatwoot_conversations"])
	for _, r := range rows {
		require.NotEqual(t, "resolved", r["status"])
	}
}

func TestConformanceAuthRejected(t *testing.T) {
	e := newEnv(t)
	cfg := e.config()
	cfg.Token = "wrong-token"
	for _, tc := range streamCases {
		err := e.stream(t, cfg, tc.name).Fetch(context.Background(), window, newCollector(t).emit)
		require.ErrorIs(t, err, extract.ErrAuth, tc.name)
		require.ErrorContains(t, err, "You need to sign in")
		require.NotContains(t, err.Error(), "wrong-token")
	}
}

func TestConformanceRecovers(t *testing.T) {
	for _, tc := range streamCases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.sb.Faults().Inject(tc.fault, sandbox.Fault{Status: 429, RetryAfter: "0", Times: 1})
			e.sb.Faults().Inject(tc.fault, sandbox.Fault{Status: 503, Times: 1})
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.name).Fetch(context.Background(), window, c.emit))
			require.Len(t, c.rows(tc.tables[0]), e.sb.ChatwootCounts(window)[tc.tables[0].Name])
		})
	}
}

func TestConformanceEmptyAndCancel(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	require.NoError(t, e.stream(t, e.config(), "conversations").Fetch(context.Background(), extract.Window{From: window.From, To: window.From}, c.emit))
	require.Empty(t, c.pages)
	err := e.stream(t, e.config(), "conversations").Fetch(context.Background(), extract.Window{}, c.emit)
	require.ErrorIs(t, err, extract.ErrNoWindow)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range streamCases {
		err := e.stream(t, e.config(), tc.name).Fetch(ctx, window, c.emit)
		require.ErrorIs(t, err, context.Canceled, tc.name)
	}
}
