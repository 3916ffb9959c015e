package schema

import "strings"

// Conversation views: one row per conversation of every vendor that has conversations (Dixa,
// Chatwoot, the 8x8 Chat API v2 and 8x8 chat transcripts), with its first agent response and its
// resolution, and a daily roll-up per vendor and channel.
//
// Every branch yields the same columns with the same types (ClickHouse 18.16 requires it in
// UNION ALL): vendor, source, conversation_id String, channel String, status String, created_at,
// first_response_at and resolved_at (Nullable) as DateTime, messages UInt64. A joined side that
// has no row yields zeros (join_use_nulls is off on every version), so each branch counts what it
// aggregates and turns an empty aggregate into NULL.

// convTime normalises a timestamp column to DateTime (seconds, UTC) on every server version.
func convTime(col string) string { return "toDateTime(" + col + ", 'UTC')" }

// nullTime is convTime that is NULL unless cond holds.
func nullTime(cond, col string) string { return "if(" + cond + ", " + convTime(col) + ", NULL)" }

var conversationBranches = []string{
	// Dixa: first response = first message written by someone other than the requester, not
	// automated and not internal; resolved = state Closed at state_updated_at.
	`SELECT 'dixa' AS vendor, c.source AS source, toString(c.id) AS conversation_id, c.channel AS channel, c.status AS status,
    ` + convTime("c.created_at") + ` AS created_at,
    ` + nullTime("m.replies > 0", "m.first_reply_at") + ` AS first_response_at,
    ` + nullTime("c.status = 'Closed' AND c.state_updated_at IS NOT NULL", "c.state_updated_at") + ` AS resolved_at,
    toUInt64(m.messages) AS messages
FROM (
    SELECT CAST(_source AS String) AS source, id, CAST(ifNull(channel, '') AS String) AS channel, CAST(ifNull(state, '') AS String) AS status,
        created_at, state_updated_at
    FROM {db}.dixa_conversations FINAL
) AS c
ANY LEFT JOIN (
    SELECT source, id, count() AS messages, countIf(is_reply) AS replies, minIf(created_at, is_reply) AS first_reply_at
    FROM (
        SELECT source, id, created_at,
            author != requester AND direction != 'Internal' AND automated = 0 AS is_reply
        FROM (
            SELECT CAST(_source AS String) AS source, conversation_id AS id, created_at, ifNull(author_id, '') AS author,
                CAST(ifNull(attributes_direction, '') AS String) AS direction, ifNull(toUInt8(attributes_is_automated), 0) AS automated
            FROM {db}.dixa_messages FINAL
        ) AS msg
        ANY LEFT JOIN (
            SELECT CAST(_source AS String) AS source, id, ifNull(requester_id, '') AS requester FROM {db}.dixa_conversations FINAL
        ) AS req USING (source, id)
    )
    GROUP BY source, id
) AS m USING (source, id)`,

	// Chatwoot: channel = the inbox's channel type; first response = first outgoing, non-private
	// message; resolved = status resolved, at its last message (Chatwoot records the resolution
	// as an activity message).
	`SELECT 'chatwoot' AS vendor, c.source AS source, toString(c.id) AS conversation_id, c.channel AS channel, c.status AS status,
    ` + convTime("c.created_at") + ` AS created_at,
    ` + nullTime("m.replies > 0", "m.first_reply_at") + ` AS first_response_at,
    ` + nullTime("c.status = 'resolved' AND m.messages > 0", "m.last_at") + ` AS resolved_at,
    toUInt64(m.messages) AS messages
FROM (
    SELECT cv.source AS source, cv.id AS id, if(ib.channel_type != '', ib.channel_type, cv.sender_channel) AS channel,
        cv.status AS status, cv.created_at AS created_at
    FROM (
        SELECT CAST(_source AS String) AS source, id, ifNull(inbox_id, 0) AS inbox_id, CAST(ifNull(status, '') AS String) AS status,
            ` + "`timestamp`" + ` AS created_at, CAST(ifNull(sender_channel, '') AS String) AS sender_channel
        FROM {db}.chatwoot_conversations FINAL
    ) AS cv
    ANY LEFT JOIN (
        SELECT CAST(_source AS String) AS source, id AS inbox_id, CAST(ifNull(channel_type, '') AS String) AS channel_type
        FROM {db}.chatwoot_inboxes FINAL
    ) AS ib USING (source, inbox_id)
) AS c
ANY LEFT JOIN (
    SELECT source, id, count() AS messages, countIf(is_reply) AS replies, minIf(created_at, is_reply) AS first_reply_at,
        max(created_at) AS last_at
    FROM (
        SELECT CAST(_source AS String) AS source, conversation_id AS id, created_at,
            CAST(ifNull(message_type, '') AS String) = 'outgoing' AND ifNull(toUInt8(private), 0) = 0 AS is_reply
        FROM {db}.chatwoot_messages FINAL
    )
    GROUP BY source, id
) AS m USING (source, id)`,

	// 8x8 Chat API v2: messages carry no time, so first response = start of the first
	// interaction (an agent-handling segment); resolved = end of the last interaction once every
	// interaction has ended. Channel = the channel's name.
	`SELECT 'vcc_chat' AS vendor, c.source AS source, c.id AS conversation_id, c.channel AS channel, '' AS status,
    ` + convTime("c.created_at") + ` AS created_at,
    ` + nullTime("c.interactions > 0 AND c.first_start_at IS NOT NULL", "c.first_start_at") + ` AS first_response_at,
    ` + nullTime("c.interactions > 0 AND c.ongoing = 0", "c.last_end_at") + ` AS resolved_at,
    toUInt64(m.messages) AS messages
FROM (
    SELECT cv.source AS source, cv.id AS id, if(cv.channel_name != '', cv.channel_name, cv.channel_id) AS channel,
        cv.created_at AS created_at, it.interactions AS interactions, it.ongoing AS ongoing,
        it.first_start_at AS first_start_at, it.last_end_at AS last_end_at
    FROM (
        SELECT cc.source AS source, cc.id AS id, cc.channel_id AS channel_id, cc.created_at AS created_at, ch.channel_name AS channel_name
        FROM (
            SELECT CAST(_source AS String) AS source, id, ifNull(channel_id, '') AS channel_id, start_time AS created_at
            FROM {db}.vcc_chat_conversations FINAL
        ) AS cc
        ANY LEFT JOIN (
            SELECT CAST(_source AS String) AS source, id AS channel_id, ifNull(name, '') AS channel_name FROM {db}.vcc_chat_channels FINAL
        ) AS ch USING (source, channel_id)
    ) AS cv
    ANY LEFT JOIN (
        SELECT CAST(_source AS String) AS source, conversation_id AS id, count() AS interactions, countIf(end_time IS NULL) AS ongoing,
            min(start_time) AS first_start_at, max(end_time) AS last_end_at
        FROM {db}.vcc_chat_interactions FINAL
        GROUP BY source, id
    ) AS it USING (source, id)
) AS c
ANY LEFT JOIN (
    SELECT CAST(_source AS String) AS source, conversation_id AS id, count() AS messages FROM {db}.vcc_chat_messages FINAL GROUP BY source, id
) AS m USING (source, id)`,

	// 8x8 chat transcripts: a transcript is a finished chat; first response = first agent (A)
	// message; resolved = its last message. Created = the chat's start date.
	`SELECT 'vcc' AS vendor, t.source AS source, t.id AS conversation_id, t.channel AS channel, '' AS status,
    ` + convTime("t.created_at") + ` AS created_at,
    ` + nullTime("m.replies > 0", "m.first_reply_at") + ` AS first_response_at,
    ` + nullTime("m.timed > 0", "m.last_at") + ` AS resolved_at,
    toUInt64(m.messages) AS messages
FROM (
    SELECT CAST(_source AS String) AS source, interaction_guid AS id, CAST(ifNull(channel_name, '') AS String) AS channel, start_date AS created_at
    FROM {db}.vcc_transcripts FINAL
) AS t
ANY LEFT JOIN (
    SELECT source, id, count() AS messages, countIf(is_reply) AS replies, minIf(at, is_reply) AS first_reply_at,
        max(at) AS last_at, countIf(timed) AS timed
    FROM (
        SELECT CAST(_source AS String) AS source, interaction_guid AS id, message_time IS NOT NULL AS timed,
            ifNull(message_time, start_date) AS at,
            CAST(ifNull(message_from, '') AS String) = 'A' AND message_time IS NOT NULL AS is_reply
        FROM {db}.vcc_transcript_messages FINAL
    )
    GROUP BY source, id
) AS m USING (source, id)`,
}

var conversationViews = []View{
	{
		Name: "conversations_unified",
		Doc: "one row per conversation of Dixa, Chatwoot, the 8x8 Chat API v2 and 8x8 chat transcripts " +
			"(latest version): vendor, source, conversation id, channel, vendor status, created, first " +
			"agent response and resolution (time and seconds after creation; NULL when none yet), messages",
		Query: `SELECT vendor, source, conversation_id, channel, status, created_at, first_response_at, resolved_at,
    ` + secondsBetween("created_at", "first_response_at") + ` AS first_response_s,
    ` + secondsBetween("created_at", "resolved_at") + ` AS resolution_s,
    messages
FROM (
` + strings.Join(conversationBranches, "\nUNION ALL\n") + `
)`,
	},
	{
		Name: "conversation_times_daily",
		Doc: "conversations_unified per UTC day of creation, vendor, source and channel: conversations, " +
			"responded, resolved, average and median first-response and resolution seconds",
		Query: `SELECT toDate(created_at) AS day, vendor, source, channel,
    count() AS conversations,
    countIf(first_response_at IS NOT NULL) AS responded,
    countIf(resolved_at IS NOT NULL) AS resolved,
    round(avg(first_response_s), 1) AS avg_first_response_s,
    round(quantile(0.5)(first_response_s), 1) AS median_first_response_s,
    round(avg(resolution_s), 1) AS avg_resolution_s,
    round(quantile(0.5)(resolution_s), 1) AS median_resolution_s
FROM {db}.conversations_unified
GROUP BY day, vendor, source, channel`,
	},
}
