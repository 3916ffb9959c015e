package chatwoot_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract/chatwoot"
)

// TestGoldenFixtures: the spec's fixtures (B.11) flatten and convert as documented.
func TestGoldenFixtures(t *testing.T) {
	list, err := chatwoot.ParseList([]byte(`{"data":{"meta":{"mine_count":0,"unassigned_count":1,"all_count":1},"payload":[{"id":1,"messages":[],"account_id":1,"inbox_id":1,"status":"open","timestamp":"1600000000","contact_last_seen_at":"1600000000","agent_last_seen_at":"1600000000","unread_count":0,"additional_attributes":{},"meta":{"sender":{"id":7,"name":"Jane","thumbnail":"","channel":"Channel::WebWidget"},"assignee":{"id":3,"uid":"a@x.io","name":"Agent A","available_name":"Agent A","display_name":"A","email":"a@x.io","account_id":1,"role":"agent","confirmed":true,"accounts":[]}}}]}}`))
	require.NoError(t, err)
	require.Len(t, list, 1)
	got, _ := json.Marshal(chatwoot.FlattenConversation(list[0]))
	require.JSONEq(t, `{"id":1,"account_id":1,"inbox_id":1,"status":"open","timestamp":"2020-09-13T12:26:40.000Z",
		"contact_last_seen_at":"2020-09-13T12:26:40.000Z","agent_last_seen_at":"2020-09-13T12:26:40.000Z","unread_count":0,"additional_attributes":{},
		"senderId":7,"senderName":"Jane","senderThumbnail":"","senderChannel":"Channel::WebWidget",
		"assigneeId":3,"assigneeName":"Agent A","assigneeEmail":"a@x.io","assignee.uid":"a@x.io","assignee.available_name":"Agent A",
		"assignee.display_name":"A","assignee.account_id":1,"assignee.role":"agent","assignee.confirmed":true,"assignee.accounts":[]}`, string(got))

	msgs, err := chatwoot.ParseList([]byte(`[{"id":10,"content":"Hello","content_type":"text","content_attributes":{},"message_type":"incoming","created_at":1600000000,"private":false,"attachment":{},"sender":{},"conversation_id":1}]`))
	require.NoError(t, err)
	got, _ = json.Marshal(chatwoot.FlattenMessage(msgs[0]))
	require.JSONEq(t, `{"id":10,"content":"Hello","content_type":"text","content_attributes":{},"message_type":"incoming","created_at":"2020-09-13T12:26:40.000Z","private":false,"attachment":{},"conversation_id":1}`, string(got))
	msgs, _ = chatwoot.ParseList([]byte(`{"meta":{},"payload":[{"id":11,"message_type":2,"created_at":1600000000123}]}`))
	got, _ = json.Marshal(chatwoot.FlattenMessage(msgs[0]))
	require.JSONEq(t, `{"id":11,"message_type":"activity","created_at":"2020-09-13T12:26:40.123Z"}`, string(got))

	contacts, err := chatwoot.ParseList([]byte(`[{"id":7,"email":"jane@x.io","name":"Jane","phone_number":"+15550000000","thumbnail":"","additional_attributes":{},"contact_inboxes":[]}]`))
	require.NoError(t, err)
	require.Len(t, contacts, 1)
	teams, err := chatwoot.ParseList([]byte(`{"id":1,"name":"support","description":"","allow_auto_assign":true,"account_id":1,"is_member":false}`))
	require.ErrorIs(t, err, chatwoot.ErrBadResponse, "a single object is not a list")
	require.Nil(t, teams)
	empty, err := chatwoot.ParseList([]byte(`{"payload":[]}`))
	require.NoError(t, err)
	require.Empty(t, empty)
}

// TestGoldenErrors: bad_request_error (B.7) and the newer {error} body.
func TestGoldenErrors(t *testing.T) {
	e, ok := chatwoot.ParseError([]byte(`{"description":"...","errors":[{"field":"email","message":"...","code":"..."}]}`))
	require.True(t, ok)
	require.Equal(t, "chatwoot: ... (email: ... [...])", e.Error())
	e, ok = chatwoot.ParseError([]byte(`{"error":"You need to sign in or sign up before continuing."}`))
	require.True(t, ok)
	require.Equal(t, "chatwoot: You need to sign in or sign up before continuing.", e.Error())
	for _, bad := range []string{`{}`, `[]`, `"x"`, `<html>`} {
		_, ok := chatwoot.ParseError([]byte(bad))
		require.False(t, ok, bad)
	}
}

// FuzzDecoders: list parsing and flattening never panic.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"data":{"payload":[{"id":1,"meta":{"sender":{"id":2}},"timestamp":"1600000000"}]}}`))
	f.Add([]byte(`[{"id":1,"message_type":"3","created_at":"x","sender":5}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		items, err := chatwoot.ParseList(b)
		if err != nil {
			return
		}
		for _, it := range items {
			if it == nil {
				continue
			}
			_ = chatwoot.FlattenConversation(it)
			_ = chatwoot.FlattenMessage(it)
		}
		_, _ = chatwoot.ParseError(b)
	})
}
