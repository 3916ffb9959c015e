package compliance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ccwh/ccwh/transform"
)

// Subject is the customer an erasure or a hold is about: one or more identifiers of the same
// person, optionally limited to one configured source.
type Subject struct {
	Emails []string // normalized (transform.NormalizeEmail)
	Phones []string // normalized digits (transform.NormalizePhone), 7–15 of them
	IDs    []ID     // the vendors' customer ids
	Source string   // when set, only rows of this configured source (_source) are concerned
}

// ID is a vendor's customer id; Source "" means an id of any source.
type ID struct{ Source, Value string }

// Hash kinds: the first argument of Hasher.Hash and the prefix of stored subject hashes.
const (
	kindEmail        = "email"
	kindPhone        = "phone"
	kindPhoneSuffix  = "phone-suffix" // stored only: a subject phone without 1–3 leading digits
	kindCustomerID   = "customer-id"
	kindConversation = "conversation"
)

// minPhoneDigits is the shortest phone number accepted as a subject: PhoneMatch relates
// numbers of at least 7 digits.
const minPhoneDigits = 7

// AddEmail adds a customer e-mail address.
func (s *Subject) AddEmail(v string) error {
	e := transform.NormalizeEmail(v)
	if at := strings.IndexByte(e, '@'); at <= 0 || at == len(e)-1 || strings.ContainsAny(e, " \t\r\n") {
		return fmt.Errorf("%w: %q is not an e-mail address", ErrBadSubject, v)
	}
	if !slices.Contains(s.Emails, e) {
		s.Emails = append(s.Emails, e)
	}
	return nil
}

// AddPhone adds a customer phone number in any common notation.
func (s *Subject) AddPhone(v string) error {
	p := transform.NormalizePhone(v)
	if len(p) < minPhoneDigits || len(p) > 15 {
		return fmt.Errorf("%w: %q is not a phone number (want 7–15 digits after any 00 or 0 prefix)", ErrBadSubject, v)
	}
	if !slices.Contains(s.Phones, p) {
		s.Phones = append(s.Phones, p)
	}
	return nil
}

// AddID adds a vendor customer id, of source (or of any source when "").
func (s *Subject) AddID(source, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return fmt.Errorf("%w: empty customer id", ErrBadSubject)
	}
	id := ID{Source: source, Value: v}
	if !slices.Contains(s.IDs, id) {
		s.IDs = append(s.IDs, id)
	}
	return nil
}

// Empty reports whether the subject has no identifier.
func (s Subject) Empty() bool { return len(s.Emails)+len(s.Phones)+len(s.IDs) == 0 }

// Kinds lists the kinds of identifiers the subject has (email, phone, customer-id).
func (s Subject) Kinds() []string {
	var out []string
	if len(s.Emails) > 0 {
		out = append(out, kindEmail)
	}
	if len(s.Phones) > 0 {
		out = append(out, kindPhone)
	}
	if len(s.IDs) > 0 {
		out = append(out, kindCustomerID)
	}
	return out
}

// size is the number of identifiers (to see whether an expansion added any).
func (s Subject) size() int { return len(s.Emails) + len(s.Phones) + len(s.IDs) }

// idsFor lists the customer ids that apply to rows of source.
func (s Subject) idsFor(source string) []string {
	var out []string
	for _, id := range s.IDs {
		if id.Source == "" || id.Source == source {
			out = append(out, id.Value)
		}
	}
	return out
}

// phoneMatch is transform.PhoneMatch on normalized numbers.
func phoneMatch(a, b string) bool { return transform.PhoneMatch(a, b) }
