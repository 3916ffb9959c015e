package schema

// 8x8 Contact Center historical statistics beyond the first five record types
// (shared/specs/8x8-contact-center.md §2.4.4–§2.4.20). Types follow the spec's inferences.

func f64(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Float64, Doc: doc}
}

// Fan-out entity columns. Some records do not say which agent, queue or channel they were read
// for (30-minute statistics, SLA buckets); the extractor adds these two fields to every record
// of such pages (extract/vcc entity.go). They are ccwh's, not the vendor's.
var (
	entityType = Column{Name: "entity_type", Field: "entity-type", Type: String, LowCardinality: true,
		Doc: "what the row was read for: agent, queue or channel (added by ccwh)"}
	entityID = Column{Name: "entity_id", Field: "entity-id", Type: String,
		Doc: "id of that agent (login id), queue or channel (added by ccwh)"}
)

// VCCChannels: /api/stats/channels (§2.4.16).
var VCCChannels = New(Table{
	Name: "vcc_channels", Root: "channels", Record: "channel",
	Doc: "8x8 Contact Center channels: phone numbers, chat channels, mailboxes (/api/stats/channels)",
	Columns: []Column{
		i64("channel-id", "channel id"),
		str("channel-name", "channel name: a number, an e-mail address or a chat name"),
		str("channel-desc", "channel description"),
	},
	OrderBy: []string{"channel_id"},
})

// VCCCampaigns: /api/stats/campaigns (§2.4.17).
var VCCCampaigns = New(Table{
	Name: "vcc_campaigns", Root: "campaigns", Record: "campaign",
	Doc: "8x8 Contact Center outbound campaigns (/api/stats/campaigns)",
	Columns: []Column{
		str("campaign-name", "campaign name"),
		i64("campaign-id", "campaign id"),
		boo("enabled", "campaign enabled (Y/N)"),
		i64("status", "0 New, 1 Manual Started, 2 Schedule Started, 3 Manual Running, 4 Schedule Running, 5 Manual Stopped, 6 Completed, 7 Scheduled Stopped, 8 Manual Paused, 9 Schedule Paused, 10 Manual Purged, 11 Schedule Purged (vcc_code_labels enum campaign_status)"),
		i64("no-of-records", "number of records"),
		str("caller-id", "caller id shown to the called party"),
		ts("start-time", "scheduled start"),
		ts("end-time", "scheduled end"),
		ts("actual-run-time", "when it actually started"),
		ts("actual-stop-time", "when it actually stopped"),
		i64("daily-start-time", "daily start, minutes from midnight (documented)"),
		i64("daily-end-time", "daily end, minutes from midnight (documented)"),
		i64("retry-interval", "retry interval, minutes (documented)"),
		i64("max-retry", "maximum retries"),
	},
	OrderBy: []string{"campaign_id"},
})

// VCCCampaignRecords: /api/stats/campaigns/{id}/records (§2.4.18).
var VCCCampaignRecords = New(Table{
	Name: "vcc_campaign_records", Root: "records", Record: "record",
	Erase:    ErasePerson,
	Personal: map[string]PII{"ext_trans_data": PIIFreeText, "phone_list": PIIPhone, "record_id": PIICustomerID},
	Doc:      "8x8 Contact Center campaign records, the people a campaign dials (/api/stats/campaigns/{id}/records)",
	Columns: []Column{
		str("campaign-name", "campaign name"),
		i64("campaign-id", "campaign id"),
		str("record-id", "record id (Salesforce-style)"),
		str("phone-list", "label|number pairs"),
		i64("status", "0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled (enum record_status)"),
		i64("status-code", "0 Default, 1 Max Attempt Reached, 2 Skipped, 3 No Phone Number, 4 Invalid Phone Number (2–4 inferred; enum record_status_code)"),
		str("ext-trans-data", "external transaction data, [name|value] pairs"),
		i64("disposition-code", "1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)"),
	},
	OrderBy: []string{"campaign_id", "record_id"},
})

// VCCTCLs: /api/stats/tcls (§2.4.19), one row per list × item.
var VCCTCLs = New(Table{
	Name: "vcc_tcls", Root: "tcl-trans", Record: "tcl-tran",
	Doc: "8x8 Contact Center transaction (wrap-up) code lists, one row per list item (/api/stats/tcls)",
	Columns: []Column{
		i64("tcl-list-id", "list id"), str("tcl-name", "list name"), str("tcl-description", "list description"),
		str("tcl-admin-notes", "admin notes"), boo("tcl-active", "list active (Y/N)"), boo("tcl-autosort", "autosort (Y/N)"),
		boo("tcl-used", "list used (Y/N)"), i64("tcl-category-id", "category id"),
		lc("tcl-assignment-type", "assignment type, e.g. groups"), boo("tcl-required", "required (Y/N)"),
		boo("tcl-multiple-choice", "multiple choice (Y/N)"), boo("tcl-required-before-outbound", "required before outbound (Y/N)"),
		i64("tcl-item-id", "item id"), i64("tcl-item-ordinate", "item position"), boo("tcl-item-active", "item active (Y/N)"),
		boo("tcl-item-used", "item used (Y/N)"), str("tcl-item-call-line-id", "item call line id"),
		lc("tcl-lang-id", "language, e.g. en_US"), str("tcl-item-menu-text", "menu text"),
		str("tcl-item-report-text", "report text"), str("tcl-item-shortcode-text", "short code"),
	},
	OrderBy: []string{"tcl_list_id", "tcl_item_id"},
})

// VCCSCLs: /api/stats/scls (§2.4.20), one row per list × item.
var VCCSCLs = New(Table{
	Name: "vcc_scls", Root: "scl-trans", Record: "scl-tran",
	Doc: "8x8 Contact Center status code lists, one row per list item (/api/stats/scls)",
	Columns: []Column{
		i64("scl-list-id", "list id"), str("scl-name", "list name"), str("scl-description", "list description"),
		str("scl-admin-notes", "admin notes"), boo("scl-active", "list active (Y/N)"), boo("scl-autosort", "autosort (Y/N)"),
		boo("scl-used", "list used (Y/N)"), i64("scl-category-id", "category id"),
		i64("scl-item-id", "item id"), i64("scl-item-ordinate", "item position"), boo("scl-item-active", "item active (Y/N)"),
		boo("scl-item-used", "item used (Y/N)"), lc("scl-lang-id", "language, e.g. en_US"),
		str("scl-item-menu-text", "menu text"), str("scl-item-report-text", "report text"),
		str("scl-item-shortcode-text", "short code"),
	},
	OrderBy: []string{"scl_list_id", "scl_item_id"},
})

// VCCSkills: /api/stats/agents/{id}/skills and /queues/{id}/skills (§2.4.13): the same pairs.
var VCCSkills = New(Table{
	Name: "vcc_skills", Root: "skills", Record: "skill",
	Personal: map[string]PII{"agent_id": PIIEmployee},
	Doc:      "8x8 Contact Center agent skills, one row per agent and queue (/api/stats/agents/{id}/skills)",
	Columns: []Column{
		boo("enabled", "skill enabled (Y/N)"),
		i64("queue-id", "queue id"),
		str("agent-id", "agent login id"),
		lc("skill-level", "skill level, e.g. high, medium (enum not documented)"),
	},
	OrderBy: []string{"agent_id", "queue_id"},
})

// VCCAgentInteractions: /api/stats/groups/{id}/interactions (§2.4.4), queued interactions only.
var VCCAgentInteractions = New(Table{
	Name: "vcc_agent_interactions", Root: "interactions", Record: "interaction",
	Personal: map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee, "conference_from": PIIEmployee, "transfer_from": PIIEmployee},
	Doc:      "8x8 Contact Center queued interactions as the accepting agent saw them (/api/stats/groups/{id}/interactions)",
	Columns: []Column{
		i64("interaction-id", "interaction id"),
		str("agent-id", "agent login id"),
		str("agent-name", "agent name"),
		i64("group-id", "group id"),
		str("group-name", "group name"),
		ts("accept-timestamp", "when the agent accepted it"),
		i64("process-time", "processing time, seconds"),
		i64("post-process-time", "post-processing time, seconds"),
		ts("finish-timestamp", "when the agent finished"),
		str("transfer-from", "transferred from"),
		str("conference-from", "conferenced from"),
	},
	OrderBy:     []string{"interaction_id", "agent_id"},
	PartitionBy: "accept_timestamp",
})

// VCCQueueInteractions: /api/stats/interactions/ (§2.4.5), the queue/channel shape.
var VCCQueueInteractions = New(Table{
	Name: "vcc_queue_interactions", Root: "interactions", Record: "interaction",
	Personal: map[string]PII{"customer_name": PIIName, "origination": PIIPhone},
	Doc:      "8x8 Contact Center queued interactions as their queue saw them (/api/stats/interactions/)",
	Columns: []Column{
		i64("interaction-id", "interaction id"),
		lc("queue-name", "queue name"),
		i64("channel-id", "channel id"),
		lc("media-type", "T Telephone, V Voice Mail, C Chat, Z Email (enum media_code)"),
		ts("create-timestamp", "when it entered the queue"),
		ts("accept-timestamp", "when an agent accepted it"),
		i64("process-time", "processing time, seconds"),
		i64("post-process-time", "post-processing time, seconds"),
		ts("abandon-timestamp", "when the caller abandoned"),
		ts("finish-timestamp", "when it finished"),
		boo("voice-message-left", "voice message left (Y/N)"),
		str("origination", "caller number or id"),
		str("customer-name", "customer name"),
		i64("ivr-treatment-time", "time in IVR, seconds"),
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
	},
	OrderBy:     []string{"interaction_id", "create_timestamp"},
	PartitionBy: "create_timestamp",
})

// VCCCampaignInteractions: /api/stats/campaigns/{id}/interactions (§2.4.6).
var VCCCampaignInteractions = New(Table{
	Name: "vcc_campaign_interactions", Root: "interactions", Record: "interaction",
	Personal: map[string]PII{"agent_name": PIIEmployee, "called_number": PIIPhone, "ext_trans_data": PIIFreeText, "record_id": PIICustomerID},
	Doc:      "8x8 Contact Center campaign calls (/api/stats/campaigns/{id}/interactions)",
	Columns: []Column{
		str("campaign-name", "campaign name"),
		i64("campaign-id", "campaign id"),
		str("agent-name", "agent name"),
		lc("queue-name", "queue name"),
		ts("accept-timestamp", "when the agent accepted the call"),
		i64("record-status", "0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled, 5 API Scheduled, 6 Deleted, 7 Sent to Interaction Router (enum interaction_record_status)"),
		str("record-id", "campaign record id"),
		i64("interaction-id", "interaction id"),
		str("wrap-up-code", "wrap-up code"),
		str("wrap-up-text", "wrap-up text"),
		i64("disposition-code", "1000 None, 1001 Try Again, 1002 Scheduled Call Back (enum disposition_code)"),
		str("called-number", "number dialled"),
		str("ext-trans-data", "external transaction data, [name|value] pairs"),
		i64("process-time", "processing time, seconds (documented)"),
		i64("post-process-time", "post-processing time, seconds (documented)"),
		i64("total-process-time", "process + post-process, seconds (documented)"),
		str("recording-filename", "recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings"),
	},
	OrderBy:     []string{"campaign_id", "interaction_id"},
	PartitionBy: "accept_timestamp",
})

// VCCAgentStatuses: /api/stats/groups/{id}/statuses (§2.4.11), agent status events.
var VCCAgentStatuses = New(Table{
	Name: "vcc_agent_statuses", Root: "statuses", Record: "status",
	Personal: map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee},
	Doc:      "8x8 Contact Center agent status changes, one row per event (/api/stats/groups/{id}/statuses)",
	Columns: []Column{
		str("agent-id", "agent login id"),
		str("agent-name", "agent name"),
		i64("group-id", "group id"),
		str("group-name", "group name"),
		lc("status", "status label, e.g. On Break (the record element <status> has a child <status>)"),
		ts("event-time", "when the status changed"),
		i64("scl-list-id", "status code list id (/scls)"),
		i64("scl-item-id", "status code item id"),
		str("scl-item-shortcode-text", "status code short text"),
		str("scl-item-report-text", "status code report text"),
		i64("transaction-id", "event id"),
	},
	OrderBy:     []string{"agent_id", "event_time", "transaction_id"},
	PartitionBy: "event_time",
})

// VCCAgentStatusStats: /api/stats/agents/{id}/statuses/statistics (§2.4.12), 30-minute periods.
var VCCAgentStatusStats = New(Table{
	Name: "vcc_agent_status_stats", Root: "statuses", Record: "status",
	Personal: map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee},
	Doc:      "8x8 Contact Center time per agent status, one row per agent and 30-minute period (/api/stats/agents/{id}/statuses/statistics)",
	Columns: []Column{
		ts("period-start", "period start"),
		ts("period-end", "period end"),
		str("agent-id", "agent login id"),
		str("agent-name", "agent name"),
		i64("group-id", "group id"),
		str("group-name", "group name"),
		i64("status-waiting", "seconds available, waiting"),
		i64("status-processing", "seconds processing"),
		i64("status-post-processing", "seconds post-processing"),
		i64("status-working-offline", "seconds working offline"),
		i64("status-transaction-offered", "seconds being offered a transaction"),
		i64("status-break", "seconds on break"),
		i64("time-logged-in", "seconds logged in"),
	},
	OrderBy:     []string{"agent_id", "period_start"},
	PartitionBy: "period_start",
})

// VCCOutboundCalls: /api/stats/groups/{id}/outboundcalls (§2.4.14).
var VCCOutboundCalls = New(Table{
	Name: "vcc_outbound_calls", Root: "outboundcalls", Record: "outboundcall",
	Personal: map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee, "destination": PIIPhone},
	Doc:      "8x8 Contact Center outbound calls placed by agents (/api/stats/groups/{id}/outboundcalls)",
	Columns: []Column{
		str("agent-id", "agent login id"),
		str("agent-name", "agent name"),
		i64("group-id", "group id"),
		i64("transaction-id", "transaction id"),
		str("destination", "number dialled"),
		ts("start-time", "when the call started"),
		i64("total-time", "total time, seconds"),
		i64("tcl-list-id", "transaction code list id"),
		i64("tcl-item-id", "transaction code item id"),
		str("tcl-item-shortcode-text", "transaction code short text"),
		str("tcl-item-report-text", "transaction code report text"),
		i64("tcl-outbound-list-id", "outbound code list id"),
		i64("tcl-outbound-item-id", "outbound code item id"),
		str("tcl-outbound-item-shortcode-text", "outbound code short text"),
		str("tcl-outbound-item-report-text", "outbound code report text"),
		str("recording-filename", "recording file, S<YYYYMMDD>/R….wav; joins vcc_recordings"),
		i64("max-hold-time", "longest hold, seconds"),
		i64("hold-count", "number of holds"),
		i64("total-hold-time", "total hold, seconds"),
		i64("call-leg1-post-dial-delay", "leg 1 post-dial delay"),
		i64("call-leg2-post-dial-delay", "leg 2 post-dial delay"),
		i64("call-leg1-answer-time", "leg 1 answer time"),
		i64("call-leg2-answer-time", "leg 2 answer time"),
		str("call-leg1-sip-id", "leg 1 SIP id"),
		str("call-leg2-sip-id", "leg 2 SIP id"),
	},
	OrderBy:     []string{"transaction_id", "agent_id"},
	PartitionBy: "start_time",
})

// VCCStatistics: /api/stats/{agents|queues|channels}/{id}/statistics (§2.4.8), one table for
// the three: entity_type and entity_id say which one a row was read for.
var VCCStatistics = New(Table{
	Name: "vcc_statistics", Root: "statistics", Record: "statistic",
	Doc: "8x8 Contact Center 30-minute statistics per agent, queue or channel (/api/stats/{agents,queues,channels}/{id}/statistics)",
	Columns: []Column{
		entityType, entityID,
		lc("queue-name", "queue name"),
		i64("channel-id", "channel id"),
		ts("time-stamp", "start of the 30-minute period"),
		lc("media-type", "T, V, C or Z (enum media_code)"),
		i64("entered-count", "interactions entered"),
		i64("accepted-count", "interactions accepted"),
		i64("sla-met-count", "accepted within the SLA"),
		i64("abandoned-count", "interactions abandoned"),
		i64("finish-processing-count", "finished processing"),
		i64("finish-post-count", "finished post-processing"),
		i64("voice-message-left-count", "voice messages left"),
		i64("time-waiting", "waiting, seconds"),
		i64("time-processing", "processing, seconds"),
		i64("time-post-processing", "post-processing, seconds"),
		i64("total-time-to-abandon", "time to abandon, seconds"),
		i64("time-max-wait-accept", "longest wait before accept, seconds"),
		i64("time-max-wait-abandon", "longest wait before abandon, seconds"),
	},
	OrderBy:     []string{"entity_type", "entity_id", "time_stamp", "channel_id"},
	PartitionBy: "time_stamp",
})

var onlineBuckets = []string{"t0-5sec", "t5-10sec", "t10-20sec", "t20-30sec", "t30-40sec", "t30-45sec",
	"t45-1min", "t1-2min", "t2-5min", "t5-10min", "t10-or-more"}
var offlineBuckets = []string{"t0-30min", "t30min-1hr", "t1hr-1hr30min", "t1hr30min-2hr", "t2hr-3hr", "t3hr-or-more"}

// OnlineSLABuckets and OfflineSLABuckets are the documented bucket element names (§2.4.9–10).
func OnlineSLABuckets() []string  { return append([]string(nil), onlineBuckets...) }
func OfflineSLABuckets() []string { return append([]string(nil), offlineBuckets...) }

// buckets are the nested <block><bucket> counts as dotted fields "block.bucket".
func buckets(block string, names []string, doc string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = i64(block+"."+n, doc+" "+n)
	}
	return out
}

func concat(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// VCCOnlineSLAs: /api/stats/{queues|channels}/{id}/online_slas (§2.4.9), telephony and chat.
var VCCOnlineSLAs = New(Table{
	Name: "vcc_online_slas", Root: "online_slas", Record: "online_sla",
	Doc: "8x8 Contact Center wait-time buckets of phone and chat queues/channels per 30 minutes (/online_slas)",
	Columns: concat([]Column{
		entityType, entityID,
		lc("queue-name", "queue name"),
		i64("channel-id", "channel id"),
		ts("time-stamp", "start of the 30-minute period"),
		lc("media-type", "T, V, C or Z (enum media_code)"),
		i64("entered-count", "interactions entered"),
		i64("accepted-count", "interactions accepted"),
		i64("sla-met-count", "accepted within the SLA"),
	}, buckets("accepted", onlineBuckets, "accepted after waiting"),
		buckets("abandoned", onlineBuckets, "abandoned after waiting")),
	OrderBy:     []string{"entity_type", "entity_id", "time_stamp"},
	PartitionBy: "time_stamp",
})

// VCCOfflineSLAs: /api/stats/{queues|channels}/{id}/offline_slas (§2.4.10), e-mail and voice mail.
var VCCOfflineSLAs = New(Table{
	Name: "vcc_offline_slas", Root: "offline_slas", Record: "offline_sla",
	Doc: "8x8 Contact Center wait-time buckets of e-mail and voice-mail queues/channels per 30 minutes (/offline_slas)",
	Columns: concat([]Column{
		entityType, entityID,
		i64("queue-id", "queue id"),
		lc("queue-name", "queue name"),
		i64("channel-id", "channel id"),
		ts("time-stamp", "start of the 30-minute period"),
		lc("media-type", "E (e-mail, undocumented code) or V (enum media_code)"),
		i64("entered-count", "interactions entered"),
		i64("accepted-count", "interactions accepted"),
		i64("sla-met-count", "accepted within the SLA"),
	}, buckets("accepted", offlineBuckets, "accepted after waiting")),
	OrderBy:     []string{"entity_type", "entity_id", "time_stamp"},
	PartitionBy: "time_stamp",
})

// VCCCodeLabels: the documented enums of §2–3 as (enum, code, label) rows, for joins that show
// a readable label next to a stored code. Filled by the code_labels stream without a request.
var VCCCodeLabels = New(Table{
	Name: "vcc_code_labels", Root: "labels", Record: "label",
	Doc: "8x8 Contact Center documented enum codes and their labels (static, from the vendor doc)",
	Columns: []Column{
		lc("enum", "enum name, e.g. campaign_status; the tables' column docs name theirs"),
		str("code", "code as the vendor sends it"),
		str("label", "documented label"),
	},
	OrderBy: []string{"enum", "code"},
})

// vccStatsTables are the tables of this file, appended to vccTables.
var vccStatsTables = []*Table{VCCChannels, VCCCampaigns, VCCCampaignRecords, VCCTCLs, VCCSCLs, VCCSkills,
	VCCAgentInteractions, VCCQueueInteractions, VCCCampaignInteractions, VCCAgentStatuses, VCCAgentStatusStats,
	VCCOutboundCalls, VCCStatistics, VCCOnlineSLAs, VCCOfflineSLAs, VCCCodeLabels}
