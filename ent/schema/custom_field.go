package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CustomFieldKey is what a custom field's key looks like: a lower-case slug
// that starts with a letter. It names the value in Customer.customFields, the
// column of a CSV import or export and the key of a where predicate, so it
// must be safe in all three and never change.
var CustomFieldKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// CustomFieldDefinition is one field an admin adds to the customer file
// (客戶資料卡): its key, type, English and Chinese labels, whether it is
// required and where it is shown. Customers hold the values in their
// custom_fields JSON column under the key. An archived definition is no
// longer shown, offered or required, but the values customers hold stay.
type CustomFieldDefinition struct{ ent.Schema }

func (CustomFieldDefinition) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (CustomFieldDefinition) Fields() []ent.Field {
	return []ent.Field{
		// At most 40 characters so "custom_fields.<key>" fits a history row's field.
		field.String("key").NotEmpty().MaxLen(40).Match(CustomFieldKey).Immutable(),
		// Fixed once created: stored values were normalised for this type.
		field.Enum("type").Values("TEXT", "NUMBER", "DATE", "BOOLEAN", "SELECT").Immutable().
			Annotations(entgql.Type("CustomFieldType")),
		// The choices of a SELECT field, in the order they are offered.
		field.Strings("options").Optional(),
		field.String("label_en").NotEmpty().MaxLen(100),
		field.String("label_zh").NotEmpty().MaxLen(100),
		// A new customer must have a value; an existing one may not lose it.
		field.Bool("required").Default(false),
		// Fields are shown in ascending position, then key.
		field.Int("position").Default(0),
		// Changed only by archiveCustomFieldDefinition / restoreCustomFieldDefinition.
		field.Bool("archived").Default(false).Annotations(skipInputs()),
	}
}

func (CustomFieldDefinition) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

func (CustomFieldDefinition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		// customFieldDefinitions is a short list in display order, not a
		// connection: no where or order inputs.
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

func (CustomFieldDefinition) Policy() ent.Policy {
	return policy{read: staffOnlyRead, write: adminOnlyWrite}
}
