package jobs

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/schema"
)

// IngestOptions selects what `ccwh ingest` loads.
type IngestOptions struct {
	Stream    string        // KIND/STREAM, e.g. 8x8-vcc/interactions: names the table and its layout
	Format    schema.Format // xml, json or csv
	Files     []string
	Source    string // the _source of the rows; default "ingest"
	ChunkRows int    // CSV rows per page handed to the decoder; default 10000
	BatchRows int    // rows per Arrow batch, Parquet file and insert; default 20000
}

// Ingest loads files a user downloaded by hand (e.g. an 8x8 CSV report) through the same
// decode → Parquet → ClickHouse path as a sync. CSV files stream in chunks of ChunkRows rows, so
// memory stays bounded by one batch; an XML or JSON file is decoded as one document.
func (r *Runner) Ingest(ctx context.Context, o IngestOptions) (*Report, error) {
	kindName, streamName, ok := strings.Cut(o.Stream, "/")
	k, known := kinds[kindName]
	if !ok || !known {
		return nil, fmt.Errorf("ingest: --stream %q: want KIND/STREAM with KIND one of %s", o.Stream, strings.Join(KindNames(), ", "))
	}
	def, ok := k.stream(streamName)
	if !ok {
		return nil, fmt.Errorf("ingest: kind %s has no stream %q (known: %s)", kindName, streamName, strings.Join(k.streamNames(), ", "))
	}
	if len(o.Files) == 0 {
		return nil, errors.New("ingest: no files")
	}
	if o.Source == "" {
		o.Source = "ingest"
	}
	if o.ChunkRows <= 0 {
		o.ChunkRows = 10000
	}
	if o.BatchRows <= 0 {
		o.BatchRows = 20000
	}
	fs := &fileStream{name: streamName, table: def.Table, source: o.Source, format: o.Format, files: o.Files, chunkRows: o.ChunkRows}
	started := r.now().UTC()
	ru := &run{id: newRunID(started)}
	ru.manifest = r.archive.NewManifest(ru.id, started)
	t := target{src: &SourceConfig{Name: o.Source, Kind: kindName}, stream: fs, conf: &StreamConfig{BatchRows: o.BatchRows}}
	res := r.runWindow(ctx, ru, t, extract.Window{}, advanceNone)
	return &Report{RunID: ru.id, Windows: []WindowResult{res}}, res.Err
}

// fileStream is a Stream over local files: each CSV chunk or whole document is one page.
type fileStream struct {
	name, source string
	table        *schema.Table
	format       schema.Format
	files        []string
	chunkRows    int
}

func (f *fileStream) Name() string         { return f.name }
func (f *fileStream) Table() *schema.Table { return f.table }
func (f *fileStream) Mode() extract.Mode   { return extract.Dimension }

func (f *fileStream) Fetch(ctx context.Context, _ extract.Window, emit extract.Emit) error {
	number := 0
	for _, path := range f.files {
		file, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		page := func(body []byte, part int) error {
			number++
			_, err := emit(ctx, &extract.Page{Source: f.source, Stream: f.name, Table: f.table, Number: number,
				Request: fmt.Sprintf("file %s part %d", path, part), Format: f.format, Body: body})
			return err
		}
		if f.format == schema.CSV {
			err = csvChunks(file, f.chunkRows, page)
		} else {
			var body []byte
			if body, err = io.ReadAll(file); err == nil {
				err = page(body, 1)
			}
		}
		file.Close()
		if err != nil {
			return fmt.Errorf("ingest %s: %w", path, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// csvChunks cuts a CSV file into pages of at most rows records, each starting with the file's
// header line. Quoted fields may hold newlines: a record ends at a newline outside quotes.
func csvChunks(r io.Reader, rows int, page func(body []byte, part int) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	header, err := readCSVRecord(br, nil)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file holds no rows
		}
		return err
	}
	header = append([]byte(nil), header...)
	buf := make([]byte, 0, 1<<22)
	for part := 1; ; part++ {
		buf = append(buf[:0], header...)
		n := 0
		for n < rows {
			before := len(buf)
			buf, err = readCSVRecord(br, buf) // straight into the page: one copy per byte
			if len(buf) > before {
				n++
			}
			if err != nil {
				break
			}
		}
		if n > 0 {
			if perr := page(buf, part); perr != nil {
				return perr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

var quote = []byte{'"'}

// readCSVRecord appends one record (with its line ending) to dst.
func readCSVRecord(br *bufio.Reader, dst []byte) ([]byte, error) {
	start := len(dst)
	quoted := false
	for {
		line, err := br.ReadSlice('\n')
		if bytes.Count(line, quote)%2 == 1 { // SIMD count; a byte loop was 3% of an ingest
			quoted = !quoted
		}
		dst = append(dst, line...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			if len(dst) > start && !errors.Is(err, io.EOF) {
				return dst, err
			}
			if len(dst) > start && dst[len(dst)-1] != '\n' {
				dst = append(dst, '\n')
			}
			return dst, err
		case !quoted:
			return dst, nil
		}
	}
}
