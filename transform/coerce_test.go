package transform

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseBool(t *testing.T) {
	for _, s := range []string{"Yes", "YES", "yes", "Y", "y", "true", "TRUE", "True", "1"} {
		v, ok := parseBool([]byte(s))
		require.True(t, ok, s)
		require.True(t, v, s)
	}
	for _, s := range []string{"No", "NO", "no", "N", "n", "false", "FALSE", "False", "0"} {
		v, ok := parseBool([]byte(s))
		require.True(t, ok, s)
		require.False(t, v, s)
	}
	for _, s := range []string{"", "2", "t", "f", "on", "off", "yes!", "nope", "\x11", "truee", "ja"} {
		_, ok := parseBool([]byte(s))
		require.False(t, ok, s)
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"007", 7, true}, {"-1", -1, true}, {"+42", 42, true},
		{"9223372036854775807", math.MaxInt64, true}, {"-9223372036854775808", math.MinInt64, true},
		{"9223372036854775808", 0, false}, {"-9223372036854775809", 0, false},
		{"99999999999999999999", 0, false}, {"1.0", 0, false}, {"1e3", 0, false}, {"", 0, false},
		{"-", 0, false}, {"+", 0, false}, {"1 2", 0, false}, {"0x10", 0, false}, {"1_000", 0, false},
	}
	for _, tt := range tests {
		v, ok := parseInt([]byte(tt.in))
		require.Equal(t, tt.ok, ok, tt.in)
		require.Equal(t, tt.want, v, tt.in)
		if want, err := strconv.ParseInt(tt.in, 10, 64); err == nil {
			require.Equal(t, want, v, tt.in)
		}
	}
	u, ok := parseUint([]byte("18446744073709551615"))
	require.True(t, ok)
	require.Equal(t, uint64(math.MaxUint64), u)
	_, ok = parseUint([]byte("18446744073709551616"))
	require.False(t, ok)
	_, ok = parseUint([]byte("-1"))
	require.False(t, ok)
}

func TestParseFloat(t *testing.T) {
	for in, want := range map[string]float64{"1.5": 1.5, "-2": -2, "1e3": 1000, ".5": 0.5, "+1.25E-2": 0.0125} {
		v, ok := parseFloat([]byte(in))
		require.True(t, ok, in)
		require.Equal(t, want, v, in)
	}
	for _, in := range []string{"", "NaN", "Inf", "-inf", "1e999", "0x1p3", "1_0", "1,5", "abc"} {
		_, ok := parseFloat([]byte(in))
		require.False(t, ok, in)
	}
}

func TestTrim(t *testing.T) {
	require.Equal(t, "a b", string(trim([]byte(" \t\r\na b\n "))))
	require.Empty(t, trim([]byte(" \n ")))
}
