// Package export writes compliance exports of chat transcripts: the conversations of
// transcripts_unified that a Filter selects, as JSONL, CSV and printable HTML, optionally with
// e-mail addresses, phone numbers and card numbers redacted from message texts, plus a
// manifest.json (filters, tool version, time, counts, SHA-256 of every file) that Verify checks.
//
// Exports stream: rows are read from ClickHouse in order of conversation and written
// conversation by conversation, so memory is bounded by one conversation (and one block of
// rows), not by the size of the export.
package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// Formats an export can write.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
	FormatHTML  = "html"
)

// AllFormats are the formats in the order they are listed and written.
var AllFormats = []string{FormatJSONL, FormatCSV, FormatHTML}

// ParseFormats reads a --format list (comma-separated); empty means every format.
func ParseFormats(s string) ([]string, error) {
	parts := splitList(s)
	if len(parts) == 0 {
		return slices.Clone(AllFormats), nil
	}
	var out []string
	for _, f := range AllFormats {
		if slices.Contains(parts, f) {
			out = append(out, f)
		}
	}
	for _, p := range parts {
		if !slices.Contains(AllFormats, p) {
			return nil, errorf(ErrBadFilter, "unknown format %q (jsonl, csv, html)", p)
		}
	}
	return out, nil
}

// Options configure an export.
type Options struct {
	Dir     string   // output directory: must not exist or be empty
	Formats []string // FormatJSONL, FormatCSV, FormatHTML; empty means all
	Filter  Filter
	Redact  transform.PIIKind // kinds replaced in message texts; 0 is none
	// DataSource is recorded in the manifest; empty means the ClickHouse server exported from.
	DataSource DataSource
	// Progress, when set, is called once the conversations are counted and after each one.
	Progress func(Progress)
	Now      func() time.Time // export time; default time.Now
	Log      zerolog.Logger
}

// Progress is how far an export has got.
type Progress struct {
	Started                          time.Time
	Conversations, ConversationsDone int64
	Messages, MessagesDone           int64
}

// blockRows caps the rows ClickHouse sends per block: the driver holds one block at a time.
const blockRows = 1000

// Transcripts exports the transcripts that o.Filter selects from transcripts_unified of ch into
// o.Dir. The files are written into a staging directory next to o.Dir that is renamed to o.Dir
// once everything, manifest.json last, is written and synced: o.Dir appears complete or not at
// all. It returns the manifest (without its file list, which can be long: see ReadManifest).
func Transcripts(ctx context.Context, ch *load.ClickHouse, o Options) (*Manifest, error) {
	if err := o.Filter.Validate(); err != nil {
		return nil, err
	}
	if len(o.Formats) == 0 {
		o.Formats = slices.Clone(AllFormats)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.DataSource.Kind == "" {
		o.DataSource = DataSource{Kind: "clickhouse", Address: ch.Addr(), Database: ch.Database(), ServerVersion: ch.Capabilities().Version}
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	where, args := o.Filter.where()
	view := schema.Quote(ch.Database()) + "." + schema.Quote(schema.TranscriptsUnified)

	prog := Progress{Started: time.Now()}
	var convs, msgs uint64
	err = ch.QueryRow(ctx, fmt.Sprintf("SELECT uniqExact(vendor, source, conversation_id), countIf(message_id IS NOT NULL) FROM %s %s", view, where), args...).
		Scan(&convs, &msgs)
	if err != nil {
		return nil, fmt.Errorf("export: count transcripts in %s: %w", view, err)
	}
	prog.Conversations, prog.Messages = int64(convs), int64(msgs)
	if o.Progress != nil {
		o.Progress(prog)
	}

	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	stage, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("export: staging directory: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(stage)
		}
	}()
	flog, err := newFileLog()
	if err != nil {
		return nil, err
	}
	defer flog.remove()

	m := Manifest{ManifestVersion: ManifestVersion, Tool: "ccwh", ToolVersion: jobs.Version,
		ExportedAt: o.Now().UTC().Format(time.RFC3339), DataSource: o.DataSource, Filter: o.Filter,
		Formats: o.Formats, Redaction: redactNames(o.Redact), Counts: Counts{Vendors: map[string]VendorCount{}}}
	ws, err := openWriters(stage, flog, o, prog.Conversations)
	if err != nil {
		return nil, err
	}
	defer func() {
		if !done {
			for _, w := range ws {
				w.abort()
			}
		}
	}()

	q := fmt.Sprintf("SELECT %s FROM %s %s\nORDER BY vendor, source, conversation_id, position, sent_at, length(message_id), message_id\nSETTINGS max_block_size = %d",
		strings.Join(quoteAll(schema.TranscriptColumns), ", "), view, where, blockRows)
	rows, err := ch.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("export: read %s: %w", view, err)
	}
	defer rows.Close()
	emit := func(c *Conversation) error {
		redact(c, o.Redact)
		for _, w := range ws {
			if err := w.write(c); err != nil {
				return err
			}
		}
		n := int64(len(c.Messages))
		m.Counts.Conversations++
		m.Counts.Messages += n
		v := m.Counts.Vendors[c.Vendor]
		v.Conversations++
		v.Messages += n
		m.Counts.Vendors[c.Vendor] = v
		prog.ConversationsDone++
		prog.MessagesDone += n
		if o.Progress != nil {
			o.Progress(prog)
		}
		return ctx.Err()
	}
	if err := groupRows(rows, emit); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for _, w := range ws {
		if err := w.finish(); err != nil {
			return nil, err
		}
	}
	if err := writeManifest(stage, m, flog); err != nil {
		return nil, err
	}
	if err := publish(stage, dir); err != nil {
		return nil, err
	}
	done = true
	o.Log.Info().Str("dir", dir).Int64("conversations", m.Counts.Conversations).Int64("messages", m.Counts.Messages).
		Msg("transcripts exported")
	return &m, nil
}

// writer is one output format.
type writer interface {
	write(c *Conversation) error
	finish() error // completes the files and lists them in the file log
	abort()        // closes what is open after a failure
}

// openWriters opens the writers in the order their files sort (html/, transcripts.csv,
// transcripts.jsonl), the order in which they are finished.
func openWriters(stage string, flog *fileLog, o Options, conversations int64) ([]writer, error) {
	var ws []writer
	fail := func(err error) ([]writer, error) {
		for _, w := range ws {
			w.abort()
		}
		return nil, err
	}
	if slices.Contains(o.Formats, FormatHTML) {
		footer := "Exported by ccwh " + jobs.Version + " from transcripts_unified."
		if names := redactNames(o.Redact); len(names) > 0 {
			footer += " Redacted in message texts: " + strings.Join(names, ", ") + "."
		}
		w, err := newHTML(stage, flog, conversations, footer)
		if err != nil {
			return fail(err)
		}
		ws = append(ws, w)
	}
	if slices.Contains(o.Formats, FormatCSV) {
		w, err := newCSV(stage, flog)
		if err != nil {
			return fail(err)
		}
		ws = append(ws, w)
	}
	if slices.Contains(o.Formats, FormatJSONL) {
		w, err := newJSONL(stage, flog)
		if err != nil {
			return fail(err)
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// checkEmpty accepts a directory that does not exist or is empty.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("export: output directory: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("%w: %s", ErrNotEmpty, dir)
	}
	return nil
}

// publish renames the staging directory to dir (replacing it when it is empty) and syncs the
// parent so that the rename is durable.
func publish(stage, dir string) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("export: replace empty %s: %w", dir, err)
	}
	if err := os.Rename(stage, dir); err != nil {
		return fmt.Errorf("export: publish %s: %w", dir, err)
	}
	if d, err := os.Open(filepath.Dir(dir)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = schema.Quote(n)
	}
	return out
}

// splitList splits a comma-separated flag value, trimming spaces and dropping empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
