package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func holdCmd(_ *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "hold",
		Short:  "not implemented yet",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("hold: not implemented yet") },
	}
}
