package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
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
			switch {
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && v.Role == viewer.RoleManager:
				// Only on accounts the manager owns or serves as MANAGER on;
				// the account service checks the same before writing, so a
				// new row (a create has no rows to filter) is checked there.
				return rows(func(s *sql.Selector) {
					c := sql.Table("customers")
					t := sql.Table("account_team_members").As("mine")
					owned := sql.Dialect(s.Dialect()).Select(c.C("id")).From(c).Where(sql.EQ(c.C("owner_id"), v.UserID))
					led := sql.Dialect(s.Dialect()).Select(t.C("customer_id")).From(t).
						Where(sql.And(sql.EQ(t.C("user_id"), v.UserID), sql.EQ(t.C("role"), "MANAGER")))
					s.Where(sql.Or(sql.In(s.C("customer_id"), owned), sql.In(s.C("customer_id"), led)))
				}), true
			}
			return scope{}, false
		},
	}
}
