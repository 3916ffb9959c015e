package vccchat_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/vccchat"
)

// TestGoldenProblems: every error body shape of A.9 decodes.
func TestGoldenProblems(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"RequestOAuthProblem", `{"ErrorCode":"invalid_request","Error":"Unsupported grant type : something"}`,
			"8x8 chat API invalid_request: Unsupported grant type : something"},
		{"UnauthorizedProblem", `{"fault":{"faultstring":"Invalid Access Token","detail":{"errorcode":"keymanagement.service.invalid_access_token"}}}`,
			"8x8 chat API keymanagement.service.invalid_access_token: Invalid Access Token"},
		{"ForbiddenViolationProblem", `{"message":"The tenant does not belong to customer.","errors":["Tenant <> does not belong to customer <>."]}`,
			"8x8 chat API: The tenant does not belong to customer. (Tenant <> does not belong to customer <>.)"},
		{"ResourceNotFoundProblem", `{"message":"Resource of type <> with id <> was not found.","errors":["Tenant <> does not belong to customer <>."]}`,
			"8x8 chat API: Resource of type <> with id <> was not found. (Tenant <> does not belong to customer <>.)"},
		{"JWK 404", `{"type":"ClientError","title":"Resource not found.","status":404,"detail":"Resource may not exist or is not accessible.","resourceType":"JWKPublic","resourceId":"EXaiWfZe20eSjklZ70074w","instance":"ResourceNotFound"}`,
			"8x8 chat API ClientError: Resource not found. Resource may not exist or is not accessible."},
		{"ConstraintViolationProblem", `{"message":"Constraint Violation","errors":["<>: May not be empty."]}`,
			"8x8 chat API: Constraint Violation (<>: May not be empty.)"},
		{"ValidationExceptionPayload", `{"message":"Internal error.","errors":[{"code":"invalid_queue","message":"Queue ID 112 is invalid."}],"validations":[{"field":"webHookId","value":"45","code":"invalid_queue","message":"Queue ID 112 is invalid."}]}`,
			"8x8 chat API invalid_queue: Internal error. (invalid_queue: Queue ID 112 is invalid.)"},
		{"InternalServerProblem", `{"message":"Could not process this request due to ...","errors":["boom"],"referenceId":"ref-1"}`,
			"8x8 chat API: Could not process this request due to ... (boom) [referenceId ref-1]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := vccchat.ParseProblem([]byte(tc.body))
			require.True(t, ok)
			require.Equal(t, tc.want, p.Error())
		})
	}
	for _, bad := range []string{`"Internal server error."`, `{}`, `[]`, `<html/>`} { // OldProblem is a bare string
		_, ok := vccchat.ParseProblem([]byte(bad))
		require.False(t, ok, bad)
	}
}

// TestGoldenAuthResponse: the spec's AuthResponse example (A.4, strings everywhere) and numbers.
func TestGoldenAuthResponse(t *testing.T) {
	ar, ttl, err := vccchat.ParseAuthResponse([]byte(`{"refresh_token_expires_in":"0","api_product_list":["vcc"],"organization_name":"8x8gateway","token_type":"BearerToken","issued_at":"1632731766687","client_id":"123aaa","access_token":"123aaa","application_name":"5b2a755b-0507-4646-a055-6ff30063c42e","scope":"","expires_in":"3600","refresh_count":"0","status":"approved"}`))
	require.NoError(t, err)
	require.Equal(t, "123aaa", ar.AccessToken)
	require.Equal(t, "BearerToken", ar.TokenType)
	require.Equal(t, time.Hour, ttl)
	_, ttl, err = vccchat.ParseAuthResponse([]byte(`{"access_token":"x","expires_in":120,"issued_at":1632731766687}`))
	require.NoError(t, err)
	require.Equal(t, 2*time.Minute, ttl)
	_, _, err = vccchat.ParseAuthResponse([]byte(`{"access_token":"x","expires_in":"soon"}`))
	require.ErrorIs(t, err, vccchat.ErrToken)
	_, _, err = vccchat.ParseAuthResponse([]byte(`{"token_type":"BearerToken"}`))
	require.ErrorIs(t, err, vccchat.ErrToken)
}

// TestGoldenConversation: the spec's conversations fixture (A.12) flattens as documented.
func TestGoldenConversation(t *testing.T) {
	var page struct {
		Data []map[string]json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"data":[{"channelId":"25","customer":{"name":"John Doe","email":"john.doe@email.com","language":"en","myCustomProperty":"customValue"},"id":"vXg39aMTRlq4xCBFaUCTlA","startTime":"2020-08-05T11:55:00.592Z","interactions":[{"id":"int-170392a3b7d-5qyRMnJL6nw63SLHrfQirLO3C-chat-00-tenant01","startTime":"2020-08-05T11:55:00.592Z","endTime":"2020-08-05T11:55:00.592Z"}]}],"page":{"pageSize":20,"pageIndex":0,"elementCount":1,"pageCount":1}}`), &page))
	conv, ints := vccchat.FlattenConversation(page.Data[0])
	got, _ := json.Marshal(conv)
	require.JSONEq(t, `{"channelId":"25","id":"vXg39aMTRlq4xCBFaUCTlA","startTime":"2020-08-05T11:55:00.592Z","customerName":"John Doe",
		"customerEmail":"john.doe@email.com","customerLanguage":"en","customerAttributes":{"myCustomProperty":"customValue"},"interactionCount":1}`, string(got))
	got, _ = json.Marshal(ints)
	require.JSONEq(t, `[{"conversationId":"vXg39aMTRlq4xCBFaUCTlA","id":"int-170392a3b7d-5qyRMnJL6nw63SLHrfQirLO3C-chat-00-tenant01","startTime":"2020-08-05T11:55:00.592Z","endTime":"2020-08-05T11:55:00.592Z"}]`, string(got))

	ps, err := vccchat.ParseParticipants([]byte(`{"participants":{"id":"p-1","type":"agent","language":"en"}}`))
	require.NoError(t, err)
	require.Len(t, ps, 1)
	ps, err = vccchat.ParseParticipants([]byte(`{"participants":[{"id":"p-1"},{"id":"p-2"}]}`))
	require.NoError(t, err)
	require.Len(t, ps, 2)

	ms, err := vccchat.ParseMessages([]byte(`{"messages":[{"interactionId":"int-170392a3b7d-5qyRMnJL6nw63SLHrfQirLO3C-chat-00-tenantName","originalText":"Hello!","translatedText":"Ola!","authorType":"user","participantId":"p-1"}]}`), json.RawMessage(`"c1"`))
	require.NoError(t, err)
	got, _ = json.Marshal(ms)
	require.JSONEq(t, `[{"conversationId":"c1","position":1,"interactionId":"int-170392a3b7d-5qyRMnJL6nw63SLHrfQirLO3C-chat-00-tenantName","originalText":"Hello!","translatedText":"Ola!","authorType":"user","participantId":"p-1"}]`, string(got))
}

// FuzzParseProblem: error decoding never panics.
func FuzzParseProblem(f *testing.F) {
	f.Add([]byte(`{"fault":{"faultstring":"x","detail":{"errorcode":"y"}}}`))
	f.Add([]byte(`{"message":"m","errors":[{"code":"c"},"s",1]}`))
	f.Add([]byte(`{"access_token":"x","expires_in":1e400}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, ok := vccchat.ParseProblem(b); ok {
			_ = p.Error()
		}
		_, _, _ = vccchat.ParseAuthResponse(b)
		_, _ = vccchat.ParseParticipants(b)
		_, _ = vccchat.ParseMessages(b, json.RawMessage(`"c"`))
	})
}
