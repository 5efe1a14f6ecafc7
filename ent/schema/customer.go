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

// Customer is the customer file (客戶資料卡): a person or an organisation.
type Customer struct{ ent.Schema }

func (Customer) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Customer) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("PERSON", "ORGANISATION").Default("PERSON"),
		// Basic data (基礎資料).
		field.String("name").NotEmpty().MaxLen(200).Annotations(entgql.OrderField("NAME")),
		field.String("email").Optional().MaxLen(254).Annotations(entgql.OrderField("EMAIL")),
		field.String("phone").Optional().MaxLen(40),
		field.String("address").Optional().MaxLen(500),
		field.String("region").Optional().MaxLen(100).Annotations(entgql.OrderField("REGION")),
		field.String("legal_representative").Optional().MaxLen(200),
		field.Time("founded_on").Optional().Nillable(),
		field.String("occupation").Optional().MaxLen(100),
		field.Strings("interests").Optional(),
		// Characteristics (客戶特征).
		field.String("industry").Optional().MaxLen(100),
		field.String("company_size").Optional().MaxLen(50),
		field.String("service_area").Optional().MaxLen(200),
		field.String("sales_capacity").Optional().MaxLen(200),
		field.String("growth_potential").Optional().MaxLen(200),
		// Business and transaction status (業務狀況, 交易現狀).
		field.String("business_status").Optional().MaxLen(2000),
		field.String("payment_behaviour").Optional().MaxLen(2000),
		field.String("open_issues").Optional().MaxLen(2000),
		field.Strings("tags").Optional(),
		field.JSON("custom_fields", map[string]any{}).Optional().Annotations(entgql.Type("Map")),
		// Staff-only and computed values: never in a generic input.
		field.String("credit_rating").Optional().MaxLen(20).Annotations(skipInputs()),
		field.Enum("risk_level").Values("NORMAL", "WATCH", "DOUBTFUL", "EXIT").Default("NORMAL").
			Annotations(skipInputs(), entgql.OrderField("RISK_LEVEL")),
		field.Enum("value_tier").Values("MVC", "MGC", "BZ", "ORDINARY").Default("ORDINARY").
			Annotations(skipInputs(), entgql.OrderField("VALUE_TIER")),
		field.Bool("blacklisted").Default(false).Annotations(skipInputs()),
		// Key accounts (大客戶): how the account is classified and served.
		// Editable through updateCustomer by admins and by managers on the
		// accounts they may write; the history hook records every change.
		field.Bool("key_account").Default(false),
		field.Enum("account_scope").Values("GLOBAL", "NATIONAL", "REGIONAL").Optional().Nillable(),
		field.Enum("cooperation_level").Values("PREFERRED_SUPPLIER", "PARTNER", "STRATEGIC_PARTNER").Optional().Nillable(),
		// PROSPECT → DEVELOPING → MATURE → DECLINING → EXIT (the account's life cycle).
		field.Enum("lifecycle_stage").Values("PROSPECT", "DEVELOPING", "MATURE", "DECLINING", "EXIT").Optional().Nillable(),
		// Why risk_level or blacklisted last changed (a rule's finding or a
		// person's reason); its history sits next to the level's.
		field.String("risk_reason").Optional().MaxLen(500).Annotations(skipInputs()),
		// When the account last went to the shared pool (公海); null when never.
		field.Time("pooled_at").Optional().Nillable().Annotations(skipInputs()),
		// When the current owner took the account (claim); the pool rule
		// counts inactivity from here, so a fresh claim is not returned at once.
		field.Time("owner_since").Optional().Nillable().Annotations(skipInputs()),
		field.Int("user_id").Optional().Nillable().Unique().Annotations(skipInputs()),
		field.Int("owner_id").Optional().Nillable().Annotations(skipInputs()),
		field.Int("referred_by_id").Optional().Nillable(),
		// The customer's id in another system (ERP, shop); orders imported
		// from there name their customer by it.
		field.String("external_ref").Optional().MaxLen(128),
		// Value scores (internal/crm), written set-based by the recompute job
		// and never by an input. They live on the customer row so the
		// customers list filters and sorts by them like any field, with no
		// join per page.
		field.Int("rfm_recency").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("RFM_RECENCY")),
		field.Int("rfm_frequency").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("RFM_FREQUENCY")),
		field.Int("rfm_monetary").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("RFM_MONETARY")),
		field.Enum("rfm_segment").Values("CHAMPIONS", "LOYAL", "POTENTIAL", "NEW", "AT_RISK", "CANT_LOSE", "HIBERNATING", "LOST").
			Optional().Nillable().Annotations(skipInputs()),
		// Uncancelled sales in the scoring window, and their reporting amounts.
		field.Int("order_count").Default(0).Annotations(skipInputs(), entgql.OrderField("FREQUENCY")),
		field.Int64("monetary").Default(0).Annotations(skipInputs(), entgql.OrderField("MONETARY")),
		// Revenue − cost to serve in the scoring window (reporting minor units).
		field.Int64("contribution").Default(0).Annotations(skipInputs(), entgql.OrderField("CONTRIBUTION")),
		// 0–100 by contribution among scored customers; ≥ 80 is the top 20 %.
		field.Float("pareto_percentile").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("PARETO_PERCENTILE")),
		field.Time("last_order_at").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("LAST_ORDER_AT")),
		field.Time("expected_next_order_at").Optional().Nillable().Annotations(skipInputs(), entgql.OrderField("EXPECTED_NEXT_ORDER_AT")),
		field.Time("scored_at").Optional().Nillable().Annotations(skipInputs()),
		// The distinct categories of the customer's uncancelled sales, sorted
		// and joined with CategorySeparator; null when they bought nothing
		// with a category. Cross-sell and category affinities read these
		// baskets; GraphQL shows them as boughtCategories.
		field.Text("category_set").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Customer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("customer").Field("user_id").Unique().Annotations(noWhereThrough()),
		edge.From("owner", User.Type).Ref("owned_customers").Field("owner_id").Unique().Annotations(noWhereThrough()),
		edge.To("referrals", Customer.Type).Annotations(noWhereThrough()).
			From("referred_by").Field("referred_by_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("orders", Order.Type).Annotations(entgql.RelayConnection(), skipInputs()),
		edge.To("care_records", CareRecord.Type).Annotations(entgql.RelayConnection(), skipInputs()),
		edge.To("tickets", Ticket.Type).Annotations(entgql.RelayConnection(), skipInputs()),
		edge.To("team", AccountTeamMember.Type).Annotations(noWhereThrough()),
		// Receivables; filtered with hasOverdueReceivables, not through the edge
		// (partner keys read customers but never invoices).
		edge.To("invoices", Invoice.Type).Annotations(entgql.RelayConnection(), noWhereThrough()),
	}
}

func (Customer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("email"),
		index.Fields("phone"),
		index.Fields("name", "region"),
		index.Fields("owner_id"),
		index.Fields("risk_level"),
		index.Fields("value_tier"),
		index.Fields("external_ref"),
		index.Fields("monetary"),
		index.Fields("contribution"),
		index.Fields("rfm_segment"),
		index.Fields("expected_next_order_at"),
	}
}

func (Customer) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// teamOrPool is "customers this manager may write": accounts they own or
// serve on the team of, and accounts in the shared pool (no owner).
func teamOrPool(v viewer.Viewer) func(*sql.Selector) {
	return func(s *sql.Selector) {
		t := sql.Table("account_team_members")
		team := sql.Dialect(s.Dialect()).Select(t.C("customer_id")).From(t).Where(sql.EQ(t.C("user_id"), v.UserID))
		s.Where(sql.Or(
			sql.EQ(s.C("owner_id"), v.UserID),
			sql.IsNull(s.C("owner_id")),
			sql.In(s.C("id"), team),
		))
	}
}

func (Customer) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.IsStaff() || v.PartnerCan(viewer.ScopeCustomersRead) {
				return allRows
			}
			return ownCustomerRows(v, "id")
		},
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && v.Role == viewer.RoleManager:
				if op.Is(ent.OpCreate) {
					return allRows, true
				}
				if op.Is(ent.OpUpdate) || op.Is(ent.OpUpdateOne) {
					return rows(teamOrPool(v)), true
				}
			}
			return scope{}, false
		},
	}
}
