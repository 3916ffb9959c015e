package schema

import (
	"fmt"
	"strings"
)

// TranscriptsUnified is the view of every vendor's chat transcripts in one shape.
const TranscriptsUnified = "transcripts_unified"

// TranscriptColumns are the columns of transcripts_unified, in order. The first group repeats the
// conversation on each of its messages; the second describes the message.
var TranscriptColumns = []string{
	"source", "vendor", "conversation_id", "channel",
	"customer_id", "customer_name", "customer_email", "customer_phone",
	"agent_id", "agent_name", "queue_id", "queue", "started_at", "ended_at",
	"message_id", "position", "sent_at", "author_role", "author_id", "author",
	"text", "translated_text", "message_type", "internal",
}

// Transcript vendors as they appear in transcripts_unified.vendor.
const (
	VendorVCC      = "vcc"      // 8x8 Contact Center chat transcripts (recordings API)
	VendorVCCChat  = "vcc_chat" // 8x8 Contact Center Chat API v2
	VendorDixa     = "dixa"
	VendorChatwoot = "chatwoot"
)

// TranscriptVendors lists the vendors of transcripts_unified with the tables each reads.
var TranscriptVendors = []struct {
	Vendor                  string
	Conversations, Messages string   // the conversation and message tables
	Lookups                 []string // tables joined for names, e-mails and phones
}{
	{VendorVCC, "vcc_transcripts", "vcc_transcript_messages", nil},
	{VendorVCCChat, "vcc_chat_conversations", "vcc_chat_messages", []string{"vcc_chat_interactions", "vcc_chat_participants", "vcc_chat_channels"}},
	{VendorDixa, "dixa_conversations", "dixa_messages", []string{"dixa_end_users", "dixa_agents", "dixa_queues"}},
	{VendorChatwoot, "chatwoot_conversations", "chatwoot_messages", []string{"chatwoot_contacts", "chatwoot_inboxes"}},
}

// transcriptViews are the cross-vendor transcript views (transcripts_unified).
func transcriptViews() []View {
	var parts []string
	for _, v := range transcriptSources {
		parts = append(parts, v.withMessages(), v.withoutMessages())
	}
	return []View{{
		Name: TranscriptsUnified,
		Doc: "chat transcripts of every vendor in one shape: one row per message with its conversation's " +
			"fields repeated (a conversation without messages has one row whose message columns are NULL)",
		Query: strings.Join(parts, "\nUNION ALL\n"),
	}}
}

// transcriptSource is one vendor's part of transcripts_unified. The view is written for every
// server ccwh supports, Debian's 18.16 included: one JOIN per SELECT (nested subqueries for more),
// ANY LEFT JOIN … USING on non-Nullable keys of equal types, every joined column aliased to a name
// that exists on one side only, and every output column of an explicit type (CAST to
// Nullable(String), toNullable for timestamps) so that the UNION ALL branches agree on every server.
type transcriptSource struct {
	vendor string
	// conv selects _source, ckey (the conversation id as String) and the conversation columns
	// under their view names (trConvCols), latest versions only.
	conv string
	// msgs selects _source, ckey and the m_* message columns, latest versions only.
	msgs string
	// msgKeys selects (_source, ckey) of every conversation that has messages.
	msgKeys string
	// msgCols are the message columns' expressions (over conv's and msgs' columns), in the order
	// of msgCols' names.
	msgCols [10]string
}

// trConvCols are the conversation columns every conv subquery provides, in view order.
var trConvCols = []string{"channel", "customer_id", "customer_name", "customer_email", "customer_phone",
	"agent_id", "agent_name", "queue_id", "queue", "started_at", "ended_at"}

// trMsgColNames are the message columns, in view order; internal is UInt8, position Int64, sent_at a
// timestamp, the others String (all Nullable but internal).
var trMsgColNames = [10]string{"message_id", "position", "sent_at", "author_role", "author_id", "author",
	"text", "translated_text", "message_type", "internal"}

// trStr casts an expression to Nullable(String) (LowCardinality and numbers included).
func trStr(expr string) string { return "CAST(" + expr + " AS Nullable(String))" }

// trNullStr is a NULL of type Nullable(String).
const trNullStr = "CAST(NULL AS Nullable(String))"

// trNullTime is a NULL of the server's timestamp type (DateTime or DateTime64), taken from a
// timestamp column of the same query: nullIf(x, x) is always NULL and typed like x.
func trNullTime(col string) string { return "nullIf(" + col + ", " + col + ")" }

func (s transcriptSource) head() string {
	cols := make([]string, len(trConvCols))
	for i, c := range trConvCols {
		cols[i] = "c_" + c + " AS " + c
	}
	return fmt.Sprintf("SELECT CAST(_source AS String) AS source, '%s' AS vendor, ckey AS conversation_id, %s", s.vendor, strings.Join(cols, ", "))
}

// withMessages: one row per message, joined with its conversation.
func (s transcriptSource) withMessages() string {
	cols := make([]string, len(trMsgColNames))
	for i, n := range trMsgColNames {
		e := s.msgCols[i]
		switch n {
		case "position", "sent_at", "internal":
		default:
			e = trStr(e)
		}
		cols[i] = e + " AS " + n
	}
	return fmt.Sprintf("%s,\n    %s\nFROM (%s) AS m\nANY LEFT JOIN (%s) AS c USING (_source, ckey)",
		s.head(), strings.Join(cols, ",\n    "), s.msgs, s.conv)
}

// withoutMessages: one row for each conversation that has no messages.
func (s transcriptSource) withoutMessages() string {
	nulls := []string{trNullStr, "CAST(NULL AS Nullable(Int64))", trNullTime("started_at"), trNullStr, trNullStr, trNullStr, trNullStr, trNullStr, trNullStr, "toUInt8(0)"}
	cols := make([]string, len(trMsgColNames))
	for i, n := range trMsgColNames {
		cols[i] = nulls[i] + " AS " + n
	}
	return fmt.Sprintf("%s,\n    %s\nFROM (%s) AS c\nWHERE (_source, ckey) NOT IN (%s)",
		s.head(), strings.Join(cols, ", "), s.conv, s.msgKeys)
}

// trConvSelect renders a conversation subquery: the view's conversation columns from exprs.
func trConvSelect(exprs map[string]string, from string) string {
	cols := []string{"_source", "ckey"}
	for _, c := range trConvCols {
		e, ok := exprs[c]
		if !ok {
			panic("schema: transcripts_unified: no expression for " + c)
		}
		cols = append(cols, e+" AS c_"+c)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + from
}

var transcriptSources = []transcriptSource{vccTranscripts, vccChatTranscripts, dixaTranscripts, chatwootTranscripts}

// 8x8 Contact Center chat transcripts: messages have a position and a time; messageFrom is C
// (customer) or A (agent), other values are taken as system messages (e.g. the placeholder a
// deleted transcript keeps). The end is start + duration (seconds, per the spec's inference).
var vccTranscripts = transcriptSource{
	vendor: VendorVCC,
	conv: trConvSelect(map[string]string{
		"channel": "coalesce(" + trStr("channel_name") + ", " + trStr("channel_id") + ")", "customer_id": trStr("contact_id"),
		"customer_name": trStr("contact_name"), "customer_email": trNullStr, "customer_phone": trNullStr,
		"agent_id": trStr("agent_id"), "agent_name": trStr("agent_name"), "queue_id": trStr("queue_id"), "queue": trStr("queue_name"),
		"started_at": "toNullable(start_date)", "ended_at": "addSeconds(start_date, duration)",
	}, "(SELECT *, interaction_guid AS ckey FROM {db}.vcc_transcripts FINAL) AS t"),
	msgs: `SELECT _source, interaction_guid AS ckey, position AS m_position, message_time AS m_time,
        ` + trStr("message_from") + ` AS m_from, original_message AS m_text, translated_message AS m_translated
    FROM {db}.vcc_transcript_messages FINAL`,
	msgKeys: "SELECT _source, interaction_guid FROM {db}.vcc_transcript_messages FINAL",
	msgCols: [10]string{
		"toString(m_position)", "toNullable(m_position)", "toNullable(m_time)",
		"multiIf(m_from = 'C', 'customer', m_from = 'A', 'agent', 'system')",
		"multiIf(m_from = 'C', customer_id, m_from = 'A', agent_id, NULL)",
		"multiIf(m_from = 'C', customer_name, m_from = 'A', agent_name, m_from)",
		"m_text", "m_translated", trNullStr, "toUInt8(0)",
	},
}

// 8x8 Chat API v2: messages have a position but no time; the author type user is the customer.
// The agent is the conversation's first agent participant (by id), the end the last interaction's
// end when every interaction has ended, the queue the channel's routing queue id.
var vccChatTranscripts = transcriptSource{
	vendor: VendorVCCChat,
	conv: trConvSelect(map[string]string{
		"channel": "coalesce(ch_name, " + trStr("channel_id") + ")", "customer_id": trStr("customer_customer_id"),
		"customer_name": trStr("customer_name"), "customer_email": trStr("customer_email"), "customer_phone": trNullStr,
		"agent_id": "nullIf(p_agent, '')", "agent_name": trNullStr, "queue_id": "ch_queue", "queue": trNullStr,
		"started_at": "toNullable(start_time)", "ended_at": "i_ended",
	}, `(SELECT * FROM (SELECT * FROM (SELECT *, id AS ckey, ifNull(channel_id, '') AS ch_key FROM {db}.vcc_chat_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, conversation_id AS ckey,
                    if(count() = 0 OR countIf(end_time IS NULL) > 0, NULL, max(end_time)) AS i_ended
                FROM {db}.vcc_chat_interactions FINAL GROUP BY _source, ckey) AS i USING (_source, ckey)) AS ti
        ANY LEFT JOIN (SELECT _source, conversation_id AS ckey, minIf(id, ifNull(`+trStr("type")+`, '') = 'agent') AS p_agent
            FROM {db}.vcc_chat_participants FINAL GROUP BY _source, ckey) AS p USING (_source, ckey)) AS tip
    ANY LEFT JOIN (SELECT _source, id AS ch_key, name AS ch_name, routing_options_id AS ch_queue
        FROM {db}.vcc_chat_channels FINAL) AS ch USING (_source, ch_key)`),
	msgs: `SELECT _source, conversation_id AS ckey, interaction_id AS m_interaction, position AS m_position,
        ` + trStr("author_type") + ` AS m_author_type, participant_id AS m_participant, original_text AS m_text,
        translated_text AS m_translated, ` + trStr("type") + ` AS m_type
    FROM {db}.vcc_chat_messages FINAL`,
	msgKeys: "SELECT _source, conversation_id FROM {db}.vcc_chat_messages FINAL",
	msgCols: [10]string{
		"concat(m_interaction, '/', toString(m_position))", "toNullable(m_position)", trNullTime("started_at"),
		"multiIf(m_author_type = 'user', 'customer', m_author_type IN ('agent', 'bot', 'system'), m_author_type, 'system')",
		"m_participant",
		"multiIf(m_author_type = 'user', coalesce(customer_name, m_participant), m_participant)",
		"m_text", "m_translated", "m_type", "toUInt8(0)",
	},
}

// Dixa: messages have no position (ordered by time, then id, at export); the requester is the
// customer (name, e-mail and phone from dixa_end_users, else the conversation's from address or
// number), agent and queue names come from dixa_agents and dixa_queues. Automated messages are
// the bot's, messages by the requester or inbound ones the customer's, internal ones are marked.
// A conversation ends when its state becomes Closed.
var dixaTranscripts = transcriptSource{
	vendor: VendorDixa,
	conv: trConvSelect(map[string]string{
		"channel": trStr("channel"), "customer_id": "requester_id",
		"customer_name":  "coalesce(u_name, nullIf(concat(ifNull(u_first, ''), if(u_first IS NULL OR u_last IS NULL, '', ' '), ifNull(u_last, '')), ''))",
		"customer_email": "coalesce(u_email, from_email)", "customer_phone": "coalesce(u_phone, from_number)",
		"agent_id": "assignment_agent_id", "agent_name": "a_name", "queue_id": "queue_id", "queue": "q_name",
		"started_at": "toNullable(created_at)", "ended_at": "if(" + trStr("state") + " = 'Closed', state_updated_at, NULL)",
	}, `(SELECT * FROM (SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(requester_id, '') AS u_key,
                    ifNull(assignment_agent_id, '') AS a_key, ifNull(queue_id, '') AS q_key
                FROM {db}.dixa_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, id AS u_key, display_name AS u_name, first_name AS u_first, last_name AS u_last,
                    email AS u_email, phone_number AS u_phone FROM {db}.dixa_end_users FINAL) AS u USING (_source, u_key)) AS tu
        ANY LEFT JOIN (SELECT _source, id AS a_key, display_name AS a_name FROM {db}.dixa_agents FINAL) AS a USING (_source, a_key)) AS tua
    ANY LEFT JOIN (SELECT _source, id AS q_key, name AS q_name FROM {db}.dixa_queues FINAL) AS q USING (_source, q_key)`),
	msgs: `SELECT * FROM (SELECT _source, toString(conversation_id) AS ckey, id AS m_id, author_id AS m_author, ifNull(author_id, '') AS ma_key,
            created_at AS m_time, ` + trStr("attributes_direction") + ` AS m_direction,
            toUInt8(ifNull(toUInt8(attributes_is_automated), 0)) AS m_automated, attributes_from_name AS m_from_name,
            coalesce(attributes_content_value, attributes_email_content_content_value) AS m_text,
            ` + trStr("attributes__type") + ` AS m_type
        FROM {db}.dixa_messages FINAL) AS dm
    ANY LEFT JOIN (SELECT _source, id AS ma_key, display_name AS ma_name FROM {db}.dixa_agents FINAL) AS a USING (_source, ma_key)`,
	msgKeys: "SELECT _source, toString(conversation_id) FROM {db}.dixa_messages FINAL",
	msgCols: [10]string{
		"m_id", "CAST(NULL AS Nullable(Int64))", "toNullable(m_time)",
		"multiIf(m_automated = 1, 'bot', m_author = customer_id OR m_direction = 'Inbound', 'customer', m_author IS NULL, 'system', 'agent')",
		"m_author",
		"multiIf(m_author = customer_id, coalesce(customer_name, m_from_name, m_author), coalesce(m_from_name, ma_name, m_author))",
		"m_text", trNullStr, "m_type", "toUInt8(ifNull(m_direction, '') = 'Internal')",
	},
}

// Chatwoot: messages have no position (ordered by time, then id, at export); the conversation's
// sender is the customer (e-mail and phone from chatwoot_contacts), the assignee the agent, the
// inbox the queue. Chatwoot does not say when a conversation ended. Private notes are internal.
var chatwootTranscripts = transcriptSource{
	vendor: VendorChatwoot,
	conv: trConvSelect(map[string]string{
		"channel": "coalesce(" + trStr("sender_channel") + ", i_channel)", "customer_id": trStr("sender_id"),
		"customer_name": "coalesce(sender_name, k_name)", "customer_email": "k_email", "customer_phone": "k_phone",
		"agent_id": trStr("assignee_id"), "agent_name": "assignee_name", "queue_id": trStr("inbox_id"), "queue": "i_name",
		"started_at": "toNullable(timestamp)", "ended_at": trNullTime("timestamp"),
	}, `(SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(sender_id, toInt64(0)) AS k_key,
                ifNull(inbox_id, toInt64(0)) AS i_key FROM {db}.chatwoot_conversations FINAL) AS t
        ANY LEFT JOIN (SELECT _source, id AS k_key, name AS k_name, email AS k_email, phone_number AS k_phone
            FROM {db}.chatwoot_contacts FINAL) AS k USING (_source, k_key)) AS tk
    ANY LEFT JOIN (SELECT _source, id AS i_key, name AS i_name, `+trStr("channel_type")+` AS i_channel
        FROM {db}.chatwoot_inboxes FINAL) AS i USING (_source, i_key)`),
	msgs: `SELECT _source, toString(conversation_id) AS ckey, id AS m_id, created_at AS m_time, content AS m_text,
        ` + trStr("message_type") + ` AS m_kind, ` + trStr("sender_type") + ` AS m_sender_type, sender_id AS m_sender,
        sender_name AS m_sender_name, ` + trStr("content_type") + ` AS m_type, toUInt8(ifNull(toUInt8(private), 0)) AS m_private
    FROM {db}.chatwoot_messages FINAL`,
	msgKeys: "SELECT _source, toString(conversation_id) FROM {db}.chatwoot_messages FINAL",
	msgCols: [10]string{
		"m_id", "CAST(NULL AS Nullable(Int64))", "toNullable(m_time)",
		"multiIf(m_kind = 'activity', 'system', m_sender_type = 'agent_bot' OR m_kind = 'template', 'bot', " +
			"m_sender_type = 'contact', 'customer', m_sender_type = 'user', 'agent', m_kind = 'incoming', 'customer', m_kind = 'outgoing', 'agent', 'system')",
		"m_sender",
		"multiIf(m_sender_type = 'contact', coalesce(customer_name, m_sender_name), m_sender_type = 'user', coalesce(m_sender_name, agent_name), m_sender_name)",
		"m_text", trNullStr, "m_type", "m_private",
	},
}
