package vccchat_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/extract/vccchat"
	"github.com/ccwh/ccwh/schema"
)

var streamCases = []struct {
	name   string
	tables []*schema.Table
	fault  string
}{
	{"channels", []*schema.Table{schema.VCCChatChannels}, "/vcc-chat/vcc/eu/chat/v2/tenant/acme/channels"},
	{"webhooks", []*schema.Table{schema.VCCChatWebhooks}, "/vcc-chat/vcc/eu/chat/v2/tenant/acme/web-hooks"},
	{"conversations", []*schema.Table{schema.VCCChatConversations, schema.VCCChatInteractions, schema.VCCChatParticipants, schema.VCCChatMessages},
		"/vcc-chat/vcc/eu/chat/v2/tenant/acme/conversations"},
}

// TestConformancePaging: page/size paging until pageCount; every table equals the sandbox.
func TestConformancePaging(t *testing.T) {
	for _, tc := range streamCases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.name).Fetch(context.Background(), extract.Window{}, c.emit))
			truth := e.sb.VCCChatCounts()
			for _, tb := range tc.tables {
				require.Positive(t, truth[tb.Name])
				require.Len(t, c.rows(tb), truth[tb.Name], tb.Name)
			}
		})
	}
}

// TestConversationRecords: flattened customer, interaction ends, positions, participants of
// both shapes.
func TestConversationRecords(t *testing.T) {
	e := newEnv(t)
	c := newCollector(t)
	require.NoError(t, e.stream(t, e.config(), "conversations").Fetch(context.Background(), extract.Window{}, c.emit))
	convs := c.rows(schema.VCCChatConversations)
	require.Equal(t, "Customer 0", convs[0]["customer_name"])
	require.Equal(t, "CASE-0", convs[0]["customer_case_id"])
	require.JSONEq(t, `{"myCustomProperty":"customValue"}`, convs[0]["customer_attributes"].(string))
	require.Equal(t, "2026-01-01 00:00:00Z", convs[0]["start_time"])
	ints := c.rows(schema.VCCChatInteractions)
	open := 0
	for _, in := range ints {
		require.NotEmpty(t, in["conversation_id"])
		if in["end_time"] == nil {
			open++
		}
	}
	require.Positive(t, open, "ongoing interactions have no endTime")
	msgs := c.rows(schema.VCCChatMessages)
	keys := map[string]bool{}
	for _, m := range msgs {
		k := m["conversation_id"].(string) + "/" + m["interaction_id"].(string) + "/" + time.Duration(int64(m["position"].(float64))).String()
		require.False(t, keys[k], "message keys are unique")
		keys[k] = true
	}
	require.EqualValues(t, 1, msgs[0]["position"])
	require.Equal(t, "Ola!", msgs[0]["translated_text"])
}

// TestTokenExpiringMidRunIsRenewed: the server stops accepting the token after a few requests
// although expires_in promised an hour; the 401 renews it once and the run completes.
func TestTokenExpiringMidRunIsRenewed(t *testing.T) {
	e := newEnv(t)
	e.sb.VCCChat().RevokeAfter(7)
	src := e.source(t, e.config())
	st, err := src.Stream("conversations")
	require.NoError(t, err)
	c := newCollector(t)
	require.NoError(t, st.Fetch(context.Background(), extract.Window{}, c.emit))
	require.Len(t, c.rows(schema.VCCChatMessages), e.sb.VCCChatCounts()["vcc_chat_messages"])
	issued, rejected := e.sb.VCCChat().Stats()
	require.Greater(t, issued, 5)
	require.Equal(t, issued-1, rejected, "every token but the last was rejected once, then renewed")
	require.Equal(t, issued, src.TokensIssued())
}

// TestTokenRenewedBeforeExpiry: a token with a short expires_in is renewed ahead of its expiry,
// so the API never rejects one.
func TestTokenRenewedBeforeExpiry(t *testing.T) {
	e := newEnv(t)
	e.sb.VCCChat().SetTokenTTL(2 * time.Second)
	e.sb.Faults().Inject("/vcc-chat/vcc/", sandbox.Fault{Delay: 60 * time.Millisecond})
	cfg := e.config()
	cfg.PageSize = 50
	src := e.source(t, cfg)
	st, _ := src.Stream("conversations")
	require.NoError(t, st.Fetch(context.Background(), extract.Window{}, newCollector(t).emit))
	issued, rejected := e.sb.VCCChat().Stats()
	require.Greater(t, issued, 1, "renewed during the run")
	require.Zero(t, rejected)
}

// TestConformanceAuthRejected: a wrong secret fails at the token endpoint with ErrAuth and the
// documented OAuth problem; a token never accepted fails after one renewal.
func TestConformanceAuthRejected(t *testing.T) {
	e := newEnv(t)
	cfg := e.config()
	cfg.Secret = "wrong-secret"
	err := e.stream(t, cfg, "channels").Fetch(context.Background(), extract.Window{}, newCollector(t).emit)
	require.ErrorIs(t, err, extract.ErrAuth)
	require.ErrorContains(t, err, "invalid_client: ClientId is Invalid")
	require.NotContains(t, err.Error(), "wrong-secret")

	e.sb.VCCChat().RevokeAfter(0)
	err = e.stream(t, e.config(), "channels").Fetch(context.Background(), extract.Window{}, newCollector(t).emit)
	require.ErrorIs(t, err, extract.ErrAuth)
	require.ErrorContains(t, err, "keymanagement.service.invalid_access_token: Invalid Access Token")
	issued, _ := e.sb.VCCChat().Stats()
	require.Equal(t, 2, issued, "one renewal, no loop")

	cfg = e.config()
	cfg.Tenant = "other"
	e.sb.VCCChat().RevokeAfter(-1)
	err = e.stream(t, cfg, "channels").Fetch(context.Background(), extract.Window{}, newCollector(t).emit)
	require.ErrorIs(t, err, extract.ErrAuth)
	require.ErrorContains(t, err, "The tenant does not belong to customer.")
}

// TestConformanceRecovers: 429 and 503 are retried.
func TestConformanceRecovers(t *testing.T) {
	for _, tc := range streamCases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.sb.Faults().Inject(tc.fault, sandbox.Fault{Status: 429, RetryAfter: "0", Times: 1})
			e.sb.Faults().Inject(tc.fault, sandbox.Fault{Status: 503, Times: 2})
			e.sb.Faults().Inject("/vcc-chat/oauth/", sandbox.Fault{Status: 503, Times: 1})
			c := newCollector(t)
			require.NoError(t, e.stream(t, e.config(), tc.name).Fetch(context.Background(), extract.Window{}, c.emit))
			require.Len(t, c.rows(tc.tables[0]), e.sb.VCCChatCounts()[tc.tables[0].Name])
		})
	}
}

// TestConformanceEmpty and cancellation.
func TestConformanceCancellation(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.stream(t, e.config(), "conversations").Fetch(ctx, extract.Window{}, newCollector(t).emit)
	require.ErrorIs(t, err, context.Canceled)
}

func TestConfigValidation(t *testing.T) {
	e := newEnv(t)
	for _, mut := range []func(*vccchat.Config){
		func(c *vccchat.Config) { c.Region = "mars" },
		func(c *vccchat.Config) { c.Tenant = "" },
		func(c *vccchat.Config) { c.Key = "a:b" },
		func(c *vccchat.Config) { c.BaseURL = "ftp://x" },
	} {
		cfg := e.config()
		mut(&cfg)
		_, err := vccchat.New(cfg, httpx.New(httpx.Options{}, zerologNop()), zerologNop())
		require.ErrorIs(t, err, vccchat.ErrConfig)
	}
}
