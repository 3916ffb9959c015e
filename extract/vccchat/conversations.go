package vccchat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// customerKnown maps the predefined customer properties to their fields (A.7.1); every other
// (string-valued, custom) property goes into customerAttributes.
var customerKnown = map[string]string{"name": "customerName", "customerId": "customerCustomerId", "email": "customerEmail",
	"company": "customerCompany", "caseId": "customerCaseId", "language": "customerLanguage"}

// FlattenConversation splits a ConversationResult into its conversation record and its
// interaction records.
func FlattenConversation(in obj) (conv obj, interactions []obj) {
	conv = obj{}
	id := in["id"]
	for k, v := range in {
		switch k {
		case "customer", "interactions":
		default:
			conv[k] = v
		}
	}
	var cust obj
	if v, ok := in["customer"]; ok && json.Unmarshal(v, &cust) == nil {
		attrs := obj{}
		for k, v := range cust {
			if f, ok := customerKnown[k]; ok {
				conv[f] = v
			} else {
				attrs[k] = v
			}
		}
		if len(attrs) > 0 {
			conv["customerAttributes"] = raw(attrs)
		}
	}
	var ints []obj
	if v, ok := in["interactions"]; ok {
		_ = json.Unmarshal(v, &ints)
	}
	for _, it := range ints {
		it["conversationId"] = id
		interactions = append(interactions, it)
	}
	conv["interactionCount"] = raw(len(ints))
	return conv, interactions
}

// ParseParticipants reads {participants: …} — declared as one object (A.7.3), read as an
// object or an array.
func ParseParticipants(body []byte) ([]obj, error) {
	var w struct {
		Participants json.RawMessage `json:"participants"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: participants: %v", ErrBadResponse, err)
	}
	p := bytes.TrimSpace(w.Participants)
	switch {
	case len(p) == 0 || string(p) == "null":
		return nil, nil
	case p[0] == '[':
		var arr []obj
		if err := json.Unmarshal(p, &arr); err != nil {
			return nil, fmt.Errorf("%w: participants: %v", ErrBadResponse, err)
		}
		return arr, nil
	}
	var one obj
	if err := json.Unmarshal(p, &one); err != nil {
		return nil, fmt.Errorf("%w: participants: %v", ErrBadResponse, err)
	}
	return []obj{one}, nil
}

// ParseMessages reads {messages: [...]} (A.7.2) and numbers them 1, 2, … in list order.
func ParseMessages(body []byte, conversationID json.RawMessage) ([]obj, error) {
	var w struct {
		Messages []obj `json:"messages"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: messages: %v", ErrBadResponse, err)
	}
	for i, m := range w.Messages {
		m["conversationId"] = conversationID
		m["position"] = raw(i + 1)
	}
	return w.Messages, nil
}

// conversationsStream: GET …/conversations?status=all&order=asc (paged), and per conversation
// GET …/participants and GET …/messages. Feeds vcc_chat_conversations, vcc_chat_interactions,
// vcc_chat_participants and vcc_chat_messages.
func conversationsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "conversations", table: schema.VCCChatConversations}
	st.fetch = func(ctx context.Context, emit extract.Emit) error {
		q := url.Values{"status": {"all"}, "order": {"asc"}}
		return s.pages(ctx, st, "/conversations", q, func(items []obj, req string, resp httpx.Response, n int) error {
			var convs, ints []obj
			for _, it := range items {
				c, is := FlattenConversation(it)
				convs = append(convs, c)
				ints = append(ints, is...)
			}
			if err := s.emitRecords(ctx, st, emit, schema.VCCChatConversations, "", req, resp, n, convs); err != nil {
				return err
			}
			if err := s.emitRecords(ctx, st, emit, schema.VCCChatInteractions, "", req, resp, n, ints); err != nil {
				return err
			}
			for _, c := range convs {
				if err := s.children(ctx, st, emit, c["id"]); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return st
}

// children loads one conversation's participants and messages (unpaged).
func (s *Source) children(ctx context.Context, st *Stream, emit extract.Emit, idRaw json.RawMessage) error {
	var id string
	if err := json.Unmarshal(idRaw, &id); err != nil || id == "" {
		return fmt.Errorf("%w: a conversation without an id", ErrBadResponse)
	}
	entity := "conversation=" + id
	base := s.base + "/conversations/" + url.PathEscape(id)
	u := base + "/participants"
	resp, err := s.get(ctx, u)
	if err != nil {
		return fmt.Errorf("%s participants: %w", entity, err)
	}
	ps, err := ParseParticipants(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: %w", entity, err)
	}
	for _, p := range ps {
		p["conversationId"] = idRaw
	}
	if err := s.emitRecords(ctx, st, emit, schema.VCCChatParticipants, entity, "GET "+httpx.Redact(u), resp, 1, ps); err != nil {
		return err
	}
	u = base + "/messages"
	resp, err = s.get(ctx, u)
	if err != nil {
		return fmt.Errorf("%s messages: %w", entity, err)
	}
	ms, err := ParseMessages(resp.Body, idRaw)
	if err != nil {
		return fmt.Errorf("%s: %w", entity, err)
	}
	return s.emitRecords(ctx, st, emit, schema.VCCChatMessages, entity, "GET "+httpx.Redact(u), resp, 1, ms)
}
