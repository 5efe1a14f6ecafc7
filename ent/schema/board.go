package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// Board is a community board or category (電子公告板) with separate read and
// post permissions.
type Board struct{ ent.Schema }

func (Board) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Board) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100).Annotations(entgql.OrderField("NAME")),
		field.String("slug").NotEmpty().MaxLen(64).Match(slugPattern),
		field.String("description").Optional().MaxLen(2000),
		field.Enum("read_access").Values("PUBLIC", "MEMBERS", "STAFF").Default("PUBLIC"),
		field.Enum("post_access").Values("MEMBERS", "STAFF").Default("MEMBERS"),
		field.Int("position").Default(0).Annotations(entgql.OrderField("POSITION")),
	}
}

func (Board) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("posts", Post.Type).Annotations(entgql.RelayConnection(), noWhereThrough()),
	}
}

func (Board) Indexes() []ent.Index {
	return []ent.Index{index.Fields("slug").Unique()}
}

func (Board) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Board) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.IsStaff() {
				return allRows
			}
			access := readableBoardAccess(v)
			return rows(func(s *sql.Selector) { s.Where(sql.In(s.C("read_access"), access...)) })
		},
		write: adminOnlyWrite,
	}
}

// slugPattern is what a board's slug may look like in a URL.
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
