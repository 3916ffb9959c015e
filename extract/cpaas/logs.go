package cpaas

import (
	"context"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// family is one log-export family: the same job protocol on its own host, into its own table.
type family struct {
	name   string // chatapps, sms, voice
	stream string
	table  *schema.Table
	// keyField is the vendor column that identifies a row (normalised header name match).
	keyField string
	host     func(c *Config) string
}

// families are the log-export families. Messaging Apps is the one seed 004 documents (§3); SMS
// and voice use the same protocol on sms.8x8.com and voice.wavecell.com (spec Appendix B).
var families = []family{
	{name: "chatapps", stream: "chatapps_message_logs", table: schema.CPaaSChatAppsMessageLogs, keyField: "umid",
		host: func(c *Config) string { return c.ChatAppsURL }},
	{name: "sms", stream: "sms_message_logs", table: schema.CPaaSSMSMessageLogs, keyField: "umid",
		host: func(c *Config) string { return c.SMSURL }},
	{name: "voice", stream: "voice_call_logs", table: schema.CPaaSVoiceCallLogs, keyField: "CallId",
		host: func(c *Config) string { return c.VoiceURL }},
}

// logStream: one export job per window — POST …/messages/exports, poll until final, download
// every CSV in data, load it into the family's table and record the job in cpaas_export_jobs.
func logStream(s *Source, f family) *Stream {
	st := &Stream{src: s, name: f.stream, table: f.table, mode: extract.Incremental, needs: "sub_account_id"}
	st.fetch = func(ctx context.Context, w extract.Window, emit extract.Emit) error {
		return s.export(ctx, st, f, w, emit)
	}
	return st
}
