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

// Member is a user's public community profile. A post's author is a Member,
// never a Customer, so the community never exposes customer data.
type Member struct{ ent.Schema }

func (Member) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Member) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Unique().Immutable().Annotations(entgql.Skip()),
		field.String("display_name").NotEmpty().MaxLen(80).Annotations(entgql.OrderField("DISPLAY_NAME")),
		// handle is stored lower-case; it is what @mentions name.
		field.String("handle").NotEmpty().MaxLen(32).Annotations(entgql.OrderField("HANDLE")),
		field.String("avatar_url").Optional().MaxLen(512),
		field.String("bio").Optional().MaxLen(1000),
	}
}

func (Member) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("member").Field("user_id").Unique().Required().Immutable().Annotations(entgql.Skip()),
		edge.To("posts", Post.Type).Annotations(entgql.RelayConnection(), noWhereThrough()),
		edge.To("comments", Comment.Type).Annotations(entgql.Skip()),
		edge.To("following", Follow.Type).Annotations(entgql.Skip()),
		edge.To("followers", Follow.Type).Annotations(entgql.Skip()),
	}
}

func (Member) Indexes() []ent.Index {
	return []ent.Index{index.Fields("handle").Unique()}
}

func (Member) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (Member) Policy() ent.Policy {
	return policy{
		read: publicRead,
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			switch {
			case v.IsAdmin():
				return allRows, true
			case v.Authenticated() && op.Is(ent.OpUpdateOne):
				return rows(column("user_id", v.UserID)), true
			}
			return scope{}, false
		},
	}
}
