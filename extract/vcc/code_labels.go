package vcc

import (
	"bytes"
	"context"
	"encoding/csv"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// codeLabelsStream serves the documented enums of the spec (§2.4.6, §2.4.17–18, §2.4.5, §3.2)
// as rows of vcc_code_labels (enum, code, label), without a request: the tables keep the codes
// the vendor sends, and a join shows the label. Its one page is CSV whatever the source's
// format, and its Request is "static".
func codeLabelsStream(s *Source) *Stream {
	st := &Stream{src: s, name: "code_labels", table: schema.VCCCodeLabels, mode: extract.Dimension}
	st.fetch = func(ctx context.Context, _ extract.Window, emit extract.Emit) error {
		if _, err := emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: st.name, Table: st.table, Number: 1, Offset: 1,
			Request: "static", Status: 200, Format: schema.CSV, Body: codeLabelsCSV()}); err != nil {
			return &extract.FetchError{Source: s.cfg.Source, Stream: st.name, Page: 1, Offset: 1, Request: "static", Err: err}
		}
		return nil
	}
	return st
}

// CodeLabels are the documented enums: enum name → code → label. Digits the doc lost (spec
// §12.14) are filled in as the spec infers them.
var CodeLabels = []struct {
	Enum   string
	Labels [][2]string
}{
	{"campaign_status", [][2]string{{"0", "New"}, {"1", "Manual Started"}, {"2", "Schedule Started"}, {"3", "Manual Running"},
		{"4", "Schedule Running"}, {"5", "Manual Stopped"}, {"6", "Completed"}, {"7", "Scheduled Stopped"},
		{"8", "Manual Paused"}, {"9", "Schedule Paused"}, {"10", "Manual Purged"}, {"11", "Schedule Purged"}}},
	{"record_status", [][2]string{{"0", "New"}, {"1", "Queued"}, {"2", "Accepted"}, {"3", "Completed"}, {"4", "Scheduled"}}},
	{"record_status_code", [][2]string{{"0", "Default"}, {"1", "Max Attempt Reached"}, {"2", "Skipped"},
		{"3", "No Phone Number"}, {"4", "Invalid Phone Number"}}},
	{"interaction_record_status", [][2]string{{"0", "New"}, {"1", "Queued"}, {"2", "Accepted"}, {"3", "Completed"},
		{"4", "Scheduled"}, {"5", "API Scheduled"}, {"6", "Deleted"}, {"7", "Sent to Interaction Router"}}},
	{"disposition_code", [][2]string{{"1000", "None"}, {"1001", "Try Again"}, {"1002", "Scheduled Call Back"}}},
	{"media_code", [][2]string{{"T", "Telephone"}, {"V", "Voice Mail"}, {"C", "Chat"}, {"Z", "Email"}, {"E", "Email"}}},
	{"rt_agent_status", [][2]string{{"0", "available"}, {"1", "transaction offered"}, {"2", "busy"}, {"3", "post processing"},
		{"4", "on break"}, {"5", "work offline"}, {"9", "logged out"}}},
	{"rt_agent_media", [][2]string{{"0", "no media since system start"}, {"1", "Phone"}, {"2", "Chat"}, {"3", "Email"}, {"4", "Voice Mail"}}},
	{"rt_phone_line1_status", [][2]string{{"-1", "not use"}, {"0", "idle or at post-processing"}, {"1", "on hold"}, {"2", "on mute"},
		{"3", "being offered with transaction"}, {"4", "monitoring"}, {"5", "busy"}}},
	{"rt_phone_line2_status", [][2]string{{"-1", "not use"}, {"0", "being offered with transaction"}, {"1", "on hold"},
		{"2", "on mute"}, {"3", "error"}, {"4", "monitoring"}, {"5", "busy"}}},
	{"rt_status_code_item", [][2]string{{"0", "Session closed from Jabber"}, {"1", "Session Timed-Out"}, {"2", "Maintenance Mode"},
		{"3", "Logout from Operation Dashboard"}, {"4", "Call Ignored from phone"}, {"5", "Interaction Timed Out"}, {"6", "Agent Relogin"}}},
}

func codeLabelsCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"enum", "code", "label"})
	for _, e := range CodeLabels {
		for _, l := range e.Labels {
			_ = w.Write([]string{e.Enum, l[0], l[1]})
		}
	}
	w.Flush()
	return b.Bytes()
}
