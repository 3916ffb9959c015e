package schema

// Dixa REST API v1 (https://dev.dixa.io), shared/specs/dixa.md; seed 002 is the authority.
//
// Dixa answers nested JSON with `_type`-tagged unions. The extractor (extract/dixa) flattens each
// record into one JSON object before decoding: nested objects become dotted keys
// ("queue.id", "attributes.emailContent.content.value"), so a column's Field is the vendor's
// path to the value and its name the snake_case of that path ("link._type" → link__type). Arrays and
// maps with open key sets (queueThresholds, timestamps, …) stay JSON text in a String column.
// A few keys are added by the extractor from the request (conversationId of a message, teamId of
// a team member, the metric id and interval of a metric value); their Doc says so.

func dcol(field string, t Type, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: t, Doc: doc}
}
func dstr(field, doc string) Column { return dcol(field, String, doc) }
func dlc(field, doc string) Column {
	c := dcol(field, String, doc)
	c.LowCardinality = true
	return c
}
func di64(field, doc string) Column  { return dcol(field, Int64, doc) }
func df64(field, doc string) Column  { return dcol(field, Float64, doc) }
func dbool(field, doc string) Column { return dcol(field, Bool, doc) }
func dts(field, doc string) Column   { return dcol(field, Timestamp, doc) }
func dlist(field, doc string) Column { return dcol(field, StringList, doc) }

// dixaTables are the Dixa tables in the registry.
var dixaTables = []*Table{
	DixaAgents, DixaTeams, DixaTeamMembers, DixaQueues, DixaQueueMembers, DixaTags, DixaEndUsers,
	DixaCustomAttributes, DixaContactEndpoints,
	DixaAnalyticsMetrics, DixaAnalyticsRecordTypes, DixaAnalyticsFilterValues,
	DixaAnalyticsMetricValues, DixaAnalyticsRecords,
	DixaActivityLog, DixaConversations, DixaMessages, DixaNotes, DixaRatings, DixaConversationTags,
}

// activityUser is an ActivityLogUser object at prefix.
func activityUser(prefix, what string) []Column {
	c := func(f, doc string) Column { return dstr(prefix+"."+f, doc) }
	return []Column{
		c("id", what+" id (ActivityLogUser.id)"),
		c("name", what+" name"),
		c("email", what+" email"),
		c("phoneNumber", what+" phone number"),
	}
}

// DixaAgents: GET /v1/agents, Agent (spec §8.1, seed L1348–1422).
var DixaAgents = New(Table{
	Name: "dixa_agents", Root: "data", Record: "data",
	Personal: map[string]PII{"additional_emails": PIIEmployee, "additional_phone_numbers": PIIEmployee, "avatar_url": PIIEmployee, "display_name": PIIEmployee, "email": PIIEmployee, "first_name": PIIEmployee, "last_name": PIIEmployee, "middle_names": PIIEmployee, "phone_number": PIIEmployee},
	Doc:      "Dixa agents and admins (GET /v1/agents)",
	Columns: []Column{
		dstr("id", "agent id (uuid)"),
		dstr("email", "primary email"),
		dlist("roles", "roles: Agent, SystemAdmin, TeamLead, Admin"),
		dstr("lastName", "last name"),
		dstr("avatarUrl", "avatar URL"),
		dts("createdAt", "when the agent was created"),
		dstr("firstName", "first name"),
		dstr("displayName", "display name"),
		dlist("middleNames", "middle names"),
		dstr("phoneNumber", "primary phone"),
		dlist("additionalEmails", "further emails"),
		dlist("additionalPhoneNumbers", "further phone numbers"),
	},
	OrderBy: []string{"id"},
})

// DixaTeams: GET /v1/teams, Team1 (§8.3, L6369).
var DixaTeams = New(Table{
	Name: "dixa_teams", Root: "data", Record: "data",
	Doc: "Dixa teams (GET /v1/teams)",
	Columns: []Column{
		dstr("id", "team id"),
		dstr("name", "team name"),
	},
	OrderBy: []string{"id"},
})

// DixaTeamMembers: GET /v1/teams/{teamId}/agents, TeamMember (§8.3, L6385).
var DixaTeamMembers = New(Table{
	Name: "dixa_team_members", Root: "data", Record: "data",
	Personal: map[string]PII{"email": PIIEmployee, "id": PIIEmployee, "name": PIIEmployee, "phone_number": PIIEmployee},
	Doc:      "Dixa team members (GET /v1/teams/{teamId}/agents)",
	Columns: []Column{
		dstr("teamId", "team id (from the request path)"),
		dstr("id", "agent id"),
		dstr("name", "agent name"),
		dstr("email", "agent email"),
		dstr("phoneNumber", "agent phone number"),
	},
	OrderBy: []string{"team_id", "id"},
})

// DixaQueues: GET /v1/queues, Queue1 (§8.4, L5944–6024).
var DixaQueues = New(Table{
	Name: "dixa_queues", Root: "data", Record: "data",
	Doc: "Dixa queues (GET /v1/queues)",
	Columns: []Column{
		dstr("id", "queue id"),
		dstr("name", "queue name"),
		dstr("usages.queueId", "QueueUsages.queueId"),
		dstr("usages.usages", "JSON object channel → string[] (Map_ConversationChannel_Set_String)"),
		di64("priority", "queue priority"),
		dbool("isDefault", "the organisation's default queue"),
		di64("offerTimeout", "offer timeout (unit not documented)"),
		di64("wrapupTimeout", "wrap-up timeout (unit not documented)"),
		dlc("memberListType", "Default or SkillBased"),
		dstr("organizationId", "organisation id"),
		dstr("queueThresholds", "JSON object threshold → int (SlaTimeLimit, AvailableAgents, …)"),
		dlc("offeringAlgorithm", "offer algorithm (AllAtOnce, LongestIdle, …)"),
		dstr("doNotOfferTimeouts", "JSON object channel → int"),
		dbool("isDoNotOfferEnabled", "do-not-offer enabled"),
		dlc("slaCalculationMethod", "AbandonedIgnored"),
		dstr("preferredAgentTimeouts", "JSON object channel → int"),
		dbool("isPreferredAgentEnabled", "preferred agent enabled"),
		dbool("offerAbandonedConversations", "offer abandoned conversations"),
		di64("personalAgentOfflineTimeout", "personal agent offline timeout"),
		di64("preferredAgentOfflineTimeout", "preferred agent offline timeout"),
	},
	OrderBy: []string{"id"},
})

// DixaQueueMembers: GET /v1/queues/{queueId}/members, QueueMember (§8.4, L6025).
var DixaQueueMembers = New(Table{
	Name: "dixa_queue_members", Root: "data", Record: "data",
	Doc: "Dixa queue members (GET /v1/queues/{queueId}/members)",
	Columns: []Column{
		dstr("queueId", "queue id (from the request path)"),
		dstr("agentId", "agent id"),
		di64("priority", "the agent's priority in the queue"),
	},
	OrderBy: []string{"queue_id", "agent_id"},
})

// DixaTags: GET /v1/tags, Tag (§7.6, L6299).
var DixaTags = New(Table{
	Name: "dixa_tags", Root: "data", Record: "data",
	Doc: "Dixa tags (GET /v1/tags)",
	Columns: []Column{
		dstr("id", "tag id (uuid)"),
		dstr("name", "tag name"),
		dstr("color", "colour, e.g. #000000"),
		dlc("state", "Active or Inactive"),
	},
	OrderBy: []string{"id"},
})

// DixaEndUsers: GET /v1/endusers, EndUser (§8.5, L4116–4191).
var DixaEndUsers = New(Table{
	Name: "dixa_end_users", Root: "data", Record: "data",
	Erase:    ErasePerson,
	Personal: map[string]PII{"additional_emails": PIIEmail, "additional_phone_numbers": PIIPhone, "avatar_url": PIIOther, "custom_attributes": PIIFreeText, "display_name": PIIName, "email": PIIEmail, "external_id": PIICustomerID, "first_name": PIIName, "id": PIICustomerID, "last_name": PIIName, "middle_names": PIIName, "phone_number": PIIPhone},
	Doc:      "Dixa end users / contacts (GET /v1/endusers)",
	Columns: []Column{
		dstr("id", "end user id (uuid)"),
		dts("createdAt", "when the contact was created"),
		dstr("email", "email"),
		dstr("lastName", "last name"),
		dstr("avatarUrl", "avatar URL"),
		dstr("firstName", "first name"),
		dstr("externalId", "custom external identifier"),
		dstr("displayName", "display name"),
		dlist("middleNames", "middle names"),
		dstr("phoneNumber", "phone number"),
		dlist("additionalEmails", "further emails"),
		dstr("customAttributes", "JSON array of CustomAttribute {id, name, identifier, value}"),
		dlist("additionalPhoneNumbers", "further phone numbers"),
	},
	OrderBy: []string{"id"},
})

// DixaCustomAttributes: GET /v1/custom-attributes, CustomAttributeDefinition (§8.6, L3613).
var DixaCustomAttributes = New(Table{
	Name: "dixa_custom_attributes", Root: "data", Record: "data",
	Doc: "Dixa custom attribute definitions (GET /v1/custom-attributes)",
	Columns: []Column{
		dstr("id", "definition id (uuid)"),
		dlc("entityType", "Contact or Conversation"),
		dstr("identifier", "identifier"),
		dstr("label", "label"),
		dlc("inputDefinition._type", "Select or Text"),
		dstr("inputDefinition.options", "Select: JSON array of SelectOption (nested options kept)"),
		dstr("inputDefinition.placeholder", "Text: placeholder"),
		dts("createdAt", "created"),
		dts("updatedAt", "last updated"),
		dstr("description", "description"),
		dbool("isRequired", "required"),
		dbool("isArchived", "archived"),
		dbool("isDeactivated", "deactivated"),
	},
	OrderBy: []string{"id"},
})

// DixaContactEndpoints: GET /v1/contact-endpoints, ContactEndpoint (§8.7, L2434).
var DixaContactEndpoints = New(Table{
	Name: "dixa_contact_endpoints", Root: "data", Record: "data",
	Doc: "Dixa contact endpoints: email addresses and phone numbers (GET /v1/contact-endpoints)",
	Columns: []Column{
		dlc("_type", "EmailEndpoint or TelephonyEndpoint"),
		dstr("address", "EmailEndpoint: address (empty for phone numbers)"),
		dstr("number", "TelephonyEndpoint: number (empty for email addresses)"),
		dstr("name", "name"),
		dstr("senderOverride", "EmailEndpoint: sender override"),
		dlist("functionality", "TelephonyEndpoint: Sms, VoiceInbound, VoiceOutbound"),
	},
	OrderBy: []string{"_type", "address", "number"},
})

// DixaAnalyticsMetrics: GET /v1/analytics/metrics, MetricMetadata (§6.1, L5419).
var DixaAnalyticsMetrics = New(Table{
	Name: "dixa_analytics_metrics", Root: "data", Record: "data",
	Doc: "Dixa analytics metric catalogue (GET /v1/analytics/metrics)",
	Columns: []Column{
		dstr("id", "metric id"),
		dstr("description", "description"),
		dstr("filters", "JSON array of FilterMetadata {filterAttribute, description}"),
		dstr("aggregations", "JSON array of AggregateMetadata {measure, description}"),
		dlist("relatedRecordIds", "record ids composing the metric"),
	},
	OrderBy: []string{"id"},
})

// DixaAnalyticsRecordTypes: GET /v1/analytics/records, MetricRecordMetadata (§6.1, L5478).
var DixaAnalyticsRecordTypes = New(Table{
	Name: "dixa_analytics_record_types", Root: "data", Record: "data",
	Doc: "Dixa analytics record catalogue (GET /v1/analytics/records)",
	Columns: []Column{
		dstr("id", "record id"),
		dstr("description", "description"),
		dstr("filters", "JSON array of FilterMetadata"),
		dstr("fieldsMetadata", "JSON array of FieldMetadata {field, description, nullable}"),
		dlist("relatedMetricIds", "metric ids using the record"),
	},
	OrderBy: []string{"id"},
})

// DixaAnalyticsFilterValues: GET /v1/analytics/filter/{filterAttribute}, FilterValue (§6.1, L4427).
var DixaAnalyticsFilterValues = New(Table{
	Name: "dixa_analytics_filter_values", Root: "data", Record: "data",
	Doc: "Dixa analytics filter values per attribute (GET /v1/analytics/filter/{attribute})",
	Columns: []Column{
		dstr("filterAttribute", "filter attribute (from the request path)"),
		dstr("value", "value to filter on"),
		dstr("label", "label"),
	},
	OrderBy: []string{"filter_attribute", "value"},
})

// DixaAnalyticsMetricValues: POST /v1/analytics/metrics, one row per aggregate of one metric,
// filter set and interval (§6.2, MetricData L5401, AggregateValue L1497).
var DixaAnalyticsMetricValues = New(Table{
	Name: "dixa_analytics_metric_values", Root: "data", Record: "data",
	Doc: "Dixa aggregated metric values, one call per metric, filter set and interval (POST /v1/analytics/metrics)",
	Columns: []Column{
		dstr("id", "metric id (MetricData.id)"),
		dts("intervalStart", "interval start (request periodFilter Interval.start), UTC"),
		dts("intervalEnd", "interval end, exclusive (Interval.end), UTC"),
		dlc("timezone", "IANA timezone sent with the request"),
		dstr("filters", "JSON array of the request's filters; [] when none"),
		dlc("measure", "aggregation: Min, Max, Sum, Count, Percentage, StdDev, Average"),
		dlc("_type", "LongAggregateValue or DoubleAggregateValue"),
		df64("value", "aggregate value as a double"),
		di64("longValue", "aggregate value when _type is LongAggregateValue"),
	},
	OrderBy:     []string{"id", "filters", "interval_start", "measure"},
	PartitionBy: "interval_start",
})

// DixaAnalyticsRecords: POST /v1/analytics/records, one row per field of a MetricRecord, the
// typed FieldType variants spread into typed columns (§6.4, L5457, FieldType L4346).
var DixaAnalyticsRecords = New(Table{
	Name: "dixa_analytics_records", Root: "data", Record: "data",
	Personal: map[string]PII{"label": PIIFreeText, "list_values": PIIFreeText, "string_value": PIIFreeText, "value": PIIFreeText},
	Doc:      "Dixa unaggregated analytics records, one row per record field (POST /v1/analytics/records)",
	Columns: []Column{
		dstr("recordId", "record id requested"),
		dstr("primaryTimestampField.name", "name of the record's primary timestamp"),
		dts("primaryTimestampField.timestamp", "the record's primary timestamp"),
		dstr("recordKey", "SHA-256 (hex, 32 chars) of the record's JSON: records carry no id"),
		dstr("name", "field name (Field.name); empty for a record without fields"),
		dlc("field._type", "variant (StringField, DoubleField, LongField, IntField/BooleanField, InstantField, TimestampField, UUIDField, ListField)"),
		dstr("stringValue", "StringField.value"),
		dstr("uuidValue", "UUIDField.value"),
		dstr("label", "StringField/UUIDField label"),
		df64("doubleValue", "DoubleField.value"),
		di64("longValue", "LongField.value, and IntField.value"),
		di64("intValue", "IntField.value"),
		dbool("booleanValue", "BooleanField.value"),
		dts("instantValue", "InstantField.value, and TimestampField.timestamp"),
		dstr("timestampName", "TimestampField.name"),
		dstr("listValues", "ListField.values: JSON array of PrimitiveField"),
		dstr("value", "MetricRecord.value (role undocumented): JSON"),
	},
	OrderBy:     []string{"record_id", "primary_timestamp_field_timestamp", "record_key", "name"},
	PartitionBy: "primary_timestamp_field_timestamp",
})

// DixaActivityLog: GET /v1/conversations/activitylog, ActivityLogEntry (§7.3, L1289) with the
// 17 ActivityLogAttribute variants' properties as nullable columns. ConversationAssigned's
// agentId/agentName land in attributes_agent_id/_name, with the agent of the other variants
// (their snake_case names are the same).
var DixaActivityLog = New(Table{
	Name: "dixa_activity_log", Root: "data", Record: "data",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"attributes_agent_email": PIIEmployee, "attributes_agent_id": PIIEmployee, "attributes_agent_name": PIIEmployee, "attributes_agent_names": PIIEmployee, "attributes_agent_phone_number": PIIEmployee, "attributes_avatar_url": PIIOther, "attributes_from_endpoint": PIIPhone, "attributes_message": PIIFreeText, "attributes_new_user_email": PIIEmail, "attributes_new_user_id": PIICustomerID, "attributes_new_user_name": PIIName, "attributes_new_user_phone_number": PIIPhone, "attributes_old_user_email": PIIEmail, "attributes_old_user_id": PIICustomerID, "attributes_old_user_name": PIIName, "attributes_old_user_phone_number": PIIPhone, "attributes_reason": PIIFreeText, "attributes_subject": PIIFreeText, "attributes_user_email": PIIEmail, "attributes_user_id": PIICustomerID, "attributes_user_name": PIIName, "attributes_user_phone_number": PIIPhone, "author_email": PIIEmail, "author_id": PIICustomerID, "author_name": PIIName, "author_phone_number": PIIPhone},
	Doc:                "Dixa organisation activity log (GET /v1/conversations/activitylog)",
	Columns: append(append(append(append(append(append([]Column{
		dstr("id", "entry id (uuid)"),
		dlc("_type", "activity type (32 values, open set)"),
		di64("conversationId", "conversation id"),
		dts("activityTimestamp", "when it happened"),
		dstr("activityType", "deprecated marker object, JSON"),
	}, activityUser("author", "author")...),
		dlc("attributes._type", "attribute variant, when Dixa tags it"),
		dstr("attributes.templateName", "ConversationAutoReplySent: template"),
		dstr("attributes.claimedFromType", "ConversationClaimed: claimed from type"),
		dstr("attributes.claimedFromLabel", "ConversationClaimed: claimed from label"),
		dstr("attributes.subject", "ConversationCreated: subject"),
		dstr("attributes.language", "ConversationLanguageUpdated: language"),
		dlist("attributes.agentNames", "ConversationOffered: agent names"),
		dstr("attributes.queueLabel", "ConversationOffered: queue label"),
		di64("attributes.score", "ConversationRated: score"),
		dstr("attributes.message", "ConversationRated / NoteAdded: message"),
		dstr("attributes.ratingScheduledTime", "ConversationRatingScheduled: time (text, no format)"),
		dstr("attributes.queueId", "ConversationReserved: queue id"),
		dstr("attributes.queueName", "ConversationReserved: queue name"),
		dstr("attributes.reservationType", "ConversationReserved: reservation type"),
		dstr("attributes.validUntil", "ConversationReserved: valid until (text, no format)"),
		dstr("attributes.transferType", "Transfer*: transfer type"),
		dstr("attributes.destinationType", "Transfer*: destination type"),
		dstr("attributes.destinationId", "Transfer*: destination id"),
		dstr("attributes.destinationLabel", "Transfer*: destination label"),
		dstr("attributes.reason", "Transfer*: reason"),
		dstr("attributes.messageId", "MessageAdded: message id"),
		dstr("attributes.avatarUrl", "MessageAdded / NoteAdded: avatar URL"),
		dstr("attributes.fromEndpoint", "MessageAdded: from endpoint"),
		dstr("attributes.tag", "TagAdded / TagRemoved: tag"),
	), activityUser("attributes.agent", "attribute agent")...),
		activityUser("attributes.user", "attribute user")...),
		activityUser("attributes.oldUser", "EndUserReplaced: old user")...),
		activityUser("attributes.newUser", "EndUserReplaced: new user")...),
	OrderBy:     []string{"id"},
	PartitionBy: "activity_timestamp",
})

// DixaConversations: GET /v1/conversations/{id}, the 11 Conversation variants in one table
// (§7.1, L2619–2656); variant-specific fields are nullable.
var DixaConversations = New(Table{
	Name: "dixa_conversations", Root: "data", Record: "data",
	ConversationColumn: "id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"assignment_agent_id": PIIEmployee, "browser_info_ip_address": PIIOther, "browser_info_originating_url": PIIOther, "custom_attributes": PIIFreeText, "end_user_twitter_id": PIIOther, "from_contact_point_id": PIIPhone, "from_email": PIIEmail, "from_number": PIIPhone, "requester_id": PIICustomerID, "subject": PIIFreeText, "to_contact_point_id": PIIPhone, "to_email": PIIEmail, "to_number": PIIPhone},
	Doc:                "Dixa conversations, every channel variant (GET /v1/conversations/{id})",
	Columns: []Column{
		di64("id", "conversation id"),
		dlc("_type", "variant, e.g. EmailConversation, AnonymizedConversation"),
		dstr("requesterId", "requester (end user) id"),
		dlc("channel", "channel (11 values)"),
		dts("createdAt", "created"),
		dlc("state", "AwaitingPending, Closed, Open, Pending"),
		dlc("direction", "Inbound, Internal, Outbound"),
		dts("stateUpdatedAt", "last state change"),
		dts("anonymizedAt", "AnonymizedConversation: when anonymized"),
		dlc("link._type", "EmailForward, FollowUp or SideConversation"),
		di64("link.parentId", "parent conversation id"),
		dstr("queue.id", "queue id"),
		dts("queue.queuedAt", "queued at"),
		dstr("assignment.agentId", "assigned agent id"),
		dts("assignment.assignedAt", "assigned at"),
		dstr("customAttributes", "JSON array of CustomAttribute"),
		dstr("language", "language"),
		dstr("browserInfo.name", "Chat: browser name"),
		dstr("browserInfo.version", "Chat: browser version"),
		dstr("browserInfo.ipAddress", "Chat: IP address"),
		dstr("browserInfo.originatingUrl", "Chat: originating URL"),
		dstr("subject", "Email/ContactForm: subject"),
		dstr("toEmail", "Email/ContactForm: to"),
		dstr("fromEmail", "Email/ContactForm: from"),
		dstr("integrationEmail", "Email/ContactForm: integration address"),
		dstr("toContactPointId", "Generic: to contact point"),
		dstr("fromContactPointId", "Generic: from contact point"),
		dstr("toNumber", "Sms: to number"),
		dstr("fromNumber", "Sms: from number"),
		dlc("conversationType", "Twitter: DirectMessage or Tweet"),
		dstr("endUserTwitterId", "Twitter: end user id"),
		dstr("contactPointTwitterId", "Twitter: contact point id"),
	},
	OrderBy:     []string{"id"},
	PartitionBy: "created_at",
})

// DixaMessages: GET /v1/conversations/{id}/messages, Message with its 10 Attributes variants
// (§7.2, L5283, L1654).
var DixaMessages = New(Table{
	Name: "dixa_messages", Root: "data", Record: "data",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"attributes_attachments": PIIOther, "attributes_bcc": PIIFreeText, "attributes_cc": PIIFreeText, "attributes_content_value": PIIFreeText, "attributes_email_content_content_value": PIIFreeText, "attributes_email_content_file_url": PIIOther, "attributes_from": PIIPhone, "attributes_from_email": PIIEmail, "attributes_from_name": PIIName, "attributes_inline_images": PIIOther, "attributes_original_content_url_url": PIIOther, "attributes_recording": PIIOther, "attributes_reply_default_to_emails": PIIFreeText, "attributes_to": PIIFreeText, "author_id": PIICustomerID},
	Doc:                "Dixa messages (transcripts) of conversations (GET /v1/conversations/{id}/messages)",
	Columns: []Column{
		di64("conversationId", "conversation id (from the request path)"),
		dstr("id", "message id (uuid)"),
		dstr("authorId", "author id"),
		dts("createdAt", "created"),
		dstr("externalId", "external id"),
		dlc("attributes._type", "variant: EmailAttributes, ChatAttributes, PhoneAttributes, CallRecordingAttributes, …"),
		dlc("attributes.direction", "Inbound, Internal, Outbound"),
		dbool("attributes.isAutomated", "Chat: automated"),
		dbool("attributes.isAutoReply", "Email/ContactForm: auto reply"),
		dlc("attributes.content._type", "Text or Html"),
		dstr("attributes.content.value", "message text or HTML"),
		dstr("attributes.attachments", "JSON array of File {url, prettyName}"),
		dstr("attributes.from", "Phone: from number"),
		dstr("attributes.to", "Phone: to number; Email: JSON array of EmailContact"),
		dstr("attributes.from.email", "Email: sender address"),
		dstr("attributes.from.name", "Email: sender name"),
		dstr("attributes.cc", "Email: JSON array of EmailContact"),
		dstr("attributes.bcc", "Email: JSON array of EmailContact"),
		dlc("attributes.emailContent._type", "Regular or TooLarge"),
		dlc("attributes.emailContent.content._type", "Regular: Text or Html"),
		dstr("attributes.emailContent.content.value", "Regular: the email body"),
		dstr("attributes.emailContent.file.url", "TooLarge: URL of the body file"),
		dstr("attributes.emailContent.file.prettyName", "TooLarge: file name"),
		dstr("attributes.inlineImages", "Email: JSON array of File"),
		dstr("attributes.originalContentUrl.url", "Email: original content URL"),
		dstr("attributes.originalContentUrl.prettyName", "Email: original content file name"),
		dstr("attributes.replyDefaultToEmails", "ContactForm: JSON array of EmailContact"),
		dstr("attributes.deliveryFailureReason", "Email: delivery failure reason"),
		dstr("attributes.recording", "CallRecording: recording reference (URL)"),
		di64("attributes.duration", "Phone/CallRecording: duration (unit not documented)"),
	},
	OrderBy:     []string{"conversation_id", "id"},
	PartitionBy: "created_at",
})

// DixaNotes: GET /v1/conversations/{id}/notes, InternalNoteData (§7.4, L4906).
var DixaNotes = New(Table{
	Name: "dixa_notes", Root: "data", Record: "data",
	ConversationColumn: "csid",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"author_id": PIIEmployee, "message": PIIFreeText},
	Doc:                "Dixa internal notes (GET /v1/conversations/{id}/notes)",
	Columns: []Column{
		dstr("id", "note id (uuid)"),
		di64("csid", "conversation id"),
		dstr("message", "note text"),
		dstr("authorId", "author id"),
		dts("createdAt", "created (a [Zone] suffix is accepted)"),
	},
	OrderBy:     []string{"csid", "id"},
	PartitionBy: "created_at",
})

// DixaRatings: GET /v1/conversations/{id}/rating, ConversationRating (§7.5, L2867).
var DixaRatings = New(Table{
	Name: "dixa_ratings", Root: "data", Record: "data",
	ConversationColumn: "conversation_id",
	Erase:              EraseConversation,
	Personal:           map[string]PII{"agent_id": PIIEmployee, "rating_comment": PIIFreeText, "user_id": PIICustomerID},
	Doc:                "Dixa conversation ratings (GET /v1/conversations/{id}/rating)",
	Columns: []Column{
		di64("conversationId", "conversation id (from the request path)"),
		dstr("id", "rating id"),
		dstr("userId", "rating user id"),
		dstr("agentId", "rated agent id"),
		dstr("language", "language"),
		dlc("ratingType", "Csat or ThumbsUpOrDown"),
		dstr("timestamps", "JSON object status → time (keys undocumented)"),
		di64("ratingScore", "score"),
		dlc("ratingStatus", "Unscheduled, Offered, Rated, Scheduled, Cancelled"),
		dstr("ratingComment", "comment"),
		dlc("conversationChannel", "channel"),
	},
	OrderBy: []string{"conversation_id", "id"},
})

// DixaConversationTags: GET /v1/conversations/{id}/tags, Tag (§7.6, L3050).
var DixaConversationTags = New(Table{
	Name: "dixa_conversation_tags", Root: "data", Record: "data",
	ConversationColumn: "conversation_id",
	Doc:                "Dixa tags of conversations (GET /v1/conversations/{id}/tags)",
	Columns: []Column{
		di64("conversationId", "conversation id (from the request path)"),
		dstr("id", "tag id"),
		dstr("name", "tag name"),
		dstr("color", "colour"),
		dlc("state", "Active or Inactive"),
	},
	OrderBy: []string{"conversation_id", "id"},
})
