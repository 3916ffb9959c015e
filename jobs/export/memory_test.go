package export

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// insertSynthetic adds n Chatwoot conversations of msgs messages each (about 1 KB of text per
// message) with ids starting at first, straight into ClickHouse.
func insertSynthetic(t testing.TB, ch *load.ClickHouse, first, n, msgs int) {
	t.Helper()
	ctx := context.Background()
	db := schema.Quote(ch.Database())
	require.NoError(t, ch.Exec(ctx, fmt.Sprintf(`INSERT INTO %s.chatwoot_conversations
		(id, status, timestamp, sender_id, sender_name, assignee_id, assignee_name, _source, _run_id, _extracted_at, _version, _extra)
		SELECT %d + number, 'resolved', toDateTime('2026-02-01 00:00:00', 'UTC') + number * 60, number %% 100, concat('Contact ', toString(number %% 100)),
			number %% 7, concat('Agent ', toString(number %% 7)), 'synthetic', 'run-1', now(), 1, ''
		FROM system.numbers LIMIT %d`, db, first, n)))
	require.NoError(t, ch.Exec(ctx, fmt.Sprintf(`INSERT INTO %s.chatwoot_messages
		(id, conversation_id, content, message_type, created_at, sender_type, sender_name, _source, _run_id, _extracted_at, _version, _extra)
		SELECT number, %d + intDiv(number, %d), concat('message ', toString(number), ': ', arrayStringConcat(arrayMap(x -> 'lorem ipsum ', range(80)))),
			if(number %% 2 = 0, 'incoming', 'outgoing'), toDateTime('2026-02-01 00:00:00', 'UTC') + number, if(number %% 2 = 0, 'contact', 'user'),
			'someone', 'synthetic', 'run-1', now(), 1, ''
		FROM system.numbers LIMIT %d`, db, first, msgs, n*msgs)))
}

// peakLiveHeap exports every transcript of ch in all formats and returns the largest live heap
// (after a GC) seen while conversations were written, sampled every 100 conversations.
func peakLiveHeap(t *testing.T, ch *load.ClickHouse) (peak uint64, m *Manifest) {
	t.Helper()
	var ms runtime.MemStats
	sample := func() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	_, m = exportTo(t, ch, Options{Progress: func(p Progress) {
		if p.ConversationsDone%100 == 50 {
			sample()
		}
	}})
	return peak, m
}

// TestExportMemoryDoesNotGrowWithConversations: exporting ten times as many conversations does
// not take more memory. If the export kept conversations (or their files' manifest entries), the
// live heap would grow by several MB between the two exports (about 1 KB per message, 5 messages
// per conversation); it may only differ by noise. No timing is measured.
func TestExportMemoryDoesNotGrowWithConversations(t *testing.T) {
	const n, msgs = 500, 5
	small := newDatabase(t)
	insertSynthetic(t, small, 1, n, msgs)
	large := newDatabase(t)
	insertSynthetic(t, large, 1, 10*n, msgs)

	peakSmall, ms := peakLiveHeap(t, small)
	require.Equal(t, int64(n), ms.Counts.Conversations)
	peakLarge, ml := peakLiveHeap(t, large)
	require.Equal(t, int64(10*n), ml.Counts.Conversations)
	require.Equal(t, int64(10*n*msgs), ml.Counts.Messages)
	retained := uint64(9 * n * msgs * 1000) // what keeping the extra conversations' texts would cost
	t.Logf("peak live heap: %d conversations %.1f MB, %d conversations %.1f MB (keeping them would add %.1f MB)",
		n, float64(peakSmall)/1e6, 10*n, float64(peakLarge)/1e6, float64(retained)/1e6)
	require.Less(t, peakLarge, peakSmall+retained/4, "memory grows with the number of conversations")
}
