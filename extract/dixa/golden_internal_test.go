package dixa

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// Golden tests built from the spec's examples (shared/specs/dixa.md §9.2: response fixtures
// built from the seed's schemas; §9.1: the seed's request examples) and decoder tests for every
// `_type` variant: each response goes through the extractor's reshaping and the real transform
// decoder into its table, and the typed columns are compared.

// decodeRows reshapes body's data like the stream does, decodes it into tb and returns the
// rows as column → value (nil for NULL; Timestamps as RFC 3339).
func decodeRows(t *testing.T, tb *schema.Table, recs []map[string]any) []map[string]any {
	t.Helper()
	page, err := pageBody(recs)
	require.NoError(t, err)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := transform.NewBuilder(mem, tb, transform.Lineage{Source: "s", RunID: "r", ExtractedAt: time.Unix(0, 0), Version: 1})
	defer b.Release()
	n, err := transform.Decode(schema.JSON, page, b)
	require.NoError(t, err)
	require.Equal(t, len(recs), n)
	require.Zero(t, b.Coerced(), "every value fits its column: %s", page)
	rec := b.NewRecord()
	defer rec.Release()
	out := make([]map[string]any, rec.NumRows())
	for i := range out {
		out[i] = map[string]any{}
		for c, col := range rec.Columns() {
			if col.IsNull(i) {
				out[i][rec.ColumnName(c)] = nil
				continue
			}
			switch a := col.(type) {
			case interface{ Value(int) arrow.Timestamp }:
				out[i][rec.ColumnName(c)] = time.UnixMilli(int64(a.Value(i))).UTC().Format("2006-01-02T15:04:05.000Z")
			default:
				out[i][rec.ColumnName(c)] = col.ValueStr(i)
			}
		}
	}
	return out
}

func flat(t *testing.T, body string, opaque map[string]bool, add map[string]any) []map[string]any {
	t.Helper()
	var env envelope
	require.NoError(t, decodeJSON([]byte(body), &env))
	recs, err := flatRecords(env.Data, opaque, add)
	require.NoError(t, err)
	return recs
}

// want checks the listed columns of row; every other vendor column must be NULL unless listed.
func want(t *testing.T, tb *schema.Table, row map[string]any, cols map[string]any) {
	t.Helper()
	for name, v := range cols {
		require.Contains(t, row, name, "%s has column %s", tb.Name, name)
		if v == nil {
			require.Nil(t, row[name], "%s.%s", tb.Name, name)
			continue
		}
		require.Equal(t, fmt.Sprint(v), fmt.Sprint(row[name]), "%s.%s", tb.Name, name)
	}
	for _, c := range tb.Columns {
		if c.Field == "" || c.Name == schema.ColExtra {
			continue
		}
		if _, listed := cols[c.Name]; !listed {
			if c.Type.IsList() {
				require.Equal(t, "[]", row[c.Name], "%s.%s: a list is never NULL", tb.Name, c.Name)
				continue
			}
			require.Nil(t, row[c.Name], "%s.%s is not in the fixture", tb.Name, c.Name)
		}
	}
}

func TestGoldenSpecFixtures(t *testing.T) {
	cases := []struct {
		name   string
		table  *schema.Table
		body   string
		opaque map[string]bool
		add    map[string]any
		want   map[string]any
	}{
		{"ListAgentsOutput", schema.DixaAgents,
			`{"data":[{"id":"a53b25da-f676-4c52-acac-58c9280aa23d","email":"alice@brown.com","displayName":"Alice Brown","createdAt":"2021-12-01T12:46:36.581Z","roles":["Agent"],"firstName":"Alice","lastName":"Brown","middleNames":[],"additionalEmails":[],"additionalPhoneNumbers":[]}],
			 "meta":{"next":"https://dev.dixa.io/v1/agents?pageKey=abc&pageLimit=1"}}`, nil, nil,
			map[string]any{"id": "a53b25da-f676-4c52-acac-58c9280aa23d", "email": "alice@brown.com", "display_name": "Alice Brown",
				"created_at": "2021-12-01T12:46:36.581Z", "roles": `["Agent"]`, "first_name": "Alice", "last_name": "Brown",
				"middle_names": "[]", "additional_emails": "[]", "additional_phone_numbers": "[]"}},
		{"GetConversationOutput EmailConversation", schema.DixaConversations,
			`{"data":{"_type":"EmailConversation","id":123,"requesterId":"9c2a2cce-699f-4a72-89d9-fda5bc8dec8b","channel":"Email","createdAt":"2021-12-01T12:00:00Z","toEmail":"support@example.com","fromEmail":"alice@brown.com","integrationEmail":"my-integration@email.dixa.io","state":"Closed","direction":"Inbound","subject":"order #123","language":"en","queue":{"id":"92f8d193-b26f-4a62-86a3-bb03ee0915e9","queuedAt":"2021-12-01T12:00:01Z"},"assignment":{"agentId":"a53b25da-f676-4c52-acac-58c9280aa23d","assignedAt":"2021-12-01T12:01:00Z"},"stateUpdatedAt":"2021-12-01T13:00:00Z","customAttributes":[{"id":"2f5515b6-7e98-4f4d-9010-bfd2a27d4f35","name":"Order","identifier":"order_no","value":"012345"}]}}`, nil, nil,
			map[string]any{"_type": "EmailConversation", "id": 123, "requester_id": "9c2a2cce-699f-4a72-89d9-fda5bc8dec8b", "channel": "Email",
				"created_at": "2021-12-01T12:00:00.000Z", "to_email": "support@example.com", "from_email": "alice@brown.com",
				"integration_email": "my-integration@email.dixa.io", "state": "Closed", "direction": "Inbound", "subject": "order #123", "language": "en",
				"queue_id": "92f8d193-b26f-4a62-86a3-bb03ee0915e9", "queue_queued_at": "2021-12-01T12:00:01.000Z",
				"assignment_agent_id": "a53b25da-f676-4c52-acac-58c9280aa23d", "assignment_assigned_at": "2021-12-01T12:01:00.000Z",
				"state_updated_at":  "2021-12-01T13:00:00.000Z",
				"custom_attributes": `[{"id":"2f5515b6-7e98-4f4d-9010-bfd2a27d4f35","identifier":"order_no","name":"Order","value":"012345"}]`}},
		{"ListInternalNotesOutput", schema.DixaNotes,
			`{"data":[{"id":"5e0d7c55-0000-4000-8000-000000000004","csid":123,"message":"A sample note","authorId":"a53b25da-f676-4c52-acac-58c9280aa23d","createdAt":"2021-12-01T12:46:36.581Z[GMT]"}]}`, nil, nil,
			map[string]any{"id": "5e0d7c55-0000-4000-8000-000000000004", "csid": 123, "message": "A sample note",
				"author_id": "a53b25da-f676-4c52-acac-58c9280aa23d", "created_at": "2021-12-01T12:46:36.581Z"}},
		{"ListConversationRatingsOutput", schema.DixaRatings,
			`{"data":[{"id":"r-1","userId":"9c2a2cce-699f-4a72-89d9-fda5bc8dec8b","agentId":"a53b25da-f676-4c52-acac-58c9280aa23d","ratingType":"Csat","ratingStatus":"Rated","ratingScore":5,"ratingComment":"Great","conversationChannel":"Email","timestamps":{"Rated":"2021-12-02T09:00:00Z"}}]}`,
			set("timestamps"), map[string]any{"conversationId": json.Number("123")},
			map[string]any{"conversation_id": 123, "id": "r-1", "user_id": "9c2a2cce-699f-4a72-89d9-fda5bc8dec8b", "agent_id": "a53b25da-f676-4c52-acac-58c9280aa23d",
				"rating_type": "Csat", "rating_status": "Rated", "rating_score": 5, "rating_comment": "Great", "conversation_channel": "Email",
				"timestamps": `{"Rated":"2021-12-02T09:00:00Z"}`}},
		{"ConversationTagsOutput", schema.DixaConversationTags,
			`{"data":[{"id":"3f0f5b6e-0000-4000-8000-000000000005","name":"test","color":"#000000","state":"Active"}]}`, nil, map[string]any{"conversationId": json.Number("123")},
			map[string]any{"conversation_id": 123, "id": "3f0f5b6e-0000-4000-8000-000000000005", "name": "test", "color": "#000000", "state": "Active"}},
		{"ListTagsOutput", schema.DixaTags,
			`{"data":[{"id":"3f0f5b6e-0000-4000-8000-000000000005","name":"test","color":"#000000","state":"Active"}]}`, nil, nil,
			map[string]any{"id": "3f0f5b6e-0000-4000-8000-000000000005", "name": "test", "color": "#000000", "state": "Active"}},
		{"GetFilterValuesOutput", schema.DixaAnalyticsFilterValues,
			`{"data":[{"value":"email","label":"Email"}],"meta":{}}`, nil, map[string]any{"filterAttribute": "channel"},
			map[string]any{"filter_attribute": "channel", "value": "email", "label": "Email"}},
		{"ListTeamsOutput", schema.DixaTeams, `{"data":[{"id":"t1","name":"Team A"}]}`, nil, nil, map[string]any{"id": "t1", "name": "Team A"}},
		{"ListTeamMembersOutput", schema.DixaTeamMembers,
			`{"data":[{"id":"a53b25da-f676-4c52-acac-58c9280aa23d","name":"Alice Brown","email":"alice@brown.com"}]}`, nil, map[string]any{"teamId": "t1"},
			map[string]any{"team_id": "t1", "id": "a53b25da-f676-4c52-acac-58c9280aa23d", "name": "Alice Brown", "email": "alice@brown.com"}},
		{"ListQueuesOutput", schema.DixaQueues,
			`{"data":[{"id":"92f8d193-b26f-4a62-86a3-bb03ee0915e9","name":"MyCorp main queue","isDefault":true,"organizationId":"org-1","queueThresholds":{"WaitingConversations":10},"slaCalculationMethod":"AbandonedIgnored","doNotOfferTimeouts":{"WidgetChat":1},"isDoNotOfferEnabled":true,"offeringAlgorithm":"AllAtOnce","priority":1}]}`,
			set("usages.usages", "queueThresholds", "doNotOfferTimeouts", "preferredAgentTimeouts"), nil,
			map[string]any{"id": "92f8d193-b26f-4a62-86a3-bb03ee0915e9", "name": "MyCorp main queue", "is_default": true, "organization_id": "org-1",
				"queue_thresholds": `{"WaitingConversations":10}`, "sla_calculation_method": "AbandonedIgnored", "do_not_offer_timeouts": `{"WidgetChat":1}`,
				"is_do_not_offer_enabled": true, "offering_algorithm": "AllAtOnce", "priority": 1}},
		{"QueueMembersOutput", schema.DixaQueueMembers, `{"data":[{"agentId":"c31e5e3f-1d5f-4442-83df-fd7bddd59da4","priority":1}]}`, nil, map[string]any{"queueId": "q1"},
			map[string]any{"queue_id": "q1", "agent_id": "c31e5e3f-1d5f-4442-83df-fd7bddd59da4", "priority": 1}},
		{"ListEndUsersOutput", schema.DixaEndUsers,
			`{"data":[{"id":"43b1fe06-a7c4-4f34-8e48-b0559e6acdb9","createdAt":"2021-12-01T12:00:00Z","email":"alice@brown.com","externalId":"#12345678","displayName":"Alice Brown","customAttributes":[]}],"meta":{}}`, nil, nil,
			map[string]any{"id": "43b1fe06-a7c4-4f34-8e48-b0559e6acdb9", "created_at": "2021-12-01T12:00:00.000Z", "email": "alice@brown.com",
				"external_id": "#12345678", "display_name": "Alice Brown", "custom_attributes": "[]"}},
		{"ListContactPointsOutput TelephonyEndpoint", schema.DixaContactEndpoints,
			`{"data":[{"_type":"TelephonyEndpoint","number":"+4570000000","name":"Main","functionality":["Sms","VoiceInbound"]}]}`, nil, nil,
			map[string]any{"_type": "TelephonyEndpoint", "number": "+4570000000", "address": "", "name": "Main", "functionality": `["Sms","VoiceInbound"]`}},
		{"ListCustomAttributesDefinitionsOutput Text1", schema.DixaCustomAttributes,
			`{"data":[{"id":"2f5515b6-7e98-4f4d-9010-bfd2a27d4f35","entityType":"Conversation","identifier":"order_no","label":"Order","inputDefinition":{"_type":"Text","placeholder":"#"},"createdAt":"2021-12-01T12:00:00Z","isRequired":false,"isArchived":false,"isDeactivated":false}]}`, nil, nil,
			map[string]any{"id": "2f5515b6-7e98-4f4d-9010-bfd2a27d4f35", "entity_type": "Conversation", "identifier": "order_no", "label": "Order",
				"input_definition__type": "Text", "input_definition_placeholder": "#", "created_at": "2021-12-01T12:00:00.000Z",
				"is_required": false, "is_archived": false, "is_deactivated": false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := decodeRows(t, c.table, flat(t, c.body, c.opaque, c.add))
			require.Len(t, rows, 1)
			require.Equal(t, "", rows[0][schema.ColExtra], "nothing unknown")
			want(t, c.table, rows[0], c.want)
		})
	}
}

func TestGoldenMessagesFixture(t *testing.T) {
	body := `{"data":[
 {"id":"0b6a1f7e-0000-4000-8000-000000000001","authorId":"9c2a2cce-699f-4a72-89d9-fda5bc8dec8b","createdAt":"2021-12-01T12:00:00Z","attributes":{"_type":"EmailAttributes","from":{"email":"alice@brown.com","name":"Alice"},"to":[{"email":"support@example.com"}],"isAutoReply":false,"direction":"Inbound","emailContent":{"_type":"Regular","content":{"_type":"Text","value":"My order hasn't shipped"}},"attachments":[{"url":"http://attachment.url","prettyName":"Filename"}]}},
 {"id":"0b6a1f7e-0000-4000-8000-000000000002","authorId":"a53b25da-f676-4c52-acac-58c9280aa23d","createdAt":"2021-12-01T12:05:00Z","attributes":{"_type":"CallRecordingAttributes","recording":"https://example.invalid/rec.mp3","duration":93}}]}`
	rows := decodeRows(t, schema.DixaMessages, flat(t, body, nil, map[string]any{"conversationId": json.Number("123")}))
	require.Len(t, rows, 2)
	want(t, schema.DixaMessages, rows[0], map[string]any{"conversation_id": 123, "id": "0b6a1f7e-0000-4000-8000-000000000001",
		"author_id": "9c2a2cce-699f-4a72-89d9-fda5bc8dec8b", "created_at": "2021-12-01T12:00:00.000Z", "attributes__type": "EmailAttributes",
		"attributes_from_email": "alice@brown.com", "attributes_from_name": "Alice", "attributes_to": `[{"email":"support@example.com"}]`,
		"attributes_is_auto_reply": false, "attributes_direction": "Inbound", "attributes_email_content__type": "Regular",
		"attributes_email_content_content__type": "Text", "attributes_email_content_content_value": "My order hasn't shipped",
		"attributes_attachments": `[{"prettyName":"Filename","url":"http://attachment.url"}]`})
	want(t, schema.DixaMessages, rows[1], map[string]any{"conversation_id": 123, "id": "0b6a1f7e-0000-4000-8000-000000000002",
		"author_id": "a53b25da-f676-4c52-acac-58c9280aa23d", "created_at": "2021-12-01T12:05:00.000Z", "attributes__type": "CallRecordingAttributes",
		"attributes_recording": "https://example.invalid/rec.mp3", "attributes_duration": 93})
}

func TestGoldenActivityLogFixture(t *testing.T) {
	body := `{"data":[{"id":"7d1c0c1e-0000-4000-8000-000000000003","_type":"TagAdded","activityType":{},"conversationId":123,"activityTimestamp":"2021-12-01T12:10:00Z","author":{"id":"a53b25da-f676-4c52-acac-58c9280aa23d","name":"Alice Brown"},"attributes":{"tag":"vip"}}],"meta":{}}`
	rows := decodeRows(t, schema.DixaActivityLog, flat(t, body, set("activityType"), nil))
	want(t, schema.DixaActivityLog, rows[0], map[string]any{"id": "7d1c0c1e-0000-4000-8000-000000000003", "_type": "TagAdded", "activity_type": "{}",
		"conversation_id": 123, "activity_timestamp": "2021-12-01T12:10:00.000Z", "author_id": "a53b25da-f676-4c52-acac-58c9280aa23d",
		"author_name": "Alice Brown", "attributes_tag": "vip"})
}

func TestGoldenMetricDataFixture(t *testing.T) {
	body := `{"data":{"id":"closed_conversations","aggregates":[{"_type":"LongAggregateValue","measure":"Count","value":42},{"value":1171.0,"measure":"Sum","_type":"DoubleAggregateValue"},{"_type":"PercentileAggregateValue","measure":"P95","value":7}]}}`
	var env envelope
	require.NoError(t, decodeJSON([]byte(body), &env))
	add := map[string]any{"intervalStart": "2026-01-05T00:00:00.000Z", "intervalEnd": "2026-01-06T00:00:00.000Z", "timezone": "Europe/Copenhagen", "filters": "[]"}
	recs, err := metricRows(env.Data, "closed_conversations", add)
	require.NoError(t, err)
	rows := decodeRows(t, schema.DixaAnalyticsMetricValues, recs)
	require.Len(t, rows, 3)
	common := map[string]any{"id": "closed_conversations", "interval_start": "2026-01-05T00:00:00.000Z", "interval_end": "2026-01-06T00:00:00.000Z",
		"timezone": "Europe/Copenhagen", "filters": "[]"}
	with := func(m map[string]any) map[string]any {
		for k, v := range common {
			m[k] = v
		}
		return m
	}
	want(t, schema.DixaAnalyticsMetricValues, rows[0], with(map[string]any{"measure": "Count", "_type": "LongAggregateValue", "value": 42, "long_value": 42}))
	want(t, schema.DixaAnalyticsMetricValues, rows[1], with(map[string]any{"measure": "Sum", "_type": "DoubleAggregateValue", "value": 1171}))
	want(t, schema.DixaAnalyticsMetricValues, rows[2], with(map[string]any{"measure": "P95", "_type": "PercentileAggregateValue"}))
	require.JSONEq(t, `{"aggregate":{"_type":"PercentileAggregateValue","measure":"P95","value":7}}`, fmt.Sprint(rows[2][schema.ColExtra]), "unknown variant kept")
}

// TestRecordFieldVariants: every FieldType variant of spec §6.4 lands in its typed column; an
// unknown one is kept whole in _extra.
func TestRecordFieldVariants(t *testing.T) {
	cases := []struct {
		field string
		want  map[string]any
		extra string
	}{
		{`{"_type":"StringField","value":"INBOUND","label":"Inbound"}`, map[string]any{"string_value": "INBOUND", "label": "Inbound"}, ""},
		{`{"_type":"UUIDField","value":"92f8d193-b26f-4a62-86a3-bb03ee0915e9","label":"Main"}`, map[string]any{"uuid_value": "92f8d193-b26f-4a62-86a3-bb03ee0915e9", "label": "Main"}, ""},
		{`{"_type":"DoubleField","value":1171.5}`, map[string]any{"double_value": 1171.5}, ""},
		{`{"_type":"LongField","value":184472}`, map[string]any{"long_value": 184472}, ""},
		{`{"_type":"IntField","value":7}`, map[string]any{"int_value": 7, "long_value": 7}, ""},
		{`{"_type":"BooleanField","value":true}`, map[string]any{"boolean_value": true}, ""},
		{`{"_type":"InstantField","value":"2023-04-21T10:23:14.293Z"}`, map[string]any{"instant_value": "2023-04-21T10:23:14.293Z"}, ""},
		{`{"_type":"TimestampField","name":"closed_at","timestamp":"2023-04-21T11:00:00Z[UTC]"}`, map[string]any{"timestamp_name": "closed_at", "instant_value": "2023-04-21T11:00:00.000Z"}, ""},
		{`{"_type":"ListField","values":[{"_type":"StringField","value":"a"},{"_type":"LongField","value":1}]}`,
			map[string]any{"list_values": `[{"_type":"StringField","value":"a"},{"_type":"LongField","value":1}]`}, ""},
		{`{"_type":"GeoField","lat":55.7}`, map[string]any{}, `{"unknownField":{"_type":"GeoField","lat":55.7}}`},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			data := `[{"primaryTimestampField":{"name":"created_at","timestamp":"2023-04-21T10:23:14.293Z"},"fields":[{"name":"f","field":` + c.field + `}]}]`
			recs, err := recordRows(json.RawMessage(data), "conversations")
			require.NoError(t, err)
			rows := decodeRows(t, schema.DixaAnalyticsRecords, recs)
			require.Len(t, rows, 1)
			var ft struct {
				Type string `json:"_type"`
			}
			require.NoError(t, json.Unmarshal([]byte(c.field), &ft))
			w := map[string]any{"record_id": "conversations", "primary_timestamp_field_name": "created_at",
				"primary_timestamp_field_timestamp": "2023-04-21T10:23:14.293Z", "record_key": rows[0]["record_key"], "name": "f", "field__type": ft.Type}
			for k, v := range c.want {
				w[k] = v
			}
			want(t, schema.DixaAnalyticsRecords, rows[0], w)
			require.Len(t, rows[0]["record_key"], 32)
			if c.extra == "" {
				require.Equal(t, "", rows[0][schema.ColExtra])
			} else {
				require.JSONEq(t, c.extra, fmt.Sprint(rows[0][schema.ColExtra]))
			}
		})
	}
	// The spec's records fixture: two fields → two rows with one record key.
	recs, err := recordRows(json.RawMessage(`[{"primaryTimestampField":{"name":"created_at","timestamp":"2023-04-21T10:23:14.293Z"},"fields":[{"name":"csid","field":{"_type":"LongField","value":184472}},{"name":"initial_direction","field":{"_type":"StringField","value":"INBOUND","label":"Inbound"}}]}]`), "conversations")
	require.NoError(t, err)
	rows := decodeRows(t, schema.DixaAnalyticsRecords, recs)
	require.Len(t, rows, 2)
	require.Equal(t, rows[0]["record_key"], rows[1]["record_key"])
}

// TestConversationVariants: all 11 Conversation variants (spec §7.1) in one table.
func TestConversationVariants(t *testing.T) {
	base := `"id":7,"requesterId":"r","createdAt":"2021-12-01T12:00:00Z"`
	cases := []struct {
		json string
		want map[string]any
	}{
		{`{"_type":"AnonymizedConversation",` + base + `,"channel":"Email","anonymizedAt":"2021-12-09T00:00:00Z","state":"Closed"}`, map[string]any{"anonymized_at": "2021-12-09T00:00:00.000Z", "state": "Closed"}},
		{`{"_type":"ChatConversation",` + base + `,"channel":"WidgetChat","language":"en","browserInfo":{"name":"Firefox","version":"1","ipAddress":"192.0.2.1","originatingUrl":"https://x"}}`,
			map[string]any{"language": "en", "browser_info_name": "Firefox", "browser_info_version": "1", "browser_info_ip_address": "192.0.2.1", "browser_info_originating_url": "https://x"}},
		{`{"_type":"ContactFormConversation",` + base + `,"channel":"ContactForm","fromEmail":"a@b","toEmail":"c@d","subject":"s","integrationEmail":"i@d"}`,
			map[string]any{"from_email": "a@b", "to_email": "c@d", "subject": "s", "integration_email": "i@d"}},
		{`{"_type":"EmailConversation",` + base + `,"channel":"Email","fromEmail":"a@b","toEmail":"c@d","integrationEmail":"i@d","link":{"_type":"FollowUp","parentId":6}}`,
			map[string]any{"from_email": "a@b", "to_email": "c@d", "integration_email": "i@d", "link__type": "FollowUp", "link_parent_id": 6}},
		{`{"_type":"FacebookMessengerConversation",` + base + `,"channel":"FacebookMessenger"}`, map[string]any{}},
		{`{"_type":"GenericConversation",` + base + `,"channel":"Voicemail","toContactPointId":"t","fromContactPointId":"f"}`, map[string]any{"to_contact_point_id": "t", "from_contact_point_id": "f"}},
		{`{"_type":"MessengerConversation",` + base + `,"channel":"Messenger","language":"da"}`, map[string]any{"language": "da"}},
		{`{"_type":"PstnPhoneConversation",` + base + `,"channel":"PstnPhone","direction":"Outbound"}`, map[string]any{"direction": "Outbound"}},
		{`{"_type":"SmsConversation",` + base + `,"channel":"Sms","toNumber":"+1","fromNumber":"+2"}`, map[string]any{"to_number": "+1", "from_number": "+2"}},
		{`{"_type":"TwitterConversation",` + base + `,"channel":"Twitter","conversationType":"Tweet","endUserTwitterId":"e","contactPointTwitterId":"c"}`,
			map[string]any{"conversation_type": "Tweet", "end_user_twitter_id": "e", "contact_point_twitter_id": "c"}},
		{`{"_type":"WhatsAppConversation",` + base + `,"channel":"WhatsApp","link":{"_type":"SideConversation","parentId":5}}`, map[string]any{"link__type": "SideConversation", "link_parent_id": 5}},
	}
	for _, c := range cases {
		var v struct {
			Type    string `json:"_type"`
			Channel string `json:"channel"`
		}
		require.NoError(t, json.Unmarshal([]byte(c.json), &v))
		t.Run(v.Type, func(t *testing.T) {
			rows := decodeRows(t, schema.DixaConversations, flat(t, `{"data":`+c.json+`}`, nil, nil))
			w := map[string]any{"_type": v.Type, "id": 7, "requester_id": "r", "created_at": "2021-12-01T12:00:00.000Z", "channel": v.Channel}
			for k, x := range c.want {
				w[k] = x
			}
			want(t, schema.DixaConversations, rows[0], w)
			require.Equal(t, "", rows[0][schema.ColExtra])
		})
	}
}

// TestMessageAttributeVariants: all 10 Attributes variants (spec §7.2).
func TestMessageAttributeVariants(t *testing.T) {
	cases := []struct {
		attrs string
		want  map[string]any
	}{
		{`{"_type":"CallRecordingAttributes","recording":"https://r","duration":5}`, map[string]any{"attributes_recording": "https://r", "attributes_duration": 5}},
		{`{"_type":"ChatAttributes","isAutomated":true,"content":{"_type":"Html","value":"<b>hi</b>"},"direction":"Outbound","attachments":[]}`,
			map[string]any{"attributes_is_automated": true, "attributes_content__type": "Html", "attributes_content_value": "<b>hi</b>", "attributes_direction": "Outbound", "attributes_attachments": "[]"}},
		{`{"_type":"ContactFormAttributes","isAutoReply":false,"from":{"email":"a@b"},"cc":[],"bcc":[],"emailContent":{"_type":"TooLarge","file":{"url":"https://f","prettyName":"b.html"}},"inlineImages":[],"originalContentUrl":{"url":"https://o"},"replyDefaultToEmails":[{"email":"a@b"}],"deliveryFailureReason":"bounced"}`,
			map[string]any{"attributes_is_auto_reply": false, "attributes_from_email": "a@b", "attributes_cc": "[]", "attributes_bcc": "[]", "attributes_email_content__type": "TooLarge",
				"attributes_email_content_file_url": "https://f", "attributes_email_content_file_pretty_name": "b.html", "attributes_inline_images": "[]",
				"attributes_original_content_url_url": "https://o", "attributes_reply_default_to_emails": `[{"email":"a@b"}]`, "attributes_delivery_failure_reason": "bounced"}},
		{`{"_type":"EmailAttributes","from":{"email":"a@b","name":"A"},"isAutoReply":true,"emailContent":{"_type":"Regular","content":{"_type":"Html","value":"<p>x</p>"}}}`,
			map[string]any{"attributes_from_email": "a@b", "attributes_from_name": "A", "attributes_is_auto_reply": true, "attributes_email_content__type": "Regular",
				"attributes_email_content_content__type": "Html", "attributes_email_content_content_value": "<p>x</p>"}},
		{`{"_type":"FacebookMessengerAttributes","content":{"_type":"Text","value":"hi"}}`, map[string]any{"attributes_content__type": "Text", "attributes_content_value": "hi"}},
		{`{"_type":"GenericAttributes","direction":"Internal"}`, map[string]any{"attributes_direction": "Internal"}},
		{`{"_type":"PhoneAttributes","from":"+1","to":"+2","duration":93,"direction":"Inbound"}`, map[string]any{"attributes_from": "+1", "attributes_to": "+2", "attributes_duration": 93, "attributes_direction": "Inbound"}},
		{`{"_type":"SmsAttributes","content":{"_type":"Text","value":"sms"}}`, map[string]any{"attributes_content__type": "Text", "attributes_content_value": "sms"}},
		{`{"_type":"TwitterAttributes","content":{"_type":"Text","value":"tw"}}`, map[string]any{"attributes_content__type": "Text", "attributes_content_value": "tw"}},
		{`{"_type":"WhatsAppAttributes","attachments":[{"url":"https://a"}]}`, map[string]any{"attributes_attachments": `[{"url":"https://a"}]`}},
	}
	for _, c := range cases {
		var v struct {
			Type string `json:"_type"`
		}
		require.NoError(t, json.Unmarshal([]byte(c.attrs), &v))
		t.Run(v.Type, func(t *testing.T) {
			body := `{"data":[{"id":"m","authorId":"a","createdAt":"2021-12-01T12:00:00Z","attributes":` + c.attrs + `}]}`
			rows := decodeRows(t, schema.DixaMessages, flat(t, body, nil, map[string]any{"conversationId": json.Number("7")}))
			w := map[string]any{"conversation_id": 7, "id": "m", "author_id": "a", "created_at": "2021-12-01T12:00:00.000Z", "attributes__type": v.Type}
			for k, x := range c.want {
				w[k] = x
			}
			want(t, schema.DixaMessages, rows[0], w)
			require.Equal(t, "", rows[0][schema.ColExtra])
		})
	}
}

// TestActivityLogEntryVariants: each of the 32 entry `_type`s of spec §2.4 decodes, with the
// attribute variant that goes with it (spec §7.3; the pairing is inferred) in its columns.
func TestActivityLogEntryVariants(t *testing.T) {
	user := `{"id":"u","name":"U","email":"u@x","phoneNumber":"+1"}`
	attrs := map[string]string{
		"ConversationAssigned":          `{"agentId":"ag","agentName":"Agent"}`,
		"ConversationAutoreplySent":     `{"templateName":"tpl"}`,
		"ConversationClaimed":           `{"claimedFromType":"Queue","claimedFromLabel":"Main"}`,
		"ConversationCreatedByCustomer": `{"subject":"s"}`,
		"ConversationCreatedByAgent":    `{"subject":"s"}`,
		"ConversationEndUserReplaced":   `{"oldUser":` + user + `,"newUser":` + user + `}`,
		"ConversationLanguageUpdated":   `{"language":"da"}`,
		"ConversationOffered":           `{"agentNames":["A","B"],"queueLabel":"Main"}`,
		"ConversationRated":             `{"agent":` + user + `,"score":5,"message":"great"}`,
		"ConversationRatingOffered":     `{"agent":` + user + `,"user":` + user + `}`,
		"ConversationRatingScheduled":   `{"ratingScheduledTime":"2021-12-01T12:00:00.000Z"}`,
		"ConversationReserved":          `{"agent":` + user + `,"queueId":"q","queueName":"Main","reservationType":"Personal","validUntil":"2021-12-01T13:00:00Z"}`,
		"TransferInitiated":             `{"transferType":"Queue","destinationType":"Queue","destinationId":"q","reason":"r","destinationLabel":"Main"}`,
		"TransferSuccessful":            `{"transferType":"Queue","destinationType":"Queue","destinationId":"q"}`,
		"TransferFailed":                `{"transferType":"Queue","destinationType":"Queue","destinationId":"q"}`,
		"ConversationUnassigned":        `{"agent":` + user + `}`,
		"MessageAddedByCustomer":        `{"messageId":"m","avatarUrl":"https://a","fromEndpoint":"e"}`,
		"MessageAddedByAgent":           `{"messageId":"m"}`,
		"NoteAdded":                     `{"message":"n","avatarUrl":"https://a"}`,
		"TagAdded":                      `{"tag":"vip"}`,
		"TagRemoved":                    `{"tag":"vip"}`,
	}
	types := []string{"ConversationRatingScheduled", "ConversationOfferAccepted", "ConversationPending", "ConversationRatingUnscheduled",
		"ConversationOfferRejected", "ConversationEndUserReplaced", "NoteAdded", "FollowupExpired", "ConversationRated", "TagAdded",
		"ConversationOfferTimeout", "MessageAddedByCustomer", "ConversationCreatedByCustomer", "ConversationCreatedByAgent", "TransferFailed",
		"TransferSuccessful", "ConversationOffered", "ConversationUnassigned", "TagRemoved", "TransferInitiated", "ConversationClaimed",
		"ConversationReopened", "ConversationClosed", "ConversationLanguageUpdated", "FollowupAdded", "ConversationAutoreplySent",
		"ConversationReserved", "ConversationAssigned", "ConversationRatingOffered", "ConversationRatingCancelled", "MessageAddedByAgent", "FollowupRemoved"}
	require.Len(t, types, 32)
	for _, typ := range types {
		t.Run(typ, func(t *testing.T) {
			entry := `{"id":"e","_type":"` + typ + `","activityType":{"_type":"` + typ + `ActivityType"},"conversationId":7,"activityTimestamp":"2021-12-01T12:10:00Z"`
			if a, ok := attrs[typ]; ok {
				entry += `,"attributes":` + a
			}
			entry += "}"
			var env envelope
			require.NoError(t, decodeJSON([]byte(`{"data":[`+entry+`]}`), &env))
			recs, err := records(env.Data)
			require.NoError(t, err)
			mergeAssignedAgent(recs[0])
			f := map[string]any{}
			flatten("", recs[0], set("activityType"), f)
			rows := decodeRows(t, schema.DixaActivityLog, []map[string]any{f})
			require.Equal(t, typ, rows[0]["_type"])
			require.Equal(t, "", rows[0][schema.ColExtra], "every attribute has a column")
			if _, ok := attrs[typ]; ok {
				set := 0
				for name, v := range rows[0] {
					if v != nil && len(name) > len("attributes_") && name[:len("attributes_")] == "attributes_" {
						set++
					}
				}
				require.Positive(t, set, "attributes in their columns")
			}
		})
	}
}

// TestRequestExamples: the bodies the extractor posts have the shape of the seed's examples
// (spec §9.1, L232–252 and L284–301) with an Interval period (spec §6.2).
func TestRequestExamples(t *testing.T) {
	s := &Source{cfg: Config{Timezone: "Europe/Copenhagen", Interval: 24 * time.Hour}}
	s.loc, _ = time.LoadLocation("Europe/Copenhagen")
	from := time.Date(2026, 1, 4, 23, 0, 0, 0, time.UTC)
	b, err := json.Marshal(metricInput{ID: "closed_conversations", Filters: []Filter{{Attribute: "channel", Values: []string{"email"}}},
		Timezone: "Europe/Copenhagen", Aggregations: []string{"Count"}, PeriodFilter: s.interval(from, from.Add(24*time.Hour))})
	require.NoError(t, err)
	require.JSONEq(t, `{"id":"closed_conversations","filters":[{"values":["email"],"attribute":"channel"}],"timezone":"Europe/Copenhagen",
		"aggregations":["Count"],"periodFilter":{"_type":"Interval","start":"2026-01-05T00:00:00+01:00","end":"2026-01-06T00:00:00+01:00"}}`, string(b))
	b, err = json.Marshal(metricInput{ID: "closed_conversations", Filters: []Filter{{Attribute: "initial_direction", Values: []string{"INBOUND"}}},
		Timezone: "Europe/Copenhagen", PeriodFilter: s.interval(from, from.Add(24*time.Hour))})
	require.NoError(t, err)
	require.JSONEq(t, `{"id":"closed_conversations","filters":[{"values":["INBOUND"],"attribute":"initial_direction"}],"timezone":"Europe/Copenhagen",
		"periodFilter":{"_type":"Interval","start":"2026-01-05T00:00:00+01:00","end":"2026-01-06T00:00:00+01:00"}}`, string(b))
}

// TestIntervals: daily intervals are calendar days in the timezone (23 and 25 hours across DST).
func TestIntervals(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	s := &Source{cfg: Config{Interval: 24 * time.Hour}, loc: loc}
	w := time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC)
	ivs := s.intervals(extractWindow(w, w.Add(48*time.Hour)))
	require.Len(t, ivs, 3)
	require.Equal(t, time.Date(2026, 3, 28, 0, 0, 0, 0, loc), ivs[0][0])
	require.Equal(t, 23*time.Hour, ivs[1][1].Sub(ivs[1][0]), "29 March 2026 has 23 hours in Copenhagen")
	s.cfg.Interval = time.Hour
	require.Len(t, s.intervals(extractWindow(w, w.Add(3*time.Hour))), 3)
}

func TestNextKey(t *testing.T) {
	cases := []struct {
		body, want string
		err        bool
	}{
		{`{"data":[],"meta":{"next":"https://dev.dixa.io/v1/agents?pageKey=abc%3D&pageLimit=1"}}`, "abc=", false},
		{`{"data":[],"pageKey":"top"}`, "top", false},
		{`{"data":[],"meta":{}}`, "", false},
		{`{"data":[]}`, "", false},
		{`{"data":[],"meta":{"next":"https://dev.dixa.io/v1/agents"}}`, "", true},
	}
	for _, c := range cases {
		var env envelope
		require.NoError(t, decodeJSON([]byte(c.body), &env))
		got, err := nextKey(env)
		if c.err {
			require.ErrorIs(t, err, ErrShape)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, c.want, got, c.body)
	}
}

func TestStripZone(t *testing.T) {
	for in, out := range map[string]string{
		"2021-12-01T12:46:36.581Z[GMT]":           "2021-12-01T12:46:36.581Z",
		"2021-12-01T12:46:36+01:00[Europe/Paris]": "2021-12-01T12:46:36+01:00",
		"2021-12-01T12:46:36Z":                    "2021-12-01T12:46:36Z",
		"[GMT]":                                   "[GMT]",
		"text [x]":                                "text [x]",
	} {
		require.Equal(t, out, stripZone(in), in)
	}
}
