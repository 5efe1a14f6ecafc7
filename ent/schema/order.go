package schema

import (
	"context"
	"errors"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// Order is one transaction of a customer. Orders are append-only: a
// cancellation is its own record (kind CANCELLATION) that points at the sale
// it cancels and carries its amounts negated, so a plain SUM over a
// customer's orders is what they really bought, and nothing is ever edited.
type Order struct{ ent.Schema }

func (Order) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Order) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("kind").Values("SALE", "CANCELLATION").Default("SALE").Immutable().Annotations(skipInputs()),
		// The sale a cancellation cancels; unique, so a sale is cancelled once.
		field.Int("cancels_id").Optional().Nillable().Unique().Immutable().Annotations(skipInputs()),
		// Where the order came from ("web", "pos", a partner's key) and its id
		// there; together unique, so a replayed import never counts twice.
		field.String("source").NotEmpty().MaxLen(64).Immutable(),
		field.String("external_id").NotEmpty().MaxLen(128).Immutable(),
		// Money in minor units of currency (cents, fen).
		field.Int64("amount").Immutable().Annotations(entgql.OrderField("AMOUNT")),
		field.Int64("cost_to_serve").Default(0).Immutable(),
		// amount and cost_to_serve converted to the reporting currency's
		// minor units at the exchange rates in the settings; every aggregate
		// (contribution, RFM, team measures) sums these. They are rewritten
		// when an admin changes the reporting currency or the rates.
		// No ent default, so a writer that forgets them fails instead of
		// reporting zero; the database default only serves rows written
		// before these columns existed.
		field.Int64("reporting_amount").Annotations(skipInputs(), entsql.Default("0")),
		field.Int64("reporting_cost").Annotations(skipInputs(), entsql.Default("0")),
		field.String("currency").MinLen(3).MaxLen(3).Immutable(),
		field.String("channel").Optional().MaxLen(64).Immutable(),
		// One category per order; it may not contain CategorySeparator,
		// which joins a customer's categories on the customers row.
		field.String("product_category").Optional().MaxLen(100).Immutable().Validate(validCategory),
		field.Time("ordered_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("ORDERED_AT")),
		// Why the sale was cancelled (cancellations only).
		field.String("note").Optional().MaxLen(500).Immutable().Annotations(skipInputs()),
	}
}

// CategorySeparator joins the sorted categories a customer bought into the
// one text the score recompute stores on the customers row (category_set).
// It is the ASCII unit separator, which no category may contain.
const CategorySeparator = "\x1f"

func validCategory(s string) error {
	if strings.Contains(s, CategorySeparator) {
		return errors.New("a product category may not contain the unit separator (U+001F)")
	}
	return nil
}

func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("orders").Field("customer_id").Unique().Required().Immutable(),
		edge.To("cancellation", Order.Type).Unique().Annotations(skipInputs()).
			From("cancels").Field("cancels_id").Unique().Immutable().Annotations(skipInputs()),
	}
}

func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("source", "external_id").Unique(),
		index.Fields("customer_id", "ordered_at"),
		index.Fields("ordered_at"),
		index.Fields("customer_id", "product_category"),
	}
}

func (Order) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}

func (Order) Policy() ent.Policy {
	return orderPolicy{policy{
		read: func(v viewer.Viewer) scope {
			switch {
			case v.IsStaff(), v.PartnerCan(viewer.ScopeCustomersRead):
				return allRows
			case v.Partner != nil:
				return rows(func(s *sql.Selector) { s.Where(sql.In(s.C("source"), anySlice(v.Partner.Sources)...)) })
			}
			return ownCustomerRows(v, "customer_id")
		},
		write: appendOnly(func(v viewer.Viewer) bool {
			return v.IsAdmin() || (v.Authenticated() && v.Role == viewer.RoleManager) || v.PartnerCan(viewer.ScopeOrdersWrite)
		}),
	}}
}

// orderPolicy adds to the policy that a partner key writes orders of its
// own sources only.
type orderPolicy struct{ policy }

func (p orderPolicy) EvalMutation(ctx context.Context, m ent.Mutation) error {
	if _, ok := privacy.DecisionFromContext(ctx); !ok {
		if v := viewer.FromContext(ctx); v.Partner != nil {
			src, _ := m.Field("source")
			if s, _ := src.(string); !v.Partner.Writes(s) {
				return privacy.Denyf("privacy: this key may not write orders of source %q", s)
			}
		}
	}
	return p.policy.EvalMutation(ctx, m)
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
