package export

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// HTMLDir holds the HTML export: one page per conversation and index.html.
const HTMLDir = "html"

// htmlWriter writes one self-contained, printable page per conversation (inline CSS, no
// scripts, every value escaped by html/template) and index.html, which links them. Pages are
// named html/<sequence>-<vendor>-<conversation id>.html, the sequence zero-padded to a width
// fixed by the number of conversations, so that file names sort in export order.
type htmlWriter struct {
	root   string
	log    *fileLog
	index  *outFile
	seq    int
	width  int
	footer string
}

type htmlPage struct {
	*Conversation
	Title, Footer, Started, Ended string
	Messages                      []htmlMessage
}

type htmlMessage struct {
	Message
	Sent string
}

type htmlIndexRow struct {
	*Conversation
	Href, Started string
	Count         int
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>` + htmlCSS + `</style>
</head>
<body>
<h1>{{.Title}}</h1>
<table class="meta">
<tr><th>Vendor</th><td>{{.Vendor}}</td><th>Source</th><td>{{.Source}}</td></tr>
<tr><th>Conversation</th><td>{{.ID}}</td><th>Channel</th><td>{{with .Channel}}{{.}}{{end}}</td></tr>
<tr><th>Customer</th><td>{{with .CustomerName}}{{.}}{{end}}{{with .CustomerID}} <span class="id">({{.}})</span>{{end}}</td><th>Contact</th><td>{{with .CustomerEmail}}{{.}}{{end}}{{if and .CustomerEmail .CustomerPhone}}, {{end}}{{with .CustomerPhone}}{{.}}{{end}}</td></tr>
<tr><th>Agent</th><td>{{with .AgentName}}{{.}}{{end}}{{with .AgentID}} <span class="id">({{.}})</span>{{end}}</td><th>Queue</th><td>{{with .Queue}}{{.}}{{end}}{{with .QueueID}} <span class="id">({{.}})</span>{{end}}</td></tr>
<tr><th>Started</th><td>{{.Started}}</td><th>Ended</th><td>{{.Ended}}</td></tr>
</table>
<ol class="messages">
{{- range .Messages}}
<li class="msg {{with .AuthorRole}}{{.}}{{end}}{{if .Internal}} internal{{end}}">
<div class="head"><span class="pos">#{{.Position}}</span> <span class="time">{{.Sent}}</span> <span class="author">{{with .Author}}{{.}}{{end}}</span> <span class="role">{{with .AuthorRole}}{{.}}{{end}}{{if .Internal}}, internal note{{end}}{{with .Type}} · {{.}}{{end}}</span></div>
<div class="text">{{with .Text}}{{.}}{{end}}</div>
{{- with .TranslatedText}}
<div class="translated"><span class="label">Translation:</span> {{.}}</div>
{{- end}}
</li>
{{- else}}
<li class="empty">No messages.</li>
{{- end}}
</ol>
<p class="footer">{{.Footer}}</p>
</body>
</html>
`))

var indexHead = template.Must(template.New("head").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Transcript export</title>
<style>` + htmlCSS + `</style>
</head>
<body class="wide">
<h1>Transcript export</h1>
<table class="index">
<tr><th>Vendor</th><th>Source</th><th>Conversation</th><th>Customer</th><th>Agent</th><th>Started</th><th>Messages</th></tr>
`))

var indexRow = template.Must(template.New("row").Parse(`<tr><td>{{.Vendor}}</td><td>{{.Source}}</td><td><a href="{{.Href}}">{{.ID}}</a></td><td>{{with .CustomerName}}{{.}}{{end}}{{with .CustomerEmail}} &lt;{{.}}&gt;{{end}}</td><td>{{with .AgentName}}{{.}}{{else}}{{with .AgentID}}{{.}}{{end}}{{end}}</td><td>{{.Started}}</td><td class="n">{{.Count}}</td></tr>
`))

var indexFoot = template.Must(template.New("foot").Parse(`</table>
<p class="footer">{{.Footer}}</p>
</body>
</html>
`))

const htmlCSS = `
body{font-family:Georgia,"Times New Roman",serif;max-width:50em;margin:2em auto;padding:0 1em;color:#111;line-height:1.4}
h1{font-size:1.4em;border-bottom:2px solid #333;padding-bottom:.3em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em;font-size:.9em}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eee;white-space:nowrap}
td.n{text-align:right}
.id{color:#555;font-size:.9em}
ol.messages{list-style:none;padding:0}
li.msg{border:1px solid #ccc;border-left:4px solid #888;margin:.5em 0;padding:.4em .6em;page-break-inside:avoid;break-inside:avoid}
li.customer{border-left-color:#1f6feb}
li.agent{border-left-color:#2da44e}
li.bot{border-left-color:#bf8700}
li.system{border-left-color:#888;color:#444}
li.internal{background:#fff8e1}
.head{font-size:.85em;color:#444;margin-bottom:.2em}
.author{font-weight:bold;color:#111}
.text,.translated{white-space:pre-wrap;overflow-wrap:anywhere}
.translated{color:#333;font-style:italic;margin-top:.2em}
.footer{font-size:.8em;color:#555;border-top:1px solid #ccc;padding-top:.5em}
body.wide{max-width:none}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}
`

func newHTML(root string, log *fileLog, conversations int64, footer string) (*htmlWriter, error) {
	width := max(6, len(fmt.Sprint(conversations)))
	w := &htmlWriter{root: root, log: log, width: width, footer: footer}
	var err error
	if w.index, err = createOut(root, HTMLDir+"/index.html", "html"); err != nil {
		return nil, err
	}
	if err := indexHead.Execute(w.index, nil); err != nil {
		w.index.abort()
		return nil, fmt.Errorf("export: %s/index.html: %w", HTMLDir, err)
	}
	return w, nil
}

// slug keeps the characters that are safe in a file name on every system, at most 80 of them.
func slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 80 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

func (w *htmlWriter) write(c *Conversation) error {
	w.seq++
	num := fmt.Sprintf("%0*d", w.width, w.seq)
	if len(num) > w.width {
		return fmt.Errorf("export: more conversations than counted before the export (the data changed meanwhile): run it again")
	}
	name := num + "-" + slug(c.Vendor+"-"+c.ID) + ".html"
	out, err := createOut(w.root, HTMLDir+"/"+name, "html")
	if err != nil {
		return err
	}
	p := htmlPage{Conversation: c, Title: fmt.Sprintf("Transcript %s %s", c.Vendor, c.ID), Footer: w.footer,
		Started: humanTime(c.StartedAt), Ended: humanTime(c.EndedAt), Messages: make([]htmlMessage, len(c.Messages))}
	for i, m := range c.Messages {
		p.Messages[i] = htmlMessage{Message: m, Sent: humanTime(m.SentAt)}
	}
	if err := pageTmpl.Execute(out, p); err != nil {
		out.abort()
		return fmt.Errorf("export: %s: %w", out.rel, err)
	}
	out.conversations, out.messages = 1, int64(len(c.Messages))
	e, err := out.close()
	if err != nil {
		return err
	}
	if err := w.log.add(e); err != nil {
		return err
	}
	row := htmlIndexRow{Conversation: c, Href: name, Started: humanTime(c.StartedAt), Count: len(c.Messages)}
	if err := indexRow.Execute(w.index, row); err != nil {
		return fmt.Errorf("export: %s: %w", w.index.rel, err)
	}
	w.index.conversations++
	w.index.messages += int64(len(c.Messages))
	return nil
}

func (w *htmlWriter) finish() error {
	if err := indexFoot.Execute(w.index, struct{ Footer string }{w.footer}); err != nil {
		w.index.abort()
		return fmt.Errorf("export: %s: %w", w.index.rel, err)
	}
	e, err := w.index.close()
	if err != nil {
		return err
	}
	return w.log.add(e)
}

func (w *htmlWriter) abort() { w.index.abort() }

// humanTime is how pages show a timestamp: UTC, to the second (milliseconds when there are some).
func humanTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	u := t.UTC()
	if u.Nanosecond() != 0 {
		return u.Format("2006-01-02 15:04:05.000 UTC")
	}
	return u.Format("2006-01-02 15:04:05 UTC")
}
