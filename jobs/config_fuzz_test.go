package jobs

import (
	"testing"
)

// FuzzParseConfig: any input either parses into a validated config or fails with an error; it
// never panics. Seeded with every kind's sample and the error cases.
func FuzzParseConfig(f *testing.F) {
	for _, k := range Kinds() {
		f.Add([]byte(k.Sample))
	}
	f.Add([]byte(vccYAML("    tenent: acme\n", "")))
	f.Add([]byte("sources:\n  - {name: x, kind: nope}\n"))
	f.Add([]byte("warehouse: {clickhouse: {password: \"${NOPE}\"}}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.yaml", data, testEnv)
		if err == nil && cfg == nil {
			t.Fatal("nil config without error")
		}
	})
}
