package schema

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDixaTablesBuild(t *testing.T) {
	seen := map[string]bool{}
	for _, tb := range dixaTables {
		require.NotNil(t, tb)
		require.False(t, seen[tb.Name], tb.Name)
		seen[tb.Name] = true
		require.Regexp(t, `^dixa_[a-z_]+$`, tb.Name)
		for _, c := range tb.Columns {
			require.Regexp(t, `^_?[a-z][a-z0-9_]*$`, c.Name, "%s.%s", tb.Name, c.Name)
		}
	}
	require.Len(t, seen, 20)
	require.Equal(t, "attributes_content__type", DixaMessages.Columns[DixaMessages.FieldIndex("attributes.content._type")].Name)
	require.Equal(t, "_type", DixaConversations.Columns[DixaConversations.FieldIndex("_type")].Name)
}
