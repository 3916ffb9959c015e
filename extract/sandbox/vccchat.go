package sandbox

// 8x8 Contact Center Chat API v2 (shared/specs/8x8-chat-api-and-chatwoot.md Part A), mounted
// under /vcc-chat: POST /oauth/v2/token (HTTP Basic <VCCChatKey>:<Options.Token>) issues tokens
// that expire (TTL, or after a number of requests: server-side revocation), and
// /vcc/{region}/chat/v2/tenant/{tenant}/… serves channels, web-hooks, conversations (page/size,
// pageCount), participants (an object or an array) and messages.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// VCCChatKey is the API key the sandbox accepts (the secret is Options.Token).
const VCCChatKey = "acme-chat-key"

// VCCChat controls the simulated Chat API v2 of one Server.
type VCCChat struct {
	s  *Server
	mu sync.Mutex
	// tokens: value → expiry and requests left (-1 unlimited)
	tokens      map[string]*chatToken
	issued      int
	ttl         time.Duration
	revokeAfter int
	rejected    int
	convs       int
}

type chatToken struct {
	expires time.Time
	left    int
}

var vccChatBySrv sync.Map

// VCCChat returns the controller of the simulated Chat API v2.
func (s *Server) VCCChat() *VCCChat {
	v, _ := vccChatBySrv.Load(s)
	if v == nil {
		return nil
	}
	return v.(*VCCChat)
}

func newVCCChat(s *Server) http.Handler {
	c := &VCCChat{s: s, tokens: map[string]*chatToken{}, ttl: time.Hour, revokeAfter: -1, convs: 23 * s.opts.Scale}
	vccChatBySrv.Store(s, c)
	return c
}

// SetTokenTTL sets expires_in of new tokens (whole seconds; the sandbox enforces it in real time).
func (c *VCCChat) SetTokenTTL(d time.Duration) { c.mu.Lock(); c.ttl = d; c.mu.Unlock() }

// RevokeAfter makes every new token stop working after n API requests although expires_in
// promises more (a token expiring mid-run); n < 0 turns it off.
func (c *VCCChat) RevokeAfter(n int) { c.mu.Lock(); c.revokeAfter = n; c.mu.Unlock() }

// Stats reports tokens issued and requests rejected with 401.
func (c *VCCChat) Stats() (issued, rejected int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.issued, c.rejected
}

// VCCChatCounts is the sandbox's truth per vcc_chat_* table.
func (s *Server) VCCChatCounts() map[string]int {
	c := s.VCCChat()
	out := map[string]int{"vcc_chat_channels": 3, "vcc_chat_webhooks": 2, "vcc_chat_conversations": c.convs}
	for i := 0; i < c.convs; i++ {
		out["vcc_chat_interactions"] += chatInteractions(i)
		out["vcc_chat_participants"] += len(chatParticipants(i))
		out["vcc_chat_messages"] += chatMessages(i)
	}
	return out
}

func chatInteractions(i int) int { return i % 4 }       // 0–3
func chatMessages(i int) int     { return 2 * (i % 4) } // two per interaction
func chatConvID(i int) string    { return fmt.Sprintf("vXg39aMTRlq4xCBF%06d", i) }
func chatIntID(i, k int) string {
	return fmt.Sprintf("int-170392a3b7d-%06d%02d-chat-00-acme", i, k)
}
func chatParticipants(i int) []map[string]any {
	if chatInteractions(i) == 0 {
		return []map[string]any{{"id": "customer", "type": "user", "language": "en"}}
	}
	return []map[string]any{{"id": "customer", "type": "user", "language": "en"}, {"id": fmt.Sprintf("agent-%d", i%5), "type": "agent", "language": "en"}}
}

var chatPath = regexp.MustCompile(`^/vcc/([^/]+)/chat/v2/tenant/([^/]+)/(channels|web-hooks|conversations)(?:/([^/]+)/(participants|messages))?$`)

func chatProblem(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (c *VCCChat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/v2/token" && r.Method == http.MethodPost {
		c.token(w, r)
		return
	}
	m := chatPath.FindStringSubmatch(r.URL.Path)
	if m == nil || r.Method != http.MethodGet {
		chatProblem(w, http.StatusNotFound, map[string]any{"message": "Resource of type <> with id <> was not found.", "errors": []string{r.URL.Path}})
		return
	}
	if !c.authorized(r) {
		chatProblem(w, http.StatusUnauthorized, map[string]any{"fault": map[string]any{"faultstring": "Invalid Access Token",
			"detail": map[string]any{"errorcode": "keymanagement.service.invalid_access_token"}}})
		return
	}
	switch m[1] {
	case "us", "eu", "ca", "ap":
	default:
		chatProblem(w, http.StatusNotFound, map[string]any{"message": "Resource of type region with id " + m[1] + " was not found.", "errors": []string{}})
		return
	}
	if m[2] != c.s.opts.Tenant {
		chatProblem(w, http.StatusForbidden, map[string]any{"message": "The tenant does not belong to customer.",
			"errors": []string{"Tenant " + m[2] + " does not belong to customer acme."}})
		return
	}
	switch {
	case m[4] != "":
		c.child(w, m[4], m[5])
	case m[3] == "channels":
		var all []any
		for i := 0; i < 3; i++ {
			all = append(all, map[string]any{"id": strconv.Itoa(25 + i), "name": fmt.Sprintf("Web chat %d", i), "webHookId": strconv.Itoa(12 + i%2),
				"routingOptions": map[string]any{"type": "queue", "id": strconv.Itoa(101 + i)}})
		}
		chatPage(w, r, all)
	case m[3] == "web-hooks":
		chatPage(w, r, []any{map[string]any{"id": "12", "name": "hook-1", "uri": "https://test.8x8.com", "version": "v2.0"},
			map[string]any{"id": "13", "name": "hook-2", "uri": "https://hooks.acme.example/8x8", "version": "v1.0"}})
	default:
		var all []any
		for i := 0; i < c.convs; i++ {
			all = append(all, c.conversation(i))
		}
		if o := r.URL.Query().Get("order"); o == "desc" {
			for a, b := 0, len(all)-1; a < b; a, b = a+1, b-1 {
				all[a], all[b] = all[b], all[a]
			}
		}
		chatPage(w, r, all)
	}
}

func (c *VCCChat) start(i int) time.Time {
	return c.s.opts.Epoch.Add(time.Duration(i) * 37 * time.Minute)
}

func (c *VCCChat) conversation(i int) map[string]any {
	var ints []any
	for k := 0; k < chatInteractions(i); k++ {
		st := c.start(i).Add(time.Duration(k) * 5 * time.Minute)
		in := map[string]any{"id": chatIntID(i, k), "startTime": st.Format("2006-01-02T15:04:05.000Z")}
		if k < chatInteractions(i)-1 || i%3 != 0 { // the last interaction of every third conversation is ongoing
			in["endTime"] = st.Add(3*time.Minute + 592*time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		}
		ints = append(ints, in)
	}
	cust := map[string]any{"name": fmt.Sprintf("Customer %d", i), "email": fmt.Sprintf("c%d@example.com", i), "language": []string{"en", "de", "zh-CN"}[i%3]}
	if i%2 == 0 {
		cust["myCustomProperty"] = "customValue"
		cust["caseId"] = fmt.Sprintf("CASE-%d", i)
	}
	return map[string]any{"channelId": strconv.Itoa(25 + i%3), "customer": cust, "id": chatConvID(i),
		"startTime": c.start(i).Format("2006-01-02T15:04:05.000Z"), "interactions": ints}
}

func (c *VCCChat) child(w http.ResponseWriter, id, kind string) {
	i := -1
	for k := 0; k < c.convs; k++ {
		if chatConvID(k) == id {
			i = k
		}
	}
	if i < 0 {
		chatProblem(w, http.StatusNotFound, map[string]any{"message": "Resource of type conversation with id " + id + " was not found.", "errors": []string{}})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if kind == "participants" {
		ps := chatParticipants(i)
		if len(ps) == 1 { // the declared shape: one object
			_ = json.NewEncoder(w).Encode(map[string]any{"participants": ps[0]})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"participants": ps})
		return
	}
	var ms []any
	for k := 0; k < chatMessages(i); k++ {
		inter := chatIntID(i, k/2)
		if k%2 == 0 {
			ms = append(ms, map[string]any{"interactionId": inter, "originalText": "Hello!", "translatedText": "Ola!", "authorType": "user", "participantId": "customer"})
		} else {
			ms = append(ms, map[string]any{"interactionId": inter, "originalText": fmt.Sprintf("How can I help, %d?", i), "authorType": "agent", "participantId": fmt.Sprintf("agent-%d", i%5)})
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"messages": ms})
}

// chatPage applies page (0-based, default 0) and size (default 20) (A.5).
func chatPage(w http.ResponseWriter, r *http.Request, all []any) {
	q := r.URL.Query()
	page, size := 0, 20
	if v := q.Get("page"); v != "" {
		page, _ = strconv.Atoi(v)
	}
	if v := q.Get("size"); v != "" {
		size, _ = strconv.Atoi(v)
	}
	if page < 0 || size < 1 {
		chatProblem(w, http.StatusBadRequest, map[string]any{"message": "Constraint Violation", "errors": []string{"size: must be positive."}})
		return
	}
	count := (len(all) + size - 1) / size
	data := []any{}
	if lo := page * size; lo < len(all) {
		data = all[lo:min(lo+size, len(all))]
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data, "page": map[string]any{"pageSize": size, "pageIndex": page, "elementCount": len(all), "pageCount": count}})
}

func (c *VCCChat) token(w http.ResponseWriter, r *http.Request) {
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(VCCChatKey+":"+c.s.opts.Token))
	_ = r.ParseForm()
	if r.Header.Get("Authorization") != want {
		chatProblem(w, http.StatusUnauthorized, map[string]any{"ErrorCode": "invalid_client", "Error": "ClientId is Invalid"})
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		chatProblem(w, http.StatusBadRequest, map[string]any{"ErrorCode": "invalid_request", "Error": "Unsupported grant type : " + gt})
		return
	}
	c.mu.Lock()
	c.issued++
	tok := fmt.Sprintf("sbx-chat-token-%d", c.issued)
	ttl := c.ttl
	c.tokens[tok] = &chatToken{expires: time.Now().Add(ttl), left: c.revokeAfter}
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"refresh_token_expires_in": "0", "api_product_list": []string{"vcc"},
		"organization_name": "8x8gateway", "token_type": "BearerToken", "issued_at": strconv.FormatInt(time.Now().UnixMilli(), 10),
		"client_id": VCCChatKey, "access_token": tok, "application_name": "5b2a755b-0507-4646-a055-6ff30063c42e", "scope": "",
		"expires_in": strconv.Itoa(int(ttl / time.Second)), "refresh_count": "0", "status": "approved"})
}

func (c *VCCChat) authorized(r *http.Request) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := r.Header.Get("Authorization")
	const p = "Bearer "
	var t *chatToken
	if len(h) > len(p) && h[:len(p)] == p {
		t = c.tokens[h[len(p):]]
	}
	ok := t != nil && time.Now().Before(t.expires) && t.left != 0
	if ok && t.left > 0 {
		t.left--
	}
	if !ok {
		c.rejected++
	}
	return ok
}
