package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs"
)

func runCmd(g *globals) *cobra.Command {
	var listen string
	c := &cobra.Command{
		Use:   "run",
		Short: "the daemon: every stream on its schedule, plus /healthz, /readyz, /metrics and a status page",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, ch, ar, log, err := g.open(ctx)
			if err != nil {
				return err
			}
			defer ch.Close()
			if err := jobs.Migrate(ctx, cfg, ch, log); err != nil { // schema + retention TTLs
				return err
			}
			if listen != "" {
				cfg.Daemon.Listen = listen
			}
			reg := prometheus.NewRegistry()
			reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
			metrics := jobs.NewMetrics(reg)

			var current atomic.Pointer[jobs.Runner]
			runner := jobs.NewRunner(cfg, ch, ar, metrics, log)
			current.Store(runner)
			daemon, err := jobs.NewDaemon(cfg, runner, log)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", cfg.Daemon.Listen)
			if err != nil {
				return fmt.Errorf("ops surface: %w", err)
			}
			srv := &http.Server{Handler: jobs.OpsHandler(current.Load, reg, cfg.Daemon.Token), ReadHeaderTimeout: 10 * time.Second}
			go func() { _ = srv.Serve(ln) }()
			log.Info().Str("addr", "http://"+ln.Addr().String()).Msg("status page, /metrics, /healthz and /readyz")
			daemon.Start()

			hup := make(chan os.Signal, 1)
			signal.Notify(hup, syscall.SIGHUP)
			defer signal.Stop(hup)
			for {
				select {
				case <-hup:
					// Reload: validate first, keep running the old config when the new one is bad.
					next, err := jobs.LoadConfig(g.config)
					if err != nil {
						log.Error().Err(err).Msg("SIGHUP: config not reloaded, still running the previous one")
						continue
					}
					if !next.Warehouse.Equal(cfg.Warehouse) || next.Archive != cfg.Archive || next.Daemon != cfg.Daemon {
						log.Warn().Msg("SIGHUP: warehouse, archive and daemon settings change only on restart; reloading sources")
						next.Warehouse, next.Archive, next.Daemon = cfg.Warehouse, cfg.Archive, cfg.Daemon
					}
					if err := daemon.Shutdown(cfg.Daemon.ShutdownGrace.D()); err != nil {
						log.Warn().Err(err).Msg("SIGHUP")
					}
					cfg, runner = next, jobs.NewRunner(next, ch, ar, metrics, log)
					if daemon, err = jobs.NewDaemon(cfg, runner, log); err != nil {
						return err
					}
					current.Store(runner)
					daemon.Start()
					log.Info().Int("sources", len(cfg.Sources)).Msg("SIGHUP: config reloaded")
				case <-ctx.Done():
					log.Info().Dur("grace", cfg.Daemon.ShutdownGrace.D()).Msg("stopping: no new ticks, waiting for running windows")
					derr := daemon.Shutdown(cfg.Daemon.ShutdownGrace.D())
					sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer cancel()
					return errors.Join(derr, srv.Shutdown(sctx))
				}
			}
		},
	}
	c.Flags().StringVar(&listen, "listen", "", "ops address (overrides daemon.listen; default 127.0.0.1:8089)")
	return c
}

func jobsCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "jobs",
		Short: "every stream's schedule, next tick, watermark, lag and last run",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, ch, ar, log, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			r := jobs.NewRunner(cfg, ch, ar, nil, log)
			sts, err := r.Status(cmd.Context())
			if err != nil {
				return err
			}
			printStatus(cmd.OutOrStdout(), sts)
			return nil
		},
	}
}

func printStatus(out interface{ Write([]byte) (int, error) }, sts []jobs.StreamStatus) {
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSTREAM\tSCHEDULE\tNEXT TICK\tWATERMARK\tLAG\tLAST RUN\tTOOK\tROWS")
	for _, s := range sts {
		last := s.LastStatus
		if last == "" {
			last = "never ran"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", s.Source, s.Stream, s.Schedule, s.Next.Format("2006-01-02 15:04Z"),
			tsOrDash(s.Watermark), durOrDash(s.Lag.Round(time.Second)), last, durOrDash(s.LastDuration.Round(time.Millisecond)), s.LastRows)
	}
	tw.Flush()
	for _, s := range sts {
		if s.LastStatus == "failed" {
			fmt.Fprintf(out, "\n%s/%s last failed: %s\n", s.Source, s.Stream, s.LastError)
		}
	}
}

func tsOrDash(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04:05Z")
}

func durOrDash(d time.Duration) string {
	if d <= 0 {
		return "—"
	}
	return d.String()
}
