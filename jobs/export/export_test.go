package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccwh/ccwh/schema"
)

// readJSONL reads an export's transcripts.jsonl.
func readJSONL(t *testing.T, dir string) []jsonConversation {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, JSONLFile))
	require.NoError(t, err)
	defer f.Close()
	var out []jsonConversation
	dec := json.NewDecoder(bufio.NewReader(f))
	for dec.More() {
		var c jsonConversation
		require.NoError(t, dec.Decode(&c))
		out = append(out, c)
	}
	return out
}

// TestExportSandboxAllFormatsVerifiedThenTampered is the compliance story: an export of the
// sandbox's transcripts (every vendor) in JSONL, CSV and HTML verifies; then one byte changed in
// any file, a file added, or a file removed makes Verify fail naming that file.
func TestExportSandboxAllFormatsVerifiedThenTampered(t *testing.T) {
	fx := sandboxWarehouse(t)
	dir, m := exportTo(t, fx.ch, Options{})
	require.Equal(t, AllFormats, m.Formats)

	// The export holds exactly the view's conversations and messages, per vendor.
	for _, v := range schema.TranscriptVendors {
		want := VendorCount{
			Conversations: scalar(t, fx.ch, "SELECT count() FROM {db}."+v.Conversations+" FINAL"),
			Messages:      scalar(t, fx.ch, "SELECT count() FROM {db}."+v.Messages+" FINAL"),
		}
		require.Positive(t, want.Conversations, v.Vendor)
		require.Equal(t, want, m.Counts.Vendors[v.Vendor], v.Vendor)
	}
	convs := readJSONL(t, dir)
	require.Len(t, convs, int(m.Counts.Conversations))
	for _, c := range convs {
		for i, msg := range c.Messages {
			require.Positive(t, msg.Position, "%s %s", c.Vendor, c.ConversationID)
			if i > 0 && c.Vendor != schema.VendorVCCChat { // 8x8 Chat messages have no time
				require.GreaterOrEqual(t, *msg.SentAt, *c.Messages[i-1].SentAt, "messages in time order: %s %s", c.Vendor, c.ConversationID)
			}
			if i > 0 {
				require.Greater(t, msg.Position, c.Messages[i-1].Position)
			}
		}
	}
	pages, err := filepath.Glob(filepath.Join(dir, HTMLDir, "*.html"))
	require.NoError(t, err)
	require.Len(t, pages, int(m.Counts.Conversations)+1, "one page per conversation and the index")
	f, err := os.Open(filepath.Join(dir, CSVFile))
	require.NoError(t, err)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	require.Equal(t, schema.TranscriptColumns, recs[0])

	res, err := Verify(dir)
	require.NoError(t, err)
	require.True(t, res.OK())
	require.Equal(t, len(pages)+2, res.Files)

	page := filepath.ToSlash(strings.TrimPrefix(pages[len(pages)/2], dir+string(filepath.Separator)))
	cases := []struct {
		name   string
		tamper func(t *testing.T, dir string)
		kind   string
		path   string
	}{
		{"one byte of an HTML page", flipByte(page, 600), ProblemChanged, page},
		{"one byte of the JSONL", flipByte(JSONLFile, 40), ProblemChanged, JSONLFile},
		{"one byte of the CSV", flipByte(CSVFile, 300), ProblemChanged, CSVFile},
		{"one byte of the index", flipByte(HTMLDir+"/index.html", 900), ProblemChanged, HTMLDir + "/index.html"},
		{"a file added", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("added later"), 0o644))
		}, ProblemExtra, "notes.txt"},
		{"a page added", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, HTMLDir, "999999-extra.html"), []byte("<p>forged</p>"), 0o644))
		}, ProblemExtra, HTMLDir + "/999999-extra.html"},
		{"a file removed", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, CSVFile)))
		}, ProblemMissing, CSVFile},
		{"a page removed", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, filepath.FromSlash(page))))
		}, ProblemMissing, page},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cp := copyDir(t, dir)
			c.tamper(t, cp)
			res, err := Verify(cp)
			require.ErrorIs(t, err, ErrVerify)
			require.Contains(t, err.Error(), c.path, "the error names the file")
			require.Equal(t, []Problem{{Path: c.path, Kind: c.kind, Detail: res.Problems[0].Detail}}, res.Problems)
		})
	}
	t.Run("the manifest's counts changed", func(t *testing.T) {
		cp := copyDir(t, dir)
		mf := filepath.Join(cp, ManifestFile)
		b, err := os.ReadFile(mf)
		require.NoError(t, err)
		b = []byte(strings.Replace(string(b), `"messages": `, `"messages": 1`, 1))
		require.NoError(t, os.WriteFile(mf, b, 0o644))
		_, err = Verify(cp)
		require.ErrorIs(t, err, ErrVerify)
		require.Contains(t, err.Error(), "counts")
	})
	res2, err := Verify(dir)
	require.NoError(t, err, "the original is untouched")
	require.Equal(t, res.ManifestSHA256, res2.ManifestSHA256)
}

func flipByte(rel string, at int64) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.Greater(t, int64(len(b)), at, rel)
		b[at] ^= 0x01
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

// TestExportRefusesNonEmptyDirectory: an export never mixes with other files (verify would call
// them extra); an empty directory is fine.
func TestExportRefusesNonEmptyDirectory(t *testing.T) {
	ch := newDatabase(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old.txt"), nil, 0o644))
	_, err := Transcripts(context.Background(), ch, Options{Dir: dir})
	require.ErrorIs(t, err, ErrNotEmpty)

	empty := t.TempDir()
	_, m := exportTo(t, ch, Options{Dir: empty, Formats: []string{FormatJSONL}})
	require.Zero(t, m.Counts.Conversations)
	_, err = Verify(empty)
	require.NoError(t, err)
	entries, err := os.ReadDir(filepath.Dir(empty))
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.Contains(e.Name(), ".partial-"), "no staging directory left: %s", e.Name())
	}
}

// TestVerifyRejectsForgedManifests: a manifest cannot point outside the directory, list a file
// twice to hide an extra one, or name itself.
func TestVerifyRejectsForgedManifests(t *testing.T) {
	ch := newDatabase(t)
	dir, _ := exportTo(t, ch, Options{Formats: []string{FormatJSONL, FormatCSV}})
	m, err := ReadManifest(dir)
	require.NoError(t, err)
	require.Len(t, m.Files, 2)
	for name, files := range map[string][]File{
		"outside":   {{Path: "../x", Format: "csv"}, m.Files[0], m.Files[1]},
		"twice":     {m.Files[0], m.Files[0], m.Files[1]},
		"itself":    {m.Files[0], m.Files[1], {Path: ManifestFile}},
		"unordered": {m.Files[1], m.Files[0]},
	} {
		t.Run(name, func(t *testing.T) {
			cp := copyDir(t, dir)
			forged := *m
			forged.Files = files
			b, err := json.Marshal(forged)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(cp, ManifestFile), b, 0o644))
			res, err := Verify(cp)
			require.ErrorIs(t, err, ErrVerify)
			require.True(t, slices.ContainsFunc(res.Problems, func(p Problem) bool { return p.Kind == ProblemManifest }), res.Problems)
		})
	}
}
