CREATE VIEW `ccwh`.`transcripts_unified` AS
SELECT CAST(_source AS String) AS source, 'vcc' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(toString(m_position) AS Nullable(String)) AS message_id,
    toNullable(m_position) AS position,
    toNullable(m_time) AS sent_at,
    CAST(multiIf(m_from = 'C', 'customer', m_from = 'A', 'agent', 'system') AS Nullable(String)) AS author_role,
    CAST(multiIf(m_from = 'C', customer_id, m_from = 'A', agent_id, NULL) AS Nullable(String)) AS author_id,
    CAST(multiIf(m_from = 'C', customer_name, m_from = 'A', agent_name, m_from) AS Nullable(String)) AS author,
    CAST(m_text AS Nullable(String)) AS text,
    CAST(m_translated AS Nullable(String)) AS translated_text,
    CAST(CAST(NULL AS Nullable(String)) AS Nullable(String)) AS message_type,
    toUInt8(0) AS internal
FROM (SELECT _source, interaction_guid AS ckey, position AS m_position, message_time AS m_time,
        CAST(message_from AS Nullable(String)) AS m_from, original_message AS m_text, translated_message AS m_translated
    FROM `ccwh`.vcc_transcript_messages FINAL) AS m
ANY LEFT JOIN (SELECT _source, ckey, coalesce(CAST(channel_name AS Nullable(String)), CAST(channel_id AS Nullable(String))) AS c_channel, CAST(contact_id AS Nullable(String)) AS c_customer_id, CAST(contact_name AS Nullable(String)) AS c_customer_name, CAST(NULL AS Nullable(String)) AS c_customer_email, CAST(NULL AS Nullable(String)) AS c_customer_phone, CAST(agent_id AS Nullable(String)) AS c_agent_id, CAST(agent_name AS Nullable(String)) AS c_agent_name, CAST(queue_id AS Nullable(String)) AS c_queue_id, CAST(queue_name AS Nullable(String)) AS c_queue, toNullable(start_date) AS c_started_at, addSeconds(start_date, duration) AS c_ended_at FROM (SELECT *, interaction_guid AS ckey FROM `ccwh`.vcc_transcripts FINAL) AS t) AS c USING (_source, ckey)
UNION ALL
SELECT CAST(_source AS String) AS source, 'vcc' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(NULL AS Nullable(String)) AS message_id, CAST(NULL AS Nullable(Int64)) AS position, nullIf(started_at, started_at) AS sent_at, CAST(NULL AS Nullable(String)) AS author_role, CAST(NULL AS Nullable(String)) AS author_id, CAST(NULL AS Nullable(String)) AS author, CAST(NULL AS Nullable(String)) AS text, CAST(NULL AS Nullable(String)) AS translated_text, CAST(NULL AS Nullable(String)) AS message_type, toUInt8(0) AS internal
FROM (SELECT _source, ckey, coalesce(CAST(channel_name AS Nullable(String)), CAST(channel_id AS Nullable(String))) AS c_channel, CAST(contact_id AS Nullable(String)) AS c_customer_id, CAST(contact_name AS Nullable(String)) AS c_customer_name, CAST(NULL AS Nullable(String)) AS c_customer_email, CAST(NULL AS Nullable(String)) AS c_customer_phone, CAST(agent_id AS Nullable(String)) AS c_agent_id, CAST(agent_name AS Nullable(String)) AS c_agent_name, CAST(queue_id AS Nullable(String)) AS c_queue_id, CAST(queue_name AS Nullable(String)) AS c_queue, toNullable(start_date) AS c_started_at, addSeconds(start_date, duration) AS c_ended_at FROM (SELECT *, interaction_guid AS ckey FROM `ccwh`.vcc_transcripts FINAL) AS t) AS c
WHERE (_source, ckey) NOT IN (SELECT _source, interaction_guid FROM `ccwh`.vcc_transcript_messages FINAL)
UNION ALL
SELECT CAST(_source AS String) AS source, 'vcc_chat' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(concat(m_interaction, '/', toString(m_position)) AS Nullable(String)) AS message_id,
    toNullable(m_position) AS position,
    nullIf(started_at, started_at) AS sent_at,
    CAST(multiIf(m_author_type = 'user', 'customer', m_author_type IN ('agent', 'bot', 'system'), m_author_type, 'system') AS Nullable(String)) AS author_role,
    CAST(m_participant AS Nullable(String)) AS author_id,
    CAST(multiIf(m_author_type = 'user', coalesce(customer_name, m_participant), m_participant) AS Nullable(String)) AS author,
    CAST(m_text AS Nullable(String)) AS text,
    CAST(m_translated AS Nullable(String)) AS translated_text,
    CAST(m_type AS Nullable(String)) AS message_type,
    toUInt8(0) AS internal
FROM (SELECT _source, conversation_id AS ckey, interaction_id AS m_interaction, position AS m_position,
        CAST(author_type AS Nullable(String)) AS m_author_type, participant_id AS m_participant, original_text AS m_text,
        translated_text AS m_translated, CAST(type AS Nullable(String)) AS m_type
    FROM `ccwh`.vcc_chat_messages FINAL) AS m
ANY LEFT JOIN (SELECT _source, ckey, coalesce(ch_name, CAST(channel_id AS Nullable(String))) AS c_channel, CAST(customer_customer_id AS Nullable(String)) AS c_customer_id, CAST(customer_name AS Nullable(String)) AS c_customer_name, CAST(customer_email AS Nullable(String)) AS c_customer_email, CAST(NULL AS Nullable(String)) AS c_customer_phone, nullIf(p_agent, '') AS c_agent_id, CAST(NULL AS Nullable(String)) AS c_agent_name, ch_queue AS c_queue_id, CAST(NULL AS Nullable(String)) AS c_queue, toNullable(start_time) AS c_started_at, i_ended AS c_ended_at FROM (SELECT * FROM (SELECT * FROM (SELECT *, id AS ckey, ifNull(channel_id, '') AS ch_key FROM `ccwh`.vcc_chat_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, conversation_id AS ckey,
                    if(count() = 0 OR countIf(end_time IS NULL) > 0, NULL, max(end_time)) AS i_ended
                FROM `ccwh`.vcc_chat_interactions FINAL GROUP BY _source, ckey) AS i USING (_source, ckey)) AS ti
        ANY LEFT JOIN (SELECT _source, conversation_id AS ckey, minIf(id, ifNull(CAST(type AS Nullable(String)), '') = 'agent') AS p_agent
            FROM `ccwh`.vcc_chat_participants FINAL GROUP BY _source, ckey) AS p USING (_source, ckey)) AS tip
    ANY LEFT JOIN (SELECT _source, id AS ch_key, name AS ch_name, routing_options_id AS ch_queue
        FROM `ccwh`.vcc_chat_channels FINAL) AS ch USING (_source, ch_key)) AS c USING (_source, ckey)
UNION ALL
SELECT CAST(_source AS String) AS source, 'vcc_chat' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(NULL AS Nullable(String)) AS message_id, CAST(NULL AS Nullable(Int64)) AS position, nullIf(started_at, started_at) AS sent_at, CAST(NULL AS Nullable(String)) AS author_role, CAST(NULL AS Nullable(String)) AS author_id, CAST(NULL AS Nullable(String)) AS author, CAST(NULL AS Nullable(String)) AS text, CAST(NULL AS Nullable(String)) AS translated_text, CAST(NULL AS Nullable(String)) AS message_type, toUInt8(0) AS internal
FROM (SELECT _source, ckey, coalesce(ch_name, CAST(channel_id AS Nullable(String))) AS c_channel, CAST(customer_customer_id AS Nullable(String)) AS c_customer_id, CAST(customer_name AS Nullable(String)) AS c_customer_name, CAST(customer_email AS Nullable(String)) AS c_customer_email, CAST(NULL AS Nullable(String)) AS c_customer_phone, nullIf(p_agent, '') AS c_agent_id, CAST(NULL AS Nullable(String)) AS c_agent_name, ch_queue AS c_queue_id, CAST(NULL AS Nullable(String)) AS c_queue, toNullable(start_time) AS c_started_at, i_ended AS c_ended_at FROM (SELECT * FROM (SELECT * FROM (SELECT *, id AS ckey, ifNull(channel_id, '') AS ch_key FROM `ccwh`.vcc_chat_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, conversation_id AS ckey,
                    if(count() = 0 OR countIf(end_time IS NULL) > 0, NULL, max(end_time)) AS i_ended
                FROM `ccwh`.vcc_chat_interactions FINAL GROUP BY _source, ckey) AS i USING (_source, ckey)) AS ti
        ANY LEFT JOIN (SELECT _source, conversation_id AS ckey, minIf(id, ifNull(CAST(type AS Nullable(String)), '') = 'agent') AS p_agent
            FROM `ccwh`.vcc_chat_participants FINAL GROUP BY _source, ckey) AS p USING (_source, ckey)) AS tip
    ANY LEFT JOIN (SELECT _source, id AS ch_key, name AS ch_name, routing_options_id AS ch_queue
        FROM `ccwh`.vcc_chat_channels FINAL) AS ch USING (_source, ch_key)) AS c
WHERE (_source, ckey) NOT IN (SELECT _source, conversation_id FROM `ccwh`.vcc_chat_messages FINAL)
UNION ALL
SELECT CAST(_source AS String) AS source, 'dixa' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(m_id AS Nullable(String)) AS message_id,
    CAST(NULL AS Nullable(Int64)) AS position,
    toNullable(m_time) AS sent_at,
    CAST(multiIf(m_automated = 1, 'bot', m_author = customer_id OR m_direction = 'Inbound', 'customer', m_author IS NULL, 'system', 'agent') AS Nullable(String)) AS author_role,
    CAST(m_author AS Nullable(String)) AS author_id,
    CAST(multiIf(m_author = customer_id, coalesce(customer_name, m_from_name, m_author), coalesce(m_from_name, ma_name, m_author)) AS Nullable(String)) AS author,
    CAST(m_text AS Nullable(String)) AS text,
    CAST(CAST(NULL AS Nullable(String)) AS Nullable(String)) AS translated_text,
    CAST(m_type AS Nullable(String)) AS message_type,
    toUInt8(ifNull(m_direction, '') = 'Internal') AS internal
FROM (SELECT * FROM (SELECT _source, toString(conversation_id) AS ckey, id AS m_id, author_id AS m_author, ifNull(author_id, '') AS ma_key,
            created_at AS m_time, CAST(attributes_direction AS Nullable(String)) AS m_direction,
            toUInt8(ifNull(toUInt8(attributes_is_automated), 0)) AS m_automated, attributes_from_name AS m_from_name,
            coalesce(attributes_content_value, attributes_email_content_content_value) AS m_text,
            CAST(attributes__type AS Nullable(String)) AS m_type
        FROM `ccwh`.dixa_messages FINAL) AS dm
    ANY LEFT JOIN (SELECT _source, id AS ma_key, display_name AS ma_name FROM `ccwh`.dixa_agents FINAL) AS a USING (_source, ma_key)) AS m
ANY LEFT JOIN (SELECT _source, ckey, CAST(channel AS Nullable(String)) AS c_channel, requester_id AS c_customer_id, coalesce(u_name, nullIf(concat(ifNull(u_first, ''), if(u_first IS NULL OR u_last IS NULL, '', ' '), ifNull(u_last, '')), '')) AS c_customer_name, coalesce(u_email, from_email) AS c_customer_email, coalesce(u_phone, from_number) AS c_customer_phone, assignment_agent_id AS c_agent_id, a_name AS c_agent_name, queue_id AS c_queue_id, q_name AS c_queue, toNullable(created_at) AS c_started_at, if(CAST(state AS Nullable(String)) = 'Closed', state_updated_at, NULL) AS c_ended_at FROM (SELECT * FROM (SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(requester_id, '') AS u_key,
                    ifNull(assignment_agent_id, '') AS a_key, ifNull(queue_id, '') AS q_key
                FROM `ccwh`.dixa_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, id AS u_key, display_name AS u_name, first_name AS u_first, last_name AS u_last,
                    email AS u_email, phone_number AS u_phone FROM `ccwh`.dixa_end_users FINAL) AS u USING (_source, u_key)) AS tu
        ANY LEFT JOIN (SELECT _source, id AS a_key, display_name AS a_name FROM `ccwh`.dixa_agents FINAL) AS a USING (_source, a_key)) AS tua
    ANY LEFT JOIN (SELECT _source, id AS q_key, name AS q_name FROM `ccwh`.dixa_queues FINAL) AS q USING (_source, q_key)) AS c USING (_source, ckey)
UNION ALL
SELECT CAST(_source AS String) AS source, 'dixa' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(NULL AS Nullable(String)) AS message_id, CAST(NULL AS Nullable(Int64)) AS position, nullIf(started_at, started_at) AS sent_at, CAST(NULL AS Nullable(String)) AS author_role, CAST(NULL AS Nullable(String)) AS author_id, CAST(NULL AS Nullable(String)) AS author, CAST(NULL AS Nullable(String)) AS text, CAST(NULL AS Nullable(String)) AS translated_text, CAST(NULL AS Nullable(String)) AS message_type, toUInt8(0) AS internal
FROM (SELECT _source, ckey, CAST(channel AS Nullable(String)) AS c_channel, requester_id AS c_customer_id, coalesce(u_name, nullIf(concat(ifNull(u_first, ''), if(u_first IS NULL OR u_last IS NULL, '', ' '), ifNull(u_last, '')), '')) AS c_customer_name, coalesce(u_email, from_email) AS c_customer_email, coalesce(u_phone, from_number) AS c_customer_phone, assignment_agent_id AS c_agent_id, a_name AS c_agent_name, queue_id AS c_queue_id, q_name AS c_queue, toNullable(created_at) AS c_started_at, if(CAST(state AS Nullable(String)) = 'Closed', state_updated_at, NULL) AS c_ended_at FROM (SELECT * FROM (SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(requester_id, '') AS u_key,
                    ifNull(assignment_agent_id, '') AS a_key, ifNull(queue_id, '') AS q_key
                FROM `ccwh`.dixa_conversations FINAL) AS t
            ANY LEFT JOIN (SELECT _source, id AS u_key, display_name AS u_name, first_name AS u_first, last_name AS u_last,
                    email AS u_email, phone_number AS u_phone FROM `ccwh`.dixa_end_users FINAL) AS u USING (_source, u_key)) AS tu
        ANY LEFT JOIN (SELECT _source, id AS a_key, display_name AS a_name FROM `ccwh`.dixa_agents FINAL) AS a USING (_source, a_key)) AS tua
    ANY LEFT JOIN (SELECT _source, id AS q_key, name AS q_name FROM `ccwh`.dixa_queues FINAL) AS q USING (_source, q_key)) AS c
WHERE (_source, ckey) NOT IN (SELECT _source, toString(conversation_id) FROM `ccwh`.dixa_messages FINAL)
UNION ALL
SELECT CAST(_source AS String) AS source, 'chatwoot' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(m_id AS Nullable(String)) AS message_id,
    CAST(NULL AS Nullable(Int64)) AS position,
    toNullable(m_time) AS sent_at,
    CAST(multiIf(m_kind = 'activity', 'system', m_sender_type = 'agent_bot' OR m_kind = 'template', 'bot', m_sender_type = 'contact', 'customer', m_sender_type = 'user', 'agent', m_kind = 'incoming', 'customer', m_kind = 'outgoing', 'agent', 'system') AS Nullable(String)) AS author_role,
    CAST(m_sender AS Nullable(String)) AS author_id,
    CAST(multiIf(m_sender_type = 'contact', coalesce(customer_name, m_sender_name), m_sender_type = 'user', coalesce(m_sender_name, agent_name), m_sender_name) AS Nullable(String)) AS author,
    CAST(m_text AS Nullable(String)) AS text,
    CAST(CAST(NULL AS Nullable(String)) AS Nullable(String)) AS translated_text,
    CAST(m_type AS Nullable(String)) AS message_type,
    m_private AS internal
FROM (SELECT _source, toString(conversation_id) AS ckey, id AS m_id, created_at AS m_time, content AS m_text,
        CAST(message_type AS Nullable(String)) AS m_kind, CAST(sender_type AS Nullable(String)) AS m_sender_type, sender_id AS m_sender,
        sender_name AS m_sender_name, CAST(content_type AS Nullable(String)) AS m_type, toUInt8(ifNull(toUInt8(private), 0)) AS m_private
    FROM `ccwh`.chatwoot_messages FINAL) AS m
ANY LEFT JOIN (SELECT _source, ckey, coalesce(CAST(sender_channel AS Nullable(String)), i_channel) AS c_channel, CAST(sender_id AS Nullable(String)) AS c_customer_id, coalesce(sender_name, k_name) AS c_customer_name, k_email AS c_customer_email, k_phone AS c_customer_phone, CAST(assignee_id AS Nullable(String)) AS c_agent_id, assignee_name AS c_agent_name, CAST(inbox_id AS Nullable(String)) AS c_queue_id, i_name AS c_queue, toNullable(timestamp) AS c_started_at, nullIf(timestamp, timestamp) AS c_ended_at FROM (SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(sender_id, toInt64(0)) AS k_key,
                ifNull(inbox_id, toInt64(0)) AS i_key FROM `ccwh`.chatwoot_conversations FINAL) AS t
        ANY LEFT JOIN (SELECT _source, id AS k_key, name AS k_name, email AS k_email, phone_number AS k_phone
            FROM `ccwh`.chatwoot_contacts FINAL) AS k USING (_source, k_key)) AS tk
    ANY LEFT JOIN (SELECT _source, id AS i_key, name AS i_name, CAST(channel_type AS Nullable(String)) AS i_channel
        FROM `ccwh`.chatwoot_inboxes FINAL) AS i USING (_source, i_key)) AS c USING (_source, ckey)
UNION ALL
SELECT CAST(_source AS String) AS source, 'chatwoot' AS vendor, ckey AS conversation_id, c_channel AS channel, c_customer_id AS customer_id, c_customer_name AS customer_name, c_customer_email AS customer_email, c_customer_phone AS customer_phone, c_agent_id AS agent_id, c_agent_name AS agent_name, c_queue_id AS queue_id, c_queue AS queue, c_started_at AS started_at, c_ended_at AS ended_at,
    CAST(NULL AS Nullable(String)) AS message_id, CAST(NULL AS Nullable(Int64)) AS position, nullIf(started_at, started_at) AS sent_at, CAST(NULL AS Nullable(String)) AS author_role, CAST(NULL AS Nullable(String)) AS author_id, CAST(NULL AS Nullable(String)) AS author, CAST(NULL AS Nullable(String)) AS text, CAST(NULL AS Nullable(String)) AS translated_text, CAST(NULL AS Nullable(String)) AS message_type, toUInt8(0) AS internal
FROM (SELECT _source, ckey, coalesce(CAST(sender_channel AS Nullable(String)), i_channel) AS c_channel, CAST(sender_id AS Nullable(String)) AS c_customer_id, coalesce(sender_name, k_name) AS c_customer_name, k_email AS c_customer_email, k_phone AS c_customer_phone, CAST(assignee_id AS Nullable(String)) AS c_agent_id, assignee_name AS c_agent_name, CAST(inbox_id AS Nullable(String)) AS c_queue_id, i_name AS c_queue, toNullable(timestamp) AS c_started_at, nullIf(timestamp, timestamp) AS c_ended_at FROM (SELECT * FROM (SELECT *, toString(id) AS ckey, ifNull(sender_id, toInt64(0)) AS k_key,
                ifNull(inbox_id, toInt64(0)) AS i_key FROM `ccwh`.chatwoot_conversations FINAL) AS t
        ANY LEFT JOIN (SELECT _source, id AS k_key, name AS k_name, email AS k_email, phone_number AS k_phone
            FROM `ccwh`.chatwoot_contacts FINAL) AS k USING (_source, k_key)) AS tk
    ANY LEFT JOIN (SELECT _source, id AS i_key, name AS i_name, CAST(channel_type AS Nullable(String)) AS i_channel
        FROM `ccwh`.chatwoot_inboxes FINAL) AS i USING (_source, i_key)) AS c
WHERE (_source, ckey) NOT IN (SELECT _source, toString(conversation_id) FROM `ccwh`.chatwoot_messages FINAL)
