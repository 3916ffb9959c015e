package sandbox

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The 8x8 Recordings API (spec §4) under /api/recordings: /files (call-recording metadata) and
// /transcripts (chat transcripts, root <recordings>), both with d= windows (by start) and n=
// paging, XML, JSON or CSV; /transcripts/{interactionGUID}, one transcript with its messages,
// XML or JSON only (documented: no CSV). Recordings are those of the accepted phone and voice
// mail calls, named as the stats tables' recording-filename; transcripts are those of the
// accepted chats, with their transaction id.
//
// Nested lists: XML as in the samples; JSON as the XML read naturally (a repeated element is an
// array of objects); CSV, which the doc does not show, flattens the wrap-up codes into
// |-separated cells under dotted headers. The transcript detail's JSON has no wrapper object:
// {"startDate":…, "messages":{"message":[…]}} (the vendor's JSON is not documented).

type vccCode struct{ list, name string }

type vccFile struct {
	c     vccCall
	codes []vccCode
}

var recFileFields = []string{"startDate", "agentID", "phoneNumber", "channel", "caseID", "duration", "filename",
	"queueID", "queueName", "accountNumber", "transactionID", "extVar1", "extVar2", "outDialCode"}

var transcriptFields = []string{"startDate", "agentID", "agentName", "contactID", "contactName", "queueID", "queueName",
	"channelID", "channelName", "caseID", "targetIP", "transactionID", "interactionGUID", "transcriptType", "duration"}

var messageFields = []string{"messageTime", "messageFrom", "originalLanguage", "originalMessage", "translatedLanguage",
	"translatedMessage"}

// recordings: the accepted phone and voice-mail calls accepted in [from, to).
func (d *vccData) recordings(from, to time.Time) []vccCall {
	return d.calls(from, to, true, func(c *vccCall) bool { return recordingName(c) != "" })
}

func (d *vccData) fileValues(c *vccCall, loc *time.Location) (record, []vccCode) {
	v := d.detail(c)
	a := d.agentOf(c)
	q := d.queues[c.queue]
	channel, queueID, queueName, phoneNo, outDial := q.channelObj, d.tenant+"~~queue~~"+q.mediaObj+"~~"+strconv.Itoa(q.id), q.name, v.origination, ""
	switch {
	case c.dir == "outbound":
		channel, queueID, queueName, phoneNo, outDial = "#virtual_outbound#", "QUEUE_OUTBOUND", "QUEUE_OUTBOUND", v.destOrig, "1"
	case c.itype == "DAA":
		channel, queueID, queueName = "#virtual_daa#", "QUEUE_DIRECT_AGENT_ACCESS", "QUEUE_DIRECT_AGENT_ACCESS"
	}
	caseID := v.caseID
	if caseID == "" {
		caseID = "0"
	}
	var codes []vccCode
	if v.tclItem > 0 {
		codes = append(codes, vccCode{"ag-trans-code", wrapUps[v.tclItem-1][1]})
		if c.k%3 == 0 {
			codes = append(codes, vccCode{"outbound-code", outboundItems[int(c.k)%len(outboundItems)]})
		}
	}
	return record{ts(c.acceptTime(), loc), a.id, phoneNo, channel, caseID, strconv.Itoa(c.proc), recordingName(c), queueID,
		queueName, "0", strconv.FormatInt(c.id(), 10), "0", "0", outDial}, codes
}

// transcripts: the accepted chats accepted in [from, to).
func (d *vccData) transcripts(from, to time.Time) []vccCall {
	return d.calls(from, to, true, func(c *vccCall) bool { return c.media == "Chat" && c.accepted() })
}

func (d *vccData) guid(c *vccCall) string {
	return "int-" + strconv.FormatInt(c.k, 16) + "-" + hexID(newRNG(d.seed, c.k, 16), 24) + "-chat-" + d.tenant
}

// callOfGUID finds the chat of an interactionGUID, or false.
func (d *vccData) callOfGUID(g string) (vccCall, bool) {
	parts := strings.Split(g, "-")
	if len(parts) < 3 || parts[0] != "int" {
		return vccCall{}, false
	}
	k, err := strconv.ParseInt(parts[1], 16, 64)
	if err != nil || k < 0 {
		return vccCall{}, false
	}
	c := d.call(k)
	if c.media != "Chat" || !c.accepted() || d.guid(&c) != g {
		return vccCall{}, false
	}
	return c, true
}

func (d *vccData) transcriptValues(c *vccCall, loc *time.Location) (record, [][2]string) {
	v := d.detail(c)
	a := d.agentOf(c)
	q := d.queues[c.queue]
	r := newRNG(d.seed, c.k, 17)
	first, last := pick(r, firstNames), pick(r, lastNames)
	var meta [][2]string
	for i := range r.intn(3) {
		meta = append(meta, [][2]string{{"Color", "Blue"}, {"Fruit", "Cherry"}}[i])
	}
	caseID := v.caseID
	if caseID == "" {
		caseID = "0"
	}
	return record{ts(c.acceptTime(), loc), a.id, a.last + "," + a.first,
		"guest_at_" + d.tenant + "@chat.example.net/CtlGuest" + hexID(r, 20), first + " " + last, strconv.Itoa(q.id), q.name,
		strconv.Itoa(q.channelID), "chat-" + strings.ToLower(strings.ReplaceAll(q.name, " ", "-")), caseID,
		"10.191." + strconv.Itoa(r.intn(256)) + "." + strconv.Itoa(r.intn(256)), strconv.FormatInt(c.id(), 10), d.guid(c),
		"A2C", strconv.Itoa(c.proc)}, meta
}

var chatLines = []string{"Hi, I have a question about my invoice", "Sure, can I have your account number?", "It's 12345 & <urgent>",
	"Thanks, one moment please", "Is the refund processed?", "Yes, it was sent today", "Great, thank you!", "You're welcome"}

func (d *vccData) messages(c *vccCall, loc *time.Location) []record {
	r := newRNG(d.seed, c.k, 18)
	n := 2 + r.intn(len(chatLines)-1)
	out := make([]record, n)
	at := c.acceptTime()
	for i := range out {
		from := "C"
		if i%2 == 1 {
			from = "A"
		}
		tl, tm := "", ""
		if r.pct() < 15 {
			tl, tm = "fr", "(traduit) "+chatLines[i]
		}
		out[i] = record{ts(at, loc), from, "en", chatLines[i], tl, tm}
		at = at.Add(time.Duration(r.between(5, 90)) * time.Second)
	}
	return out
}

func (s *Server) serveVCCRec(w http.ResponseWriter, r *http.Request) {
	path, format := splitFormat(strings.TrimPrefix(r.URL.Path, "/api/recordings"))
	if !s.vccAuth(w, r) {
		return
	}
	q := r.URL.Query()
	offset := 1
	if v := q.Get("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			httpError(w, http.StatusBadRequest, "n must be the 1-based index of the first record")
			return
		}
		offset = n
	}
	loc := s.loc
	if tz := q.Get("tz"); tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil {
			httpError(w, http.StatusBadRequest, "unknown time zone "+strconv.Quote(tz))
			return
		}
		loc = l
	}
	d := s.vcc
	seg := strings.Split(strings.Trim(path, "/"), "/")
	window := func() (time.Time, time.Time, bool) {
		v := q.Get("d")
		if v == "" {
			v = "today"
		}
		from, to, err := parseVCCRange(v, loc, s.opts.Now())
		if err != nil {
			httpError(w, http.StatusBadRequest, err.Error())
			return from, to, false
		}
		return from, to, true
	}
	var b bytes.Buffer
	switch {
	case len(seg) == 1 && seg[0] == "files":
		from, to, ok := window()
		if !ok {
			return
		}
		calls := pageOf(d.recordings(from, to), offset)
		recs := make([]record, len(calls))
		codes := make([][]vccCode, len(calls))
		for i := range calls {
			recs[i], codes[i] = d.fileValues(&calls[i], loc)
		}
		writeRecs(&b, format, "recordings", "file", recFileFields, recs, func(b *bytes.Buffer, i int, f string) {
			writeCodes(b, f, codes[i])
		}, []string{"wrapUpCode.transactionCodes.transactionCode.listName", "wrapUpCode.transactionCodes.transactionCode.name"},
			func(i int) []string {
				var l, n []string
				for _, c := range codes[i] {
					l, n = append(l, c.list), append(n, c.name)
				}
				return []string{strings.Join(l, "|"), strings.Join(n, "|")}
			})
	case len(seg) == 1 && seg[0] == "transcripts":
		from, to, ok := window()
		if !ok {
			return
		}
		calls := pageOf(d.transcripts(from, to), offset)
		recs := make([]record, len(calls))
		metas := make([][][2]string, len(calls))
		for i := range calls {
			recs[i], metas[i] = d.transcriptValues(&calls[i], loc)
		}
		writeRecs(&b, format, "recordings", "transcript", transcriptFields, recs, func(b *bytes.Buffer, i int, f string) {
			writeMeta(b, f, metas[i])
		}, []string{"metaDatas.metaData.fieldName", "metaDatas.metaData.fieldValue"}, func(i int) []string {
			var n, v []string
			for _, m := range metas[i] {
				n, v = append(n, m[0]), append(v, m[1])
			}
			return []string{strings.Join(n, "|"), strings.Join(v, "|")}
		})
	case len(seg) == 2 && seg[0] == "transcripts":
		if format == "csv" {
			httpError(w, http.StatusBadRequest, "transcripts/{interactionGUID} has no CSV response")
			return
		}
		c, ok := d.callOfGUID(seg[1])
		if !ok {
			httpError(w, http.StatusNotFound, "no transcript "+seg[1])
			return
		}
		rec, meta := d.transcriptValues(&c, loc)
		writeTranscript(&b, format, rec, meta, d.messages(&c, loc))
	default:
		httpError(w, http.StatusNotFound, "the requested resource was not found")
		return
	}
	writeBody(w, r, format, b.Bytes())
}

// writeRecs renders flat records plus one nested block per record (nested writes it in XML or
// JSON: format "xml" or "json"); CSV gets the extra columns of flat(i) under csvHeads.
func writeRecs(b *bytes.Buffer, format, root, name string, fields []string, recs []record,
	nested func(b *bytes.Buffer, i int, format string), csvHeads []string, flat func(i int) []string) {
	switch format {
	case "csv":
		w := csv.NewWriter(b)
		_ = w.Write(append(append([]string(nil), fields...), csvHeads...))
		for i, r := range recs {
			_ = w.Write(append(append([]string(nil), r...), flat(i)...))
		}
		w.Flush()
	case "json":
		b.WriteString(`{"` + root + `":{"` + name + `":[`)
		for i, r := range recs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			writeJSONFields(b, fields, r)
			nested(b, i, "json")
			b.WriteByte('}')
		}
		b.WriteString("]}}\n")
	default:
		b.WriteString("<?xml version='1.0'  encoding='UTF-8' ?>\n<" + root + ">\n")
		for i, r := range recs {
			b.WriteString("  <" + name + ">\n")
			writeXMLFields(b, "    ", fields, r)
			nested(b, i, "xml")
			b.WriteString("  </" + name + ">\n")
		}
		b.WriteString("</" + root + ">\n")
	}
}

func writeJSONFields(b *bytes.Buffer, fields []string, r record) {
	for j, f := range fields {
		if j > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, f)
		b.WriteByte(':')
		writeJSONString(b, r[j])
	}
}

func writeXMLFields(b *bytes.Buffer, ind string, fields []string, r record) {
	for j, f := range fields {
		if r[j] == "" {
			b.WriteString(ind + "<" + f + " />\n")
			continue
		}
		b.WriteString(ind + "<" + f + ">")
		_ = xml.EscapeText(b, []byte(r[j]))
		b.WriteString("</" + f + ">\n")
	}
}

// writeList writes <outer><inner><k1>…</k1><k2>…</k2></inner>…</outer> (XML) or
// ,"outer":{"inner":[{"k1":…,"k2":…},…]} (JSON); an empty list is an empty element / "".
func writeList(b *bytes.Buffer, format, ind string, path []string, keys [2]string, items [][2]string) {
	if format == "json" {
		b.WriteString(",")
		for i, p := range path[:len(path)-1] {
			writeJSONString(b, p)
			b.WriteByte(':')
			if len(items) == 0 && i == 0 {
				b.WriteString(`""`)
				return
			}
			b.WriteByte('{')
		}
		writeJSONString(b, path[len(path)-1])
		b.WriteString(":[")
		for i, it := range items {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			writeJSONFields(b, keys[:], record{it[0], it[1]})
			b.WriteByte('}')
		}
		b.WriteString("]" + strings.Repeat("}", len(path)-1))
		return
	}
	if len(items) == 0 {
		b.WriteString(ind + "<" + path[0] + " />\n")
		return
	}
	for i, p := range path[:len(path)-1] {
		b.WriteString(ind + strings.Repeat("  ", i) + "<" + p + ">\n")
	}
	in := ind + strings.Repeat("  ", len(path)-1)
	last := path[len(path)-1]
	for _, it := range items {
		b.WriteString(in + "<" + last + ">\n")
		writeXMLFields(b, in+"  ", keys[:], record{it[0], it[1]})
		b.WriteString(in + "</" + last + ">\n")
	}
	for i := len(path) - 2; i >= 0; i-- {
		b.WriteString(ind + strings.Repeat("  ", i) + "</" + path[i] + ">\n")
	}
}

func writeCodes(b *bytes.Buffer, format string, codes []vccCode) {
	items := make([][2]string, len(codes))
	for i, c := range codes {
		items[i] = [2]string{c.list, c.name}
	}
	writeList(b, format, "    ", []string{"wrapUpCode", "transactionCodes", "transactionCode"}, [2]string{"listName", "name"}, items)
}

func writeMeta(b *bytes.Buffer, format string, meta [][2]string) {
	writeList(b, format, "    ", []string{"metaDatas", "metaData"}, [2]string{"fieldName", "fieldValue"}, meta)
}

func writeTranscript(b *bytes.Buffer, format string, rec record, meta [][2]string, msgs []record) {
	if format == "json" {
		b.WriteByte('{')
		writeJSONFields(b, transcriptFields, rec)
		writeMeta(b, "json", meta)
		b.WriteString(`,"messages":{"message":[`)
		for i, m := range msgs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			writeJSONFields(b, messageFields, m)
			b.WriteByte('}')
		}
		b.WriteString("]}}\n")
		return
	}
	b.WriteString("<?xml version='1.0'  encoding='UTF-8' ?>\n<transcript>\n")
	writeXMLFields(b, "  ", transcriptFields, rec)
	writeList(b, "xml", "  ", []string{"metaDatas", "metaData"}, [2]string{"fieldName", "fieldValue"}, meta)
	b.WriteString("  <messages>\n")
	for _, m := range msgs {
		b.WriteString("    <message>\n")
		writeXMLFields(b, "      ", messageFields, m)
		b.WriteString("    </message>\n")
	}
	b.WriteString("  </messages>\n</transcript>\n")
}
