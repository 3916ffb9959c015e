package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"text/tabwriter"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/extract/sandbox"
	"github.com/ccwh/ccwh/jobs"
	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/load/localch"
	"github.com/ccwh/ccwh/schema"
)

// open loads the config and connects to the warehouse and the archive.
func (g *globals) open(ctx context.Context) (*jobs.Config, *load.ClickHouse, *load.Archive, zerolog.Logger, error) {
	log, err := g.logger()
	if err != nil {
		return nil, nil, nil, log, err
	}
	cfg, err := jobs.LoadConfig(g.config)
	if err != nil {
		return nil, nil, nil, log, err
	}
	ch, err := jobs.OpenWarehouse(ctx, cfg, log)
	if err != nil {
		return nil, nil, nil, log, err
	}
	ar, err := load.NewArchive(cfg.Archive.Dir)
	if err != nil {
		ch.Close()
		return nil, nil, nil, log, err
	}
	return cfg, ch, ar, log, nil
}

func syncCmd(g *globals) *cobra.Command {
	var from, to string
	var parallel int
	c := &cobra.Command{
		Use:   "sync [source/stream|stream|source ...]",
		Short: "run streams once: the live window from each watermark, or --from/--to as a backfill",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := jobs.SyncOptions{Streams: args, Parallel: parallel}
			var err error
			if opts.From, opts.To, err = jobs.ParseRange(from, to); err != nil {
				return usageError{err}
			}
			cfg, ch, ar, log, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			if bar := newProgressBar(); bar != nil {
				opts.Progress = bar.update
				defer bar.finish()
			}
			rep, err := jobs.NewRunner(cfg, ch, ar, nil, log).Sync(cmd.Context(), opts)
			if rep != nil {
				printReport(cmd.OutOrStdout(), rep)
			}
			return err
		},
	}
	c.Flags().StringVar(&from, "from", "", "backfill start (RFC 3339 or YYYY-MM-DD, UTC)")
	c.Flags().StringVar(&to, "to", "", "backfill end, exclusive")
	c.Flags().IntVar(&parallel, "parallel", 2, "backfill windows run at once")
	return c
}

func printReport(out interface{ Write([]byte) (int, error) }, rep *jobs.Report) {
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "run %s\nSOURCE\tSTREAM\tWINDOW\tPAGES\tROWS\tTOOK\tSTATUS\n", rep.RunID)
	for _, w := range rep.Windows {
		status := "ok"
		if w.Err != nil {
			status = "FAILED"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", w.Source, w.Stream, jobs.WindowLabel(w.Window), w.Pages, w.Rows, w.Duration.Round(time.Millisecond), status)
	}
	tw.Flush()
}

func migrateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "create the database and every table for the connected server's version (idempotent)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := g.logger()
			if err != nil {
				return err
			}
			cfg, err := jobs.LoadConfig(g.config)
			if err != nil {
				return err
			}
			ch, err := jobs.OpenWarehouse(cmd.Context(), cfg, log)
			if err != nil {
				return err
			}
			defer ch.Close()
			if err := jobs.Migrate(cmd.Context(), cfg, ch, log); err != nil { // schema + retention TTLs
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "schema version %d is current in %s (ClickHouse %s)\n",
				schema.Version, ch.Database(), ch.Capabilities().Version)
			return nil
		},
	}
}

func schemaCmd(_ *globals) *cobra.Command {
	var version, db string
	var cl schema.Cluster
	ddl := &cobra.Command{
		Use:   "ddl [table ...]",
		Short: "print the CREATE statements for a ClickHouse server version",
		RunE: func(cmd *cobra.Command, args []string) error {
			caps, err := schema.CapabilitiesFor(version)
			if err != nil {
				return usageError{err}
			}
			tables := append(schema.InternalTables(), schema.Tables()...)
			if len(args) > 0 {
				tables = tables[:0]
				for _, a := range args {
					t, err := schema.Lookup(a)
					if err != nil {
						return usageError{err}
					}
					tables = append(tables, t)
				}
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "-- ccwh schema version %d for ClickHouse %s\n", schema.Version, caps.Version)
			for k, v := range caps.Settings() {
				fmt.Fprintf(out, "SET %s = %v;\n", k, v)
			}
			if !cl.Enabled() {
				fmt.Fprintf(out, "%s;\n\n", schema.CreateDatabase(db))
				for _, t := range tables {
					fmt.Fprintf(out, "%s;\n\n", t.CreateTable(db, caps))
				}
				return nil
			}
			if err := cl.Validate(); err != nil {
				return usageError{err}
			}
			fmt.Fprintf(out, "%s;\n\n", cl.CreateDatabase(db))
			for _, t := range tables {
				for _, q := range cl.CreateTables(t, db, caps) {
					fmt.Fprintf(out, "%s;\n\n", q)
				}
			}
			return nil
		},
	}
	ddl.Flags().StringVar(&version, "server-version", "24.8", "ClickHouse server version to render for, e.g. 18.16 or 24.8")
	ddl.Flags().StringVar(&db, "database", "ccwh", "database name")
	ddl.Flags().StringVar(&cl.Name, "cluster", "", "render cluster-mode DDL (local tables + Distributed) for this cluster")
	ddl.Flags().BoolVar(&cl.Replicated, "replicated", true, "with --cluster: ReplicatedReplacingMergeTree and ON CLUSTER")
	c := &cobra.Command{Use: "schema", Short: "inspect the warehouse schema"}
	c.AddCommand(ddl)
	return c
}

func configCmd(g *globals) *cobra.Command {
	check := &cobra.Command{
		Use:   "check",
		Short: "validate the config file without touching the network",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := jobs.LoadConfig(g.config)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%s is valid: warehouse %s/%s, archive %s\n", g.config,
				cfg.Warehouse.ClickHouse.Addr, cfg.Warehouse.ClickHouse.Database, cfg.Archive.Dir)
			tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SOURCE\tKIND\tSTREAM\tSCHEDULE (UTC)\tNEXT\tWINDOW\tLAG\tOVERLAP")
			for _, s := range cfg.Sources {
				for _, st := range s.StreamNames() {
					sc := s.Streams[st]
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.Kind, st, sc.Schedule,
						sc.Next(time.Now()).Format(time.RFC3339), sc.Window.D(), sc.Lag.D(), sc.Overlap.D())
				}
			}
			return tw.Flush()
		},
	}
	c := &cobra.Command{Use: "config", Short: "work with the config file"}
	c.AddCommand(check)
	return c
}

func sandboxCmd(g *globals) *cobra.Command {
	var o sandbox.Options
	var addr string
	c := &cobra.Command{
		Use:   "sandbox",
		Short: "serve the simulated vendor APIs (deterministic synthetic data) for demos and tests",
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := g.logger()
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "sandbox on http://%s (tenant %q); Ctrl-C stops it\n", addr, o.Tenant)
			return sandbox.ListenAndServe(cmd.Context(), addr, o, log)
		},
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8088", "listen address")
	c.Flags().Int64Var(&o.Seed, "seed", 1, "data seed")
	c.Flags().IntVar(&o.Scale, "scale", 1, "data volume multiplier")
	c.Flags().StringVar(&o.Tenant, "tenant", "acme", "accepted tenant name")
	c.Flags().StringVar(&o.Token, "token", "sandbox-token", "accepted token")
	return c
}

func demoCmd(g *globals) *cobra.Command {
	o := jobs.DemoOptions{}
	c := &cobra.Command{
		Use:   "demo",
		Short: "private ClickHouse + sandbox + migrate + sync every stream, then show what landed",
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := g.logger()
			if err != nil {
				return err
			}
			o.Out = cmd.OutOrStdout()
			return jobs.Demo(cmd.Context(), o, log)
		},
	}
	c.Flags().StringVar(&o.Dir, "dir", "./var/demo", "working directory (ClickHouse data, archive, config)")
	c.Flags().IntVar(&o.Scale, "scale", 4, "sandbox data volume multiplier")
	c.Flags().IntVar(&o.Days, "days", 3, "days of history to sync")
	c.Flags().BoolVar(&o.Keep, "keep", false, "keep ClickHouse and the sandbox running until Ctrl-C")
	return c
}

// devCmd holds developer helpers used by the Makefile.
func devCmd(g *globals) *cobra.Command {
	install := &cobra.Command{
		Use:   "install-clickhouse",
		Short: "install Debian's clickhouse-server and clickhouse-client when they are missing",
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, err := g.logger()
			if err != nil {
				return err
			}
			return localch.EnsureInstalled(cmd.Context(), log)
		},
	}
	chromium := &cobra.Command{
		Use:   "install-chromium",
		Short: "install Debian's chromium (the status page test drives it headless) when it is missing",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := exec.LookPath("chromium"); err == nil {
				return nil
			}
			return aptInstall(cmd.Context(), "chromium")
		},
	}
	c := &cobra.Command{Use: "dev", Short: "developer helpers", Hidden: true}
	c.AddCommand(install, chromium)
	return c
}

// aptInstall installs Debian packages, refreshing the package lists once if the first try fails.
func aptInstall(ctx context.Context, pkgs ...string) error {
	args := append([]string{"install", "-y", "--no-install-recommends"}, pkgs...)
	run := func(a ...string) error {
		c := exec.CommandContext(ctx, "apt-get", a...)
		c.Stdout, c.Stderr = os.Stderr, os.Stderr
		c.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		return c.Run()
	}
	if err := run(args...); err == nil {
		return nil
	}
	if err := run("update"); err != nil {
		return fmt.Errorf("apt-get update: %w", err)
	}
	if err := run(args...); err != nil {
		return fmt.Errorf("apt-get install %v: %w", pkgs, err)
	}
	return nil
}

func ingestCmd(g *globals) *cobra.Command {
	o := jobs.IngestOptions{}
	var format string
	var memoryMiB int64
	c := &cobra.Command{
		Use:   "ingest --stream KIND/STREAM --format xml|json|csv FILE...",
		Short: "load files downloaded by hand (e.g. an 8x8 CSV report) through the same decode, archive and load path",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := schema.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			o.Format, o.Files = f, args
			// Memory is bounded by a few batches whatever the file size; the soft limit makes the
			// GC collect before the heap doubles, which keeps peak RSS under 256 MiB.
			if _, set := os.LookupEnv("GOMEMLIMIT"); !set && memoryMiB > 0 {
				debug.SetMemoryLimit(memoryMiB << 20)
			}
			cfg, ch, ar, log, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			rep, err := jobs.NewRunner(cfg, ch, ar, nil, log).Ingest(cmd.Context(), o)
			if rep != nil {
				printReport(cmd.OutOrStdout(), rep)
			}
			return err
		},
	}
	c.Flags().StringVar(&o.Stream, "stream", "", "KIND/STREAM whose table and layout the files have, e.g. 8x8-vcc/interactions")
	c.Flags().StringVar(&format, "format", "csv", "xml, json or csv")
	c.Flags().StringVar(&o.Source, "source", "ingest", "the _source the rows get")
	c.Flags().IntVar(&o.BatchRows, "batch-rows", 20000, "rows per batch and Parquet file")
	c.Flags().Int64Var(&memoryMiB, "memory-limit", 192, "soft limit of the Go heap in MiB (0: none; GOMEMLIMIT overrides)")
	_ = c.MarkFlagRequired("stream")
	return c
}
