package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// transcriptStreams are the demo sources' streams that fill the tables of transcripts_unified.
var transcriptStreams = []string{"acme/transcripts", "acme-dixa/conversations", "acme-dixa/end_users", "acme-dixa/agents",
	"acme-dixa/queues", "acme-chat", "acme-chatwoot"}

// syncDemoSources syncs the transcript streams of the demo sources (one per kind) from a fresh sandbox into a database
// of its own on the shared ClickHouse, over [from, to). resync runs the same sync again.
func syncDemoSources(t *testing.T, from, to time.Time) (ch *load.ClickHouse, resync func()) {
	t.Helper()
	if chServer == nil {
		t.Skip("no ClickHouse server (outside CI only; with CI set the package fails instead)")
	}
	sb := sandbox.New(sandbox.Options{Seed: 3, Scale: 1, Now: func() time.Time { return to.Add(12 * time.Hour) }})
	sb.SetDixaRateLimit(0, 0)
	hs := httptest.NewServer(sb.Handler())
	t.Cleanup(hs.Close)
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "warehouse:\n  clickhouse: {addr: %q, database: tr_%s}\narchive: {dir: %q}\nsources:\n",
		chServer.Addr, hex.EncodeToString(rnd[:]), filepath.Join(t.TempDir(), "archive"))
	env := map[string]string{}
	for _, d := range DemoSources() {
		fmt.Fprintf(&yaml, d.YAML, hs.URL)
		for k, v := range d.Env {
			env[k] = v
		}
	}
	cfg, err := ParseConfig("transcripts.yaml", []byte(yaml.String()), envLookup(env))
	require.NoError(t, err)
	ctx := context.Background()
	ch, err = OpenWarehouse(ctx, cfg, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(func() { ch.Close() })
	require.NoError(t, ch.Migrate(ctx, "test"))
	ar, err := load.NewArchive(cfg.Archive.Dir)
	require.NoError(t, err)
	runner := NewRunner(cfg, ch, ar, nil, zerolog.Nop())
	resync = func() {
		t.Helper()
		rep, err := runner.Sync(ctx, SyncOptions{From: from, To: to, Parallel: 2, Streams: transcriptStreams})
		require.NoError(t, err)
		require.Empty(t, rep.Failed())
	}
	resync()
	return ch, resync
}

// TestTranscriptsUnifiedAgreesWithTables: after a sync of every kind's sandbox, the view holds,
// per vendor, exactly the conversations and messages of the raw tables (latest versions), one
// row per message plus one per conversation without messages, and the customer and agent fields
// that the sandbox's data has.
func TestTranscriptsUnifiedAgreesWithTables(t *testing.T) {
	ch, resync := syncDemoSources(t, day("2026-03-01"), day("2026-03-03"))
	ctx := context.Background()
	db := schema.Quote(ch.Database())
	one := func(q string) int64 {
		t.Helper()
		var n int64
		q = strings.ReplaceAll(q, "{db}", db)
		require.NoError(t, ch.QueryRow(ctx, "SELECT toInt64(("+q+"))").Scan(&n), q)
		return n
	}
	// Per vendor, from one pass over the view (each query of it reads every table).
	type stats struct {
		Convs, Msgs, Rows, Empty, MsgKeys, NoStart, BadRole, Unordered, Customers, Agents, Texts, AgentIDs, CustomerNames int64
	}
	got := map[string]*stats{}
	rows, err := ch.Query(ctx, `SELECT vendor, toInt64(uniqExact(conversation_id)), toInt64(countIf(message_id IS NOT NULL)), toInt64(count()),
			toInt64(countIf(message_id IS NULL)), toInt64(uniqExactIf((conversation_id, message_id), message_id IS NOT NULL)),
			toInt64(countIf(started_at IS NULL)),
			toInt64(countIf(message_id IS NOT NULL AND author_role NOT IN ('customer', 'agent', 'bot', 'system'))),
			toInt64(countIf(message_id IS NOT NULL AND position IS NULL AND sent_at IS NULL)),
			toInt64(countIf(author_role = 'customer')), toInt64(countIf(author_role = 'agent')), toInt64(countIf(text != '')),
			toInt64(countIf(agent_id IS NOT NULL)), toInt64(countIf(customer_name IS NOT NULL))
		FROM `+db+`.transcripts_unified GROUP BY vendor`)
	require.NoError(t, err)
	for rows.Next() {
		var v string
		st := &stats{}
		require.NoError(t, rows.Scan(&v, &st.Convs, &st.Msgs, &st.Rows, &st.Empty, &st.MsgKeys, &st.NoStart, &st.BadRole, &st.Unordered,
			&st.Customers, &st.Agents, &st.Texts, &st.AgentIDs, &st.CustomerNames))
		got[v] = st
	}
	require.NoError(t, rows.Err())
	rows.Close()
	require.Len(t, got, len(schema.TranscriptVendors))
	for _, v := range schema.TranscriptVendors {
		st := got[v.Vendor]
		require.NotNil(t, st, v.Vendor)
		convs := one("SELECT count() FROM {db}." + v.Conversations + " FINAL")
		msgs := one("SELECT count() FROM {db}." + v.Messages + " FINAL")
		require.Positive(t, convs, v.Conversations)
		require.Positive(t, msgs, v.Messages)
		require.Equal(t, convs, st.Convs, "%s: conversations", v.Vendor)
		require.Equal(t, msgs, st.Msgs, "%s: messages", v.Vendor)
		require.Equal(t, msgs, st.MsgKeys, "%s: one row per message", v.Vendor)
		require.Equal(t, msgs+st.Empty, st.Rows, "%s: rows are messages + conversations without any", v.Vendor)
		require.Equal(t, convs-one("SELECT uniqExact(_source, "+messageKey(v.Messages)+") FROM {db}."+v.Messages+" FINAL"), st.Empty,
			"%s: conversations without messages", v.Vendor)
		require.Zero(t, st.NoStart, "%s: every message has its conversation", v.Vendor)
		require.Zero(t, st.BadRole, "%s: author roles are normalized", v.Vendor)
		require.Zero(t, st.Unordered, "%s: every message can be ordered", v.Vendor)
		for what, n := range map[string]int64{"customer messages": st.Customers, "agent messages": st.Agents, "texts": st.Texts,
			"agent ids": st.AgentIDs, "customer names": st.CustomerNames} {
			require.Positive(t, n, "%s: %s", v.Vendor, what)
		}
	}
	// Fields the sandbox has, per vendor, against the raw tables.
	require.Equal(t, one("SELECT count() FROM {db}.vcc_transcript_messages FINAL WHERE translated_message IS NOT NULL"),
		one("SELECT count() FROM {db}.transcripts_unified WHERE vendor = 'vcc' AND translated_text IS NOT NULL"), "8x8 translations")
	require.Equal(t, one("SELECT count() FROM {db}.vcc_transcripts FINAL WHERE agent_name IS NOT NULL"),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'vcc' AND agent_name IS NOT NULL"), "8x8 agents")
	require.Equal(t, one("SELECT count() FROM {db}.vcc_chat_conversations FINAL WHERE customer_email IS NOT NULL"),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'vcc_chat' AND customer_email IS NOT NULL"), "8x8 chat e-mails")
	require.Positive(t, one("SELECT count() FROM {db}.transcripts_unified WHERE vendor = 'vcc_chat' AND translated_text IS NOT NULL"))
	require.Equal(t, one(`SELECT count() FROM {db}.dixa_conversations FINAL WHERE requester_id IN
			(SELECT id FROM {db}.dixa_end_users FINAL WHERE email IS NOT NULL) OR from_email IS NOT NULL`),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'dixa' AND customer_email IS NOT NULL"), "Dixa e-mails")
	require.Equal(t, one("SELECT count() FROM {db}.dixa_conversations FINAL WHERE assignment_agent_id IS NOT NULL"),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'dixa' AND agent_name IS NOT NULL"), "Dixa agent names")
	require.Equal(t, one("SELECT count() FROM {db}.dixa_conversations FINAL WHERE queue_id IS NOT NULL"),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'dixa' AND queue IS NOT NULL"), "Dixa queue names")
	require.Equal(t, one(`SELECT count() FROM {db}.chatwoot_conversations FINAL WHERE sender_id IN
			(SELECT id FROM {db}.chatwoot_contacts FINAL WHERE phone_number IS NOT NULL)`),
		one("SELECT uniqExact(conversation_id) FROM {db}.transcripts_unified WHERE vendor = 'chatwoot' AND customer_phone IS NOT NULL"), "Chatwoot phones")
	require.Equal(t, one("SELECT count() FROM {db}.chatwoot_messages FINAL WHERE private = 1"),
		one("SELECT count() FROM {db}.transcripts_unified WHERE vendor = 'chatwoot' AND internal = 1"), "Chatwoot private notes")
	require.Positive(t, one("SELECT count() FROM {db}.transcripts_unified WHERE vendor = 'chatwoot' AND queue IS NOT NULL"))

	// A re-sync adds versions, not rows: the view reads the latest version of each row.
	before := one("SELECT count() FROM {db}.transcripts_unified")
	resync()
	require.Greater(t, one("SELECT count() FROM {db}.vcc_transcript_messages"), one("SELECT count() FROM {db}.vcc_transcript_messages FINAL"),
		"the re-sync added versions")
	require.Equal(t, before, one("SELECT count() FROM {db}.transcripts_unified"))
	require.Equal(t, before, one("SELECT count() FROM (SELECT DISTINCT * FROM {db}.transcripts_unified)"))
}

// messageKey is the column of a message table that names its conversation.
func messageKey(table string) string {
	if table == "vcc_transcript_messages" {
		return "interaction_guid"
	}
	return "conversation_id"
}
