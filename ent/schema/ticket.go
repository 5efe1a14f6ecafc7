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

// Ticket is a complaint or service request (投訴) with its service times.
type Ticket struct{ ent.Schema }

func (Ticket) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Ticket) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.String("title").NotEmpty().MaxLen(200),
		field.Text("description").MaxLen(20000).Default(""),
		field.Enum("status").Values("OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED").Default("OPEN").
			Annotations(entgql.OrderField("STATUS")),
		field.Enum("priority").Values("LOW", "NORMAL", "HIGH", "URGENT").Default("NORMAL").
			Annotations(entgql.OrderField("PRIORITY")),
		field.Int("assignee_id").Optional().Nillable(),
		field.Time("first_response_at").Optional().Nillable().Annotations(skipInputs()),
		field.Time("resolved_at").Optional().Nillable().Annotations(skipInputs()),
		// SLA targets from the settings of the ticket's priority, stamped at
		// creation and when the priority changes; sla_breached is set by the
		// SLA job (or at the moment a late response/resolution is stamped).
		field.Time("sla_first_response_due_at").Optional().Nillable().Annotations(skipInputs()),
		field.Time("sla_resolution_due_at").Optional().Nillable().Annotations(skipInputs()),
		field.Bool("sla_breached").Default(false).Annotations(skipInputs()),
	}
}

func (Ticket) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("tickets").Field("customer_id").Unique().Required().Immutable(),
		edge.To("assignee", User.Type).Field("assignee_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Ticket) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id"), index.Fields("status", "priority"), index.Fields("assignee_id"), index.Fields("sla_breached", "status")}
}

func (Ticket) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Ticket) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.IsStaff() {
				return allRows
			}
			return ownCustomerRows(v, "customer_id")
		},
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case v.IsAdmin() || (v.Authenticated() && v.Role == viewer.RoleManager):
				// Managers only on accounts they may write; the customer
				// service checks which (marketers only read).
				return allRows, true
			case v.Authenticated() && op.Is(ent.OpCreate):
				// A member files complaints about their own account; the
				// service sets customer_id from the viewer.
				return allRows, v.CustomerID != 0
			}
			return scope{}, false
		},
	}
}
