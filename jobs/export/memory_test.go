package export

import (
	"context"
	"fmt"
	"runtime"
	"slices"
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

// liveHeap exports every transcript of ch in all formats and returns the live heap (after a GC)
// sampled every 100 conversations while they were written.
func liveHeap(t *testing.T, ch *load.ClickHouse) (samples []uint64, m *Manifest) {
	t.Helper()
	var ms runtime.MemStats
	_, m = exportTo(t, ch, Options{Progress: func(p Progress) {
		if p.ConversationsDone%100 == 50 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			samples = append(samples, ms.HeapAlloc)
		}
	}})
	return samples, m
}

// TestExportMemoryDoesNotGrowWithConversations: exporting ten times as many conversations does
// not take more memory, and memory stays flat while one export runs. If the export kept
// conversations (or their files' manifest entries), the live heap would grow by about 1 KB per
// message, 5 messages per conversation: over 20 MB more for the larger export. What is allowed
// is the driver's constant read-ahead (a few blocks of at most blockRows rows). No timing is
// measured.
func TestExportMemoryDoesNotGrowWithConversations(t *testing.T) {
	const n, msgs = 500, 5
	small := newDatabase(t)
	insertSynthetic(t, small, 1, n, msgs)
	large := newDatabase(t)
	insertSynthetic(t, large, 1, 10*n, msgs)

	s, ms := liveHeap(t, small)
	require.Equal(t, int64(n), ms.Counts.Conversations)
	l, ml := liveHeap(t, large)
	require.Equal(t, int64(10*n), ml.Counts.Conversations)
	require.Equal(t, int64(10*n*msgs), ml.Counts.Messages)
	require.Len(t, l, 10*n/100)
	retained := uint64(9 * n * msgs * 1000) // what keeping the larger export's extra messages would cost
	first, second := slices.Max(l[:len(l)/2]), slices.Max(l[len(l)/2:])
	t.Logf("live heap: %d conversations peak %.1f MB; %d conversations peak %.1f MB in the first half, %.1f MB in the second (keeping them would add %.1f MB)",
		n, mb(slices.Max(s)), 10*n, mb(first), mb(second), mb(retained))
	require.Less(t, slices.Max(l), slices.Max(s)+retained/5, "memory grows with the number of conversations")
	require.Less(t, second, first+retained/10, "memory grows while the export runs")
}

func mb(b uint64) float64 { return float64(b) / 1e6 }
