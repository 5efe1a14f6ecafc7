package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// Invoice is a receivable: what a customer owes, in the invoice's currency.
// Its status and paid amount follow from its payments; internal/receivables
// keeps them in the payment's transaction, so they are never edited freely.
type Invoice struct{ ent.Schema }

func (Invoice) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Invoice) Fields() []ent.Field {
	return []ent.Field{
		field.Int("customer_id").Immutable(),
		field.Int("order_id").Optional().Nillable().Immutable(),
		field.String("number").NotEmpty().MaxLen(64).Unique().Immutable().Annotations(entgql.OrderField("NUMBER")),
		// Minor units of currency.
		field.Int64("amount").Immutable().Annotations(entgql.OrderField("AMOUNT")),
		field.String("currency").MinLen(3).MaxLen(3).Immutable(),
		// amount in minor units of the reporting currency (as orders carry
		// it); rewritten with the orders' when the rates change.
		field.Int64("reporting_amount").Annotations(skipInputs(), entsql.Default("0")),
		// The sum of the payments, in the invoice's currency; never above amount.
		field.Int64("paid_amount").Default(0).Annotations(skipInputs()),
		// The payments' reporting amounts; the open amount in the reporting
		// currency is reporting_amount − reporting_paid.
		field.Int64("reporting_paid").Default(0).Annotations(skipInputs()),
		field.Enum("status").Values("OPEN", "PARTIALLY_PAID", "PAID", "VOID").Default("OPEN").Annotations(skipInputs()),
		field.Time("issued_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("ISSUED_AT")),
		field.Time("due_at").Immutable().Annotations(entgql.OrderField("DUE_AT")),
		field.String("note").Optional().MaxLen(500).Immutable(),
		field.Time("voided_at").Optional().Nillable().Annotations(skipInputs()),
		field.String("void_reason").Optional().MaxLen(500).Annotations(skipInputs()),
		field.Int("created_by_id").Optional().Nillable().Immutable().Annotations(skipInputs()),
	}
}

func (Invoice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("customer", Customer.Type).Ref("invoices").Field("customer_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("order", Order.Type).Field("order_id").Unique().Immutable().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("payments", Payment.Type).Annotations(skipInputs(), entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Invoice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("customer_id", "status"),
		index.Fields("status", "due_at"),
	}
}

func (Invoice) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}

// accountsWritable is "rows of customers this manager may write" (their
// accounts and the pool), for tables with a customer_id column.
func accountsWritable(v viewer.Viewer) func(*sql.Selector) {
	return func(s *sql.Selector) {
		c := sql.Table("customers")
		sub := sql.Dialect(s.Dialect()).Select(c.C("id")).From(c)
		teamOrPool(v)(sub)
		s.Where(sql.In(s.C("customer_id"), sub))
	}
}

// receivablesRead: staff read every receivable, members their own.
func receivablesRead(v viewer.Viewer) scope {
	if v.IsStaff() {
		return allRows
	}
	return ownCustomerRows(v, "customer_id")
}

func (Invoice) Policy() ent.Policy {
	return policy{
		read: receivablesRead,
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case op.Is(ent.OpDelete) || op.Is(ent.OpDeleteOne):
				return scope{}, false
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && v.Role == viewer.RoleManager:
				if op.Is(ent.OpCreate) {
					return allRows, true
				}
				return rows(accountsWritable(v)), true
			}
			return scope{}, false
		},
	}
}

// Payment is money received against an invoice, in the invoice's currency.
// Append-only: a mistaken payment is corrected by voiding and reissuing.
type Payment struct{ ent.Schema }

func (Payment) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("invoice_id").Immutable(),
		// The invoice's customer, kept on the row so privacy and the
		// collected-receivables measures need no join.
		field.Int("customer_id").Immutable(),
		field.Int64("amount").Immutable(),
		// amount in the reporting currency, in proportion to the invoice's.
		field.Int64("reporting_amount").Immutable().Annotations(entsql.Default("0")),
		field.Time("paid_at").Immutable().Annotations(entgql.OrderField("PAID_AT")),
		field.Enum("method").Values("TRANSFER", "CARD", "CASH", "CHEQUE", "OTHER").Default("TRANSFER").Immutable(),
		field.String("reference").Optional().MaxLen(128).Immutable(),
		field.Int("recorded_by_id").Optional().Nillable().Immutable(),
	}
}

func (Payment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("invoice", Invoice.Type).Ref("payments").Field("invoice_id").Unique().Required().Immutable(),
	}
}

func (Payment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("customer_id", "paid_at"), index.Fields("invoice_id")}
}

func (Payment) Policy() ent.Policy {
	return policy{
		read: receivablesRead,
		write: appendOnly(func(v viewer.Viewer) bool {
			return v.IsAdmin() || (v.Authenticated() && v.Role == viewer.RoleManager)
		}),
	}
}

// ApiKey lets a partner system call the API: scoped, limited to the order
// sources it may write, revocable. Only the SHA-256 of the secret is kept;
// the secret is shown once, when an admin issues the key.
type ApiKey struct{ ent.Schema }

func (ApiKey) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (ApiKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
		// The start of the key (kith_pk_ and a few characters) that people
		// see to tell keys apart.
		field.String("prefix").NotEmpty().MaxLen(32).Immutable(),
		field.Bytes("secret_hash").Sensitive().Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Strings("scopes").Immutable(),
		// The order sources the key may write; an order of another source is refused.
		field.Strings("sources").Immutable(),
		field.Time("expires_at").Optional().Nillable().Immutable(),
		field.Time("last_used_at").Optional().Nillable().Annotations(skipInputs()),
		field.Time("revoked_at").Optional().Nillable().Annotations(skipInputs()),
		field.Int("created_by_id").Optional().Nillable().Immutable().Annotations(skipInputs()),
	}
}

func (ApiKey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("created_by", User.Type).Field("created_by_id").Unique().Immutable().Annotations(noWhereThrough()),
	}
}

func (ApiKey) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (ApiKey) Policy() ent.Policy {
	return policy{read: adminOnlyRead, write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
		if op.Is(ent.OpDelete) || op.Is(ent.OpDeleteOne) {
			return scope{}, false
		}
		return allRows, v.IsAdmin()
	}}
}
