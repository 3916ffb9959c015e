package export

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// Filter selects the conversations of an export. Every set field narrows the selection (AND);
// lists match any of their values (OR). The zero Filter selects every conversation.
type Filter struct {
	// From and To bound the conversation's start (started_at): From <= start < To, UTC; a zero
	// bound is open. A conversation whose start is unknown is left out when either is set.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// Sources are configured source names (_source); Vendors are transcripts_unified vendors
	// (vcc, vcc_chat, dixa, chatwoot).
	Sources []string `json:"sources,omitempty"`
	Vendors []string `json:"vendors,omitempty"`
	// Conversations are vendor conversation ids (transcripts_unified.conversation_id).
	Conversations []string `json:"conversations,omitempty"`
	// CustomerEmail matches customer_email case-insensitively; CustomerPhone matches
	// customer_phone as a number (digits only, with or without country code, see
	// transform.PhoneMatch); CustomerID matches customer_id exactly.
	CustomerEmail string `json:"customer_email,omitempty"`
	CustomerPhone string `json:"customer_phone,omitempty"`
	CustomerID    string `json:"customer_id,omitempty"`
	// Agent matches agent_id or agent_name exactly; Queue matches queue_id or queue (the name).
	Agent string `json:"agent,omitempty"`
	Queue string `json:"queue,omitempty"`
}

// Validate reports a filter that cannot select anything sensible.
func (f Filter) Validate() error {
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return fmt.Errorf("%w: from %s is not before to %s", ErrBadFilter, f.From.Format(time.RFC3339), f.To.Format(time.RFC3339))
	}
	known := []string{schema.VendorVCC, schema.VendorVCCChat, schema.VendorDixa, schema.VendorChatwoot}
	for _, v := range f.Vendors {
		if !slices.Contains(known, v) {
			return fmt.Errorf("%w: unknown vendor %q (one of %s)", ErrBadFilter, v, strings.Join(known, ", "))
		}
	}
	if f.CustomerPhone != "" && transform.NormalizePhone(f.CustomerPhone) == "" {
		return fmt.Errorf("%w: customer phone %q has no digits", ErrBadFilter, f.CustomerPhone)
	}
	if f.CustomerEmail != "" && transform.NormalizeEmail(f.CustomerEmail) == "" {
		return fmt.Errorf("%w: empty customer e-mail", ErrBadFilter)
	}
	return nil
}

// where renders the filter as a WHERE clause over transcripts_unified (empty when it selects
// everything) and its arguments, bound by the driver. Values never enter the SQL text.
func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if !f.From.IsZero() {
		conds = append(conds, "started_at >= toDateTime(?, 'UTC')")
		args = append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		// Whole seconds: DateTime on 18.16; a To with a fraction still excludes its second's start.
		to := f.To.Unix()
		if f.To.Nanosecond() != 0 {
			to++
		}
		conds = append(conds, "started_at < toDateTime(?, 'UTC')")
		args = append(args, to)
	}
	in("source", f.Sources)
	in("vendor", f.Vendors)
	in("conversation_id", f.Conversations)
	if f.CustomerEmail != "" {
		conds = append(conds, "lowerUTF8(customer_email) = ?")
		args = append(args, transform.NormalizeEmail(f.CustomerEmail))
	}
	if f.CustomerPhone != "" {
		// transform.NormalizePhone and transform.PhoneMatch in SQL: digits without leading zeros,
		// equal, or one the other with at most 3 digits of country code in front (7+ digits).
		p := transform.NormalizePhone(f.CustomerPhone)
		d := "replaceRegexpOne(replaceRegexpAll(ifNull(customer_phone, ''), '[^0-9]', ''), '^0+', '')"
		conds = append(conds, fmt.Sprintf("(%[1]s = ? OR (length(?) >= 7 AND length(%[1]s) > length(?) AND length(%[1]s) - length(?) <= 3 AND endsWith(%[1]s, ?))"+
			" OR (length(%[1]s) >= 7 AND length(?) > length(%[1]s) AND length(?) - length(%[1]s) <= 3 AND endsWith(?, %[1]s)))", d))
		args = append(args, p, p, p, p, p, p, p, p)
	}
	if f.CustomerID != "" {
		conds = append(conds, "customer_id = ?")
		args = append(args, f.CustomerID)
	}
	if f.Agent != "" {
		conds = append(conds, "(agent_id = ? OR agent_name = ?)")
		args = append(args, f.Agent, f.Agent)
	}
	if f.Queue != "" {
		conds = append(conds, "(queue_id = ? OR queue = ?)")
		args = append(args, f.Queue, f.Queue)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, "\n  AND "), args
}
