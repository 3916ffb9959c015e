package chatwoot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

type obj = map[string]json.RawMessage

// APIError is Chatwoot's bad_request_error (B.7): {description, errors: [{field, message,
// code}]}; newer servers also answer {error: "…"} or {message: "…"}.
type APIError struct {
	Description string
	Errors      []string
}

func (e *APIError) Error() string {
	s := "chatwoot: " + e.Description
	if len(e.Errors) > 0 {
		s += " (" + strings.Join(e.Errors, "; ") + ")"
	}
	return s
}

// ParseError decodes an error body; ok is false for anything else.
func ParseError(body []byte) (*APIError, bool) {
	var raw struct {
		Description string `json:"description"`
		Error       string `json:"error"`
		Message     string `json:"message"`
		Errors      []struct {
			Field, Message, Code string
		} `json:"errors"`
	}
	if json.Unmarshal(body, &raw) != nil {
		return nil, false
	}
	e := &APIError{Description: raw.Description}
	if e.Description == "" {
		e.Description = raw.Error
	}
	if e.Description == "" {
		e.Description = raw.Message
	}
	for _, x := range raw.Errors {
		s := x.Message
		if x.Field != "" {
			s = x.Field + ": " + s
		}
		if x.Code != "" {
			s += " [" + x.Code + "]"
		}
		e.Errors = append(e.Errors, s)
	}
	if e.Description == "" && len(e.Errors) == 0 {
		return nil, false
	}
	return e, true
}

// ParseList reads a list in any of the shapes Chatwoot servers send: a bare array, {payload:
// […]}, {data: {payload: […]}} or {data: […]}.
func ParseList(body []byte) ([]obj, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || string(body) == "null" {
		return nil, nil
	}
	var arr []obj
	if body[0] == '[' {
		if err := json.Unmarshal(body, &arr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
		}
		return arr, nil
	}
	var w struct {
		Payload json.RawMessage `json:"payload"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
	}
	switch {
	case len(w.Payload) > 0:
		return ParseList(w.Payload)
	case len(w.Data) > 0:
		return ParseList(w.Data)
	}
	return nil, fmt.Errorf("%w: a list object without payload or data", ErrBadResponse)
}

// epoch converts an epoch timestamp (a JSON number or a string of digits; seconds, or
// milliseconds when larger than 10^11) into an RFC 3339 UTC JSON string; any other value is
// returned unchanged (an ISO 8601 string is decoded as such), null stays null.
func epoch(v json.RawMessage) json.RawMessage {
	s := strings.TrimSpace(string(v))
	if s == "" || s == "null" {
		return v
	}
	if s[0] == '"' {
		var str string
		if json.Unmarshal(v, &str) != nil {
			return v
		}
		s = strings.TrimSpace(str)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e15 {
		return v
	}
	var t time.Time
	if f > 1e11 {
		t = time.UnixMilli(int64(f))
	} else {
		sec := int64(f)
		t = time.Unix(sec, int64((f-float64(sec))*1e9))
	}
	b, _ := json.Marshal(t.UTC().Format("2006-01-02T15:04:05.000Z"))
	return b
}

// epochOf returns the instant of an epoch or ISO value, zero when absent or unreadable.
func epochOf(v json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(epoch(v), &s) != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// lift moves the fields of a nested object into prefixed top-level fields: lift(m, "sender",
// "sender", "id", "name") sets senderId and senderName; other keys of the nested object are
// kept as "sender.<key>" (they land in _extra).
func lift(m obj, key, prefix string, fields ...string) {
	var n obj
	v, ok := m[key]
	if !ok {
		return
	}
	delete(m, key)
	if json.Unmarshal(v, &n) != nil {
		m[key] = v
		return
	}
	for k, x := range n {
		known := false
		for _, f := range fields {
			if k == f {
				known = true
			}
		}
		if known {
			m[prefix+strings.ToUpper(k[:1])+k[1:]] = x
		} else {
			m[key+"."+k] = x
		}
	}
}

// FlattenConversation: meta.sender and meta.assignee lifted, epoch times converted.
func FlattenConversation(in obj) obj {
	if v, ok := in["meta"]; ok {
		var meta obj
		if json.Unmarshal(v, &meta) == nil {
			delete(in, "meta")
			for k, x := range meta {
				in["meta."+k] = x
			}
			if s, ok := meta["sender"]; ok {
				in["sender"] = s
				delete(in, "meta.sender")
			}
			if a, ok := meta["assignee"]; ok {
				in["assignee"] = a
				delete(in, "meta.assignee")
			}
		}
	}
	lift(in, "sender", "sender", "id", "name", "thumbnail", "channel")
	lift(in, "assignee", "assignee", "id", "name", "email")
	for _, k := range []string{"timestamp", "contact_last_seen_at", "agent_last_seen_at", "created_at", "updated_at", "last_activity_at"} {
		if v, ok := in[k]; ok {
			in[k] = epoch(v)
		}
	}
	delete(in, "messages") // loaded from the messages endpoint
	return in
}

// activity is the latest of the conversation's times: when it was last touched.
func activity(c obj) time.Time {
	var t time.Time
	for _, k := range []string{"timestamp", "contact_last_seen_at", "agent_last_seen_at", "created_at", "updated_at", "last_activity_at"} {
		if x := epochOf(c[k]); x.After(t) {
			t = x
		}
	}
	return t
}

var messageTypes = map[string]string{"0": "incoming", "1": "outgoing", "2": "activity", "3": "template"}

// FlattenMessage: sender lifted, created_at converted, integer message_type mapped to its name.
func FlattenMessage(in obj) obj {
	lift(in, "sender", "sender", "id", "type", "name")
	if v, ok := in["created_at"]; ok {
		in["created_at"] = epoch(v)
	}
	if v, ok := in["message_type"]; ok {
		if name, ok := messageTypes[strings.Trim(string(v), `"`)]; ok {
			in["message_type"] = raw(name)
		}
	}
	return in
}
