package schema

// 8x8 Contact Center Recordings API (/api/recordings), shared/specs/8x8-contact-center.md §4.

// VCCRecordings: /api/recordings/files (§4.4), call-recording metadata.
var VCCRecordings = New(Table{
	Name: "vcc_recordings", Root: "recordings", Record: "file",
	Personal: map[string]PII{"account_number": PIICustomerID, "agent_id": PIIEmployee, "ext_var1": PIIFreeText, "ext_var2": PIIFreeText, "phone_number": PIIPhone},
	Doc:      "8x8 Contact Center call recordings, one row per recording file (/api/recordings/files)",
	Columns: []Column{
		ts("startDate", "when the recording started"),
		str("agentID", "agent login id"),
		str("phoneNumber", "caller id (inbound, DAA) or dial-out number (outbound)"),
		lc("channel", "channel number, #virtual_outbound# or #virtual_daa#"),
		i64("caseID", "case id; 0 when none"),
		i64("duration", "length, seconds (unit not documented)"),
		str("filename", "S<YYYYMMDD>/R….wav; joins recording_filename of the stats tables"),
		str("queueID", "tenant~~queue~~<media>~~<id>, QUEUE_OUTBOUND or QUEUE_DIRECT_AGENT_ACCESS"),
		lc("queueName", "queue name"),
		str("accountNumber", "account number"),
		i64("transactionID", "transaction id: the interaction id of the stats tables"),
		str("extVar1", "external variable 1"),
		str("extVar2", "external variable 2"),
		str("outDialCode", "out-dial code"),
		{Name: snake("wrapUpCode.transactionCodes.transactionCode.listName"), Field: "wrapUpCode.transactionCodes.transactionCode.listName", Type: StringList, ListSep: "|",
			Doc: "wrap-up transaction codes: list names, in order (CSV: |-separated)"},
		{Name: snake("wrapUpCode.transactionCodes.transactionCode.name"), Field: "wrapUpCode.transactionCodes.transactionCode.name", Type: StringList, ListSep: "|",
			Doc: "wrap-up transaction codes: names, parallel to the list names"},
	},
	OrderBy:     []string{"filename"},
	PartitionBy: "start_date",
})

var vccRecordingTables = []*Table{VCCRecordings, VCCTranscripts, VCCTranscriptMessages}

// VCCTranscripts: /api/recordings/transcripts (§4.5; root <recordings>, record <transcript>).
var VCCTranscripts = New(Table{
	Name: "vcc_transcripts", Root: "recordings", Record: "transcript",
	ConversationColumn: "interaction_guid",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"agent_id": PIIEmployee, "agent_name": PIIEmployee, "contact_id": PIICustomerID, "contact_name": PIIName, "meta_datas_meta_data_field_value": PIIFreeText, "target_ip": PIIOther},
	Doc:                "8x8 Contact Center chat transcripts, one row per chat interaction (/api/recordings/transcripts)",
	Columns: []Column{
		ts("startDate", "when the chat started"),
		str("agentID", "agent login id"),
		str("agentName", "agent name, Last,First"),
		str("contactID", "customer's chat id (XMPP-style)"),
		str("contactName", "customer name"),
		i64("queueID", "queue id"),
		lc("queueName", "queue name"),
		i64("channelID", "channel id"),
		lc("channelName", "channel name"),
		i64("caseID", "case id"),
		str("targetIP", "target IP address"),
		i64("transactionID", "transaction id: the interaction id of the stats tables"),
		str("interactionGUID", "interaction GUID; key of the detail and of vcc_transcript_messages"),
		lc("transcriptType", "transcript type, e.g. A2C (enum not documented)"),
		i64("duration", "length, seconds (unit not documented)"),
		{Name: snake("metaDatas.metaData.fieldName"), Field: "metaDatas.metaData.fieldName", Type: StringList, ListSep: "|",
			Doc: "metadata names, in order (CSV: |-separated)"},
		{Name: snake("metaDatas.metaData.fieldValue"), Field: "metaDatas.metaData.fieldValue", Type: StringList, ListSep: "|",
			Doc: "metadata values, parallel to the names"},
	},
	OrderBy:     []string{"interaction_guid"},
	PartitionBy: "start_date",
})

// VCCTranscriptMessages: /api/recordings/transcripts/{interactionGUID} (§4.6), one row per
// message; the transcript's GUID and start come from the enclosing <transcript>.
var VCCTranscriptMessages = New(Table{
	Name: "vcc_transcript_messages", Root: "transcript", RecordPath: []string{"messages", "message"},
	ConversationColumn: "interaction_guid",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"message_from": PIIName, "original_message": PIIFreeText, "translated_message": PIIFreeText},
	Doc:                "8x8 Contact Center chat messages, one row per message of a transcript (/api/recordings/transcripts/{interactionGUID})",
	Columns: []Column{
		{Name: "interaction_guid", Field: "interactionGUID", Type: String, Parent: true, Doc: "the transcript's interaction GUID"},
		{Name: "start_date", Field: "startDate", Type: Timestamp, Parent: true, Doc: "when the chat started"},
		{Name: "position", Type: Int64, Position: true, Doc: "1-based position of the message in the transcript"},
		ts("messageTime", "when the message was sent"),
		lc("messageFrom", "sender: C (customer) or A (agent) (enum not documented)"),
		lc("originalLanguage", "language of the original text"),
		str("originalMessage", "original text"),
		lc("translatedLanguage", "language of the translation"),
		str("translatedMessage", "translated text"),
	},
	OrderBy:     []string{"interaction_guid", "position"},
	PartitionBy: "start_date",
})
