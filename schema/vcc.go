package schema

import "slices"

// 8x8 Contact Center historical statistics (/api/stats), shared/specs/8x8-contact-center.md §2.4.
// The API documents no types: the types here follow the spec's inferences from the samples.
// Durations are whole seconds (documented for the campaign shape, inferred elsewhere).

func str(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: String, Doc: doc}
}
func lc(field, doc string) Column { c := str(field, doc); c.LowCardinality = true; return c }
func i64(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Int64, Doc: doc}
}
func boo(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Bool, Doc: doc}
}
func ts(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Timestamp, Doc: doc}
}
func date(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Date, Doc: doc}
}

// vccTables are the 8x8 Contact Center tables in the registry.
var vccTables = append([]*Table{VCCGroups, VCCAgents, VCCQueues, VCCActivities, VCCInteractions}, slices.Concat(vccStatsTables, vccRTTables, vccRecordingTables)...)

// VCCGroups: /api/stats/groups (§2.4.1).
var VCCGroups = New(Table{
	Name: "vcc_groups", Root: "groups", Record: "group",
	Doc: "8x8 Contact Center agent groups (/api/stats/groups)",
	Columns: []Column{
		i64("group-id", "group id"),
		str("group-name", "group name"),
		boo("deleted", "group is deleted (Yes/No)"),
	},
	OrderBy: []string{"group_id"},
})

// VCCAgents: /api/stats/agents (§2.4.2).
var VCCAgents = New(Table{
	Name: "vcc_agents", Root: "agents", Record: "agent",
	Personal: map[string]PII{"agent_id": PIIEmployee, "email_address": PIIEmployee, "first_name": PIIEmployee, "full_name": PIIEmployee, "last_name": PIIEmployee, "phone_extension": PIIEmployee},
	Doc:      "8x8 Contact Center agent profiles (/api/stats/agents)",
	Columns: []Column{
		str("agent-id", "agent login id"),
		i64("group-id", "agent's group id"),
		date("date-hired-date", "hire date (YYYY-MM-DD)"),
		boo("direct-agent-access", "direct agent access enabled (yes/no)"),
		str("email-address", "e-mail address"),
		boo("enabled", "agent enabled (Y/N)"),
		str("first-name", "first name"),
		str("full-name", "full name"),
		str("last-name", "last name"),
		lc("phone-used", "phone type, e.g. PSTN (enum not documented)"),
		str("phone-extension", "extension; text because of leading zeros"),
		lc("user-rights", "user rights, e.g. agent (enum not documented)"),
		boo("voice-mail-activated", "voice mail activated (yes/no)"),
	},
	OrderBy: []string{"agent_id"},
})

// VCCQueues: /api/stats/queues (§2.4.15).
var VCCQueues = New(Table{
	Name: "vcc_queues", Root: "queues", Record: "queue",
	Doc: "8x8 Contact Center queues (/api/stats/queues)",
	Columns: []Column{
		i64("queue-id", "queue id"),
		str("queue-name", "queue name"),
		str("queue-desc", "queue description"),
		lc("media-type", "T=Telephone, V=Voice Mail, C=Chat, Z=Email"),
		boo("enabled", "queue enabled (Y/N)"),
		boo("sla-enabled", "SLA enabled (Y/N)"),
		i64("sla-time", "SLA threshold (unit not documented; seconds inferred)"),
	},
	OrderBy: []string{"queue_id"},
})

// VCCActivities: /api/stats/groups/{id}/activities and /agents/{id}/activities (§2.4.3).
var VCCActivities = New(Table{
	Name: "vcc_activities", Root: "activities", Record: "activity",
	Personal: map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee, "customer_name": PIIName, "origination": PIIPhone, "trans_conference_from": PIIEmployee, "trans_transfer_from": PIIEmployee},
	Doc:      "8x8 Contact Center agent activities, one row per transaction handled by an agent",
	Columns: []Column{
		str("agent-id", "agent login id"),
		str("agent-name", "agent name"),
		i64("group-id", "group id"),
		str("group-name", "group name"),
		lc("media-type", "Phone, Chat, Email or Voice Mail"),
		i64("channel-id", "channel id"),
		str("channel-obj-id", "channel object id"),
		str("queue-obj-id", "queue object id: tenant~~queue~~<media>~~<queue id>"),
		lc("queue-name", "queue name"),
		i64("transaction_id", "transaction id (the vendor spells it with an underscore)"),
		str("origination", "caller number or id"),
		str("customer-name", "customer name; N/A when unknown"),
		ts("trans-accept-time", "when the agent accepted the transaction"),
		i64("trans-proc-time", "processing time, seconds"),
		i64("trans-post-proc-time", "post-processing (wrap-up) time, seconds"),
		i64("trans-total-time", "total time, seconds"),
		str("trans-transfer-from", "transferred from"),
		str("trans-conference-from", "conferenced from"),
		str("case-id", "case id"),
		i64("tcl-list-id", "transaction code list id (/tcls)"),
		i64("tcl-item-id", "transaction code item id"),
		str("tcl-item-shortcode-text", "transaction code short text"),
		str("tcl-item-report-text", "transaction code report text"),
		str("recording-filename", "recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings"),
	},
	OrderBy:     []string{"transaction_id", "agent_id"},
	PartitionBy: "trans_accept_time",
})

// VCCInteractions: /api/stats/allinteractions/ (§2.4.7), every interaction including non-queued.
var VCCInteractions = New(Table{
	Name: "vcc_interactions", Root: "interactions", Record: "interaction",
	Personal: map[string]PII{"agent_name": PIIEmployee, "conference_from": PIIEmployee, "customer_name": PIIName, "destination_original": PIIPhone, "destination_translated": PIIPhone, "ext_trans_data": PIIFreeText, "notes": PIIFreeText, "origination": PIIPhone, "record_id": PIICustomerID, "transfer_from": PIIEmployee},
	Doc:      "8x8 Contact Center interactions of every kind (/api/stats/allinteractions/)",
	Columns: []Column{
		lc("media-type", "Phone, Chat, Email or Voice Mail"),
		i64("channel-obj-id", "channel object id"),
		lc("queue-name", "queue name"),
		i64("interaction-id", "interaction id"),
		i64("orig-interaction-id", "original interaction id (transfers)"),
		str("origination", "caller number or agent id"),
		str("destination-original", "dialled destination"),
		str("destination-translated", "translated destination"),
		str("customer-name", "customer name; N/A, N/A when unknown"),
		str("case-id", "case id"),
		lc("interaction-direction", "empty, inbound or outbound"),
		lc("interaction-type", "empty, Web Callback, DAA, Fwd to Ext. Number, Campaign or Consult"),
		str("dial-code", "dial code"),
		str("dial-text", "dial text"),
		ts("create-timestamp", "when the interaction was created"),
		str("agent-name", "agent name (filled about an hour after the call)"),
		ts("accept-timestamp", "when an agent accepted it"),
		i64("process-time", "processing time, seconds"),
		i64("post-process-time", "post-processing time, seconds"),
		i64("total-time", "total time, seconds"),
		ts("abandon-timestamp", "when the caller abandoned"),
		boo("voice-message-left", "voice message left (Y/N)"),
		str("recording-filename", "recording file, S<YYYYMMDD>/R….wav"),
		i64("ivr-treatment-time", "time in IVR, seconds"),
		str("transfer-from", "transferred from"),
		str("conference-from", "conferenced from"),
		i64("max-hold-time", "longest hold, seconds"),
		i64("hold-count", "number of holds"),
		i64("total-hold-time", "total hold, seconds"),
		i64("call-leg1-post-dial-delay", "leg 1 post-dial delay"),
		i64("call-leg2-post-dial-delay", "leg 2 post-dial delay"),
		i64("call-leg1-answer-time", "leg 1 answer time"),
		i64("call-leg2-answer-time", "leg 2 answer time"),
		str("call-leg1-sip-id", "leg 1 SIP id"),
		str("call-leg2-sip-id", "leg 2 SIP id"),
		str("inbound-sip-id", "inbound SIP id"),
		str("notes", "notes"),
		str("campaign-name", "campaign name"),
		str("record-id", "campaign record id"),
		i64("record-status", "0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router"),
		i64("disposition-code", "1000 None, 1001 Try Again, 1002 Scheduled Call Back"),
		str("ext-trans-data", "external transaction data, [name|value] pairs"),
		str("wrap-up-code", "wrap-up code; N/A when none"),
		str("wrap-up-text", "wrap-up text; N/A when none"),
	},
	OrderBy:     []string{"interaction_id", "create_timestamp"},
	PartitionBy: "create_timestamp",
})
