package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func exportCmd(_ *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "export",
		Short:  "not implemented yet",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("export: not implemented yet") },
	}
}
