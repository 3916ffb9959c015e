package export

import (
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/ccwh/ccwh/schema"
)

// CSVFile is the CSV file of an export.
const CSVFile = "transcripts.csv"

// csvWriter writes transcripts.csv: a header with the columns of transcripts_unified, then one
// row per message with its conversation's fields repeated. A conversation without messages has
// one row whose message columns are empty. NULL is written as an empty cell.
type csvWriter struct {
	out *outFile
	w   *csv.Writer
	log *fileLog
	row []string
}

func newCSV(root string, log *fileLog) (*csvWriter, error) {
	out, err := createOut(root, CSVFile, "csv")
	if err != nil {
		return nil, err
	}
	w := &csvWriter{out: out, w: csv.NewWriter(out), log: log, row: make([]string, len(schema.TranscriptColumns))}
	if err := w.w.Write(schema.TranscriptColumns); err != nil {
		out.abort()
		return nil, fmt.Errorf("export: %s: header: %w", CSVFile, err)
	}
	return w, nil
}

func (w *csvWriter) write(c *Conversation) error {
	r := w.row[:0]
	r = append(r, c.Source, c.Vendor, c.ID, deref(c.Channel), deref(c.CustomerID), deref(c.CustomerName),
		deref(c.CustomerEmail), deref(c.CustomerPhone), deref(c.AgentID), deref(c.AgentName), deref(c.QueueID),
		deref(c.Queue), fmtTime(c.StartedAt), fmtTime(c.EndedAt))
	conv := len(r)
	if len(c.Messages) == 0 {
		for len(r) < len(schema.TranscriptColumns) {
			r = append(r, "")
		}
		if err := w.w.Write(r); err != nil {
			return fmt.Errorf("export: %s: conversation %s/%s: %w", CSVFile, c.Vendor, c.ID, err)
		}
	}
	for _, m := range c.Messages {
		r = append(r[:conv], deref(m.ID), strconv.FormatInt(m.Position, 10), fmtTime(m.SentAt), deref(m.AuthorRole),
			deref(m.AuthorID), deref(m.Author), deref(m.Text), deref(m.TranslatedText), deref(m.Type), strconv.FormatBool(m.Internal))
		if err := w.w.Write(r); err != nil {
			return fmt.Errorf("export: %s: conversation %s/%s: %w", CSVFile, c.Vendor, c.ID, err)
		}
	}
	w.out.conversations++
	w.out.messages += int64(len(c.Messages))
	return nil
}

func (w *csvWriter) finish() error {
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		w.out.abort()
		return fmt.Errorf("export: %s: %w", CSVFile, err)
	}
	e, err := w.out.close()
	if err != nil {
		return err
	}
	return w.log.add(e)
}

func (w *csvWriter) abort() { w.out.abort() }
