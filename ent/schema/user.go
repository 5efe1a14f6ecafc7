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

// User is someone who signs in: a member (customer) or staff.
type User struct{ ent.Schema }

func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (User) Fields() []ent.Field {
	return []ent.Field{
		// Stored lower-cased; uniqueness is case-insensitive by construction.
		field.String("email").NotEmpty().MaxLen(254).Annotations(entgql.OrderField("EMAIL")),
		field.String("password_hash").Sensitive().Annotations(entgql.Skip()),
		field.Enum("role").Values(string(viewer.RoleMember), string(viewer.RoleMarketer), string(viewer.RoleManager), string(viewer.RoleAdmin)).
			Default(string(viewer.RoleMember)).Annotations(entgql.OrderField("ROLE"), entgql.Type("Role")),
		field.Time("email_verified_at").Optional().Nillable(),
		field.Bool("disabled").Default(false),
		field.String("locale").Default("en").MaxLen(16),
		// When the last verification and password-reset mails went out:
		// the per-user rate limits, shared by every replica.
		field.Time("verification_sent_at").Optional().Nillable().Annotations(entgql.Skip()),
		field.Time("password_reset_sent_at").Optional().Nillable().Annotations(entgql.Skip()),
	}
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("member", Member.Type).Unique(),
		edge.To("customer", Customer.Type).Unique(),
		edge.To("sessions", Session.Type).Annotations(entgql.Skip()),
		edge.To("owned_customers", Customer.Type).Annotations(entgql.Skip()),
	}
}

func (User) Indexes() []ent.Index {
	return []ent.Index{index.Fields("email").Unique()}
}

func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

func (User) Policy() ent.Policy {
	return policy{
		// Admins see everyone; staff see staff (to name an account manager);
		// a member sees only themself.
		read: func(v viewer.Viewer) scope {
			switch {
			case v.IsAdmin():
				return allRows
			case v.IsStaff():
				return rows(func(s *sql.Selector) {
					s.Where(sql.Or(sql.EQ(s.C("id"), v.UserID), sql.NEQ(s.C("role"), string(viewer.RoleMember))))
				})
			case v.Authenticated():
				return rows(column("id", v.UserID))
			}
			return noRows
		},
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && op.Is(ent.OpUpdateOne):
				return rows(column("id", v.UserID)), true
			}
			return scope{}, false
		},
	}
}
