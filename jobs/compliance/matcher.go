package compliance

import (
	"maps"
	"slices"
	"strings"

	"github.com/ccwh/ccwh/schema"
	"github.com/ccwh/ccwh/transform"
)

// Matcher decides whether values belong to a set of subjects and conversations by comparing
// keyed hashes, so that it can be built from _ccwh_erasures, which never holds the values. The
// same Matcher drives the archive rewrite of an erasure and the load-time filter, so both treat
// a value alike. A Matcher is read-only once built and safe for concurrent use.
type Matcher struct {
	h             *Hasher
	emails        map[string]bool
	phones        map[string]bool
	phoneSuffixes map[string]bool // subject phones without 1–3 leading digits (PhoneMatch)
	ids           map[string]bool // hash of "source\x1fid"; source "" matches every source
	convs         map[string]bool // hash of "source\x1fconversation id"
}

// NewMatcher returns an empty Matcher hashing with h.
func NewMatcher(h *Hasher) *Matcher {
	return &Matcher{h: h, emails: map[string]bool{}, phones: map[string]bool{}, phoneSuffixes: map[string]bool{},
		ids: map[string]bool{}, convs: map[string]bool{}}
}

// Empty reports whether nothing matches.
func (m *Matcher) Empty() bool {
	return m == nil || len(m.emails)+len(m.phones)+len(m.ids)+len(m.convs) == 0
}

// HasSubjects reports whether any identifier (not only conversations) matches.
func (m *Matcher) HasSubjects() bool { return m != nil && len(m.emails)+len(m.phones)+len(m.ids) > 0 }

// AddSubject adds every identifier of s (normalized values, as Subject keeps them).
func (m *Matcher) AddSubject(s Subject) {
	for _, e := range s.Emails {
		m.emails[m.h.Hash(kindEmail, e)] = true
	}
	for _, p := range s.Phones {
		m.phones[m.h.Hash(kindPhone, p)] = true
		for k := 1; k <= 3 && len(p)-k >= minPhoneDigits; k++ {
			m.phoneSuffixes[m.h.Hash(kindPhone, p[k:])] = true
		}
	}
	for _, id := range s.IDs {
		src := id.Source
		if src == "" {
			src = s.Source
		}
		m.ids[m.h.Hash(kindCustomerID, src+"\x1f"+id.Value)] = true
	}
}

// AddConversation adds the conversation id of a source.
func (m *Matcher) AddConversation(source, id string) {
	m.convs[m.h.Hash(kindConversation, source+"\x1f"+id)] = true
}

// AddHashes adds stored subject hashes ("kind:hex", as SubjectHashes returns them) and
// conversation hashes.
func (m *Matcher) AddHashes(subjects, conversations []string) {
	for _, s := range subjects {
		kind, hash, ok := strings.Cut(s, ":")
		if !ok {
			continue
		}
		switch kind {
		case kindEmail:
			m.emails[hash] = true
		case kindPhone:
			m.phones[hash] = true
		case kindPhoneSuffix:
			m.phoneSuffixes[hash] = true
		case kindCustomerID:
			m.ids[hash] = true
		}
	}
	for _, c := range conversations {
		m.convs[c] = true
	}
}

// SubjectHashes lists the identifier hashes as "kind:hex", sorted (for _ccwh_erasures).
func (m *Matcher) SubjectHashes() []string {
	var out []string
	add := func(kind string, set map[string]bool) {
		for _, h := range slices.Sorted(maps.Keys(set)) {
			out = append(out, kind+":"+h)
		}
	}
	add(kindEmail, m.emails)
	add(kindPhone, m.phones)
	add(kindPhoneSuffix, m.phoneSuffixes)
	add(kindCustomerID, m.ids)
	return out
}

// ConversationHashes lists the conversation hashes, sorted.
func (m *Matcher) ConversationHashes() []string { return slices.Sorted(maps.Keys(m.convs)) }

// Email reports whether v, normalized, is a matching e-mail address.
func (m *Matcher) Email(v string) bool {
	return len(m.emails) > 0 && m.emails[m.h.Hash(kindEmail, transform.NormalizeEmail(v))]
}

// Phone reports whether v, normalized, is the same number as a matching phone (PhoneMatch:
// equal, or one is the other with up to three more leading digits, the shorter at least 7).
func (m *Matcher) Phone(v string) bool {
	if len(m.phones) == 0 {
		return false
	}
	p := transform.NormalizePhone(v)
	if len(p) < minPhoneDigits || len(p) > 18 {
		return false
	}
	if h := m.h.Hash(kindPhone, p); m.phones[h] || m.phoneSuffixes[h] {
		return true
	}
	for k := 1; k <= 3 && len(p)-k >= minPhoneDigits; k++ {
		if m.phones[m.h.Hash(kindPhone, p[k:])] {
			return true
		}
	}
	return false
}

// ID reports whether v is a matching customer id of source.
func (m *Matcher) ID(source, v string) bool {
	if len(m.ids) == 0 || v == "" {
		return false
	}
	return m.ids[m.h.Hash(kindCustomerID, source+"\x1f"+v)] || m.ids[m.h.Hash(kindCustomerID, "\x1f"+v)]
}

// Conversation reports whether the conversation id of source matches.
func (m *Matcher) Conversation(source, id string) bool {
	return len(m.convs) > 0 && id != "" && m.convs[m.h.Hash(kindConversation, source+"\x1f"+id)]
}

// Identifies reports whether a value of a column of the given kind identifies a matching
// subject: for e-mail and phone columns the whole value normalized as an e-mail or a phone, or
// an e-mail or phone found in it; for customer-id columns the id of the row's source.
func (m *Matcher) Identifies(kind schema.PII, source, v string) bool {
	if v == "" {
		return false
	}
	switch kind {
	case schema.PIIEmail, schema.PIIPhone:
		// Contact-center columns hold either: 8x8's origination is a number for calls and an
		// address for e-mails.
		if m.Email(v) || m.Phone(v) {
			return true
		}
		return m.findsIn(v, m.textKinds())
	case schema.PIICustomerID:
		return m.ID(source, v)
	}
	return false
}

func (m *Matcher) findsIn(v string, kinds transform.PIIKind) bool {
	for _, f := range transform.FindPII(v, kinds) {
		if m.matches(f, v[f.Start:f.End]) {
			return true
		}
	}
	return false
}

func (m *Matcher) matches(f transform.PIIMatch, text string) bool {
	switch f.Kind {
	case transform.PIIEmail:
		return m.Email(text)
	case transform.PIIPhone:
		return m.Phone(text)
	}
	return false
}

// textKinds is what ScrubText looks for, given what the Matcher holds.
func (m *Matcher) textKinds() transform.PIIKind {
	var k transform.PIIKind
	if len(m.emails) > 0 {
		k |= transform.PIIEmail
	}
	if len(m.phones) > 0 {
		k |= transform.PIIPhone
	}
	return k
}

// ScrubText replaces every matching e-mail address and phone number in s with "[email]" or
// "[phone]" (the marks of transform.Redact). It returns s and false when nothing matched.
func (m *Matcher) ScrubText(s string) (string, bool) {
	kinds := m.textKinds()
	if kinds == 0 || s == "" {
		return s, false
	}
	changed := false
	out := transform.ReplacePII(s, kinds, func(f transform.PIIMatch, text string) (string, bool) {
		if !m.matches(f, text) {
			return "", false
		}
		changed = true
		return "[" + f.Kind.String() + "]", true
	})
	return out, changed
}
