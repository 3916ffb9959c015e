package main

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ccwh/ccwh/jobs/compliance"
)

// subjectFlags are the identifiers of a customer shared by erase and hold add.
type subjectFlags struct {
	email, phone, id, source string
}

func (f *subjectFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.email, "customer-email", "", "the customer's e-mail address")
	c.Flags().StringVar(&f.phone, "customer-phone", "", "the customer's phone number (any notation; national and international forms match)")
	c.Flags().StringVar(&f.id, "customer-id", "", "the vendor's id of the customer (Dixa end user, Chatwoot contact, 8x8 contact or record id)")
	c.Flags().StringVar(&f.source, "source", "", "only data of this configured source (default: every source)")
}

// subject builds the customer of the flags; a usage error when none or a malformed one is given.
func (f *subjectFlags) subject() (compliance.Subject, error) {
	s := compliance.Subject{Source: f.source}
	var errs []error
	if f.email != "" {
		errs = append(errs, s.AddEmail(f.email))
	}
	if f.phone != "" {
		errs = append(errs, s.AddPhone(f.phone))
	}
	if f.id != "" {
		errs = append(errs, s.AddID(f.source, f.id))
	}
	if err := errors.Join(errs...); err != nil {
		return s, usageError{err}
	}
	if s.Empty() {
		return s, usageError{errors.New("give --customer-email, --customer-phone and/or --customer-id")}
	}
	return s, nil
}

func eraseCmd(g *globals) *cobra.Command {
	var sf subjectFlags
	var reason string
	var dryRun bool
	c := &cobra.Command{
		Use:   "erase --customer-email E | --customer-phone P | --customer-id ID [--reason R] [--dry-run]",
		Short: "erase a customer (right to be forgotten) from every table and the Parquet archive",
		Long: `Finds the customer's data in every table (identifiers given, plus those on the customer's own
person records: Dixa end users, Chatwoot contacts, 8x8 campaign records), then:
  - deletes the customer's conversations (transcripts, messages, notes, ratings, activity),
    person records, and rows whose sort key holds the customer's data;
  - blanks the customer columns (NULL / []) of rows that merely mention the customer
    (statistics, call and message logs);
  - replaces the customer's e-mail addresses and phone numbers left in any text with [email]
    and [phone];
  - rewrites every archived Parquet file with such rows (manifests updated: archive verify
    still passes).
The request is recorded in _ccwh_erasures with keyed hashes and counts, never the values, and
later loads filter the customer out. Refused, naming the hold, when any of that data is under a
legal hold (ccwh hold). Several identifiers of one customer may be given together.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := sf.subject()
			if err != nil {
				return err
			}
			_, ch, ar, log, err := g.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ch.Close()
			res, err := compliance.Erase(cmd.Context(), ch, ar, compliance.EraseOptions{Subject: s, Reason: reason, DryRun: dryRun, Log: log})
			if res != nil && (err == nil || !errors.Is(err, compliance.ErrHeld)) {
				printErasure(cmd.OutOrStdout(), res)
			}
			if err != nil {
				return fmt.Errorf("erase: %w", err)
			}
			return nil
		},
	}
	sf.register(c)
	c.Flags().StringVar(&reason, "reason", "", "reason or ticket, recorded in _ccwh_erasures")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be erased; change and record nothing")
	return c
}

func printErasure(w io.Writer, r *compliance.EraseResult) {
	if r.DryRun {
		fmt.Fprintln(w, "DRY RUN: nothing was changed or recorded. The erasure would:")
	} else {
		fmt.Fprintf(w, "erasure %s\n", r.ID)
	}
	fmt.Fprintf(w, "identifiers: %d e-mail, %d phone, %d customer id; conversations: %d\n",
		r.Identifiers["email"], r.Identifiers["phone"], r.Identifiers["customer-id"], r.Conversations)
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tROWS DELETED\tROWS BLANKED\tTEXTS REWRITTEN")
	var d, b, t uint64
	for _, x := range r.Tables {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", x.Table, x.Deleted, x.Blanked, x.Rewritten)
		d, b, t = d+x.Deleted, b+x.Blanked, t+x.Rewritten
	}
	fmt.Fprintf(tw, "total (%d tables)\t%d\t%d\t%d\n", len(r.Tables), d, b, t)
	_ = tw.Flush()
	fmt.Fprintf(w, "archive: %d Parquet files rewritten (%d rows dropped, %d blanked, %d with texts rewritten)\n",
		r.ArchiveFiles, r.ArchiveStats.Dropped, r.ArchiveStats.Blanked, r.ArchiveStats.Rewritten)
}
