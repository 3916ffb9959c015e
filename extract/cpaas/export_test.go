package cpaas

import (
	"testing"
)

// FlattenDefinitions exposes flatDefinition to the golden tests.
func FlattenDefinitions(t *testing.T, body []byte) []obj {
	items, err := decodeList(body)
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		items[i] = flatDefinition(items[i])
	}
	return items
}

// FlattenInstances exposes flatInstance to the golden tests.
func FlattenInstances(t *testing.T, body []byte) []obj {
	items, err := decodeList(body)
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		items[i] = flatInstance(items[i])
	}
	return items
}
