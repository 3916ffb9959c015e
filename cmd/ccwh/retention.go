package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs"
)

func retentionCmd(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "retention",
		Short: "apply the configured retention (legal holds respected)",
	}
	var dryRun bool
	var tables []string
	run := &cobra.Command{
		Use:   "run [--dry-run] [--table T ...]",
		Short: "drop expired partitions and rows, prune the Parquet archive; held data is kept",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, ch, ar, log, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			if !cfg.Retention.Enabled() {
				return usageError{fmt.Errorf("retention: the config %s has no retention.tables", g.config)}
			}
			for _, t := range tables {
				if _, ok := cfg.Retention.Rule(t); !ok {
					return usageError{fmt.Errorf("retention: table %s has no retention in %s", t, g.config)}
				}
			}
			rep, err := jobs.NewRetention(cfg, ch, ar, nil, log).Run(cmd.Context(), jobs.RetentionOptions{DryRun: dryRun, Tables: tables})
			if rep != nil {
				printRetention(cmd.OutOrStdout(), rep)
			}
			return err
		},
	}
	run.Flags().BoolVar(&dryRun, "dry-run", false, "report what would be removed; change nothing")
	run.Flags().StringSliceVar(&tables, "table", nil, "only this configured table (repeatable)")
	c.AddCommand(run)
	return c
}

func printRetention(out io.Writer, rep *jobs.RetentionReport) {
	dry := ""
	if rep.DryRun {
		dry = " (dry run: nothing changed)"
	}
	fmt.Fprintf(out, "retention run %s%s; %d active legal hold(s)\n", rep.RunID, dry, rep.Holds)
	for _, s := range rep.TTLChanges {
		fmt.Fprintf(out, "ttl: %s\n", s)
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tKEEP\tCUTOFF\tMODE\tPARTITIONS DROPPED\tROWS DELETED\tROWS KEPT BY HOLD\tFILES REMOVED\tFILES KEPT BY HOLD\tFILES KEPT (YOUNG ROWS)\tFILES KEPT (RECENT)\tSTATUS")
	for _, t := range rep.Tables {
		status := "ok"
		if t.Err != nil {
			status = "FAILED"
		}
		fmt.Fprintf(tw, "%s\t%dd\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", t.Table, t.Days, t.Cutoff.Format(time.DateTime+"Z"), t.Mode,
			t.PartitionsDropped, t.RowsDeleted, t.RowsHeld, t.ArchiveFilesRemoved, t.ArchiveFilesHeld, t.ArchiveFilesYoung, t.ArchiveFilesRecent, status)
	}
	tw.Flush()
	if rep.Err != nil {
		fmt.Fprintf(out, "\nfailed: %s\n", strings.ReplaceAll(rep.Err.Error(), "\n", "; "))
	}
	for _, t := range rep.Failed() {
		fmt.Fprintf(out, "\n%s failed: %s\n", t.Table, strings.ReplaceAll(t.Err.Error(), "\n", "; "))
	}
}
