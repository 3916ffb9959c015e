package schema

// 8x8 Contact Center Chat API v2 (shared/specs/8x8-chat-api-and-chatwoot.md Part A). The
// extractor flattens nested objects into the fields named here (customer.name → customerName,
// routingOptions.id → routingOptionsId); conversation children (interactions, participants,
// messages) get the conversation id, and messages a position, from ccwh.

func vccChatCol(name, field string, t Type, doc string) Column {
	return Column{Name: name, Field: field, Type: t, Doc: doc}
}

// vccChatTables are the Chat API v2 tables in the registry.
var vccChatTables = []*Table{VCCChatChannels, VCCChatWebhooks, VCCChatConversations, VCCChatInteractions, VCCChatParticipants, VCCChatMessages}

// VCCChatChannels: GET …/channels (A.7.4).
var VCCChatChannels = New(Table{
	Name: "vcc_chat_channels", Root: "data", Record: "channel",
	Doc: "8x8 Contact Center Chat API v2 channels: channel → queue routing and its webhook",
	Columns: []Column{
		str("id", "channel id"),
		str("name", "channel name"),
		str("webHookId", "webhook the channel's events go to"),
		vccChatCol("routing_options_type", "routingOptionsType", String, "routingOptions.type (queue)"),
		vccChatCol("routing_options_id", "routingOptionsId", String, "routingOptions.id: the queue id"),
	},
	OrderBy: []string{"id"},
})

// VCCChatWebhooks: GET …/web-hooks (A.7.5), kept as a configuration dimension.
var VCCChatWebhooks = New(Table{
	Name: "vcc_chat_webhooks", Root: "data", Record: "webhook",
	Doc: "8x8 Contact Center Chat API v2 webhook registrations (configuration dimension)",
	Columns: []Column{
		str("id", "webhook id"),
		str("name", "webhook name"),
		str("uri", "absolute URI events are posted to"),
		lc("version", "event API version: v1.0 or v2.0"),
	},
	OrderBy: []string{"id"},
})

// VCCChatConversations: GET …/conversations?status=all (A.7.1).
var VCCChatConversations = New(Table{
	Name: "vcc_chat_conversations", Root: "data", Record: "conversation",
	ConversationColumn: "id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"customer_attributes": PIIFreeText, "customer_case_id": PIIOther, "customer_company": PIIOther, "customer_customer_id": PIICustomerID, "customer_email": PIIEmail, "customer_name": PIIName},
	Doc:                "8x8 Contact Center Chat API v2 conversations of every status (the record carries no status, end time or agent)",
	Columns: []Column{
		str("id", "conversation id (opaque)"),
		str("channelId", "channel the conversation came in on"),
		ts("startTime", "conversation start (UTC)"),
		vccChatCol("customer_name", "customerName", String, "customer.name"),
		vccChatCol("customer_customer_id", "customerCustomerId", String, "customer.customerId"),
		vccChatCol("customer_email", "customerEmail", String, "customer.email"),
		vccChatCol("customer_company", "customerCompany", String, "customer.company"),
		vccChatCol("customer_case_id", "customerCaseId", String, "customer.caseId"),
		Column{Name: "customer_language", Field: "customerLanguage", Type: String, LowCardinality: true, Doc: "customer.language (en, de, zh-CN, …)"},
		vccChatCol("customer_attributes", "customerAttributes", String, "customer's custom string properties (additionalProperties) as a JSON object"),
		vccChatCol("interaction_count", "interactionCount", Int64, "ccwh: number of interactions"),
	},
	OrderBy:     []string{"id"},
	PartitionBy: "start_time",
})

// VCCChatInteractions: the conversation's interactions[] (InteractionInfo).
var VCCChatInteractions = New(Table{
	Name: "vcc_chat_interactions", Root: "interactions", Record: "interaction",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Doc:                "8x8 Contact Center Chat API v2 interactions: agent-handling segments of a conversation",
	Columns: []Column{
		vccChatCol("conversation_id", "conversationId", String, "ccwh: the conversation"),
		str("id", "interaction id (int-…-chat-00-<tenant>)"),
		ts("startTime", "interaction start (UTC)"),
		ts("endTime", "interaction end (UTC); NULL while ongoing"),
	},
	OrderBy: []string{"conversation_id", "id"},
})

// VCCChatParticipants: GET …/conversations/{id}/participants (A.7.3).
var VCCChatParticipants = New(Table{
	Name: "vcc_chat_participants", Root: "participants", Record: "participant",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Doc:                "8x8 Contact Center Chat API v2 participants that joined a conversation (declared as one object, read as an object or an array)",
	Columns: []Column{
		vccChatCol("conversation_id", "conversationId", String, "ccwh: the conversation"),
		str("id", "participant id (agent id, customer, bot)"),
		lc("type", "author type: bot, user, system, agent (extensible)"),
		lc("language", "participant language"),
	},
	OrderBy: []string{"conversation_id", "id"},
})

// VCCChatMessages: GET …/conversations/{id}/messages (A.7.2). Messages have no id and no
// timestamp in this API: they are keyed by conversation, interaction and their position in the
// conversation's message list (1-based, as the API returns them).
var VCCChatMessages = New(Table{
	Name: "vcc_chat_messages", Root: "messages", Record: "message",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"original_text": PIIFreeText, "translated_text": PIIFreeText},
	Doc:                "8x8 Contact Center Chat API v2 messages (transcripts); the API gives them no id and no time, so the key is conversation, interaction and position (1-based order in the conversation's list)",
	Columns: []Column{
		vccChatCol("conversation_id", "conversationId", String, "ccwh: the conversation"),
		str("interactionId", "interaction during which the message was written"),
		vccChatCol("position", "position", Int64, "ccwh: 1-based position in the conversation's message list"),
		str("originalText", "message as written by the sender"),
		str("translatedText", "message as read by the receiver"),
		lc("authorType", "bot, user, system or agent (extensible)"),
		str("participantId", "id of the user who wrote the message"),
		lc("type", "type (required by the schema but not defined; kept when sent)"),
		str("senderId", "senderId (required by the schema but not defined; kept when sent)"),
	},
	OrderBy: []string{"conversation_id", "interaction_id", "position"},
})
