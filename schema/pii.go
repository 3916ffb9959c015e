package schema

import "fmt"

// PII is the kind of personal data a column holds. Customer erasure (ccwh erase), legal holds
// (ccwh hold) and the load-time erasure filter read it; a test fails when a column whose name
// looks personal is not annotated or explicitly allow-listed.
type PII uint8

const (
	PIINone       PII = iota // no personal data
	PIIEmail                 // a customer's e-mail address (String or StringList)
	PIIPhone                 // a customer's phone number (ANI, DNIS, MSISDN, …)
	PIICustomerID            // the vendor's id of a customer (end user, contact, requester)
	PIIName                  // a customer's name
	PIIOther                 // other personal data of a customer: company, IP address, custom attributes
	PIIFreeText              // text written by or about a customer (messages, notes, comments, JSON blobs): may mention e-mails and phone numbers
	PIIEmployee              // an agent's or user's identity: staff personal data, never touched by customer erasure
)

// String names the kind ("email", "phone", …).
func (p PII) String() string {
	switch p {
	case PIINone:
		return "none"
	case PIIEmail:
		return "email"
	case PIIPhone:
		return "phone"
	case PIICustomerID:
		return "customer-id"
	case PIIName:
		return "name"
	case PIIOther:
		return "other"
	case PIIFreeText:
		return "free-text"
	case PIIEmployee:
		return "employee"
	}
	return fmt.Sprintf("PII(%d)", uint8(p))
}

// Customer reports whether the kind is a customer's personal data, i.e. what erasure removes.
func (p PII) Customer() bool { return p != PIINone && p != PIIEmployee }

// Identifier reports whether a column of this kind identifies a customer by itself (a value
// that equals the erased subject's e-mail, phone or id marks the row as the customer's).
func (p PII) Identifier() bool { return p == PIIEmail || p == PIIPhone || p == PIICustomerID }

// EraseMode is what erasing a customer does to a table's rows that belong to the customer.
type EraseMode uint8

const (
	// EraseBlank (the default): rows merely mention a customer (statistics, logs, call
	// records). The rows stay; their customer columns are blanked (NULL, '' or []). A row whose
	// matching identifier is part of the ORDER BY key cannot be updated and is deleted.
	EraseBlank EraseMode = iota
	// EraseConversation: rows are the customer's conversation content (transcripts, messages,
	// conversations). Every row of the customer's conversations (ConversationColumn) is deleted,
	// and so is every row whose identifier columns match the customer.
	EraseConversation
	// ErasePerson: each row is a person (a contact, an end user). Rows matching the customer
	// are deleted.
	ErasePerson
)

// String names the mode.
func (m EraseMode) String() string {
	switch m {
	case EraseBlank:
		return "blank"
	case EraseConversation:
		return "conversation"
	case ErasePerson:
		return "person"
	}
	return fmt.Sprintf("EraseMode(%d)", uint8(m))
}

// PIIColumns lists the table's columns that hold a customer's personal data (kinds for which
// PII.Customer is true), in table order.
func (t *Table) PIIColumns() []Column {
	var out []Column
	for _, c := range t.Columns {
		if c.PII.Customer() {
			out = append(out, c)
		}
	}
	return out
}

// IsKey reports whether the named column is part of the ORDER BY or partition key (such
// columns cannot be changed by an ALTER … UPDATE).
func (t *Table) IsKey(name string) bool {
	if name == ColSource || name == t.PartitionBy || name == t.versionColumn() {
		return true
	}
	for _, k := range t.OrderBy {
		if k == name {
			return true
		}
	}
	return false
}

// checkPII applies Table.Personal to the columns and validates the personal-data annotations.
func (t *Table) checkPII() {
	for name, kind := range t.Personal {
		i, ok := t.index[name]
		if !ok {
			panic(fmt.Sprintf("schema: table %s: personal column %s is not defined", t.Name, name))
		}
		t.Columns[i].PII = kind
	}
	if c := t.ConversationColumn; c != "" {
		i, ok := t.index[c]
		if !ok {
			panic(fmt.Sprintf("schema: table %s: conversation column %s is not defined", t.Name, c))
		}
		if ty := t.Columns[i].Type; ty != String && ty != Int64 {
			panic(fmt.Sprintf("schema: table %s: conversation column %s is %s, want String or Int64", t.Name, c, ty))
		}
	}
	if t.Erase == EraseConversation && t.ConversationColumn == "" {
		panic(fmt.Sprintf("schema: table %s: EraseConversation needs a ConversationColumn", t.Name))
	}
	for _, c := range t.Columns {
		if c.PII == PIINone {
			continue
		}
		if c.PII > PIIEmployee {
			panic(fmt.Sprintf("schema: table %s: column %s: unknown PII kind %d", t.Name, c.Name, c.PII))
		}
		if c.Type != String && c.Type != StringList && !(c.PII == PIICustomerID && c.Type == Int64) {
			panic(fmt.Sprintf("schema: table %s: column %s: PII %s on a %s column", t.Name, c.Name, c.PII, c.Type))
		}
	}
}
