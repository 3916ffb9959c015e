package transform

import "testing"

func TestLuhn(t *testing.T) {
	for in, want := range map[string]bool{
		"4111111111111111": true, "5500005555555559": true, "378282246310005": true,
		"4111111111111112": false, "1234567812345678": false, "": false, "41x1": false,
	} {
		if got := Luhn(in); got != want {
			t.Errorf("Luhn(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"mail me at Jane.Doe+cs@example.co.uk please", "mail me at [email] please"},
		{"call +44 7700 900123 or (555) 123-4567.", "call [phone] or [phone]."},
		{"card 4111 1111 1111 1111 exp 12/27", "card [card] exp 12/27"},
		{"card 4111-1111-1111-1111", "card [card]"},
		// Not Luhn-valid: 16 digits are too long for a phone number and not a card.
		{"ref 1234 5678 1234 5678", "ref 1234 5678 1234 5678"},
		{"order 12345 on 2024-01-15 at 10:30", "order 12345 on 2024-01-15 at 10:30"},
		{"tel 0044 20 7946 0958", "tel [phone]"},
		{"nothing here", "nothing here"},
	} {
		if got := Redact(c.in, PIIAll); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Redact("a@b.io 4111111111111111", PIIEmail); got != "[email] 4111111111111111" {
		t.Errorf("e-mail only: %q", got)
	}
}

func TestPhoneMatch(t *testing.T) {
	intl := NormalizePhone("+44 7700 900123")
	for _, other := range []string{"0044 7700-900123", "447700900123", "07700 900123"} {
		if !PhoneMatch(intl, NormalizePhone(other)) {
			t.Errorf("%q should match %q", other, intl)
		}
	}
	if PhoneMatch(intl, NormalizePhone("+44 7700 900124")) || PhoneMatch(intl, NormalizePhone("123")) {
		t.Error("different numbers matched")
	}
}

func FuzzRedact(f *testing.F) {
	f.Add("call +1 (555) 123-4567 or mail x@y.com, card 4111 1111 1111 1111")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range FindPII(s, PIIAll) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad match %+v in %q", m, s)
			}
		}
		_ = Redact(s, PIIAll)
	})
}
