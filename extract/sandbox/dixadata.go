package sandbox

import (
	"fmt"
	"sort"
	"time"
)

// Synthetic Dixa organisation (shared/specs/dixa.md). Every record is a pure function of
// (Seed, Scale, Epoch) and, for conversations, of the clock: a conversation's activity log,
// messages, state and rating grow as Now passes their times, so a conversation changes state
// between two runs like a real one.

// dixaChannels are the 11 conversation variants (spec §7.1) in the order conversations cycle
// through them; every 13th conversation is anonymized instead.
var dixaChannels = []struct{ typ, channel string }{
	{"EmailConversation", "Email"}, {"ChatConversation", "WidgetChat"}, {"PstnPhoneConversation", "PstnPhone"},
	{"ContactFormConversation", "ContactForm"}, {"SmsConversation", "Sms"}, {"FacebookMessengerConversation", "FacebookMessenger"},
	{"MessengerConversation", "Messenger"}, {"TwitterConversation", "Twitter"}, {"WhatsAppConversation", "WhatsApp"},
	{"GenericConversation", "Voicemail"}, {"ChatConversation", "Callback"},
}

const dixaConvBase = 1000

type dixaData struct {
	seed  int64
	scale int
	epoch time.Time
	step  time.Duration // between conversations

	agents, teams, queues, tags, endUsers, customAttrs, endpoints []map[string]any
	teamMembers, queueMembers                                     map[string][]map[string]any
	metrics, recordTypes                                          []map[string]any
	filterValues                                                  map[string][]map[string]any
}

func dixaUUID(seed int64, kind uint64, i int) string {
	r := newRNG(seed, int64(i), kind)
	a, b := r.next(), r.next()
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(a), uint16(a>>32), uint16(a>>48)&0xfff, uint16(b)&0xfff, b>>16&0xffffffffffff)
}

func newDixaData(o Options) *dixaData {
	d := &dixaData{seed: o.Seed, scale: o.Scale, epoch: o.Epoch.UTC(), step: 2 * time.Hour / time.Duration(o.Scale),
		teamMembers: map[string][]map[string]any{}, queueMembers: map[string][]map[string]any{}, filterValues: map[string][]map[string]any{}}
	first := []string{"Alice", "Bob", "Carla", "Dan", "Eve", "Finn", "Gry", "Hans"}
	last := []string{"Brown", "Jensen", "Hansen", "Smith", "Nielsen"}
	for i := 0; i < 12*o.Scale; i++ {
		r := newRNG(o.Seed, int64(i), 201)
		f, l := pick(r, first), pick(r, last)
		roles := []any{"Agent"}
		if i%5 == 0 {
			roles = append(roles, "TeamLead")
		}
		d.agents = append(d.agents, map[string]any{
			"id": dixaUUID(o.Seed, 1, i), "email": fmt.Sprintf("%s.%s%d@example.com", f, l, i), "roles": roles,
			"lastName": l, "avatarUrl": "http://avatar.url/" + fmt.Sprint(i), "createdAt": d.epoch.AddDate(0, 0, -30-i).Format(time.RFC3339),
			"firstName": f, "displayName": f + " " + l, "middleNames": []any{}, "phoneNumber": fmt.Sprintf("+4570%06d", i),
			"additionalEmails": []any{fmt.Sprintf("a%d@secondary.email", i)}, "additionalPhoneNumbers": []any{},
		})
	}
	for t := 0; t < 3; t++ {
		id := fmt.Sprintf("team-%d", t+1)
		d.teams = append(d.teams, map[string]any{"id": id, "name": fmt.Sprintf("Team %c", 'A'+t)})
		d.teamMembers[id] = []map[string]any{}
		for i, a := range d.agents {
			if i%3 == t {
				d.teamMembers[id] = append(d.teamMembers[id], map[string]any{"id": a["id"], "name": a["displayName"], "email": a["email"], "phoneNumber": a["phoneNumber"]})
			}
		}
	}
	algos := []string{"AllAtOnce", "LongestIdle", "OneAtATimeRandom", "AgentPriorityLongestIdle"}
	for q := 0; q < 4; q++ {
		id := dixaUUID(o.Seed, 2, q)
		d.queues = append(d.queues, map[string]any{
			"id": id, "name": fmt.Sprintf("Queue %d", q+1), "usages": map[string]any{"queueId": id, "usages": map[string]any{"Email": []any{"flow-1"}}},
			"priority": q + 1, "isDefault": q == 0, "offerTimeout": 10, "wrapupTimeout": 10, "memberListType": "Default",
			"organizationId": "org-1", "queueThresholds": map[string]any{"WaitingConversations": 10 + q}, "offeringAlgorithm": algos[q],
			"doNotOfferTimeouts": map[string]any{"WidgetChat": 1}, "isDoNotOfferEnabled": q%2 == 0, "slaCalculationMethod": "AbandonedIgnored",
			"preferredAgentTimeouts": map[string]any{"Email": 43200, "PstnPhone": 300}, "isPreferredAgentEnabled": false,
			"offerAbandonedConversations": false, "personalAgentOfflineTimeout": 500, "preferredAgentOfflineTimeout": 500,
		})
		d.queueMembers[id] = []map[string]any{}
		for i, a := range d.agents {
			if i%4 == q {
				d.queueMembers[id] = append(d.queueMembers[id], map[string]any{"agentId": a["id"], "priority": 1 + i%3})
			}
		}
	}
	for t, name := range []string{"vip", "billing", "bug", "refund", "spam", "legacy"} {
		state := "Active"
		if name == "legacy" {
			state = "Inactive"
		}
		d.tags = append(d.tags, map[string]any{"id": dixaUUID(o.Seed, 3, t), "name": name, "color": fmt.Sprintf("#%06x", t*0x222222), "state": state})
	}
	for i := 0; i < 25*o.Scale; i++ {
		r := newRNG(o.Seed, int64(i), 204)
		f, l := pick(r, first), pick(r, last)
		u := map[string]any{"id": dixaUUID(o.Seed, 4, i), "createdAt": d.epoch.AddDate(0, 0, -i).Format("2006-01-02T15:04:05.000Z"),
			"displayName": f + " " + l, "customAttributes": []any{}}
		if i%2 == 0 {
			u["email"], u["firstName"], u["lastName"] = fmt.Sprintf("customer%d@example.org", i), f, l
		}
		if i%3 == 0 {
			u["phoneNumber"], u["externalId"] = fmt.Sprintf("+4520%06d", i), fmt.Sprintf("#%08d", i)
		}
		d.endUsers = append(d.endUsers, u)
	}
	d.customAttrs = []map[string]any{
		{"id": dixaUUID(o.Seed, 5, 0), "entityType": "Conversation", "identifier": "order_no", "label": "Order", "createdAt": "2025-06-01T10:00:00Z",
			"inputDefinition": map[string]any{"_type": "Text", "placeholder": "Order number"}, "isRequired": false, "isArchived": false, "isDeactivated": false},
		{"id": dixaUUID(o.Seed, 5, 1), "entityType": "Contact", "identifier": "segment", "label": "Segment", "createdAt": "2025-06-01T10:00:00Z",
			"updatedAt": "2025-07-01T10:00:00.123Z", "description": "customer segment",
			"inputDefinition": map[string]any{"_type": "Select", "options": []any{
				map[string]any{"id": dixaUUID(o.Seed, 6, 0), "label": "Gold", "value": "gold", "isDeactivated": false,
					"nestedOptions": []any{map[string]any{"id": dixaUUID(o.Seed, 6, 1), "label": "Gold+", "value": "gold_plus", "isDeactivated": false}}},
				map[string]any{"id": dixaUUID(o.Seed, 6, 2), "label": "Silver", "value": "silver", "isDeactivated": true}}},
			"isRequired": true, "isArchived": false, "isDeactivated": false},
	}
	d.endpoints = []map[string]any{
		{"_type": "EmailEndpoint", "address": "support@example.com", "name": "Support"},
		{"_type": "EmailEndpoint", "address": "billing@example.com", "name": "Billing", "senderOverride": "Billing team"},
		{"_type": "TelephonyEndpoint", "number": "+4570000000", "name": "Main line", "functionality": []any{"VoiceInbound", "VoiceOutbound", "Sms"}},
	}
	for _, m := range []struct{ id, desc string }{{"closed_conversations", "Conversations closed"}, {"csat", "Customer satisfaction"}, {"first_response_time", "Time to first response"}} {
		d.metrics = append(d.metrics, map[string]any{"id": m.id, "description": m.desc,
			"filters":          []any{map[string]any{"filterAttribute": "channel", "description": "channel"}},
			"aggregations":     []any{map[string]any{"measure": "Count"}, map[string]any{"measure": "Sum"}, map[string]any{"measure": "Average"}},
			"relatedRecordIds": []any{"conversations"}})
	}
	d.recordTypes = []map[string]any{
		{"id": "conversations", "description": "One record per conversation", "filters": []any{map[string]any{"filterAttribute": "channel"}},
			"fieldsMetadata": []any{map[string]any{"field": "csid", "description": "conversation id", "nullable": false}}, "relatedMetricIds": []any{"closed_conversations"}},
		{"id": "ratings", "description": "One record per rating", "relatedMetricIds": []any{"csat"}},
	}
	for _, c := range dixaChannels {
		d.filterValues["channel"] = appendUnique(d.filterValues["channel"], c.channel)
	}
	d.filterValues["initial_direction"] = []map[string]any{{"value": "INBOUND", "label": "Inbound"}, {"value": "OUTBOUND", "label": "Outbound"}}
	for _, q := range d.queues {
		d.filterValues["queue_id"] = append(d.filterValues["queue_id"], map[string]any{"value": q["id"], "label": q["name"]})
	}
	for _, a := range d.agents {
		d.filterValues["agent_id"] = append(d.filterValues["agent_id"], map[string]any{"value": a["id"], "label": a["displayName"]})
	}
	for _, t := range d.tags {
		d.filterValues["tag_id"] = append(d.filterValues["tag_id"], map[string]any{"value": t["id"], "label": t["name"]})
	}
	return d
}

func appendUnique(xs []map[string]any, channel string) []map[string]any {
	v := map[string]any{"value": lower(channel), "label": channel}
	for _, x := range xs {
		if x["value"] == v["value"] {
			return xs
		}
	}
	return append(xs, v)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// Conversation k (0-based) is created at epoch + k·step; its id is 1000+k.
func (d *dixaData) created(k int) time.Time { return d.epoch.Add(time.Duration(k) * d.step) }

// convRange returns the k of conversations created in [from, to) (and not after now).
func (d *dixaData) convRange(from, to, now time.Time) (int, int) {
	if to.After(now) {
		to = now.Add(time.Nanosecond)
	}
	k := func(t time.Time) int {
		if !t.After(d.epoch) {
			return 0
		}
		return int((t.Sub(d.epoch) + d.step - 1) / d.step)
	}
	a, b := k(from), k(to)
	if b < a {
		b = a
	}
	return a, b
}

// event offsets of a conversation's lifecycle.
const (
	dxAssigned   = 5 * time.Minute
	dxMsgIn      = 6 * time.Minute
	dxTagged     = 7 * time.Minute
	dxNote       = 8 * time.Minute
	dxMsgOut     = 20 * time.Minute
	dxClosed     = 3 * time.Hour
	dxRated      = 5 * time.Hour
	dxMaxOffset  = dxRated
	dxAnonymized = 6 * time.Hour
)

type dxEvent struct {
	at    time.Time
	entry map[string]any
}

// events returns conversation k's activity-log entries up to now, in time order.
func (d *dixaData) events(k int, now time.Time) []dxEvent {
	c := d.created(k)
	id := dixaConvBase + k
	agent := d.agents[k%len(d.agents)]
	au := map[string]any{"id": agent["id"], "name": agent["displayName"], "email": agent["email"]}
	tag := d.tags[k%5]
	type ev struct {
		off   time.Duration
		typ   string
		attrs map[string]any
		on    bool
	}
	evs := []ev{
		{0, "ConversationCreatedByCustomer", map[string]any{"subject": fmt.Sprintf("case %d", id)}, true},
		{dxAssigned, "ConversationAssigned", map[string]any{"agentId": agent["id"], "agentName": agent["displayName"]}, true},
		{dxMsgIn, "MessageAddedByCustomer", map[string]any{"messageId": dixaUUID(d.seed, 7, k*4), "fromEndpoint": "support@example.com"}, true},
		{dxTagged, "TagAdded", map[string]any{"tag": tag["name"]}, true},
		{dxNote, "NoteAdded", map[string]any{"message": "checked the order", "avatarUrl": "http://avatar.url/n"}, k%2 == 0},
		{dxMsgOut, "MessageAddedByAgent", map[string]any{"messageId": dixaUUID(d.seed, 7, k*4+1)}, true},
		{dxClosed, "ConversationClosed", nil, true},
		{dxClosed + time.Minute, "ConversationRatingScheduled", map[string]any{"ratingScheduledTime": c.Add(dxRated).Format("2006-01-02T15:04:05.000Z")}, k%3 == 0},
		{dxRated, "ConversationRated", map[string]any{"agent": au, "score": 1 + k%5, "message": "thanks"}, k%3 == 0},
	}
	var out []dxEvent
	for i, e := range evs {
		at := c.Add(e.off)
		if !e.on || at.After(now) {
			continue
		}
		entry := map[string]any{"id": dixaUUID(d.seed, 8, k*16+i), "_type": e.typ, "activityType": map[string]any{},
			"conversationId": id, "activityTimestamp": at.Format(time.RFC3339), "author": au}
		if e.attrs != nil {
			entry["attributes"] = e.attrs
		}
		out = append(out, dxEvent{at, entry})
	}
	return out
}

// activity returns the org-wide activity log entries in [from, to), up to now, by time.
func (d *dixaData) activity(from, to, now time.Time) []map[string]any {
	a, b := d.convRange(from.Add(-dxMaxOffset-time.Minute), to, now)
	var evs []dxEvent
	for k := a; k < b; k++ {
		for _, e := range d.events(k, now) {
			if !e.at.Before(from) && e.at.Before(to) {
				evs = append(evs, e)
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	out := make([]map[string]any, len(evs))
	for i, e := range evs {
		out[i] = e.entry
	}
	return out
}

func (d *dixaData) anonymized(k int) bool { return k%13 == 12 }

// conversation returns conversation k as of now, or nil when it does not exist yet.
func (d *dixaData) conversation(k int, now time.Time) map[string]any {
	c := d.created(k)
	if k < 0 || c.After(now) {
		return nil
	}
	id := dixaConvBase + k
	v := dixaChannels[k%len(dixaChannels)]
	eu := d.endUsers[k%len(d.endUsers)]
	state, updated := "Open", c
	if now.Sub(c) >= dxClosed {
		state, updated = "Closed", c.Add(dxClosed)
	}
	conv := map[string]any{"_type": v.typ, "id": id, "requesterId": eu["id"], "channel": v.channel,
		"createdAt": c.Format("2006-01-02T15:04:05.000Z"), "state": state, "direction": "Inbound", "stateUpdatedAt": updated.Format(time.RFC3339),
		"customAttributes": []any{map[string]any{"id": d.customAttrs[0]["id"], "name": "Order", "identifier": "order_no", "value": fmt.Sprintf("%06d", id)}}}
	if d.anonymized(k) {
		conv["_type"], conv["anonymizedAt"] = "AnonymizedConversation", c.Add(dxAnonymized).Format(time.RFC3339)
		conv["customAttributes"] = []any{}
		return conv
	}
	if k%7 == 3 {
		conv["link"] = map[string]any{"_type": "FollowUp", "parentId": id - 1}
	}
	conv["queue"] = map[string]any{"id": d.queues[k%len(d.queues)]["id"], "queuedAt": c.Add(time.Second).Format(time.RFC3339)}
	if now.Sub(c) >= dxAssigned {
		conv["assignment"] = map[string]any{"agentId": d.agents[k%len(d.agents)]["id"], "assignedAt": c.Add(dxAssigned).Format(time.RFC3339)}
	}
	switch v.typ {
	case "ChatConversation":
		conv["language"] = "en"
		conv["browserInfo"] = map[string]any{"name": "Firefox", "version": "133.0", "ipAddress": "192.0.2.1", "originatingUrl": "https://shop.example.com/help"}
	case "EmailConversation", "ContactFormConversation":
		conv["subject"], conv["toEmail"], conv["fromEmail"], conv["integrationEmail"] = fmt.Sprintf("order #%d", id), "support@example.com", eu["email"], "my-integration@email.dixa.io"
		if conv["fromEmail"] == nil {
			conv["fromEmail"] = "unknown@example.org"
		}
		conv["language"] = "da"
	case "SmsConversation":
		conv["toNumber"], conv["fromNumber"] = "+4570000000", fmt.Sprintf("+4520%06d", k)
	case "TwitterConversation":
		conv["conversationType"], conv["endUserTwitterId"], conv["contactPointTwitterId"] = "DirectMessage", fmt.Sprint(9000+k), "acme"
	case "GenericConversation":
		conv["toContactPointId"], conv["fromContactPointId"] = "+4570000000", fmt.Sprintf("+4520%06d", k)
	case "MessengerConversation":
		conv["language"] = "en"
	}
	return conv
}

// messages returns conversation k's messages as of now.
func (d *dixaData) messages(k int, now time.Time) []map[string]any {
	c := d.created(k)
	v := dixaChannels[k%len(dixaChannels)]
	eu := d.endUsers[k%len(d.endUsers)]
	agent := d.agents[k%len(d.agents)]
	type msg struct {
		off    time.Duration
		author any
		attrs  map[string]any
	}
	text := func(s string) map[string]any { return map[string]any{"_type": "Text", "value": s} }
	html := func(s string) map[string]any { return map[string]any{"_type": "Html", "value": s} }
	files := []any{map[string]any{"url": "http://attachment.url", "prettyName": "Filename"}}
	var ms []msg
	if d.anonymized(k) {
		ms = []msg{{dxMsgIn, eu["id"], map[string]any{"_type": "ChatAttributes", "isAutomated": false, "direction": "Inbound", "content": text("")}}}
	} else {
		switch v.typ {
		case "EmailConversation", "ContactFormConversation":
			typ := "EmailAttributes"
			if v.typ == "ContactFormConversation" && k%2 == 0 {
				typ = "ContactFormAttributes"
			}
			in := map[string]any{"_type": typ, "from": map[string]any{"email": "customer@example.org", "name": eu["displayName"]},
				"to": []any{map[string]any{"email": "support@example.com"}}, "cc": []any{}, "isAutoReply": false, "direction": "Inbound",
				"emailContent": map[string]any{"_type": "Regular", "content": text("My order hasn't shipped")}, "attachments": files}
			if typ == "ContactFormAttributes" {
				in["replyDefaultToEmails"] = []any{map[string]any{"email": "customer@example.org"}}
			}
			out := map[string]any{"_type": "EmailAttributes", "from": map[string]any{"email": "support@example.com", "name": agent["displayName"]},
				"to": []any{map[string]any{"email": "customer@example.org"}}, "isAutoReply": false, "direction": "Outbound",
				"emailContent": map[string]any{"_type": "Regular", "content": html("<p>It ships <b>today</b> &amp; soon</p>")},
				"inlineImages": []any{}, "originalContentUrl": map[string]any{"url": "http://original.url", "prettyName": "original.eml"}}
			if k%4 == 0 {
				out["emailContent"] = map[string]any{"_type": "TooLarge", "file": map[string]any{"url": "http://large.url/body.html", "prettyName": "body.html"}}
			}
			ms = []msg{{dxMsgIn, eu["id"], in}, {dxMsgOut, agent["id"], out}}
		case "PstnPhoneConversation", "GenericConversation":
			ms = []msg{
				{dxMsgIn, eu["id"], map[string]any{"_type": "PhoneAttributes", "from": "+4520000001", "to": "+4570000000", "duration": 93, "direction": "Inbound"}},
				{dxMsgOut, agent["id"], map[string]any{"_type": "CallRecordingAttributes", "recording": fmt.Sprintf("https://example.invalid/rec/%d.mp3", k), "duration": 93}},
			}
		default:
			typ := map[string]string{"ChatConversation": "ChatAttributes", "SmsConversation": "SmsAttributes",
				"FacebookMessengerConversation": "FacebookMessengerAttributes", "MessengerConversation": "GenericAttributes",
				"TwitterConversation": "TwitterAttributes", "WhatsAppConversation": "WhatsAppAttributes"}[v.typ]
			in := map[string]any{"_type": typ, "content": text("Hi, where is my parcel?"), "direction": "Inbound", "attachments": []any{}}
			out := map[string]any{"_type": typ, "content": text("On its way!"), "direction": "Outbound", "attachments": files}
			if typ == "ChatAttributes" {
				in["isAutomated"], out["isAutomated"] = false, true
			}
			ms = []msg{{dxMsgIn, eu["id"], in}, {dxMsgOut, agent["id"], out}}
		}
	}
	var res []map[string]any
	for i, m := range ms {
		at := c.Add(m.off)
		if at.After(now) {
			continue
		}
		r := map[string]any{"id": dixaUUID(d.seed, 7, k*4+i), "authorId": m.author, "createdAt": at.Format(time.RFC3339), "attributes": m.attrs}
		if i == 0 {
			r["externalId"] = fmt.Sprintf("ext-%d", k)
		}
		res = append(res, r)
	}
	return res
}

func (d *dixaData) notes(k int, now time.Time) []map[string]any {
	at := d.created(k).Add(dxNote)
	if k%2 != 0 || at.After(now) || d.anonymized(k) {
		return []map[string]any{}
	}
	// Java ZonedDateTime text with a zone id, as the seed's example (spec §2.3).
	return []map[string]any{{"id": dixaUUID(d.seed, 9, k), "csid": dixaConvBase + k, "message": "checked the order",
		"authorId": d.agents[k%len(d.agents)]["id"], "createdAt": at.Format("2006-01-02T15:04:05.000Z") + "[GMT]"}}
}

func (d *dixaData) ratings(k int, now time.Time) []map[string]any {
	c := d.created(k)
	if k%3 != 0 || now.Sub(c) < dxClosed+time.Minute {
		return []map[string]any{}
	}
	r := map[string]any{"id": fmt.Sprintf("r-%d", k), "userId": d.endUsers[k%len(d.endUsers)]["id"], "agentId": d.agents[k%len(d.agents)]["id"],
		"language": "en", "ratingType": "Csat", "ratingStatus": "Scheduled", "conversationChannel": dixaChannels[k%len(dixaChannels)].channel,
		"timestamps": map[string]any{"Scheduled": c.Add(dxClosed + time.Minute).Format(time.RFC3339)}}
	if now.Sub(c) >= dxRated {
		r["ratingStatus"], r["ratingScore"], r["ratingComment"] = "Rated", 1+k%5, "thanks"
		r["timestamps"].(map[string]any)["Rated"] = c.Add(dxRated).Format(time.RFC3339)
	}
	return []map[string]any{r}
}

func (d *dixaData) convTags(k int, now time.Time) []map[string]any {
	if d.created(k).Add(dxTagged).After(now) {
		return []map[string]any{}
	}
	out := []map[string]any{d.tags[k%5]}
	if k%4 == 1 {
		out = append(out, d.tags[(k+1)%5])
	}
	return out
}

// metricValue is the deterministic value of a metric over [from, to): Count is the number of
// conversations created in it; other measures derive from it.
func (d *dixaData) metricValue(measure string, from, to, now time.Time) (int64, float64) {
	a, b := d.convRange(from, to, now)
	n := int64(b - a)
	switch measure {
	case "Sum":
		return n, float64(n) * 93.5
	case "Average":
		if n == 0 {
			return n, 0
		}
		return n, 93.5
	case "Percentage":
		return n, 50
	}
	return n, float64(n)
}

// record is the analytics record of conversation k for record id rid ("conversations" or
// "ratings"); nil when k has none. Every FieldType variant appears, and every 7th conversation
// carries a field of a variant the spec does not list (GeoField).
func (d *dixaData) record(rid string, k int, now time.Time) map[string]any {
	c := d.created(k)
	id := dixaConvBase + k
	switch rid {
	case "conversations":
		fields := []any{
			map[string]any{"name": "csid", "field": map[string]any{"_type": "LongField", "value": id}},
			map[string]any{"name": "initial_direction", "field": map[string]any{"_type": "StringField", "value": "INBOUND", "label": "Inbound"}},
			map[string]any{"name": "queue_id", "field": map[string]any{"_type": "UUIDField", "value": d.queues[k%len(d.queues)]["id"], "label": d.queues[k%len(d.queues)]["name"]}},
			map[string]any{"name": "handling_time", "field": map[string]any{"_type": "DoubleField", "value": 93.5}},
			map[string]any{"name": "message_count", "field": map[string]any{"_type": "IntField", "value": 2}},
			map[string]any{"name": "is_anonymized", "field": map[string]any{"_type": "BooleanField", "value": d.anonymized(k)}},
			map[string]any{"name": "assigned_at", "field": map[string]any{"_type": "InstantField", "value": c.Add(dxAssigned).Format("2006-01-02T15:04:05.000Z")}},
			map[string]any{"name": "first_response", "field": map[string]any{"_type": "TimestampField", "name": "first_response_at", "timestamp": c.Add(dxMsgOut).Format(time.RFC3339)}},
			map[string]any{"name": "tags", "field": map[string]any{"_type": "ListField", "values": []any{map[string]any{"_type": "StringField", "value": d.tags[k%5]["name"]}}}},
		}
		if k%7 == 0 {
			fields = append(fields, map[string]any{"name": "location", "field": map[string]any{"_type": "GeoField", "lat": 55.68, "lon": 12.57}})
		}
		return map[string]any{"primaryTimestampField": map[string]any{"name": "created_at", "timestamp": c.Format("2006-01-02T15:04:05.000Z")}, "fields": fields}
	case "ratings":
		if k%3 != 0 || c.Add(dxRated).After(now) {
			return nil
		}
		return map[string]any{"primaryTimestampField": map[string]any{"name": "rated_at", "timestamp": c.Add(dxRated).Format(time.RFC3339)},
			"fields": []any{map[string]any{"name": "rating_score", "field": map[string]any{"_type": "IntField", "value": 1 + k%5}}}}
	}
	return nil
}

// records returns the records of rid whose conversation was created in [from, to).
func (d *dixaData) records(rid string, from, to, now time.Time) []map[string]any {
	a, b := d.convRange(from, to, now)
	var out []map[string]any
	for k := a; k < b; k++ {
		if r := d.record(rid, k, now); r != nil {
			out = append(out, r)
		}
	}
	return out
}
