package schema

// Chatwoot application API (shared/specs/8x8-chat-api-and-chatwoot.md Part B, seed 001: the
// mid-2020 swagger). The extractor flattens nested objects into the fields named here
// (meta.sender.id → senderId, meta.assignee.id → assigneeId) and turns epoch timestamps
// (integers, seconds or milliseconds, or strings of digits) into UTC.

func cwCol(name, field string, t Type, doc string) Column {
	return Column{Name: name, Field: field, Type: t, Doc: doc}
}

// chatwootTables are the Chatwoot tables in the registry.
var chatwootTables = []*Table{ChatwootConversations, ChatwootMessages, ChatwootContacts, ChatwootInboxes, ChatwootTeams, ChatwootAgents}

// ChatwootConversations: GET /api/v1/accounts/{id}/conversations?status=… (B.4.1, B.5).
var ChatwootConversations = New(Table{
	Name: "chatwoot_conversations", Root: "payload", Record: "conversation",
	ConversationColumn: "id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"additional_attributes": PIIFreeText, "assignee_email": PIIEmployee, "assignee_name": PIIEmployee, "sender_id": PIICustomerID, "sender_name": PIIName, "sender_thumbnail": PIIOther},
	Doc:                "Chatwoot conversations of every status (open, resolved, bot, and pending/snoozed on newer servers); open ones are re-read every run until their final state lands",
	Columns: []Column{
		i64("id", "conversation id"),
		i64("account_id", "account id"),
		i64("inbox_id", "inbox id"),
		lc("status", "open, resolved, bot (pending, snoozed on newer servers)"),
		ts("timestamp", "when the conversation was created per the seed (epoch → UTC)"),
		ts("contact_last_seen_at", "contact last seen (epoch → UTC)"),
		ts("agent_last_seen_at", "agent last seen (epoch → UTC)"),
		i64("unread_count", "unread messages"),
		str("additional_attributes", "additional attributes (JSON object)"),
		i64("display_id", "display id (per-account number)"),
		cwCol("sender_id", "senderId", Int64, "meta.sender.id: the contact"),
		cwCol("sender_name", "senderName", String, "meta.sender.name"),
		cwCol("sender_thumbnail", "senderThumbnail", String, "meta.sender.thumbnail"),
		Column{Name: "sender_channel", Field: "senderChannel", Type: String, LowCardinality: true, Doc: "meta.sender.channel: channel type"},
		cwCol("assignee_id", "assigneeId", Int64, "meta.assignee.id: the assigned agent"),
		cwCol("assignee_name", "assigneeName", String, "meta.assignee.name"),
		cwCol("assignee_email", "assigneeEmail", String, "meta.assignee.email"),
		cwCol("message_count", "messageCount", Int64, "ccwh: messages loaded for the conversation in this run"),
	},
	OrderBy:     []string{"id"},
	PartitionBy: "timestamp",
})

// ChatwootMessages: GET …/conversations/{id}/messages (B.4.3, B.5 message).
var ChatwootMessages = New(Table{
	Name: "chatwoot_messages", Root: "payload", Record: "message",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"attachment": PIIOther, "content": PIIFreeText, "content_attributes": PIIFreeText, "sender_name": PIIName},
	Doc:                "Chatwoot messages of the loaded conversations (transcripts)",
	Columns: []Column{
		i64("id", "message id"),
		i64("conversation_id", "conversation id"),
		str("content", "text content"),
		lc("content_type", "text, input_select, cards, form (input_email, article on write)"),
		str("content_attributes", "content attributes (JSON object)"),
		lc("message_type", "incoming, outgoing, activity, template (integers 0–3 mapped)"),
		ts("created_at", "creation time (epoch → UTC)"),
		boo("private", "private note"),
		str("attachment", "attachment (JSON; attachments[] on newer servers go to _extra)"),
		cwCol("sender_id", "senderId", Int64, "sender.id"),
		Column{Name: "sender_type", Field: "senderType", Type: String, LowCardinality: true, Doc: "sender.type: contact, user, agent_bot"},
		cwCol("sender_name", "senderName", String, "sender.name"),
		i64("source_id", "source id (extended_message)"),
	},
	OrderBy:     []string{"conversation_id", "id"},
	PartitionBy: "created_at",
})

// ChatwootContacts: GET …/contacts?page= (B.4.4).
var ChatwootContacts = New(Table{
	Name: "chatwoot_contacts", Root: "payload", Record: "contact",
	Erase:    ErasePerson,
	Personal: map[string]PII{"additional_attributes": PIIFreeText, "contact_inboxes": PIIFreeText, "email": PIIEmail, "id": PIICustomerID, "name": PIIName, "phone_number": PIIPhone, "thumbnail": PIIOther},
	Doc:      "Chatwoot contacts (15 per page, until an empty page)",
	Columns: []Column{
		i64("id", "contact id"),
		str("name", "name"),
		str("email", "e-mail"),
		str("phone_number", "phone number"),
		str("thumbnail", "avatar URL"),
		str("additional_attributes", "additional attributes (JSON object)"),
		str("contact_inboxes", "contact inboxes (JSON array of {source_id, inbox})"),
		lc("availability_status", "online or offline"),
	},
	OrderBy: []string{"id"},
})

// ChatwootInboxes: GET …/inboxes (B.4.5).
var ChatwootInboxes = New(Table{
	Name: "chatwoot_inboxes", Root: "payload", Record: "inbox",
	Doc: "Chatwoot inboxes",
	Columns: []Column{
		i64("id", "inbox id"),
		str("name", "name"),
		str("website_url", "website URL"),
		lc("channel_type", "channel type, e.g. Channel::WebWidget"),
		str("avatar_url", "avatar URL"),
		str("widget_color", "widget colour"),
		str("website_token", "website token"),
		boo("enable_auto_assignment", "auto assignment enabled"),
		str("web_widget_script", "widget script"),
		str("welcome_title", "welcome title"),
		str("welcome_tagline", "welcome tagline"),
		boo("greeting_enabled", "greeting enabled"),
		str("greeting_message", "greeting message"),
	},
	OrderBy: []string{"id"},
})

// ChatwootTeams: GET …/teams (B.4.6).
var ChatwootTeams = New(Table{
	Name: "chatwoot_teams", Root: "payload", Record: "team",
	Doc: "Chatwoot teams",
	Columns: []Column{
		i64("id", "team id"),
		str("name", "name"),
		str("description", "description"),
		boo("allow_auto_assign", "auto assignment allowed"),
		i64("account_id", "account id"),
		boo("is_member", "the token's user is a member"),
	},
	OrderBy: []string{"id"},
})

// ChatwootAgents: GET …/agents (not in the 2020 seed; the user record of B.5).
var ChatwootAgents = New(Table{
	Name: "chatwoot_agents", Root: "payload", Record: "agent",
	Personal: map[string]PII{"available_name": PIIEmployee, "display_name": PIIEmployee, "email": PIIEmployee, "name": PIIEmployee, "thumbnail": PIIEmployee, "uid": PIIEmployee},
	Doc:      "Chatwoot agents of the account (GET /api/v1/accounts/{id}/agents, outside the 2020 seed; user record fields)",
	Columns: []Column{
		i64("id", "user id"),
		str("uid", "uid"),
		str("name", "name"),
		str("available_name", "available name"),
		str("display_name", "display name"),
		str("email", "e-mail"),
		i64("account_id", "account id"),
		lc("role", "agent or administrator"),
		boo("confirmed", "confirmed"),
		lc("availability_status", "online, busy, offline"),
		str("thumbnail", "avatar URL"),
	},
	OrderBy: []string{"id"},
})
