package export

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// exported lists the vendor/conversation ids an export wrote, sorted.
func exported(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, c := range readJSONL(t, dir) {
		out = append(out, c.Vendor+"/"+c.ConversationID)
	}
	sort.Strings(out)
	return out
}

func sorted(xs []string) []string { sort.Strings(xs); return xs }

// TestExportFilters: each filter selects exactly the conversations the raw vendor tables say it
// should (the expectations are computed from the tables, not from transcripts_unified).
func TestExportFilters(t *testing.T) {
	fx := sandboxWarehouse(t)
	ch := fx.ch
	from, to := fxWindow[0].Add(6*time.Hour), fxWindow[0].Add(30*time.Hour)

	// Known values from the sandbox's rows.
	dixaEmail := strings1(t, ch, `SELECT email FROM {db}.dixa_end_users FINAL WHERE email IS NOT NULL AND id IN
		(SELECT requester_id FROM {db}.dixa_conversations FINAL) ORDER BY email LIMIT 1`)[0]
	cwPhone := strings1(t, ch, `SELECT phone_number FROM {db}.chatwoot_contacts FINAL WHERE phone_number IS NOT NULL AND id IN
		(SELECT sender_id FROM {db}.chatwoot_conversations FINAL) ORDER BY id LIMIT 1`)[0]
	vccConv := strings1(t, ch, "SELECT interaction_guid FROM {db}.vcc_transcripts FINAL ORDER BY interaction_guid LIMIT 1")[0]
	cwConv := strings1(t, ch, "SELECT toString(id) FROM {db}.chatwoot_conversations FINAL ORDER BY id LIMIT 1 OFFSET 3")[0]
	chatCustomer := strings1(t, ch, "SELECT customer_email FROM {db}.vcc_chat_conversations FINAL WHERE customer_email IS NOT NULL ORDER BY id LIMIT 1")[0]
	vccAgent := strings1(t, ch, "SELECT agent_id FROM {db}.vcc_transcripts FINAL WHERE agent_id IS NOT NULL ORDER BY start_date LIMIT 1")[0]
	dixaAgent := strings1(t, ch, `SELECT display_name FROM {db}.dixa_agents FINAL WHERE id IN
		(SELECT assignment_agent_id FROM {db}.dixa_conversations FINAL) ORDER BY id LIMIT 1`)[0]
	vccQueue := strings1(t, ch, "SELECT queue_name FROM {db}.vcc_transcripts FINAL WHERE queue_name IS NOT NULL ORDER BY start_date LIMIT 1")[0]
	digits := phoneDigits(cwPhone)
	require.GreaterOrEqual(t, len(digits), 10, cwPhone)

	ids := func(vendor, q string, args ...any) []string {
		var out []string
		for _, id := range strings1(t, ch, q, args...) {
			out = append(out, vendor+"/"+id)
		}
		return out
	}
	ts := func(tm time.Time) int64 { return tm.Unix() }
	cases := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"vendor", Filter{Vendors: []string{schema.VendorDixa}},
			ids("dixa", "SELECT toString(id) FROM {db}.dixa_conversations FINAL")},
		{"source", Filter{Sources: []string{"acme-chat"}},
			ids("vcc_chat", "SELECT id FROM {db}.vcc_chat_conversations FINAL")},
		{"conversation ids of two vendors", Filter{Conversations: []string{vccConv, cwConv}},
			[]string{"chatwoot/" + cwConv, "vcc/" + vccConv}},
		{"conversation id and the wrong vendor", Filter{Conversations: []string{vccConv}, Vendors: []string{schema.VendorDixa}}, nil},
		{"customer e-mail, any case", Filter{CustomerEmail: " " + strings.ToUpper(dixaEmail) + " "},
			ids("dixa", `SELECT toString(id) FROM {db}.dixa_conversations FINAL WHERE from_email = ? OR requester_id IN
				(SELECT id FROM {db}.dixa_end_users FINAL WHERE email = ?)`, dixaEmail, dixaEmail)},
		{"customer e-mail of the 8x8 Chat API", Filter{CustomerEmail: chatCustomer},
			ids("vcc_chat", "SELECT id FROM {db}.vcc_chat_conversations FINAL WHERE customer_email = ?", chatCustomer)},
		{"customer phone, formatted otherwise and without country code", Filter{CustomerPhone: "(" + digits[1:4] + ") " + digits[4:7] + "-" + digits[7:]},
			ids("chatwoot", `SELECT toString(id) FROM {db}.chatwoot_conversations FINAL WHERE sender_id IN
				(SELECT id FROM {db}.chatwoot_contacts FINAL WHERE phone_number = ?)`, cwPhone)},
		{"customer phone with 00 prefix", Filter{CustomerPhone: "00" + digits},
			ids("chatwoot", `SELECT toString(id) FROM {db}.chatwoot_conversations FINAL WHERE sender_id IN
				(SELECT id FROM {db}.chatwoot_contacts FINAL WHERE phone_number = ?)`, cwPhone)},
		{"customer id", Filter{CustomerID: "1", Vendors: []string{schema.VendorChatwoot}},
			ids("chatwoot", "SELECT toString(id) FROM {db}.chatwoot_conversations FINAL WHERE sender_id = 1")},
		{"agent id", Filter{Agent: vccAgent},
			ids("vcc", "SELECT interaction_guid FROM {db}.vcc_transcripts FINAL WHERE agent_id = ?", vccAgent)},
		{"agent name", Filter{Agent: dixaAgent},
			ids("dixa", `SELECT toString(id) FROM {db}.dixa_conversations FINAL WHERE assignment_agent_id IN
				(SELECT id FROM {db}.dixa_agents FINAL WHERE display_name = ?)`, dixaAgent)},
		{"queue", Filter{Queue: vccQueue, Vendors: []string{schema.VendorVCC}},
			ids("vcc", "SELECT interaction_guid FROM {db}.vcc_transcripts FINAL WHERE queue_name = ?", vccQueue)},
		{"time range", Filter{From: from, To: to}, append(append(append(
			ids("vcc", "SELECT interaction_guid FROM {db}.vcc_transcripts FINAL WHERE toUInt32(start_date) >= ? AND toUInt32(start_date) < ?", ts(from), ts(to)),
			ids("vcc_chat", "SELECT id FROM {db}.vcc_chat_conversations FINAL WHERE toUInt32(start_time) >= ? AND toUInt32(start_time) < ?", ts(from), ts(to))...),
			ids("dixa", "SELECT toString(id) FROM {db}.dixa_conversations FINAL WHERE toUInt32(created_at) >= ? AND toUInt32(created_at) < ?", ts(from), ts(to))...),
			ids("chatwoot", "SELECT toString(id) FROM {db}.chatwoot_conversations FINAL WHERE toUInt32(timestamp) >= ? AND toUInt32(timestamp) < ?", ts(from), ts(to))...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name != "conversation id and the wrong vendor" {
				require.NotEmpty(t, c.want, "the sandbox has data for this filter")
			}
			dir, m := exportTo(t, ch, Options{Filter: c.filter, Formats: []string{FormatJSONL}})
			require.Equal(t, sorted(c.want), exported(t, dir))
			require.Equal(t, int64(len(c.want)), m.Counts.Conversations)
			require.Equal(t, c.filter, m.Filter, "the manifest records the filter")
			back, err := ReadManifest(dir)
			require.NoError(t, err)
			require.True(t, back.Filter.From.Equal(c.filter.From) && back.Filter.To.Equal(c.filter.To))
			require.Equal(t, c.filter.CustomerPhone, back.Filter.CustomerPhone)
		})
	}
	t.Run("bad filters", func(t *testing.T) {
		for _, f := range []Filter{{Vendors: []string{"zendesk"}}, {From: to, To: from}, {CustomerPhone: "n/a"}} {
			_, err := Transcripts(t.Context(), ch, Options{Dir: t.TempDir(), Filter: f})
			require.ErrorIs(t, err, ErrBadFilter)
		}
	})
}

func phoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
