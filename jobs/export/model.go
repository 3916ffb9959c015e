package export

import (
	"time"

	"github.com/ccwh/ccwh/transform"
)

// Conversation is one conversation of transcripts_unified with its messages in order.
type Conversation struct {
	Source, Vendor, ID string
	Channel            *string
	CustomerID         *string
	CustomerName       *string
	CustomerEmail      *string
	CustomerPhone      *string
	AgentID, AgentName *string
	QueueID, Queue     *string
	StartedAt, EndedAt *time.Time
	Messages           []Message
}

// Message is one message of a conversation. Position is the vendor's position where it has one
// (8x8), else the 1-based order of the message in the export (by time, then message id).
type Message struct {
	Position       int64
	ID             *string
	SentAt         *time.Time
	AuthorRole     *string // customer, agent, bot or system
	AuthorID       *string
	Author         *string
	Text           *string
	TranslatedText *string
	Type           *string // vendor message type (Dixa attributes type, Chatwoot content type)
	Internal       bool    // an internal note (Chatwoot private note, Dixa internal message)
}

// TimeLayout is how every export format writes timestamps: UTC with milliseconds.
const TimeLayout = "2006-01-02T15:04:05.000Z"

func fmtTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(TimeLayout)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// redact replaces personal identifiers in the message texts of c.
func redact(c *Conversation, kinds transform.PIIKind) {
	if kinds == 0 {
		return
	}
	for i := range c.Messages {
		m := &c.Messages[i]
		for _, p := range []**string{&m.Text, &m.TranslatedText} {
			if *p != nil {
				r := transform.Redact(**p, kinds)
				*p = &r
			}
		}
	}
}

// ParseRedact reads a --redact list: email, phone, card (comma-separated), or all; empty is none.
func ParseRedact(s string) (transform.PIIKind, error) {
	var k transform.PIIKind
	for _, part := range splitList(s) {
		switch part {
		case "email":
			k |= transform.PIIEmail
		case "phone":
			k |= transform.PIIPhone
		case "card":
			k |= transform.PIICard
		case "all":
			k |= transform.PIIAll
		default:
			return 0, errorf(ErrBadFilter, "unknown redaction %q (email, phone, card or all)", part)
		}
	}
	return k, nil
}

// redactNames lists the kinds in k, in a fixed order.
func redactNames(k transform.PIIKind) []string {
	out := []string{}
	for _, x := range []transform.PIIKind{transform.PIIEmail, transform.PIIPhone, transform.PIICard} {
		if k&x != 0 {
			out = append(out, x.String())
		}
	}
	return out
}
