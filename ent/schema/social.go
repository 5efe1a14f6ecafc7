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

// Reaction is one member's reaction of one kind to a post or comment. The
// subject is named by its global id, so one table serves every kind of subject.
type Reaction struct{ ent.Schema }

func (Reaction) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Reaction) Fields() []ent.Field {
	return []ent.Field{
		field.Int("subject_id").Immutable(),
		field.Int("member_id").Immutable(),
		field.Enum("kind").Values("LIKE", "LOVE", "CELEBRATE", "INSIGHTFUL", "FUNNY").Immutable(),
	}
}

func (Reaction) Indexes() []ent.Index {
	return []ent.Index{index.Fields("subject_id", "member_id", "kind").Unique(), index.Fields("member_id")}
}

func (Reaction) Annotations() []schema.Annotation { return []schema.Annotation{entgql.Skip()} }

func (Reaction) Policy() ent.Policy {
	return policy{
		read: publicRead, // only counts leave the service, for subjects the viewer may see
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			if !v.Authenticated() || v.MemberID == 0 {
				return scope{}, false
			}
			return rows(column("member_id", v.MemberID)), true
		},
	}
}

// Follow is one member following another.
type Follow struct{ ent.Schema }

func (Follow) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Follow) Fields() []ent.Field {
	return []ent.Field{
		field.Int("follower_id").Immutable(),
		field.Int("followee_id").Immutable(),
	}
}

func (Follow) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("follower", Member.Type).Ref("following").Field("follower_id").Unique().Required().Immutable(),
		edge.From("followee", Member.Type).Ref("followers").Field("followee_id").Unique().Required().Immutable(),
	}
}

func (Follow) Indexes() []ent.Index {
	return []ent.Index{index.Fields("follower_id", "followee_id").Unique(), index.Fields("followee_id")}
}

func (Follow) Annotations() []schema.Annotation { return []schema.Annotation{entgql.RelayConnection()} }

func (Follow) Policy() ent.Policy {
	return policy{
		read: publicRead,
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			if !v.Authenticated() || v.MemberID == 0 {
				return scope{}, false
			}
			return rows(column("follower_id", v.MemberID)), true
		},
	}
}

// Interaction is the append-only record of who did what to whom in the
// community; loyalty points and influence scoring read it.
type Interaction struct{ ent.Schema }

func (Interaction) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Interaction) Fields() []ent.Field {
	return []ent.Field{
		field.Int("actor_id").Immutable(),
		field.Int("target_id").Optional().Nillable().Immutable(),
		field.Enum("kind").Values("POST", "COMMENT", "REACTION", "FOLLOW", "MENTION", "REFERRAL").Immutable(),
		field.Int("subject_id").Optional().Nillable().Immutable(),
	}
}

func (Interaction) Indexes() []ent.Index {
	return []ent.Index{index.Fields("actor_id", "created_at"), index.Fields("target_id", "created_at"), index.Fields("created_at")}
}

func (Interaction) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Interactions are written by the community service as the system, in the
// transaction of the action they record.
func (Interaction) Policy() ent.Policy {
	return policy{read: staffOnlyRead, write: systemOnlyWrite}
}

// Notification tells a member that someone replied to, mentioned or followed
// them. Stored with read/unread; the subscription only pushes.
type Notification struct{ ent.Schema }

func (Notification) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Int("recipient_id").Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.Enum("kind").Values("REPLY", "MENTION", "FOLLOW").Immutable(),
		field.Int("subject_id").Optional().Nillable().Immutable(),
		field.Time("read_at").Optional().Nillable(),
	}
}

func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("recipient", Member.Type).Field("recipient_id").Unique().Required().Immutable(),
		edge.To("actor", Member.Type).Field("actor_id").Unique().Immutable(),
	}
}

func (Notification) Indexes() []ent.Index {
	return []ent.Index{index.Fields("recipient_id", "created_at")}
}

func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (Notification) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			if v.MemberID == 0 {
				return noRows
			}
			return rows(column("recipient_id", v.MemberID))
		},
		write: func(v viewer.Viewer, op ent.Op) (scope, bool) {
			if v.MemberID == 0 || op.Is(ent.OpCreate) {
				return scope{}, false
			}
			return rows(column("recipient_id", v.MemberID)), true
		},
	}
}
