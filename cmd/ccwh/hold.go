package main

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs/compliance"
)

func holdCmd(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "hold",
		Short: "legal holds: data that retention and erasure must keep",
		Long: `A legal hold keeps a customer's data (by e-mail, phone or customer id: the rows that identify
the customer and every row of the customer's conversations) or one conversation (its rows in
every table) from retention and erasure; an erasure of held data is refused with the hold's id
and reason. Holds are kept in _ccwh_holds with their value in clear: applying a hold needs it.`,
	}
	c.AddCommand(holdAddCmd(g), holdRemoveCmd(g), holdListCmd(g))
	return c
}

func holdAddCmd(g *globals) *cobra.Command {
	var sf subjectFlags
	var conversation, reason string
	c := &cobra.Command{
		Use:   "add --customer-email E | --customer-phone P | --customer-id ID | --conversation ID [--source S] [--reason R]",
		Short: "put a customer's or a conversation's data on legal hold",
		RunE: func(cmd *cobra.Command, _ []string) error {
			kind, value := "", ""
			n := 0
			for _, f := range []struct{ k, v string }{{compliance.HoldEmail, sf.email}, {compliance.HoldPhone, sf.phone},
				{compliance.HoldCustomerID, sf.id}, {compliance.HoldConversation, conversation}} {
				if f.v != "" {
					kind, value, n = f.k, f.v, n+1
				}
			}
			if n != 1 {
				return usageError{errors.New("give exactly one of --customer-email, --customer-phone, --customer-id, --conversation")}
			}
			h, err := compliance.NewHold(kind, value, sf.source, reason)
			if err != nil {
				return usageError{err}
			}
			_, ch, _, _, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			hasher, err := compliance.LoadHasher(cmd.Context(), ch)
			if err != nil {
				return err
			}
			if h, err = compliance.AddHold(cmd.Context(), ch, hasher, h); err != nil {
				return fmt.Errorf("hold add: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "added %s\n", h.Describe())
			return nil
		},
	}
	sf.register(c)
	c.Flags().StringVar(&conversation, "conversation", "", "a conversation id (with --source when ids may repeat across sources)")
	c.Flags().StringVar(&reason, "reason", "", "why the data is held (case, ticket)")
	return c
}

func holdRemoveCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "remove HOLD_ID",
		Short: "end a legal hold (its record stays, with the time it was removed)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, ch, _, _, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			hasher, err := compliance.LoadHasher(cmd.Context(), ch)
			if err != nil {
				return err
			}
			h, err := compliance.RemoveHold(cmd.Context(), ch, hasher, args[0])
			if err != nil {
				return fmt.Errorf("hold remove: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "removed %s\n", h.Describe())
			return nil
		},
	}
}

func holdListCmd(g *globals) *cobra.Command {
	var all bool
	c := &cobra.Command{
		Use:   "list [--all]",
		Short: "list the active legal holds (--all: removed ones too)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, ch, _, _, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			holds, err := compliance.ListHolds(cmd.Context(), ch, all)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 2, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tVALUE\tSOURCE\tREASON\tCREATED\tREMOVED")
			for _, h := range holds {
				removed := "—"
				if !h.Active() {
					removed = h.RemovedAt.Format(time.RFC3339)
				}
				src := h.Source
				if src == "" {
					src = "*"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.ID, h.Kind, h.Value, src, h.Reason, h.CreatedAt.Format(time.RFC3339), removed)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&all, "all", false, "include removed holds")
	return c
}
