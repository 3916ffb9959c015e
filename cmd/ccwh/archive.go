package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/load"
)

func archiveCmd(g *globals) *cobra.Command {
	c := &cobra.Command{Use: "archive", Short: "check the Parquet archive, or rebuild ClickHouse tables from it"}
	c.AddCommand(archiveVerifyCmd(g), archiveRestoreCmd(g))
	return c
}

func archiveVerifyCmd(g *globals) *cobra.Command {
	var strict bool
	var dir string
	c := &cobra.Command{
		Use:   "verify",
		Short: "check every manifest's files: present, size, SHA-256, row count; list Parquet files no manifest knows",
		Long: `Reads every runs/<run_id>/manifest.json of the archive and checks each file it lists: it
exists, its size and SHA-256 are the manifest's, its Parquet footer holds the listed rows.
Parquet files that no manifest lists (left by a crash before they were recorded; never loaded)
are warnings, or problems with --strict. Exits 1 on any problem. Needs no ClickHouse.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := openArchiveOnly(g, dir)
			if err != nil {
				return err
			}
			opts := load.VerifyOptions{Strict: strict}
			var bar *countBar
			if bar = newCountBar("verify"); bar != nil {
				opts.Progress = func(p load.VerifyProgress) {
					bar.set(p.FilesDone, p.Files, fmt.Sprintf("verify files · %s of %s", bytesText(p.BytesDone), bytesText(p.Bytes)))
				}
			}
			res, err := a.VerifyAll(cmd.Context(), opts)
			bar.finish()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "archive %s: %d manifests, %d files, %d rows, %s", a.Dir(), res.Manifests, res.Files, res.Rows, bytesText(res.Bytes))
			if res.RolledBack > 0 {
				fmt.Fprintf(out, " (%d files of rolled-back windows, not in the warehouse)", res.RolledBack)
			}
			fmt.Fprintln(out)
			printProblems(out, "WARNINGS", res.Warnings)
			printProblems(out, "PROBLEMS", res.Problems)
			if !res.OK() {
				return fmt.Errorf("archive verify: %d problem(s) in %s: %w", len(res.Problems), a.Dir(), load.ErrVerify)
			}
			fmt.Fprintln(out, "OK: every file matches its manifest")
			return nil
		},
	}
	c.Flags().BoolVar(&strict, "strict", false, "Parquet files in no manifest (orphans) are problems, not warnings")
	c.Flags().StringVar(&dir, "dir", "", "archive directory (default: archive.dir of the config)")
	return c
}

func archiveRestoreCmd(g *globals) *cobra.Command {
	var opts load.RestoreOptions
	var from, to string
	c := &cobra.Command{
		Use:   "restore [--table T ...] [--from DATE] [--to DATE] [--replace]",
		Short: "rebuild ClickHouse tables from the Parquet archive",
		Long: `Loads the archived Parquet files into ClickHouse, run by run in the order they were first
loaded. Every selected file is checked against its manifest (size, SHA-256, rows) before anything
changes; one bad file refuses the restore and is named. Files of rolled-back windows are skipped
(the warehouse never kept those rows), as are Parquet files no manifest lists.

Without --replace rows go into the existing tables: a row already there becomes a duplicate
that FINAL, the _latest views and merges collapse, so a restore can be repeated. --replace drops
each selected table (every table without --table), creates it with the current DDL and loads it:
afterwards it holds exactly what the archive holds. --from/--to (YYYY-MM-DD, UTC; --to exclusive)
select files by the day in their path (the day their window started; for full-refresh tables,
the day of the run) and cannot be combined with --replace.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.From, err = parseDay("--from", from); err != nil {
				return usageError{err}
			}
			if opts.To, err = parseDay("--to", to); err != nil {
				return usageError{err}
			}
			if opts.Replace && (from != "" || to != "") {
				return usageError{errors.New("--replace rebuilds whole tables and cannot be combined with --from/--to")}
			}
			_, ch, a, _, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			bar := &phaseBar{}
			if isatty.IsTerminal(os.Stderr.Fd()) {
				opts.Progress = bar.update
			}
			start := time.Now()
			res, err := load.Restore(cmd.Context(), ch, a, opts)
			bar.finish()
			out := cmd.OutOrStdout()
			if res != nil {
				printRestore(out, res, ch.Database(), opts.Replace, time.Since(start))
			}
			if err != nil {
				return err
			}
			// Then the internal tables and the views (recreated over the rebuilt tables), so that
			// a restore into an empty server gives a complete warehouse. A refused restore
			// changes nothing at all.
			return ch.Migrate(cmd.Context(), jobs.Version)
		},
	}
	c.Flags().StringSliceVar(&opts.Tables, "table", nil, "restore only this table (repeat or comma-separate; default every table)")
	c.Flags().StringVar(&from, "from", "", "only files of this day (YYYY-MM-DD, UTC) and later")
	c.Flags().StringVar(&to, "to", "", "only files of days before this one (exclusive)")
	c.Flags().BoolVar(&opts.Replace, "replace", false, "drop and recreate each selected table first: it ends up holding exactly the archive's rows")
	return c
}

// openArchiveOnly opens the archive at dir, or at the config's archive.dir; it must exist.
func openArchiveOnly(g *globals, dir string) (*load.Archive, error) {
	if dir == "" {
		cfg, err := jobs.LoadConfig(g.config)
		if err != nil {
			return nil, err
		}
		dir = cfg.Archive.Dir
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("archive directory %s: not a readable directory", dir)
	}
	return load.NewArchive(dir)
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: want a day, YYYY-MM-DD (UTC)", flag, s)
	}
	return d, nil
}

func printProblems(out io.Writer, title string, ps []load.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(out, "%s (%d):\n", title, len(ps))
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tFILE\tPROBLEM")
	for _, p := range ps {
		run := p.RunID
		if run == "" {
			run = "—"
		}
		what := string(p.Kind)
		if p.Detail != "" {
			what += ": " + p.Detail
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", run, p.Path, what)
	}
	tw.Flush()
}

func printRestore(out io.Writer, res *load.RestoreResult, db string, replaced bool, took time.Duration) {
	printProblems(out, "REFUSED — these files do not match their manifests", res.Problems)
	printProblems(out, "NOT RESTORED", res.Skipped)
	if len(res.Problems) > 0 && res.Files == 0 {
		return
	}
	fmt.Fprintf(out, "restored %d files, %d rows (%s) from %d manifests into %s in %s",
		res.Files, res.Rows, bytesText(res.Bytes), res.Manifests, db, took.Round(time.Millisecond))
	if res.RolledBack > 0 {
		fmt.Fprintf(out, "; skipped %d files of rolled-back windows", res.RolledBack)
	}
	fmt.Fprintln(out)
	if replaced {
		fmt.Fprintf(out, "%d tables dropped and created anew before loading\n", len(res.Tables))
	}
	var tables []string
	width := len("TABLE")
	for t, n := range res.RowsByTable {
		if n > 0 {
			tables = append(tables, t)
			width = max(width, len(t))
		}
	}
	if len(tables) == 0 {
		return
	}
	sort.Strings(tables)
	fmt.Fprintf(out, "%-*s  %12s\n", width, "TABLE", "ROWS")
	for _, t := range tables {
		fmt.Fprintf(out, "%-*s  %12d\n", width, t, res.RowsByTable[t])
	}
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// countBar is a progress bar over a known number of items, on a terminal only (nil elsewhere;
// its methods accept a nil receiver).
type countBar struct{ bar *progressbar.ProgressBar }

func newCountBar(desc string) *countBar {
	if !isatty.IsTerminal(os.Stderr.Fd()) {
		return nil
	}
	return &countBar{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)}
}

func (c *countBar) set(done, total int, desc string) {
	if c == nil {
		return
	}
	if c.bar.GetMax() != total {
		c.bar.ChangeMax(total)
	}
	c.bar.Describe(desc)
	_ = c.bar.Set(done)
}

func (c *countBar) finish() {
	if c == nil {
		return
	}
	_ = c.bar.Finish()
	fmt.Fprintln(os.Stderr)
}

// phaseBar shows a restore's verify phase, then its load phase, each as its own bar.
type phaseBar struct {
	phase load.RestorePhase
	bar   *countBar
}

func (b *phaseBar) update(p load.RestoreProgress) {
	if p.Phase != b.phase {
		b.bar.finish()
		b.phase, b.bar = p.Phase, newCountBar(string(p.Phase))
	}
	desc := fmt.Sprintf("files · %s of %s", bytesText(p.BytesDone), bytesText(p.Bytes))
	if p.Phase == load.PhaseLoad {
		rate := 0.0
		if el := time.Since(p.Started).Seconds(); el > 0 {
			rate = float64(p.Rows) / el
		}
		desc = fmt.Sprintf("files · %d rows · %.0f rows/s · %s", p.Rows, rate, p.Table)
	}
	b.bar.set(p.FilesDone, p.Files, string(p.Phase)+" "+desc)
}

func (b *phaseBar) finish() { b.bar.finish() }
