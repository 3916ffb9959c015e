package export

import (
	"encoding/json"
	"fmt"
)

// jsonlWriter writes transcripts.jsonl: one conversation per line, its fields named as the
// columns of transcripts_unified, its messages in an array.
type jsonlWriter struct {
	out *outFile
	enc *json.Encoder
	log *fileLog
}

// JSONLFile is the JSONL file of an export.
const JSONLFile = "transcripts.jsonl"

type jsonConversation struct {
	Source         string        `json:"source"`
	Vendor         string        `json:"vendor"`
	ConversationID string        `json:"conversation_id"`
	Channel        *string       `json:"channel"`
	CustomerID     *string       `json:"customer_id"`
	CustomerName   *string       `json:"customer_name"`
	CustomerEmail  *string       `json:"customer_email"`
	CustomerPhone  *string       `json:"customer_phone"`
	AgentID        *string       `json:"agent_id"`
	AgentName      *string       `json:"agent_name"`
	QueueID        *string       `json:"queue_id"`
	Queue          *string       `json:"queue"`
	StartedAt      *string       `json:"started_at"`
	EndedAt        *string       `json:"ended_at"`
	Messages       []jsonMessage `json:"messages"`
}

type jsonMessage struct {
	Position       int64   `json:"position"`
	MessageID      *string `json:"message_id"`
	SentAt         *string `json:"sent_at"`
	AuthorRole     *string `json:"author_role"`
	AuthorID       *string `json:"author_id"`
	Author         *string `json:"author"`
	Text           *string `json:"text"`
	TranslatedText *string `json:"translated_text"`
	MessageType    *string `json:"message_type"`
	Internal       bool    `json:"internal"`
}

func newJSONL(root string, log *fileLog) (*jsonlWriter, error) {
	out, err := createOut(root, JSONLFile, "jsonl")
	if err != nil {
		return nil, err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{out: out, enc: enc, log: log}, nil
}

func timePtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (w *jsonlWriter) write(c *Conversation) error {
	j := jsonConversation{Source: c.Source, Vendor: c.Vendor, ConversationID: c.ID, Channel: c.Channel,
		CustomerID: c.CustomerID, CustomerName: c.CustomerName, CustomerEmail: c.CustomerEmail, CustomerPhone: c.CustomerPhone,
		AgentID: c.AgentID, AgentName: c.AgentName, QueueID: c.QueueID, Queue: c.Queue,
		StartedAt: timePtr(fmtTime(c.StartedAt)), EndedAt: timePtr(fmtTime(c.EndedAt)), Messages: make([]jsonMessage, len(c.Messages))}
	for i, m := range c.Messages {
		j.Messages[i] = jsonMessage{Position: m.Position, MessageID: m.ID, SentAt: timePtr(fmtTime(m.SentAt)), AuthorRole: m.AuthorRole,
			AuthorID: m.AuthorID, Author: m.Author, Text: m.Text, TranslatedText: m.TranslatedText, MessageType: m.Type, Internal: m.Internal}
	}
	if err := w.enc.Encode(j); err != nil {
		return fmt.Errorf("export: %s: conversation %s/%s: %w", JSONLFile, c.Vendor, c.ID, err)
	}
	w.out.conversations++
	w.out.messages += int64(len(c.Messages))
	return nil
}

func (w *jsonlWriter) finish() error {
	e, err := w.out.close()
	if err != nil {
		return err
	}
	return w.log.add(e)
}

func (w *jsonlWriter) abort() { w.out.abort() }
