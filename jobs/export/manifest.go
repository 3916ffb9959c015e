package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ManifestFile is the manifest's name in an export directory.
const ManifestFile = "manifest.json"

// ManifestVersion is the version of the manifest's layout.
const ManifestVersion = 1

// Manifest describes an export: what was asked for, by which build, when, from where, what came
// out, and the size and SHA-256 of every file (sorted by path). Files is filled by ReadManifest
// only; an export streams it from disk.
type Manifest struct {
	ManifestVersion int        `json:"manifest_version"`
	Tool            string     `json:"tool"`
	ToolVersion     string     `json:"tool_version"`
	ExportedAt      string     `json:"exported_at"` // UTC, RFC 3339
	DataSource      DataSource `json:"data_source"`
	Filter          Filter     `json:"filter"`
	Formats         []string   `json:"formats"`
	Redaction       []string   `json:"redaction"` // kinds replaced in message texts: email, phone, card
	Counts          Counts     `json:"counts"`
	Files           []File     `json:"files,omitempty"`
}

// DataSource says where an export read its transcripts.
type DataSource struct {
	Kind          string   `json:"kind"` // clickhouse, or archive (a private ClickHouse restored from it)
	Address       string   `json:"address,omitempty"`
	Database      string   `json:"database,omitempty"`
	ServerVersion string   `json:"server_version,omitempty"`
	Archive       string   `json:"archive,omitempty"`        // archive directory (kind archive)
	ArchiveFiles  int      `json:"archive_files,omitempty"`  // Parquet files restored
	ArchiveRows   int64    `json:"archive_rows,omitempty"`   // rows restored
	ArchiveTables []string `json:"archive_tables,omitempty"` // tables restored
}

// Counts are the conversations and messages an export holds, in total and per vendor.
type Counts struct {
	Conversations int64                  `json:"conversations"`
	Messages      int64                  `json:"messages"`
	Vendors       map[string]VendorCount `json:"vendors"`
}

// VendorCount is one vendor's part of Counts.
type VendorCount struct {
	Conversations int64 `json:"conversations"`
	Messages      int64 `json:"messages"`
}

// writeManifest writes dir/manifest.json: m's fields, then the files of log one per line, so
// that the list never has to be in memory. The file is synced before it is closed.
func writeManifest(dir string, m Manifest, log *fileLog) error {
	m.Files = nil
	head, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("export: manifest: %w", err)
	}
	head = bytes.TrimSuffix(head, []byte("\n}"))
	f, err := os.OpenFile(filepath.Join(dir, ManifestFile), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("export: manifest: %w", err)
	}
	bw := bufio.NewWriter(f)
	bw.Write(head)
	bw.WriteString(",\n  \"files\": [")
	first := true
	err = log.each(func(e File) error {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteString("\n    ")
		_, err = bw.Write(b)
		return err
	})
	if err == nil {
		bw.WriteString("\n  ]\n}\n")
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: write manifest: %w", err)
	}
	return nil
}

// ReadManifest reads dir/manifest.json whole (Files included). Verify streams it instead.
func ReadManifest(dir string) (*Manifest, error) {
	m := &Manifest{}
	err := streamManifest(filepath.Join(dir, ManifestFile), m, func(f File) error {
		m.Files = append(m.Files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// streamManifest decodes the manifest at path into m, except its files, which go to fn one by
// one as they are read.
func streamManifest(path string, m *Manifest, fn func(File) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("export: manifest: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	bad := func(err error) error { return fmt.Errorf("export: manifest %s: %w", path, err) }
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return bad(fmt.Errorf("not a JSON object (%v)", err))
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		key, _ := t.(string)
		if key != "files" {
			// Every other field: decode it into m through a one-field object.
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return bad(err)
			}
			obj, _ := json.Marshal(map[string]json.RawMessage{key: raw})
			if err := json.Unmarshal(obj, m); err != nil {
				return bad(fmt.Errorf("field %s: %w", key, err))
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return bad(fmt.Errorf("files is not an array (%v)", err))
		}
		for dec.More() {
			var e File
			if err := dec.Decode(&e); err != nil {
				return bad(err)
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return bad(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad(fmt.Errorf("data after the manifest object"))
	}
	return nil
}
