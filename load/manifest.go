package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/ccwh/ccwh/schema"
)

// Manifest lists every file a run archived. It lives at <archive>/runs/<run_id>/manifest.json and
// is rewritten atomically on every Add, so after a crash it is valid and lists every file that
// was finished.
type Manifest struct {
	RunID         string      `json:"run_id"`
	Started       time.Time   `json:"started_at"`
	Updated       time.Time   `json:"updated_at"`
	SchemaVersion int         `json:"schema_version"`
	Files         []FileEntry `json:"files"`

	mu   sync.Mutex
	path string
}

// ManifestPath is where the manifest of a run lives.
func (a *Archive) ManifestPath(runID string) string {
	return filepath.Join(a.dir, "runs", runID, "manifest.json")
}

// NewManifest starts the manifest of a run. Nothing is written until the first Add (or Save).
func (a *Archive) NewManifest(runID string, started time.Time) *Manifest {
	return &Manifest{
		RunID:         runID,
		Started:       started.UTC(),
		SchemaVersion: schema.Version,
		Files:         []FileEntry{},
		path:          a.ManifestPath(runID),
	}
}

// Path is the manifest's file.
func (m *Manifest) Path() string { return m.path }

// Add records a finished file and rewrites the manifest. An entry with the same path replaces
// the earlier one (a batch written again). It is safe for concurrent use.
func (m *Manifest) Add(e FileEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	prev := m.Files
	files := make([]FileEntry, 0, len(prev)+1)
	replaced := false
	for _, f := range prev {
		if f.Path == e.Path {
			f, replaced = e, true
		}
		files = append(files, f)
	}
	if !replaced {
		files = append(files, e)
	}
	m.Files = files
	if err := m.saveLocked(); err != nil {
		m.Files = prev
		return err
	}
	return nil
}

// MarkRolledBack records that the rows of these files (archive-relative paths) were deleted
// from ClickHouse again because their window failed, and rewrites the manifest; restores skip
// such files. Paths the manifest does not list are ignored. Safe for concurrent use.
func (m *Manifest) MarkRolledBack(paths ...string) error {
	if len(paths) == 0 {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	prev := m.Files
	files := slices.Clone(prev)
	for i := range files {
		if slices.Contains(paths, files[i].Path) {
			files[i].RolledBack = true
		}
	}
	m.Files = files
	if err := m.saveLocked(); err != nil {
		m.Files = prev
		return err
	}
	return nil
}

// Save writes the manifest as it is.
func (m *Manifest) Save() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.saveLocked()
}

func (m *Manifest) saveLocked() error {
	if err := checkName("run id", m.RunID); err != nil {
		return fmt.Errorf("load: manifest: %w", err)
	}
	m.Updated = time.Now().UTC()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("load: manifest of run %s: %w", m.RunID, err)
	}
	b = append(b, '\n')
	if _, _, err := writeAtomic(m.path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}); err != nil {
		return fmt.Errorf("load: write manifest of run %s: %w", m.RunID, err)
	}
	return nil
}

// ReadManifest reads a manifest file; Add on it rewrites the same file.
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load: read manifest: %w", err)
	}
	m := &Manifest{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("load: read manifest %s: %w", path, err)
	}
	m.path = path
	return m, nil
}

// Verify checks every file of the manifest: it exists, its size and SHA-256 match and its
// Parquet footer holds the listed number of rows. It reports every problem, each wrapping
// ErrVerify with the file's path.
func (a *Archive) Verify(m *Manifest) error {
	m.mu.Lock()
	files := append([]FileEntry(nil), m.Files...)
	m.mu.Unlock()
	var errs []error
	for _, e := range files {
		if p := a.checkFile(m.RunID, e); p != nil {
			errs = append(errs, fmt.Errorf("%w: %w", ErrVerify, p))
		}
	}
	return errors.Join(errs...)
}

// parquetRows reads the row count from a Parquet footer.
func parquetRows(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return 0, fmt.Errorf("open parquet: %w", err)
	}
	return pf.NumRows(), nil
}
