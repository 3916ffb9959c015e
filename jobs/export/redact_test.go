package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

func ptr(s string) *string { return &s }

// TestRedactVendorTexts: the identifiers people type into chats, e-mails and SMS, the way the
// vendors deliver them, are replaced; what only looks like one is kept.
func TestRedactVendorTexts(t *testing.T) {
	cases := []struct {
		name, in, want string
		kinds          transform.PIIKind
	}{
		{"8x8 chat: card with spaces", "Sure, it's 4111 1111 1111 1111 exp 12/27", "Sure, it's [card] exp 12/27", transform.PIIAll},
		{"8x8 chat: card without spaces", "card 5500005555555559 please", "card [card] please", transform.PIIAll},
		{"not a card (Luhn fails), long enough for a phone", "order 4111 1111 1111 1112", "order 4111 1111 1111 1112", transform.PIICard},
		{"Dixa e-mail body", "<p>Reply to jane.doe+shop@example.co.uk today</p>", "<p>Reply to [email] today</p>", transform.PIIAll},
		{"Chatwoot: phone with country code", "call me on +44 7700 900123 after 5", "call me on [phone] after 5", transform.PIIAll},
		{"SMS: national phone", "my number is 020 7946 0958", "my number is [phone]", transform.PIIAll},
		{"dates and times stay", "on 2026-03-01 at 10:30 order 12345", "on 2026-03-01 at 10:30 order 12345", transform.PIIAll},
		{"only the kinds asked for", "mail a@b.example or +1 555 0100 123", "mail [email] or +1 555 0100 123", transform.PIIEmail},
		{"translated 8x8 text", "(traduit) Ma carte: 4111-1111-1111-1111", "(traduit) Ma carte: [card]", transform.PIICard},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conversation{Messages: []Message{{Text: ptr(c.in), TranslatedText: ptr(c.in)}, {}}}
			redact(conv, c.kinds)
			require.Equal(t, c.want, *conv.Messages[0].Text)
			require.Equal(t, c.want, *conv.Messages[0].TranslatedText)
			require.Nil(t, conv.Messages[1].Text)
		})
	}
	k, err := ParseRedact("email, card")
	require.NoError(t, err)
	require.Equal(t, transform.PIIEmail|transform.PIICard, k)
	k, err = ParseRedact("all")
	require.NoError(t, err)
	require.Equal(t, transform.PIIAll, k)
	_, err = ParseRedact("iban")
	require.ErrorIs(t, err, ErrBadFilter)
}

// TestExportRedactsAndEscapesEveryFormat: with --redact all, no format holds the identifiers the
// messages contained, and the HTML pages escape the texts (a message is never markup).
func TestExportRedactsAndEscapesEveryFormat(t *testing.T) {
	ch := newDatabase(t)
	insertSynthetic(t, ch, 1, 3, 2)
	texts := []string{
		"my card is 4111 1111 1111 1111 and mail jane.doe@example.com",
		"<script>alert('x')</script> call +44 7700 900123",
	}
	db := schema.Quote(ch.Database())
	quote := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	for i, s := range texts {
		require.NoError(t, ch.Exec(context.Background(), fmt.Sprintf(`INSERT INTO %s.chatwoot_messages
			(id, conversation_id, content, message_type, created_at, sender_type, _source, _run_id, _extracted_at, _version, _extra)
			SELECT %d, 2, '%s', 'incoming', toDateTime('2026-02-01 00:00:00', 'UTC'), 'contact', 'synthetic', 'run-2', now(), 2, ''`,
			db, 100+i, quote.Replace(s))))
	}
	dir, m := exportTo(t, ch, Options{Redact: transform.PIIAll})
	require.Equal(t, []string{"email", "phone", "card"}, m.Redaction)
	var all strings.Builder
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ManifestFile {
			return err
		}
		b, err := os.ReadFile(p)
		all.Write(b)
		if strings.HasSuffix(p, ".html") {
			require.NotContains(t, string(b), "<script>", p)
		}
		return err
	}))
	for _, pii := range []string{"4111 1111 1111 1111", "jane.doe@example.com", "7700 900123"} {
		require.NotContains(t, all.String(), pii)
	}
	for _, mark := range []string{"[card]", "[email]", "[phone]", "&lt;script&gt;"} {
		require.Contains(t, all.String(), mark)
	}
	_, err := Verify(dir)
	require.NoError(t, err)
}
