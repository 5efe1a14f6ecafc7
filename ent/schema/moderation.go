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

// Report is a member's report of a post or comment to the moderators. One
// member reports one subject once; staff read the open reports in the
// moderation queue, and an admin resolves them by hiding the subject or
// dismisses them.
type Report struct{ ent.Schema }

func (Report) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Report) Fields() []ent.Field {
	return []ent.Field{
		field.Int("reporter_id").Immutable(),
		// subject_id is the global id of the reported post or comment.
		field.Int("subject_id").Immutable(),
		// post_id is the reported post, or the post of the reported comment.
		field.Int("post_id").Immutable(),
		field.Int("comment_id").Optional().Nillable().Immutable(),
		field.String("reason").NotEmpty().MaxLen(1000),
		field.Enum("status").Values("OPEN", "RESOLVED", "DISMISSED").Default("OPEN").Annotations(skipInputs()),
		// resolved_by_id is the user (an admin) who resolved or dismissed it.
		field.Int("resolved_by_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Time("resolved_at").Optional().Nillable().Annotations(skipInputs()),
	}
}

func (Report) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("reporter", Member.Type).Field("reporter_id").Unique().Required().Immutable(),
		edge.To("post", Post.Type).Field("post_id").Unique().Required().Immutable(),
		edge.To("comment", Comment.Type).Field("comment_id").Unique().Immutable(),
	}
}

func (Report) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("subject_id", "reporter_id").Unique(),
		index.Fields("status", "created_at"),
		index.Fields("post_id"),
	}
}

func (Report) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		// The queue is read through moderationQueue; no where input, so
		// nobody filters reports through the posts and comments they name.
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Staff read every report, a member only their own; the community service
// writes them as the system after its own checks.
func (Report) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			switch {
			case v.IsStaff():
				return allRows
			case v.MemberID != 0:
				return rows(column("reporter_id", v.MemberID))
			}
			return noRows
		},
		write: systemOnlyWrite,
	}
}
