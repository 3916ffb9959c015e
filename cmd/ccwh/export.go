package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/jobs/export"
	"github.com/ccwh/ccwh/load"
)

func exportCmd(g *globals) *cobra.Command {
	c := &cobra.Command{Use: "export", Short: "compliance exports of chat transcripts, and their verification"}
	c.AddCommand(exportTranscriptsCmd(g), exportVerifyCmd(g))
	return c
}

func exportTranscriptsCmd(g *globals) *cobra.Command {
	var (
		o                              export.Options
		from, to, formats, redact, arc string
		sources, vendors               []string
	)
	c := &cobra.Command{
		Use:   "transcripts --out DIR [filters]",
		Short: "export the transcripts a filter selects as JSONL, CSV and printable HTML, with a manifest of SHA-256 sums",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Dir == "" {
				return usageError{errors.New("export transcripts: --out DIR is required")}
			}
			var err error
			if o.Filter.From, o.Filter.To, err = parseExportRange(from, to); err != nil {
				return usageError{err}
			}
			o.Filter.Sources, o.Filter.Vendors = splitFlags(sources), splitFlags(vendors)
			if o.Formats, err = export.ParseFormats(formats); err != nil {
				return usageError{err}
			}
			if o.Redact, err = export.ParseRedact(redact); err != nil {
				return usageError{err}
			}
			if err := o.Filter.Validate(); err != nil {
				return usageError{err}
			}
			ctx := cmd.Context()
			log, err := g.logger()
			if err != nil {
				return err
			}
			o.Log = log
			var ch *load.ClickHouse
			if arc != "" {
				// The warehouse is gone: a private ClickHouse restored from the archive. No config.
				fmt.Fprintf(os.Stderr, "restoring the transcript tables from %s into a private ClickHouse …\n", arc)
				w, err := export.OpenArchive(ctx, arc, "", nil, log)
				if err != nil {
					return err
				}
				defer w.Close()
				fmt.Fprintf(os.Stderr, "restored %d rows from %d Parquet files\n", w.Restored.Rows, w.Restored.Files)
				ch, o.DataSource = w.CH, w.DataSource()
			} else {
				cfg, err := jobs.LoadConfig(g.config)
				if err != nil {
					return err
				}
				if ch, err = jobs.OpenWarehouse(ctx, cfg, log); err != nil {
					return err
				}
				defer ch.Close()
			}
			if bar := newExportBar(); bar != nil {
				o.Progress = bar.update
				defer bar.finish()
			}
			m, err := export.Transcripts(ctx, ch, o)
			if errors.Is(err, export.ErrBadFilter) || errors.Is(err, export.ErrNotEmpty) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "exported %d conversations, %d messages to %s (%s)\n", m.Counts.Conversations, m.Counts.Messages,
				o.Dir, strings.Join(m.Formats, ", "))
			for _, v := range sortedKeys(m.Counts.Vendors) {
				fmt.Fprintf(out, "  %-9s %6d conversations %8d messages\n", v, m.Counts.Vendors[v].Conversations, m.Counts.Vendors[v].Messages)
			}
			fmt.Fprintf(out, "check it with: ccwh export verify %s\n", o.Dir)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&o.Dir, "out", "", "output directory (must not exist or be empty)")
	f.StringVar(&formats, "format", "jsonl,csv,html", "formats: jsonl, csv, html (comma-separated)")
	f.StringVar(&from, "from", "", "conversations started at or after (RFC 3339 or YYYY-MM-DD, UTC)")
	f.StringVar(&to, "to", "", "conversations started before (exclusive)")
	f.StringSliceVar(&sources, "source", nil, "configured source name (repeatable, or comma-separated)")
	f.StringSliceVar(&vendors, "vendor", nil, "vcc, vcc_chat, dixa or chatwoot (repeatable, or comma-separated)")
	f.StringArrayVar(&o.Filter.Conversations, "conversation", nil, "conversation id (repeatable)")
	f.StringVar(&o.Filter.CustomerEmail, "customer-email", "", "customer e-mail (case-insensitive)")
	f.StringVar(&o.Filter.CustomerPhone, "customer-phone", "", "customer phone number (any formatting, with or without country code)")
	f.StringVar(&o.Filter.CustomerID, "customer-id", "", "customer id as the vendor has it")
	f.StringVar(&o.Filter.Agent, "agent", "", "agent id or name")
	f.StringVar(&o.Filter.Queue, "queue", "", "queue id or name (Chatwoot: inbox)")
	f.StringVar(&redact, "redact", "", "redact from message texts: email, phone, card (comma-separated) or all")
	f.StringVar(&arc, "from-archive", "", "read the Parquet archive in this directory instead of the warehouse (no config needed)")
	return c
}

func exportVerifyCmd(_ *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "verify DIR",
		Short: "re-check an export against its manifest.json: fails naming every changed, missing or extra file",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := export.Verify(args[0])
			out := cmd.OutOrStdout()
			for _, p := range res.Problems {
				fmt.Fprintf(out, "FAILED %s\n", p)
			}
			if res.MoreProblems > 0 {
				fmt.Fprintf(out, "FAILED … and %d more\n", res.MoreProblems)
			}
			if err != nil {
				return err
			}
			m := res.Manifest
			fmt.Fprintf(out, "OK %s: %d files, %d bytes, %d conversations, %d messages, exported %s by ccwh %s\n",
				args[0], res.Files, res.Bytes, m.Counts.Conversations, m.Counts.Messages, m.ExportedAt, m.ToolVersion)
			fmt.Fprintf(out, "manifest.json sha256 %s\n", res.ManifestSHA256)
			return nil
		},
	}
}

// usageArgs makes an argument count error a usage error (exit status 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// parseExportRange reads --from/--to (RFC 3339 or YYYY-MM-DD, UTC); either may be empty (open).
func parseExportRange(from, to string) (time.Time, time.Time, error) {
	parse := func(flag, s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.UTC(), nil
		}
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%s: bad time %q (want RFC 3339 or YYYY-MM-DD)", flag, s)
	}
	f, err := parse("--from", from)
	if err != nil {
		return f, f, err
	}
	t, err := parse("--to", to)
	return f, t, err
}

func splitFlags(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// exportBar draws an export's progress on a terminal: conversations done of all, messages.
type exportBar struct{ bar *progressbar.ProgressBar }

func newExportBar() *exportBar {
	if !isatty.IsTerminal(os.Stderr.Fd()) {
		return nil
	}
	return &exportBar{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("export"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)}
}

func (p *exportBar) update(pr export.Progress) {
	if p.bar.GetMax64() != pr.Conversations {
		p.bar.ChangeMax64(pr.Conversations)
	}
	p.bar.Describe(fmt.Sprintf("conversations · %d of %d messages", pr.MessagesDone, pr.Messages))
	_ = p.bar.Set64(pr.ConversationsDone)
}

func (p *exportBar) finish() {
	_ = p.bar.Finish()
	fmt.Fprintln(os.Stderr)
}
