// Command ccwh is the contact-center warehouse: it pulls 8x8, Dixa and Chatwoot data into
// ClickHouse and a Parquet archive. This package only reads flags and config and wires.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot()
	if err := root.ExecuteContext(ctx); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "ccwh:", err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "ccwh:", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

type globals struct {
	config     string
	logLevel   string
	logFormat  string
	cpuProfile string
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:           "ccwh",
		Short:         "the contact-center warehouse: 8x8, Dixa and Chatwoot into ClickHouse and Parquet",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVarP(&g.config, "config", "c", envOr("CCWH_CONFIG", "ccwh.yaml"), "config file (env CCWH_CONFIG)")
	pf.StringVar(&g.logLevel, "log-level", "info", "debug, info, warn or error")
	pf.StringVar(&g.logFormat, "log-format", "auto", "auto (console on a terminal, else JSON), console or json")
	pf.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file")
	_ = pf.MarkHidden("cpuprofile")
	var profile *os.File
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.cpuProfile == "" {
			return nil
		}
		var err error
		if profile, err = os.Create(g.cpuProfile); err != nil {
			return err
		}
		return pprof.StartCPUProfile(profile)
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if profile != nil {
			pprof.StopCPUProfile()
			profile.Close()
		}
	}
	root.AddCommand(runCmd(g), jobsCmd(g), syncCmd(g), ingestCmd(g), migrateCmd(g), schemaCmd(g), configCmd(g), sandboxCmd(g), demoCmd(g), devCmd(g),
		exportCmd(g), eraseCmd(g), holdCmd(g), archiveCmd(g), retentionCmd(g))
	return root
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
