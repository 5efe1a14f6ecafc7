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

// Session is a signed-in browser or app. Only a hash of its token is stored,
// so a database leak does not leak usable tokens.
type Session struct{ ent.Schema }

func (Session) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("token_hash").Sensitive().Immutable(),
		field.Int("user_id").Immutable(),
		field.Time("expires_at"),
		field.Time("last_seen_at").Optional().Nillable(),
		field.String("user_agent").Optional().MaxLen(512),
	}
}

func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("sessions").Field("user_id").Unique().Required().Immutable(),
	}
}

func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Fields("token_hash").Unique(), index.Fields("user_id"), index.Fields("expires_at")}
}

func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}

// Sessions are handled only by the auth service acting as the system.
func (Session) Policy() ent.Policy {
	return policy{read: func(v viewer.Viewer) scope { return noRows }, write: systemOnlyWrite}
}
