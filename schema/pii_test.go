package schema

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// personalName matches column names that look like personal data: contact addresses, names,
// customers, free text written by people.
var personalName = regexp.MustCompile(`email|e_mail|phone|msisdn|(^|_)ani($|_)|dnis|address|(^|_)names?($|_)|customer|contact|caller|called|` +
	`origination|destination|requester|sender|author|(^|_)user|number|message|content|comment|note|text|payload|attributes|subject|(^|_)ip($|_)`)

// notPersonal are columns whose names look personal but hold no personal data, with the reason.
// Keyed by column name (any table) or table.column.
var notPersonal = map[string]string{
	// Names of the organisation's own things, not of people.
	"queue_name": "a queue", "group_name": "an agent group", "campaign_name": "a campaign", "channel_name": "a channel (the company's number or address)",
	"tcl_name": "a code list", "scl_name": "a code list", "dixa_teams.name": "a team", "dixa_tags.name": "a tag",
	"dixa_conversation_tags.name": "a tag", "dixa_queues.name": "a queue", "chatwoot_inboxes.name": "an inbox",
	"chatwoot_teams.name": "a team", "vcc_chat_channels.name": "a chat channel", "vcc_chat_webhooks.name": "a webhook",
	"cpaas_workflow_definitions.name": "a workflow", "dixa_analytics_records.name": "the name of a record field",
	"attributes_queue_name": "a queue", "attributes_template_name": "a message template", "dixa_contact_endpoints.name": "the company's endpoint",
	"primary_timestamp_field_name": "a field name", "timestamp_name": "a field name",
	"meta_datas_meta_data_field_name": "a metadata field's name", "browser_info_name": "a browser",
	"wrap_up_code_transaction_codes_transaction_code_list_name": "a code list",
	"wrap_up_code_transaction_codes_transaction_code_name":      "a wrap-up code",
	// Code-list texts configured by the organisation.
	"tcl_item_shortcode_text": "a code", "tcl_item_report_text": "a code", "tcl_item_menu_text": "a code",
	"scl_item_shortcode_text": "a code", "scl_item_report_text": "a code", "scl_item_menu_text": "a code",
	"tcl_outbound_item_shortcode_text": "a code", "tcl_outbound_item_report_text": "a code",
	"wrap_up_text": "a wrap-up code's text", "dial_text": "an IVR dial text", "tcl_admin_notes": "configuration", "scl_admin_notes": "configuration",
	"chatwoot_inboxes.greeting_message": "the company's greeting",
	// The organisation's own numbers and addresses.
	"vcc_campaigns.caller_id": "the caller id the company shows", "cpaas_voice_numbers.msisdn": "a number the company rents",
	"dixa_contact_endpoints.address": "the company's endpoint", "dixa_contact_endpoints.number": "the company's endpoint",
	"integration_email": "Dixa's integration address", "contact_point_twitter_id": "the company's Twitter account",
	"sender_override": "the company's sender name",
	// Technical fields, codes, counts and times.
	"phone_used": "the agent's phone type (PSTN, SIP)", "phone_line1_status": "a status code", "phone_line1_status_time": "a duration",
	"phone_line2_status": "a status code", "phone_line2_status_time": "a duration", "number_type": "number type",
	"number_health_check_enabled": "a flag", "number_health_is_healthy": "a flag", "number_health_status": "a status",
	"number_health_last_checked_time": "a time", "content_type": "a content type", "message_type": "a message type",
	"author_type": "a role", "sender_type": "a role", "sender_channel": "a channel type", "message_time": "a time",
	"message_count": "a count", "attributes__type": "a union tag",
	"attributes_content__type": "a union tag", "attributes_email_content__type": "a union tag",
	"attributes_email_content_content__type": "a union tag", "attributes_direction": "a direction",
	"attributes_is_automated": "a flag", "attributes_is_auto_reply": "a flag", "attributes_duration": "a duration",
	"attributes_delivery_failure_reason": "a delivery error", "attributes_email_content_file_pretty_name": "a file name",
	"attributes_original_content_url_pretty_name": "a file name", "attributes_claimed_from_type": "a type",
	"attributes_claimed_from_label": "a queue or agent label", "attributes_language": "a language", "attributes_score": "a score",
	"attributes_rating_scheduled_time": "a time", "attributes_queue_id": "a queue", "attributes_queue_label": "a queue",
	"attributes_reservation_type": "a type", "attributes_valid_until": "a time", "attributes_transfer_type": "a type",
	"attributes_destination_type": "a type", "attributes_destination_id": "a queue or agent", "attributes_destination_label": "a queue or agent",
	"attributes_message_id": "a message id", "attributes_tag": "a tag",
	"contact_last_seen_at": "a time", "customer_language": "a language",
	"vcc_chat_messages.sender_id": "a participant id of the conversation (deleted with it)",
	"chatwoot_messages.sender_id": "a contact or an agent id (deleted with the conversation)",
	"user_rights":                 "an agent's rights", "voice_message_left": "a flag", "voice_message_left_count": "a count",
	"voice_mail_activated":       "a flag",
	"active_customer_chat_count": "a count", "longest_active_customer_chat_duration": "a duration",
	"max_concurrent_customer_chat": "a limit", "number_in_offered": "a count", "number_in_progress": "a count",
}

// TestPersonalColumnsAreAnnotated fails when a column whose name looks personal is neither
// annotated with a PII kind nor listed in notPersonal with a reason, so that a new vendor
// field cannot slip past erasure, holds and the load-time filter.
func TestPersonalColumnsAreAnnotated(t *testing.T) {
	used := map[string]bool{}
	for _, tb := range Tables() {
		for _, c := range tb.Columns {
			if c.Name[0] == '_' || !personalName.MatchString(c.Name) {
				continue
			}
			full := tb.Name + "." + c.Name
			_, byName := notPersonal[c.Name]
			_, byTable := notPersonal[full]
			if byName {
				used[c.Name] = true
			}
			if byTable {
				used[full] = true
			}
			if c.PII == PIINone && !byName && !byTable {
				t.Errorf("%s looks personal: annotate it in Table.Personal (schema/pii.go kinds) or list it in notPersonal with the reason", full)
			}
		}
	}
	for k, why := range notPersonal {
		if !used[k] {
			t.Errorf("notPersonal lists %s (%s), which is annotated or no longer looks personal: remove it", k, why)
		}
	}
}

// TestEveryTableHasErasureSemantics: conversation content and person tables are declared;
// every table with customer columns says how erasure treats it; _extra is free text everywhere.
func TestEveryTableHasErasureSemantics(t *testing.T) {
	for _, tb := range Tables() {
		require.Equal(t, PIIFreeText, tb.Columns[tb.Column(ColExtra)].PII, tb.Name)
		if tb.Erase == EraseConversation {
			require.NotEmpty(t, tb.ConversationColumn, tb.Name)
		}
		if tb.Erase == ErasePerson {
			has := false
			for _, c := range tb.Columns {
				has = has || c.PII.Identifier()
			}
			require.True(t, has, "%s: a person table needs an identifier column", tb.Name)
		}
	}
	for _, name := range []string{"vcc_transcripts", "vcc_transcript_messages", "vcc_chat_conversations", "vcc_chat_messages",
		"dixa_conversations", "dixa_messages", "dixa_notes", "chatwoot_conversations", "chatwoot_messages"} {
		tb, err := Lookup(name)
		require.NoError(t, err)
		require.Equal(t, EraseConversation, tb.Erase, name)
	}
	for _, name := range []string{"dixa_end_users", "chatwoot_contacts", "vcc_campaign_records"} {
		tb, err := Lookup(name)
		require.NoError(t, err)
		require.Equal(t, ErasePerson, tb.Erase, name)
	}
}
