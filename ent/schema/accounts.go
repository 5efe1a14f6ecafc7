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

// AccountAlert is something a key account's team must hear about at once: the
// risk level changed, a ticket breached its SLA. accountAlerts pushes new
// rows live; the row itself is what a subscriber refetches, so the read
// policy below is also what decides who receives an alert. Append-only.
type AccountAlert struct{ ent.Schema }

func (AccountAlert) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (AccountAlert) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("kind").Values("RISK_RAISED", "RISK_LOWERED", "SLA_BREACH").Immutable(),
		field.Enum("risk_level").Values("NORMAL", "WATCH", "DOUBTFUL", "EXIT").Optional().Nillable().Immutable(),
		field.Int("ticket_id").Optional().Nillable().Immutable(),
		field.String("reason").MaxLen(500).Default("").Immutable(),
	}
}

func (AccountAlert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Field("customer_id").Unique().Required().Immutable().Annotations(noWhereThrough()),
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Immutable().Annotations(noWhereThrough()),
	}
}

func (AccountAlert) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "created_at")}
}

func (AccountAlert) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// servedAccounts is "rows whose customer_id is an account the viewer owns or
// serves on the team of".
func servedAccounts(v viewer.Viewer) func(*sql.Selector) {
	return func(s *sql.Selector) {
		c := sql.Table("customers")
		t := sql.Table("account_team_members")
		owned := sql.Dialect(s.Dialect()).Select(c.C("id")).From(c).Where(sql.EQ(c.C("owner_id"), v.UserID))
		team := sql.Dialect(s.Dialect()).Select(t.C("customer_id")).From(t).Where(sql.EQ(t.C("user_id"), v.UserID))
		s.Where(sql.Or(sql.In(s.C("customer_id"), owned), sql.In(s.C("customer_id"), team)))
	}
}

func (AccountAlert) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			switch {
			case v.IsAdmin():
				return allRows
			case v.IsStaff():
				return rows(servedAccounts(v))
			}
			return noRows
		},
		write: systemOnlyWrite,
	}
}

// SavedView is a named filter of the customer list (where and orderBy as the
// customers query takes them), kept by one staff user and optionally shared
// with every staff user.
type SavedView struct{ ent.Schema }

func (SavedView) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (SavedView) Fields() []ent.Field {
	return []ent.Field{
		field.Int("owner_id").Immutable().Annotations(skipInputs()),
		field.String("name").NotEmpty().MaxLen(100).Annotations(entgql.OrderField("NAME")),
		// The CustomerWhereInput and CustomerOrder as JSON; the client sends
		// them back to customers(where:, orderBy:) unchanged, which validates them.
		field.JSON("where", map[string]any{}).Optional().Annotations(entgql.Type("Map")),
		field.JSON("order_by", map[string]any{}).Optional().Annotations(entgql.Type("Map")),
		field.Bool("shared").Default(false),
	}
}

func (SavedView) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id")}
}

func (SavedView) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (SavedView) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if !v.IsStaff() {
				return noRows
			}
			return rows(func(s *sql.Selector) {
				s.Where(sql.Or(sql.EQ(s.C("owner_id"), v.UserID), sql.EQ(s.C("shared"), true)))
			})
		},
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			if !v.IsStaff() {
				return scope{}, false
			}
			if op.Is(ent.OpCreate) {
				return allRows, true
			}
			// Only the owner changes or deletes a view, shared or not.
			return rows(column("owner_id", v.UserID)), true
		},
	}
}
