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

// Comment is a threaded reply to a post or to another comment.
type Comment struct{ ent.Schema }

func (Comment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Comment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("post_id").Immutable(),
		field.Int("author_id").Immutable(),
		field.Int("parent_id").Optional().Nillable().Immutable(),
		field.Text("body").NotEmpty().MaxLen(20000),
		field.Bool("hidden").Default(false),
		// deleted_at marks a comment its author or an admin deleted; no read
		// path shows it (see Post.deleted_at).
		field.Time("deleted_at").Optional().Nillable().Annotations(entgql.Skip()),
	}
}

func (Comment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("post", Post.Type).Ref("comments").Field("post_id").Unique().Required().Immutable(),
		edge.From("author", Member.Type).Ref("comments").Field("author_id").Unique().Required().Immutable(),
		edge.To("replies", Comment.Type).Annotations(noWhereThrough()).
			From("parent").Field("parent_id").Unique().Immutable().Annotations(noWhereThrough()),
	}
}

func (Comment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("post_id", "created_at"), index.Fields("author_id", "created_at"), index.Fields("parent_id")}
}

func (Comment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (Comment) Policy() ent.Policy {
	return policy{
		// Comments of posts the viewer may read, never deleted ones, and
		// not hidden unless the viewer is staff. community.CanSeeComment is
		// the in-memory twin.
		read: func(v viewer.Viewer) scope {
			return rows(func(s *sql.Selector) {
				s.Where(sql.IsNull(s.C("deleted_at")))
				posts := sql.Table("posts")
				sub := sql.Dialect(s.Dialect()).Select(posts.C("id")).From(posts)
				visiblePosts(v, "id", "board_id")(sub)
				s.Where(sql.In(s.C("post_id"), sub))
				if !v.IsStaff() {
					s.Where(sql.EQ(s.C("hidden"), false))
				}
			})
		},
		write: authorOrAdmin,
	}
}
