package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func archiveCmd(_ *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "archive",
		Short:  "not implemented yet",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("archive: not implemented yet") },
	}
}
