package compliance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// Hold kinds.
const (
	HoldEmail        = "customer-email"
	HoldPhone        = "customer-phone"
	HoldCustomerID   = "customer-id"
	HoldConversation = "conversation"
)

// Hold is a legal hold: data that retention and erasure must keep. Its Value is kept in clear
// (normalized: a lower-case e-mail, phone digits, an id as given) because applying the hold
// needs it.
type Hold struct {
	ID        string
	Kind      string // HoldEmail, HoldPhone, HoldCustomerID or HoldConversation
	Value     string
	Source    string // limits the hold to one configured source; "" = every source
	Reason    string
	CreatedAt time.Time
	RemovedAt time.Time // zero while the hold is active
	version   uint64
}

// Active reports whether the hold is in force.
func (h Hold) Active() bool { return h.RemovedAt.IsZero() }

// Describe names the hold for messages: id, what it holds and why.
func (h Hold) Describe() string {
	s := fmt.Sprintf("hold %s (%s", h.ID, h.Kind)
	if h.Source != "" {
		s += " in source " + h.Source
	}
	s += ")"
	if h.Reason != "" {
		s += fmt.Sprintf(", reason %q", h.Reason)
	}
	return s
}

// subject is the customer a customer hold is about.
func (h Hold) subject() (Subject, error) {
	s := Subject{Source: h.Source}
	var err error
	switch h.Kind {
	case HoldEmail:
		err = s.AddEmail(h.Value)
	case HoldPhone:
		err = s.AddPhone(h.Value)
	case HoldCustomerID:
		err = s.AddID(h.Source, h.Value)
	default:
		err = fmt.Errorf("%w: hold kind %s has no customer", ErrBadSubject, h.Kind)
	}
	return s, err
}

// NewHold validates and normalizes a hold to add.
func NewHold(kind, value, source, reason string) (Hold, error) {
	h := Hold{Kind: kind, Source: strings.TrimSpace(source), Reason: strings.TrimSpace(reason)}
	switch kind {
	case HoldEmail, HoldPhone, HoldCustomerID:
		h.Value = value
		s, err := h.subject()
		if err != nil {
			return h, err
		}
		switch {
		case len(s.Emails) > 0:
			h.Value = s.Emails[0]
		case len(s.Phones) > 0:
			h.Value = s.Phones[0]
		default:
			h.Value = s.IDs[0].Value
		}
	case HoldConversation:
		if h.Value = strings.TrimSpace(value); h.Value == "" {
			return h, fmt.Errorf("%w: empty conversation id", ErrBadSubject)
		}
	default:
		return h, fmt.Errorf("%w: unknown hold kind %q", ErrBadSubject, kind)
	}
	return h, nil
}

// AddHold records a new hold (see NewHold) and returns it with its id.
func AddHold(ctx context.Context, ch *load.ClickHouse, hs *Hasher, h Hold) (Hold, error) {
	h, err := NewHold(h.Kind, h.Value, h.Source, h.Reason)
	if err != nil {
		return h, err
	}
	h.ID, h.CreatedAt, h.version = newID("h-"), time.Now().UTC().Truncate(time.Second), 1
	if err := writeHold(ctx, ch, hs, h); err != nil {
		return h, err
	}
	return h, nil
}

// RemoveHold ends an active hold; its row stays with removed_at set.
func RemoveHold(ctx context.Context, ch *load.ClickHouse, hs *Hasher, id string) (Hold, error) {
	all, err := ListHolds(ctx, ch, true)
	if err != nil {
		return Hold{}, err
	}
	for _, h := range all {
		if h.ID != id || !h.Active() {
			continue
		}
		h.RemovedAt, h.version = time.Now().UTC().Truncate(time.Second), h.version+1
		if !h.RemovedAt.After(h.CreatedAt) {
			h.RemovedAt = h.CreatedAt.Add(time.Second)
		}
		return h, writeHold(ctx, ch, hs, h)
	}
	return Hold{}, fmt.Errorf("compliance: remove hold %s: %w", id, ErrNoHold)
}

func writeHold(ctx context.Context, ch *load.ClickHouse, hs *Hasher, h Hold) error {
	var removed any
	if !h.RemovedAt.IsZero() {
		removed = h.RemovedAt
	}
	row := []any{h.ID, h.Kind, h.Value, hs.Hash(h.Kind, h.Value), h.Source, h.Reason, h.CreatedAt, removed, h.version}
	if err := ch.InsertRows(ctx, schema.Holds, [][]any{row}); err != nil {
		return fmt.Errorf("compliance: write hold %s: %w", h.ID, err)
	}
	return nil
}

// ListHolds reads the holds, the active ones only unless all, oldest first.
func ListHolds(ctx context.Context, ch *load.ClickHouse, all bool) ([]Hold, error) {
	q := fmt.Sprintf(`SELECT hold_id, argMax(kind, version), argMax(value, version), argMax(source, version),
		argMax(reason, version), argMax(created_at, version) AS hold_created, argMax(removed_at, version), max(version)
		FROM %s GROUP BY hold_id ORDER BY hold_created, hold_id`, tableRef(ch, schema.Holds))
	rows, err := ch.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("compliance: read holds: %w", err)
	}
	defer rows.Close()
	var out []Hold
	for rows.Next() {
		var h Hold
		var kind, value, source, reason *string
		var removed *time.Time
		if err := rows.Scan(&h.ID, &kind, &value, &source, &reason, &h.CreatedAt, &removed, &h.version); err != nil {
			return nil, fmt.Errorf("compliance: read holds: %w", err)
		}
		h.Kind, h.Value, h.Source, h.Reason = deref(kind), deref(value), deref(source), deref(reason)
		if removed != nil && !removed.IsZero() {
			h.RemovedAt = removed.UTC()
		}
		h.CreatedAt = h.CreatedAt.UTC()
		if all || h.Active() {
			out = append(out, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compliance: read holds: %w", err)
	}
	return out, nil
}

// ActiveHolds lists the holds in force, oldest first.
func ActiveHolds(ctx context.Context, ch *load.ClickHouse) ([]Hold, error) {
	return ListHolds(ctx, ch, false)
}

// HeldCondition returns a ClickHouse boolean expression over t's columns that is true for the
// rows of t under an active legal hold ("0" when no hold applies to t), and the arguments of
// its ? placeholders. A customer hold covers the rows whose identifier columns identify the
// customer (as erasure would find them, following the customer's person records) and every
// row of the customer's conversations; a conversation hold covers the conversation's rows in
// every table with a ConversationColumn. The expression names the matching values found now:
// compute it again for each use. Callers holding several tables should use LoadHolds once.
func HeldCondition(ctx context.Context, ch *load.ClickHouse, t *schema.Table) (string, []any, error) {
	hs, err := LoadHolds(ctx, ch)
	if err != nil {
		return "", nil, err
	}
	c, args := hs.Condition(t)
	return c, args, nil
}

// HoldSet is the active holds, each resolved to its rows' conditions.
type HoldSet struct {
	holds []resolvedHold
}

type resolvedHold struct {
	Hold
	res   *Resolution                // customer holds
	convs map[string]map[string]bool // conversation holds: source ("" = any) → ids
}

// LoadHolds reads and resolves the active holds.
func LoadHolds(ctx context.Context, ch *load.ClickHouse) (*HoldSet, error) {
	holds, err := ActiveHolds(ctx, ch)
	if err != nil {
		return nil, err
	}
	// Resolution hashes only to match in memory; a throwaway key keeps _ccwh_keys untouched.
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("compliance: %w", err)
	}
	hasher := NewHasher(key)
	set := &HoldSet{}
	for _, h := range holds {
		rh := resolvedHold{Hold: h}
		if h.Kind == HoldConversation {
			rh.convs = map[string]map[string]bool{h.Source: {h.Value: true}}
		} else {
			s, err := h.subject()
			if err != nil {
				return nil, fmt.Errorf("compliance: %s: %w", h.Describe(), err)
			}
			if rh.res, err = Resolve(ctx, ch, hasher, s, true); err != nil {
				return nil, fmt.Errorf("compliance: resolve %s: %w", h.Describe(), err)
			}
		}
		set.holds = append(set.holds, rh)
	}
	return set, nil
}

// Holds lists the active holds of the set.
func (hs *HoldSet) Holds() []Hold {
	out := make([]Hold, len(hs.holds))
	for i, h := range hs.holds {
		out[i] = h.Hold
	}
	return out
}

// Condition is HeldCondition for the set: true for rows of t under any of its holds.
func (hs *HoldSet) Condition(t *schema.Table) (string, []any) {
	var c cond
	for i := range hs.holds {
		hc := hs.holds[i].cond(t)
		c.or(hc.sql, hc.args...)
	}
	if c.sql == "" {
		return "0", nil
	}
	return c.sql, c.args
}

// cond is the condition of one hold over t.
func (h *resolvedHold) cond(t *schema.Table) cond {
	if h.res == nil {
		return convSetCond(t, h.convs)
	}
	c := h.res.identCond(t)
	cc := h.res.convCond(t)
	c.or(cc.sql, cc.args...)
	return c
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// newID returns prefix + a UTC timestamp + random hex, e.g. h-20260301T101500-3f9a1c.
func newID(prefix string) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return prefix + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}
