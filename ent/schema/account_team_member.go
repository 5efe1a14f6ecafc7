package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// AccountTeamMember places a staff user on a customer's account team (大客戶部):
// a key account is served by a team, not one person.
type AccountTeamMember struct{ ent.Schema }

func (AccountTeamMember) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (AccountTeamMember) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id"),
		field.Int("user_id"),
		field.Enum("role").Values("MANAGER", "SPECIALIST", "ASSISTANT"),
	}
}

func (AccountTeamMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("team").Field("customer_id").Unique().Required(),
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
	}
}

func (AccountTeamMember) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "user_id").Unique(), index.Fields("user_id")}
}

func (AccountTeamMember) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (AccountTeamMember) Policy() ent.Policy {
	return policy{
		read: staffOnlyRead,
		write: func(v viewer.Viewer, _ ent.Op) (scope, bool) {
			return allRows, v.IsAdmin() || (v.Authenticated() && v.Role == viewer.RoleManager)
		},
	}
}
