package cpaas

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ccwh/ccwh/extract"
	"github.com/ccwh/ccwh/extract/httpx"
	"github.com/ccwh/ccwh/schema"
)

// Field names of ccwh's own columns (schema/cpaas.go).
const (
	fieldRowKey = "ccwhRowKey"
	fieldJobID  = "ccwhExportJobId"
)

// download streams one export file to a temporary file (retried whole when the body breaks
// off), then hands it to the pipeline in pages of ChunkRows CSV rows.
func (s *Source) download(ctx context.Context, j *job, index int, link string, emit extract.Emit) error {
	u, hdr, err := s.resolveLink(j, link)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(s.cfg.TempDir, "ccwh-cpaas-*.csv")
	if err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	defer func() { _ = f.Close(); _ = os.Remove(f.Name()) }()
	resp, err := s.client.Download(ctx, u, hdr, func(r io.Reader) error {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return errors.Join(httpx.ErrSink, err)
		}
		if err := f.Truncate(0); err != nil {
			return errors.Join(httpx.ErrSink, err)
		}
		_, err := io.Copy(f, r)
		return err
	})
	if err != nil {
		var se *httpx.StatusError
		if errors.As(err, &se) && (se.Status == http.StatusForbidden || se.Status == http.StatusNotFound || se.Status == http.StatusGone) &&
			!j.status.Expires.IsZero() && !s.now().Before(j.status.Expires) {
			return fmt.Errorf("the download link expired at %s: %w", j.status.Expires.Format("2006-01-02T15:04:05Z"), err)
		}
		return explain(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	return s.emitCSV(ctx, j, index, "GET "+httpx.Redact(u), resp.Status, resp.Retries, f, emit)
}

// resolveLink makes link absolute (against the family host) and decides whether it gets the API
// key: only links on the API host itself do. Pre-signed storage links carry their own signature,
// and storage services reject a second credential.
func (s *Source) resolveLink(j *job, link string) (string, http.Header, error) {
	base, err := url.Parse(j.fam.host(&s.cfg) + "/")
	if err != nil {
		return "", nil, err
	}
	ref, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return "", nil, fmt.Errorf("%w: file link %q: %v", ErrBadResponse, httpx.Redact(link), err)
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", nil, fmt.Errorf("%w: file link %q is not http(s)", ErrBadResponse, httpx.Redact(link))
	}
	hdr := http.Header{"Accept": {"text/csv, */*"}}
	if u.Host == base.Host {
		hdr.Set("Authorization", s.header.Get("Authorization"))
	}
	return u.String(), hdr, nil
}

// normField folds a header or field name for matching: lower case, letters and digits only
// ("Sub Account Id", "sub_account_id" and "subAccountId" are equal).
func normField(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// emitCSV re-pages an export file: the header is mapped to the table's vendor field names (a
// known column by its folded name, any other kept as is, so the decoder puts it in _extra), two
// columns of ccwh's are prepended (row key and job id), and every ChunkRows rows become a page.
func (s *Source) emitCSV(ctx context.Context, j *job, index int, req string, status, retries int, r io.Reader, emit extract.Emit) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil // an empty file: no rows
	}
	if err != nil {
		return fmt.Errorf("%w: CSV header: %v", ErrBadResponse, err)
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	known := map[string]string{}
	for _, c := range j.fam.table.Columns {
		if c.Field != "" && c.Field != fieldRowKey && c.Field != fieldJobID {
			known[normField(c.Field)] = c.Field
		}
	}
	keyCol := -1
	used := map[string]bool{}
	out := make([]string, 0, len(header)+2)
	out = append(out, fieldRowKey, fieldJobID)
	for i, h := range header {
		name := strings.TrimSpace(h)
		if f, ok := known[normField(name)]; ok && !used[f] {
			used[f] = true
			name = f
			if f == j.fam.keyField {
				keyCol = i
			}
		}
		out = append(out, name)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := 0
	flush := func() error {
		w.Flush()
		if rows == 0 {
			return nil
		}
		j.pages++
		n, err := emit(ctx, &extract.Page{Source: s.cfg.Source, Stream: j.st.name, Table: j.fam.table,
			Entity: fmt.Sprintf("job=%s file=%d", j.id, index+1), Number: j.pages, Request: req, Status: status,
			Format: schema.CSV, Body: bytes.Clone(buf.Bytes()), Retries: retries})
		retries = 0
		if err != nil {
			return err
		}
		j.rows += n
		buf.Reset()
		rows = 0
		return nil
	}
	for i, h := range out {
		out[i] = strings.ToValidUTF8(h, "\uFFFD")
	}
	_ = w.Write(out)
	invalid := 0
	defer func() {
		if invalid > 0 {
			s.log.Warn().Str(extract.LogStream, j.st.name).Str("job", j.id).Int("file", index+1).Int("values", invalid).
				Msg("export file values were not UTF-8; invalid bytes replaced by U+FFFD")
		}
	}()
	row := make([]string, 0, len(out))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: CSV: %v", ErrBadResponse, err)
		}
		for i, v := range rec {
			if !utf8.ValidString(v) {
				rec[i] = strings.ToValidUTF8(v, "\uFFFD")
				invalid++
			}
		}
		row = append(row[:0], rowKey(rec, keyCol), j.id)
		row = append(row, rec...)
		if err := w.Write(row); err != nil {
			return err
		}
		if rows++; rows >= s.cfg.ChunkRows {
			if err := flush(); err != nil {
				return err
			}
			_ = w.Write(out)
		}
	}
	return flush()
}

// rowKey is the row's natural key: the key column's value when the file has one and it is set,
// otherwise a SHA-256 of every value (deterministic, so re-exports collapse).
func rowKey(rec []string, keyCol int) string {
	if keyCol >= 0 && keyCol < len(rec) {
		if v := strings.TrimSpace(rec[keyCol]); v != "" {
			return v
		}
	}
	h := sha256.New()
	for _, v := range rec {
		h.Write([]byte(v))
		h.Write([]byte{0x1f})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
