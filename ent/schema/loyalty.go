package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// PointsEntry is one line of a customer's loyalty ledger (銷售累計獎勵):
// points earned by an order or a community interaction, taken back when the
// order is cancelled, redeemed, or adjusted by an admin. Append-only; the
// sum of a customer's entries is their balance. cause_key names the cause
// ("order:12", "interaction:7", "redeem:…", "adjust:…") and is unique, so a
// cause that is delivered twice (River retries, replayed imports) is
// credited once.
type PointsEntry struct{ ent.Schema }

func (PointsEntry) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (PointsEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Enum("kind").Values("EARN_ORDER", "EARN_ACTIVITY", "REVERSAL", "REDEEM", "ADJUST").Immutable(),
		// Signed: earnings are positive, reversals and redemptions negative.
		field.Int64("points").Immutable(),
		// The customer's balance right after this entry.
		field.Int64("balance_after").Immutable(),
		field.String("cause_key").NotEmpty().MaxLen(100).Unique().Immutable(),
		// EARN_ORDER: the sale; REVERSAL: the cancellation.
		field.Int("order_id").Optional().Nillable().Immutable(),
		// EARN_ACTIVITY: the interaction and the rule it earned under.
		field.Int("interaction_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.Enum("activity").Values("POST", "COMMENT", "REACTION_RECEIVED", "FOLLOW_RECEIVED", "MENTION_RECEIVED", "REFERRAL").
			Optional().Nillable().Immutable(),
		// The day (YYYY-MM-DD in the settings' time zone) an activity counts
		// against its daily cap.
		field.String("day").Optional().MaxLen(10).Immutable().Annotations(entgql.Skip()),
		// REVERSAL: points the sale earned that the balance could no longer
		// give back (they were redeemed already); the balance stops at 0.
		field.Int64("shortfall").Default(0).Immutable(),
		// Who redeemed or adjusted (staff).
		field.Int("actor_id").Optional().Nillable().Immutable(),
		// Why: the redemption's or adjustment's reason, or the rule's note
		// ("daily cap reached").
		field.String("reason").MaxLen(500).Default("").Immutable(),
	}
}

func (PointsEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Field("customer_id").Unique().Required().Immutable().Annotations(noWhereThrough()),
		edge.To("order", Order.Type).Field("order_id").Unique().Immutable().Annotations(noWhereThrough()),
		edge.To("actor", User.Type).Field("actor_id").Unique().Immutable().Annotations(noWhereThrough()),
	}
}

func (PointsEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("customer_id", "created_at"),
		index.Fields("order_id"),
		index.Fields("interaction_id"),
		index.Fields("customer_id", "activity", "day"),
		// Insights read the entries written since a date (loyaltyOverTime).
		index.Fields("created_at"),
	}
}

func (PointsEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)}
}

// A member reads their own ledger; staff all. Only the loyalty service
// writes, as the system, after its own checks.
func (PointsEntry) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.IsStaff() {
				return allRows
			}
			return ownCustomerRows(v, "customer_id")
		},
		write: systemOnlyWrite,
	}
}

// PointsBalance is a customer's current points, kept next to the ledger so a
// redemption is one guarded UPDATE (balance = balance - n WHERE balance >= n)
// and a list page reads balances with one query. The CHECK makes a negative
// balance impossible even for a writer that forgets the guard.
type PointsBalance struct{ ent.Schema }

func (PointsBalance) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (PointsBalance) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Unique().Immutable(),
		field.Int64("balance").Default(0),
	}
}

func (PointsBalance) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("customer", Customer.Type).Field("customer_id").Unique().Required().Immutable(),
	}
}

// The unique index is what the balance upsert's ON CONFLICT names (a
// unique field that is also an edge's column gets none from ent).
func (PointsBalance) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id").Unique()}
}

func (PointsBalance) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(),
		entsql.Checks(map[string]string{"points_balance_not_negative": "balance >= 0"}),
	}
}

func (PointsBalance) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.IsStaff() {
				return allRows
			}
			return ownCustomerRows(v, "customer_id")
		},
		write: systemOnlyWrite,
	}
}
