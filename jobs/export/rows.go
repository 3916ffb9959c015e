package export

import (
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// row is one row of transcripts_unified, in the order of schema.TranscriptColumns.
type row struct {
	source, vendor, conversationID                          string
	channel, customerID, customerName, customerEmail        *string
	customerPhone, agentID, agentName, queueID, queue       *string
	startedAt, endedAt                                      *time.Time
	messageID                                               *string
	position                                                *int64
	sentAt                                                  *time.Time
	authorRole, authorID, author, text, translated, msgType *string
	internal                                                uint8
}

func (r *row) dest() []any {
	return []any{&r.source, &r.vendor, &r.conversationID, &r.channel, &r.customerID, &r.customerName, &r.customerEmail,
		&r.customerPhone, &r.agentID, &r.agentName, &r.queueID, &r.queue, &r.startedAt, &r.endedAt,
		&r.messageID, &r.position, &r.sentAt, &r.authorRole, &r.authorID, &r.author, &r.text, &r.translated, &r.msgType, &r.internal}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// groupRows reads rows ordered by conversation and calls emit with each conversation once all
// its rows are read. Only the current conversation is held. A message without a position gets
// its 1-based place in the conversation.
func groupRows(rows driver.Rows, emit func(*Conversation) error) error {
	var cur *Conversation
	for rows.Next() {
		var r row
		if err := rows.Scan(r.dest()...); err != nil {
			return fmt.Errorf("read transcript row: %w", err)
		}
		if cur == nil || cur.Vendor != r.vendor || cur.Source != r.source || cur.ID != r.conversationID {
			if cur != nil {
				if err := emit(cur); err != nil {
					return err
				}
			}
			cur = &Conversation{Source: r.source, Vendor: r.vendor, ID: r.conversationID, Channel: r.channel,
				CustomerID: r.customerID, CustomerName: r.customerName, CustomerEmail: r.customerEmail, CustomerPhone: r.customerPhone,
				AgentID: r.agentID, AgentName: r.agentName, QueueID: r.queueID, Queue: r.queue,
				StartedAt: utc(r.startedAt), EndedAt: utc(r.endedAt)}
		}
		if r.messageID == nil {
			continue // the row of a conversation without messages
		}
		pos := int64(len(cur.Messages) + 1)
		if r.position != nil {
			pos = *r.position
		}
		cur.Messages = append(cur.Messages, Message{Position: pos, ID: r.messageID, SentAt: utc(r.sentAt), AuthorRole: r.authorRole,
			AuthorID: r.authorID, Author: r.author, Text: r.text, TranslatedText: r.translated, Type: r.msgType, Internal: r.internal != 0})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read transcript rows: %w", err)
	}
	if cur != nil {
		return emit(cur)
	}
	return nil
}
