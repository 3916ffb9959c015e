package schema

// 8x8 Contact Center real-time statistics (/api/rtstats/stats), shared/specs/8x8-contact-center.md
// §3: snapshots of a server cache refreshed every 10 seconds, one row per agent or queue and
// read. snapshot_at is the time of the read, added by the extractor (it is not a vendor field).

func rtNull(c Column) Column { c.NullValues = []string{"-1"}; return c }

var vccSnapshotAt = Column{Name: "snapshot_at", Field: "snapshot-at", Type: Timestamp,
	Doc: "when ccwh read the snapshot (UTC, whole seconds; added by ccwh)"}

// VCCRTAgentSnapshots: /api/rtstats/stats/agents (§3.2), all 39 fields.
var VCCRTAgentSnapshots = New(Table{
	Name: "vcc_rt_agent_snapshots", Root: "agents", Record: "agent",
	Personal: map[string]PII{"agent_guid": PIIEmployee, "agent_id": PIIEmployee, "agent_name": PIIEmployee},
	Doc:      "8x8 Contact Center real-time agent state, one row per agent and snapshot (/api/rtstats/stats/agents)",
	Columns: []Column{
		vccSnapshotAt,
		i64("active-customer-chat-count", "active customer chats; -1 = n/a (undocumented, kept)"),
		str("agent-guid", "agent GUID (the vendor pads it with whitespace; trimmed)"),
		str("agent-id", "agent login id"),
		i64("agent-media-id", "media of the last or current transaction: 0 none since system start, 1 Phone, 2 Chat, 3 Email, 4 Voice Mail (enum rt_agent_media)"),
		str("agent-name", "agent full name"),
		i64("agent-status", "0 available, 1 transaction offered, 2 busy, 3 post processing, 4 on break, 5 work offline, 9 logged out (enum rt_agent_status)"),
		lc("agent-sub-status", "sub-status for agents handling several chats"),
		i64("assigned-skill-count", "skills assigned"),
		i64("day-accepted-count", "accepted today"),
		i64("day-available-time", "available today, seconds"),
		i64("day-avg-processing-time", "average processing today, seconds"),
		i64("day-break-time", "break today, seconds"),
		i64("day-login-time", "logged in today, seconds"),
		i64("day-offline-time", "working offline today, seconds"),
		i64("day-processing-time", "processing today, seconds"),
		i64("day-rejected-count", "rejected today"),
		i64("day-wrap-up-time", "wrap-up today, seconds"),
		i64("enabled-skill-count", "skills enabled"),
		i64("group-id", "agent's group id"),
		i64("idle-start-time", "idle since; -1 = n/a (undocumented, kept)"),
		rtNull(i64("last-login-time", "last login, UTC epoch seconds; -1 (system restarted, no record) is NULL")),
		i64("longest-active-customer-chat-duration", "longest active chat; -1 = n/a (undocumented, kept)"),
		i64("max-concurrent-customer-chat", "chats the agent may handle at once"),
		i64("phone-line1-status", "-1 not use, 0 idle or post-processing, 1 on hold, 2 on mute, 3 being offered, 4 monitoring, 5 busy (enum rt_phone_line1_status)"),
		i64("phone-line1-status-time", "time in line 1 status, seconds"),
		i64("phone-line2-status", "-1 not use, 0 being offered, 1 on hold, 2 on mute, 3 error, 4 monitoring, 5 busy (enum rt_phone_line2_status)"),
		i64("phone-line2-status-time", "time in line 2 status, seconds"),
		i64("status-code-item-id", "current status code: 0 Session closed from Jabber … 6 Agent Relogin (enum rt_status_code_item)"),
		str("status-code-item-short-code", "current status code short code"),
		i64("status-code-list-id", "current status code list id"),
		i64("thirty-min-accepted-count", "accepted in the last 30 minutes"),
		i64("thirty-min-available-time", "average available time in the last 30 minutes, seconds"),
		i64("thirty-min-avg-handling-time", "average handling in the last 30 minutes, seconds"),
		i64("thirty-min-break-time", "break in the last 30 minutes, seconds"),
		i64("thirty-min-offline-time", "offline in the last 30 minutes, seconds"),
		i64("thirty-min-processing-time", "processing in the last 30 minutes, seconds"),
		i64("thirty-min-rejected-count", "rejected in the last 30 minutes"),
		i64("thirty-min-wrap-up-time", "wrap-up in the last 30 minutes, seconds"),
		i64("time-in-status", "time in the current status, seconds"),
	},
	OrderBy:     []string{"agent_id", "snapshot_at"},
	PartitionBy: "snapshot_at",
})

// VCCRTQueueSnapshots: /api/rtstats/stats/queues (§3.3), all 31 fields.
var VCCRTQueueSnapshots = New(Table{
	Name: "vcc_rt_queue_snapshots", Root: "queues", Record: "queue",
	Doc: "8x8 Contact Center real-time queue state, one row per queue and snapshot (/api/rtstats/stats/queues)",
	Columns: []Column{
		vccSnapshotAt,
		i64("agent-count-busy", "agents busy (this and other queues)"),
		i64("agent-count-loggedOut", "enabled agents logged out"),
		i64("agent-count-onBreak", "enabled agents on break"),
		i64("agent-count-postProcess", "agents post-processing"),
		i64("agent-count-waitTransact", "agents available"),
		i64("agent-count-workOffline", "enabled agents working offline"),
		i64("day-abandoned", "abandoned today"),
		i64("day-accepted", "accepted today"),
		i64("day-avg-duration", "average duration today, seconds"),
		i64("day-avg-wait-time", "average wait today, seconds"),
		i64("day-queued", "queued today"),
		f64("day-sla-activity", "SLA activity today, percent"),
		i64("assigned-agent-count", "agents assigned"),
		i64("enabled-agent-count", "agents enabled"),
		i64("longest-wait-time", "longest waiting interaction, seconds"),
		lc("media-type", "phone, chat, vmail or email"),
		i64("number-in-offered", "interactions alerting agents"),
		i64("number-in-progress", "agents busy on this queue's interactions"),
		i64("queue-id", "queue id"),
		str("queue-name", "queue name"),
		i64("queue-size", "interactions waiting"),
		lc("queue-type", "queue type, like media-type"),
		f64("sla-activity", "current SLA activity, percent"),
		f64("sla-target", "SLA target (documented as hours; uncertain)"),
		i64("thirty-min-abandoned", "abandoned in the last 30 minutes"),
		i64("thirty-min-accepted", "accepted in the last 30 minutes"),
		i64("thirty-min-avg-duration", "average duration in the last 30 minutes, seconds"),
		i64("thirty-min-avg-wait-time", "average wait in the last 30 minutes, seconds"),
		i64("thirty-min-longest-wait-time", "longest wait in the last 30 minutes, seconds"),
		i64("thirty-min-queued", "queued in the last 30 minutes"),
		rtNull(f64("thirty-min-sla-activity", "SLA activity in the last 30 minutes, percent; -1 (no SLA activity) is NULL")),
	},
	OrderBy:     []string{"queue_id", "snapshot_at"},
	PartitionBy: "snapshot_at",
})

var vccRTTables = []*Table{VCCRTAgentSnapshots, VCCRTQueueSnapshots}
