package sandbox

// Chatwoot (shared/specs/8x8-chat-api-and-chatwoot.md Part B), mounted under /chatwoot:
// /api/v1/accounts/{id}/{conversations, conversations/{id}/messages, contacts, inboxes, teams,
// agents}, header api_access_token = Options.Token. Conversations list only open ones unless
// status= says otherwise, 25 per page; contacts 15 per page; messages {meta, payload} 20 per page
// backwards with before=. Timestamps are epoch seconds (integers, or strings of digits as the seed
// declares); message_type is an integer or a string.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/ccwh/ccwh/extract"
)

// ChatwootAccountID is the account the sandbox serves.
const ChatwootAccountID = 1

type chatwoot struct{ s *Server }

func newChatwoot(s *Server) http.Handler { return &chatwoot{s: s} }

func (c *chatwoot) convs() int    { return 40 * c.s.opts.Scale }
func (c *chatwoot) contacts() int { return 37 * c.s.opts.Scale }

func cwStatus(i int) string {
	switch i % 5 {
	case 0:
		return "open"
	case 1:
		return "pending"
	case 4:
		return "bot"
	}
	return "resolved"
}

func (c *chatwoot) created(i int) time.Time {
	return c.s.opts.Epoch.Add(time.Duration(i) * 53 * time.Minute)
}

func cwMessages(i int) int { return 3 + i%30 }

// cwActivity is the latest of timestamp, contact_last_seen_at and agent_last_seen_at.
func (c *chatwoot) activity(i int) time.Time { return c.created(i).Add(2 * time.Hour) }

// ChatwootCounts is the sandbox's truth per chatwoot_* table after a conversations run over w
// (conversations active in w, and every one not resolved).
func (s *Server) ChatwootCounts(w extract.Window) map[string]int {
	c := &chatwoot{s: s}
	out := map[string]int{"chatwoot_contacts": c.contacts(), "chatwoot_inboxes": 3, "chatwoot_teams": 2, "chatwoot_agents": 4}
	for i := 0; i < c.convs(); i++ {
		a := c.activity(i)
		if cwStatus(i) != "resolved" || (!a.Before(w.From) && a.Before(w.To)) {
			out["chatwoot_conversations"]++
			out["chatwoot_messages"] += cwMessages(i)
		}
	}
	return out
}

var cwPath = regexp.MustCompile(`^/api/v1/accounts/([0-9]+)/(conversations|contacts|inboxes|teams|agents)(?:/([0-9]+)/(messages))?$`)

func cwJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (c *chatwoot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("api_access_token") != c.s.opts.Token {
		cwJSON(w, http.StatusUnauthorized, map[string]any{"error": "You need to sign in or sign up before continuing."})
		return
	}
	m := cwPath.FindStringSubmatch(r.URL.Path)
	if m == nil || r.Method != http.MethodGet {
		cwJSON(w, http.StatusNotFound, map[string]any{"error": "Not found"})
		return
	}
	if m[1] != strconv.Itoa(ChatwootAccountID) {
		cwJSON(w, http.StatusUnauthorized, map[string]any{"error": "You are not authorized to access this account"})
		return
	}
	q := r.URL.Query()
	page := 1
	if v := q.Get("page"); v != "" {
		var err error
		if page, err = strconv.Atoi(v); err != nil || page < 1 {
			cwJSON(w, http.StatusBadRequest, map[string]any{"description": "bad request", "errors": []any{map[string]any{"field": "page", "message": "must be a positive integer", "code": "invalid"}}})
			return
		}
	}
	switch {
	case m[4] == "messages":
		i, _ := strconv.Atoi(m[3])
		c.messages(w, i-1, q.Get("before"))
	case m[2] == "conversations":
		status := q.Get("status")
		if status == "" {
			status = "open" // the API lists open conversations unless told otherwise
		}
		var all []any
		for i := 0; i < c.convs(); i++ {
			if status == "all" || cwStatus(i) == status {
				all = append(all, c.conversation(i))
			}
		}
		cwJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"meta": map[string]any{"mine_count": 0, "unassigned_count": 0, "all_count": len(all)},
			"payload": cwSlice(all, page, 25)}})
	case m[2] == "contacts":
		var all []any
		for i := 1; i <= c.contacts(); i++ {
			all = append(all, map[string]any{"id": i, "email": fmt.Sprintf("contact%d@example.com", i), "name": fmt.Sprintf("Contact %d", i),
				"phone_number": fmt.Sprintf("+1555000%04d", i), "thumbnail": "", "additional_attributes": map[string]any{"city": "Lisbon"},
				"contact_inboxes":     []any{map[string]any{"source_id": fmt.Sprintf("src-%d", i), "inbox": map[string]any{"id": 1 + i%3}}},
				"availability_status": []string{"online", "offline"}[i%2]})
		}
		cwJSON(w, http.StatusOK, cwSlice(all, page, 15)) // the seed's bare contact_list
	case m[2] == "inboxes":
		var all []any
		for i := 1; i <= 3; i++ {
			all = append(all, map[string]any{"id": i, "name": fmt.Sprintf("Inbox %d", i), "website_url": "https://acme.example", "channel_type": []string{"Channel::WebWidget", "Channel::Email", "Channel::Api"}[i-1],
				"avatar_url": "", "widget_color": "#1f93ff", "website_token": fmt.Sprintf("tok%d", i), "enable_auto_assignment": true, "web_widget_script": "",
				"welcome_title": "Hi", "welcome_tagline": "", "greeting_enabled": i == 1, "greeting_message": ""})
		}
		cwJSON(w, http.StatusOK, map[string]any{"payload": all}) // newer servers wrap it
	case m[2] == "teams":
		cwJSON(w, http.StatusOK, []any{
			map[string]any{"id": 1, "name": "support", "description": "First line", "allow_auto_assign": true, "account_id": 1, "is_member": true},
			map[string]any{"id": 2, "name": "billing", "description": "", "allow_auto_assign": false, "account_id": 1, "is_member": false}})
	default: // agents
		var all []any
		for i := 1; i <= 4; i++ {
			all = append(all, map[string]any{"id": i, "uid": fmt.Sprintf("agent%d@acme.example", i), "name": fmt.Sprintf("Agent %d", i),
				"available_name": fmt.Sprintf("Agent %d", i), "display_name": fmt.Sprintf("A%d", i), "email": fmt.Sprintf("agent%d@acme.example", i),
				"account_id": 1, "role": []string{"administrator", "agent", "agent", "agent"}[i-1], "confirmed": true,
				"availability_status": []string{"online", "busy", "offline", "online"}[i-1], "thumbnail": ""})
		}
		cwJSON(w, http.StatusOK, all)
	}
}

func cwSlice(all []any, page, size int) []any {
	lo := (page - 1) * size
	if lo >= len(all) {
		return []any{}
	}
	return all[lo:min(lo+size, len(all))]
}

func (c *chatwoot) conversation(i int) map[string]any {
	cr := c.created(i)
	var ts any = cr.Unix()
	if i%2 == 1 {
		ts = strconv.FormatInt(cr.Unix(), 10) // the seed declares a string
	}
	return map[string]any{"id": i + 1, "display_id": i + 1, "messages": []any{}, "account_id": ChatwootAccountID, "inbox_id": 1 + i%3,
		"status": cwStatus(i), "timestamp": ts, "contact_last_seen_at": cr.Add(30 * time.Minute).Unix(),
		"agent_last_seen_at": c.activity(i).Unix(), "unread_count": i % 3, "additional_attributes": map[string]any{"browser": "Firefox"},
		"meta": map[string]any{"sender": map[string]any{"id": 1 + i%c.contacts(), "name": fmt.Sprintf("Contact %d", 1+i%c.contacts()), "thumbnail": "", "channel": "Channel::WebWidget"},
			"assignee": map[string]any{"id": 1 + i%4, "name": fmt.Sprintf("Agent %d", 1+i%4), "email": fmt.Sprintf("agent%d@acme.example", 1+i%4), "role": "agent"}}}
}

// messages serves {meta, payload}: the 20 messages before before= (the latest without it), oldest first.
func (c *chatwoot) messages(w http.ResponseWriter, i int, beforeStr string) {
	if i < 0 || i >= c.convs() {
		cwJSON(w, http.StatusNotFound, map[string]any{"error": "Conversation not found"})
		return
	}
	n := cwMessages(i)
	hi := n // exclusive index
	if beforeStr != "" {
		b, _ := strconv.Atoi(beforeStr)
		hi = max(min(b-(i+1)*1000, n), 0)
	}
	lo := max(hi-20, 0)
	var out []any
	for k := lo; k < hi; k++ {
		id := (i+1)*1000 + k
		var mt any = k % 2
		if id%2 == 1 {
			mt = []string{"incoming", "outgoing"}[k%2]
		}
		out = append(out, map[string]any{"id": id, "content": fmt.Sprintf("message %d of conversation %d", k, i+1), "content_type": "text",
			"content_attributes": map[string]any{}, "message_type": mt, "created_at": c.created(i).Add(time.Duration(k) * time.Minute).Unix(),
			"private": k == 2, "conversation_id": i + 1, "sender": map[string]any{"id": 1 + i%4, "type": []string{"contact", "user"}[k%2], "name": "x"}})
	}
	cwJSON(w, http.StatusOK, map[string]any{"meta": map[string]any{"contact": map[string]any{}, "assignee": map[string]any{}}, "payload": out})
}
