package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ccwh/ccwh/schema"
)

// Problem kinds Verify reports.
const (
	ProblemMissing  = "missing"  // listed in the manifest, not in the directory
	ProblemChanged  = "changed"  // size or SHA-256 differ from the manifest
	ProblemExtra    = "extra"    // in the directory, not in the manifest
	ProblemCounts   = "counts"   // a file's contents or the totals disagree with the manifest's counts
	ProblemManifest = "manifest" // the manifest itself is unreadable or inconsistent
)

// maxProblems is how many problems Verify keeps; beyond that it only counts them.
const maxProblems = 1000

// Problem is one way an export directory differs from its manifest.
type Problem struct {
	Path, Kind, Detail string
}

func (p Problem) String() string {
	if p.Detail == "" {
		return p.Kind + " " + p.Path
	}
	return p.Kind + " " + p.Path + " (" + p.Detail + ")"
}

// VerifyResult is what Verify found.
type VerifyResult struct {
	Manifest       *Manifest // without its file list
	ManifestSHA256 string    // of manifest.json itself: keep it to detect a rewritten manifest
	Files          int       // files the manifest lists
	Bytes          int64
	Problems       []Problem // the first maxProblems
	MoreProblems   int       // problems beyond those
}

// OK reports whether the directory matches its manifest.
func (r *VerifyResult) OK() bool { return len(r.Problems) == 0 }

func (r *VerifyResult) add(p Problem) {
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, p)
	} else {
		r.MoreProblems++
	}
}

// Verify re-checks an export directory against its manifest.json: every listed file exists
// with its size and SHA-256, no other file exists, the JSONL and CSV files hold the conversations
// and messages the manifest counts, and the counts add up (per file, per vendor, in total). It
// streams the manifest and the directory listing, so memory does not grow with the number of
// files (except to name extra files, when there are some). The error wraps ErrVerify and names
// the files; the result lists every problem.
func Verify(dir string) (*VerifyResult, error) {
	res := &VerifyResult{Manifest: &Manifest{}}
	mpath := filepath.Join(dir, ManifestFile)
	_, sum, err := hashFile(mpath)
	if err != nil {
		return res, fmt.Errorf("%w: %s: %v", ErrVerify, dir, err)
	}
	res.ManifestSHA256 = sum
	var (
		last            string
		present         int // listed files that exist, changed or not
		pages, pageMsgs int64
		byFormat        = map[string]File{}
	)
	err = streamManifest(mpath, res.Manifest, func(e File) error {
		res.Files++
		res.Bytes += e.Bytes
		if p := checkPath(e.Path); p != "" {
			res.add(Problem{Path: e.Path, Kind: ProblemManifest, Detail: p})
			return nil
		}
		if res.Files > 1 && e.Path <= last {
			res.add(Problem{Path: e.Path, Kind: ProblemManifest, Detail: "listed twice or out of order after " + last})
			return nil
		}
		last = e.Path
		if ok := checkFile(dir, e, res); ok {
			present++
		} else if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.Path))); err == nil {
			present++
		}
		switch {
		case strings.HasPrefix(e.Path, HTMLDir+"/") && e.Path != HTMLDir+"/index.html":
			pages += e.Conversations
			pageMsgs += e.Messages
		default:
			byFormat[e.Path] = e
		}
		return nil
	})
	if err != nil {
		res.add(Problem{Path: ManifestFile, Kind: ProblemManifest, Detail: err.Error()})
		return res, verifyErr(dir, res)
	}
	checkTotals(res, byFormat, pages, pageMsgs)

	found, err := countFiles(dir)
	if err != nil {
		return res, fmt.Errorf("%w: %s: %v", ErrVerify, dir, err)
	}
	if found != present {
		if err := nameExtras(dir, mpath, res); err != nil {
			return res, fmt.Errorf("%w: %s: %v", ErrVerify, dir, err)
		}
	}
	return res, verifyErr(dir, res)
}

func verifyErr(dir string, res *VerifyResult) error {
	if res.OK() {
		return nil
	}
	n := len(res.Problems) + res.MoreProblems
	var names []string
	for i, p := range res.Problems {
		if i == 10 {
			names = append(names, fmt.Sprintf("… %d more", n-10))
			break
		}
		names = append(names, p.String())
	}
	return fmt.Errorf("%w: %s: %d problem(s): %s", ErrVerify, dir, n, strings.Join(names, "; "))
}

// checkPath rejects a listed path that is not a clean relative path inside the directory.
func checkPath(p string) string {
	switch {
	case p == "" || p != path.Clean(p) || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "\\"):
		return "not a clean relative path"
	case p == ManifestFile:
		return "the manifest lists itself"
	}
	return ""
}

// checkFile compares one listed file with the directory and, for JSONL and CSV, its contents
// with the counts. It reports whether the file is as listed.
func checkFile(dir string, e File, res *VerifyResult) bool {
	full := filepath.Join(dir, filepath.FromSlash(e.Path))
	fi, err := os.Lstat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		res.add(Problem{Path: e.Path, Kind: ProblemMissing})
		return false
	case err != nil:
		res.add(Problem{Path: e.Path, Kind: ProblemChanged, Detail: err.Error()})
		return false
	case !fi.Mode().IsRegular():
		res.add(Problem{Path: e.Path, Kind: ProblemChanged, Detail: "not a regular file"})
		return false
	case fi.Size() != e.Bytes:
		res.add(Problem{Path: e.Path, Kind: ProblemChanged, Detail: fmt.Sprintf("%d bytes, manifest says %d", fi.Size(), e.Bytes)})
		return false
	}
	_, sum, err := hashFile(full)
	if err != nil {
		res.add(Problem{Path: e.Path, Kind: ProblemChanged, Detail: err.Error()})
		return false
	}
	if sum != e.SHA256 {
		res.add(Problem{Path: e.Path, Kind: ProblemChanged, Detail: "SHA-256 differs from the manifest"})
		return false
	}
	var convs, msgs int64
	switch e.Format {
	case FormatJSONL:
		convs, msgs, err = countJSONL(full)
	case FormatCSV:
		convs, msgs, err = countCSV(full)
	default:
		return true
	}
	if err != nil {
		res.add(Problem{Path: e.Path, Kind: ProblemCounts, Detail: err.Error()})
	} else if convs != e.Conversations || msgs != e.Messages {
		res.add(Problem{Path: e.Path, Kind: ProblemCounts, Detail: fmt.Sprintf("holds %d conversations and %d messages, manifest says %d and %d",
			convs, msgs, e.Conversations, e.Messages)})
	}
	return true
}

// checkTotals: every format's files hold the manifest's totals, and the vendors add up to them.
func checkTotals(res *VerifyResult, byFormat map[string]File, pages, pageMsgs int64) {
	m := res.Manifest
	c := m.Counts
	var vc, vm int64
	for _, v := range c.Vendors {
		vc += v.Conversations
		vm += v.Messages
	}
	if vc != c.Conversations || vm != c.Messages {
		res.add(Problem{Path: ManifestFile, Kind: ProblemCounts, Detail: "the vendors' counts do not add up to the totals"})
	}
	want := map[string]string{FormatJSONL: JSONLFile, FormatCSV: CSVFile, FormatHTML: HTMLDir + "/index.html"}
	for _, f := range m.Formats {
		p, ok := want[f]
		if !ok {
			res.add(Problem{Path: ManifestFile, Kind: ProblemManifest, Detail: "unknown format " + f})
			continue
		}
		e, ok := byFormat[p]
		if !ok {
			res.add(Problem{Path: p, Kind: ProblemManifest, Detail: "format " + f + " is listed but its file is not"})
			continue
		}
		if e.Conversations != c.Conversations || e.Messages != c.Messages {
			res.add(Problem{Path: p, Kind: ProblemCounts, Detail: fmt.Sprintf("%d conversations and %d messages, the totals are %d and %d",
				e.Conversations, e.Messages, c.Conversations, c.Messages)})
		}
		if f == FormatHTML && (pages != c.Conversations || pageMsgs != c.Messages) {
			res.add(Problem{Path: HTMLDir, Kind: ProblemCounts, Detail: fmt.Sprintf("%d pages with %d messages, the totals are %d and %d",
				pages, pageMsgs, c.Conversations, c.Messages)})
		}
	}
	for p := range byFormat {
		if !slices.Contains([]string{JSONLFile, CSVFile, HTMLDir + "/index.html"}, p) {
			res.add(Problem{Path: p, Kind: ProblemManifest, Detail: "not a file an export writes"})
		}
	}
}

// countJSONL counts the conversations (lines) and messages of a JSONL file.
func countJSONL(path string) (convs, msgs int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var c struct {
			Messages []json.RawMessage `json:"messages"`
		}
		if err := dec.Decode(&c); err == io.EOF {
			return convs, msgs, nil
		} else if err != nil {
			return convs, msgs, fmt.Errorf("conversation %d: %w", convs+1, err)
		}
		convs++
		msgs += int64(len(c.Messages))
	}
}

// countCSV counts the conversations (runs of rows with the same vendor, source and id) and the
// messages (rows with a message id) of a CSV file.
func countCSV(path string) (convs, msgs int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return 0, 0, fmt.Errorf("header: %w", err)
	}
	if !slices.Equal(head, schema.TranscriptColumns) {
		return 0, 0, errors.New("header is not the transcripts_unified columns")
	}
	msgCol := slices.Index(schema.TranscriptColumns, "message_id")
	var key string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return convs, msgs, nil
		} else if err != nil {
			return convs, msgs, err
		}
		if k := rec[0] + "\x00" + rec[1] + "\x00" + rec[2]; k != key || convs == 0 {
			key = k
			convs++
		}
		if rec[msgCol] != "" {
			msgs++
		}
	}
}

// countFiles counts the entries of dir (recursively) that are not directories, manifest.json
// excluded, reading directories in batches.
func countFiles(dir string) (int, error) {
	n := 0
	err := walk(dir, "", func(rel string, _ fs.DirEntry) error {
		n++
		return nil
	})
	return n, err
}

// nameExtras reports every file of dir the manifest does not list (reading the manifest's paths
// into memory: only done when the counts say there are some).
func nameExtras(dir, mpath string, res *VerifyResult) error {
	listed := map[string]bool{}
	if err := streamManifest(mpath, &Manifest{}, func(e File) error { listed[e.Path] = true; return nil }); err != nil {
		return err
	}
	return walk(dir, "", func(rel string, d fs.DirEntry) error {
		if !listed[rel] {
			detail := ""
			if !d.Type().IsRegular() {
				detail = "not a regular file"
			}
			res.add(Problem{Path: rel, Kind: ProblemExtra, Detail: detail})
		}
		return nil
	})
}

// walk calls fn for every non-directory entry under root/rel (manifest.json at the top
// excluded), with its slash-separated path relative to root.
func walk(root, rel string, fn func(rel string, d fs.DirEntry) error) error {
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		batch, err := f.ReadDir(256)
		for _, d := range batch {
			p := path.Join(rel, d.Name())
			switch {
			case p == ManifestFile:
			case d.IsDir():
				if err := walk(root, p, fn); err != nil {
					return err
				}
			default:
				if err := fn(p, d); err != nil {
					return err
				}
			}
		}
		if err == io.EOF || len(batch) == 0 {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return n, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
