package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func eraseCmd(_ *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "erase",
		Short:  "not implemented yet",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("erase: not implemented yet") },
	}
}
