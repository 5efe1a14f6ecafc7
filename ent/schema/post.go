package schema

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/searchtext"
	"github.com/kith-crm/kith/internal/viewer"
)

// Post is a member's post on a board.
type Post struct{ ent.Schema }

func (Post) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Post) Fields() []ent.Field {
	return []ent.Field{
		field.Int("board_id").Immutable(),
		field.Int("author_id").Immutable(),
		field.String("title").NotEmpty().MaxLen(200),
		field.Text("body").MaxLen(40000),
		field.Strings("tags").Optional(),
		field.Bool("hidden").Default(false),
		field.Bool("locked").Default(false),
		field.Bool("pinned").Default(false),
		// deleted_at marks a post its author or an admin deleted. Deleted
		// posts are kept (reports and interactions name them) but no read
		// path shows them to anyone.
		field.Time("deleted_at").Optional().Nillable().Annotations(entgql.Skip()),
		// search_tokens indexes the search terms shorter than three
		// characters (searchtext.Tokens of title and body); the post hook
		// keeps it in step, nothing else writes it.
		field.Text("search_tokens").Optional().Annotations(entgql.Skip()),
	}
}

func (Post) Hooks() []ent.Hook { return []ent.Hook{postSearchTokens} }

// postSearchTokens writes search_tokens whenever a post's title or body is
// written, so every path that writes posts (the service, demo data, tests)
// keeps the short-term search index true. It uses the generic mutation API:
// ent/schema cannot import the generated client.
func postSearchTokens(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		title, setTitle := m.Field("title")
		body, setBody := m.Field("body")
		if !setTitle && !setBody {
			return next.Mutate(ctx, m)
		}
		if !m.Op().Is(ent.OpCreate) && !m.Op().Is(ent.OpUpdateOne) {
			return nil, fmt.Errorf("posts: change title and body one post at a time (search index)")
		}
		var err error
		if !setTitle {
			if title, err = m.OldField(ctx, "title"); err != nil {
				return nil, err
			}
		}
		if !setBody {
			if body, err = m.OldField(ctx, "body"); err != nil {
				return nil, err
			}
		}
		t, _ := title.(string)
		b, _ := body.(string)
		if err := m.SetField("search_tokens", searchtext.Tokens(t, b)); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

func (Post) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("board", Board.Type).Ref("posts").Field("board_id").Unique().Required().Immutable(),
		edge.From("author", Member.Type).Ref("posts").Field("author_id").Unique().Required().Immutable(),
		edge.To("comments", Comment.Type).Annotations(entgql.RelayConnection(), noWhereThrough()),
	}
}

func (Post) Indexes() []ent.Index {
	return []ent.Index{index.Fields("board_id", "created_at"), index.Fields("author_id", "created_at")}
}

func (Post) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// visiblePosts is the posts a viewer may read: never deleted ones; for
// admins every other post; for everyone else those on boards they may read,
// and not hidden unless the viewer is staff (moderators see hidden posts).
// community.CanSee is its in-memory twin: change both together.
func visiblePosts(v viewer.Viewer, idCol, boardCol string) func(*sql.Selector) {
	access := readableBoardAccess(v)
	return func(s *sql.Selector) {
		s.Where(sql.IsNull(s.C("deleted_at")))
		if v.IsAdmin() {
			return
		}
		boards := sql.Table("boards")
		readable := sql.Dialect(s.Dialect()).Select(boards.C("id")).From(boards).Where(sql.In(boards.C("read_access"), access...))
		s.Where(sql.In(s.C(boardCol), readable))
		if !v.IsStaff() {
			s.Where(sql.EQ(s.C("hidden"), false))
		}
	}
}

// authorOrAdmin lets everyone with a community profile (staff too) create
// and change their own content, and admins change anyone's: marketers and
// managers only read others' posts and comments.
func authorOrAdmin(v viewer.Viewer, op ent.Op) (scope, bool) {
	switch {
	case v.IsAdmin():
		return allRows, true
	case v.Authenticated() && v.MemberID != 0:
		if op.Is(ent.OpCreate) {
			return allRows, true
		}
		return rows(column("author_id", v.MemberID)), true
	}
	return scope{}, false
}

func (Post) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			return rows(visiblePosts(v, "id", "board_id"))
		},
		write: authorOrAdmin,
	}
}
