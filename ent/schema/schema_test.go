package schema_test

import (
	"testing"

	"entgo.io/ent/entc/load"
)

// TestEverySchemaHasAPrivacyPolicy fails when an entity is added without a
// policy: without one, reads and writes would be open to every viewer.
func TestEverySchemaHasAPrivacyPolicy(t *testing.T) {
	spec, err := (&load.Config{Path: "."}).Load()
	if err != nil {
		t.Fatalf("loading schema: %v", err)
	}
	if len(spec.Schemas) < 10 {
		t.Fatalf("loaded only %d schemas", len(spec.Schemas))
	}
	for _, s := range spec.Schemas {
		if len(s.Policy) == 0 {
			t.Errorf("schema %s has no privacy policy", s.Name)
		}
	}
}
