package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// CareRecord is a contact with a customer (客戶關懷記錄): a visit, call, mail or
// meeting, with notes and an optional follow-up date. Internal to staff.
type CareRecord struct{ ent.Schema }

func (CareRecord) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (CareRecord) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Int("author_id").Immutable().Annotations(skipInputs()),
		field.Enum("kind").Values("VISIT", "CALL", "MAIL", "MEETING"),
		field.Text("notes").MaxLen(20000).Default(""),
		field.Time("occurred_at").Default(time.Now).Annotations(entgql.OrderField("OCCURRED_AT")),
		field.Time("follow_up_at").Optional().Nillable().Annotations(entgql.OrderField("FOLLOW_UP_AT")),
		field.Time("followed_up_at").Optional().Nillable(),
	}
}

func (CareRecord) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("care_records").Field("customer_id").Unique().Required().Immutable(),
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable().Annotations(skipInputs()),
	}
}

func (CareRecord) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "occurred_at"), index.Fields("follow_up_at")}
}

func (CareRecord) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (CareRecord) Policy() ent.Policy {
	return policy{
		read: staffOnlyRead,
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && v.Role == viewer.RoleManager:
				if op.Is(ent.OpCreate) {
					return allRows, true
				}
				if op.Is(ent.OpUpdateOne) || op.Is(ent.OpUpdate) {
					return rows(column("author_id", v.UserID)), true
				}
			}
			return scope{}, false
		},
	}
}
