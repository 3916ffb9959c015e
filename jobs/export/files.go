package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
)

// File is one file of an export as the manifest lists it.
type File struct {
	Path          string `json:"path"` // relative to the export directory, forward slashes
	Format        string `json:"format"`
	Bytes         int64  `json:"bytes"`
	SHA256        string `json:"sha256"`
	Conversations int64  `json:"conversations"`
	Messages      int64  `json:"messages"`
}

// outFile is a file being written: buffered, hashed and counted on the way to disk.
type outFile struct {
	rel    string
	format string
	f      *os.File
	bw     *bufio.Writer
	h      hash.Hash
	n      int64
	// conversations and messages the file holds, for the manifest.
	conversations, messages int64
}

func createOut(root, rel, format string) (*outFile, error) {
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("export: create %s: %w", rel, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("export: create %s: %w", rel, err)
	}
	return &outFile{rel: rel, format: format, f: f, bw: bufio.NewWriterSize(f, 64<<10), h: sha256.New()}, nil
}

func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.bw.Write(p)
	o.h.Write(p[:n])
	o.n += int64(n)
	if err != nil {
		return n, fmt.Errorf("export: write %s: %w", o.rel, err)
	}
	return n, nil
}

func (o *outFile) WriteString(s string) (int, error) { return o.Write([]byte(s)) }

// close flushes, syncs and closes the file and describes it for the manifest.
func (o *outFile) close() (File, error) {
	err := o.bw.Flush()
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return File{}, fmt.Errorf("export: write %s: %w", o.rel, err)
	}
	return File{Path: o.rel, Format: o.format, Bytes: o.n, SHA256: hex.EncodeToString(o.h.Sum(nil)),
		Conversations: o.conversations, Messages: o.messages}, nil
}

// abort closes the file after a failure; the staging directory is removed anyway.
func (o *outFile) abort() { _ = o.f.Close() }

// fileLog collects the manifest's file entries on disk, not in memory (an HTML export has one
// file per conversation), in strictly increasing path order: writers finish their files in that
// order (html/NNNNNN-… as they stream, then html/index.html, transcripts.csv, transcripts.jsonl).
type fileLog struct {
	f    *os.File
	bw   *bufio.Writer
	enc  *json.Encoder
	last string
	n    int
}

func newFileLog() (*fileLog, error) {
	f, err := os.CreateTemp("", "ccwh-export-files-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("export: file list: %w", err)
	}
	bw := bufio.NewWriter(f)
	return &fileLog{f: f, bw: bw, enc: json.NewEncoder(bw)}, nil
}

func (l *fileLog) add(e File) error {
	if l.n > 0 && strings.Compare(e.Path, l.last) <= 0 {
		return fmt.Errorf("export: internal error: file %s listed after %s", e.Path, l.last)
	}
	l.last = e.Path
	l.n++
	if err := l.enc.Encode(e); err != nil {
		return fmt.Errorf("export: file list: %w", err)
	}
	return nil
}

// each calls fn for every entry, in order.
func (l *fileLog) each(fn func(File) error) error {
	if err := l.bw.Flush(); err != nil {
		return fmt.Errorf("export: file list: %w", err)
	}
	if _, err := l.f.Seek(0, 0); err != nil {
		return fmt.Errorf("export: file list: %w", err)
	}
	dec := json.NewDecoder(bufio.NewReader(l.f))
	for i := 0; i < l.n; i++ {
		var e File
		if err := dec.Decode(&e); err != nil {
			return fmt.Errorf("export: file list: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (l *fileLog) remove() {
	_ = l.f.Close()
	_ = os.Remove(l.f.Name())
}
