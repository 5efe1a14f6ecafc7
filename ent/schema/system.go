package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// AuditEvent records who did what: sign-ins, settings changes, exports,
// staff reads of a customer's 360 page. Append-only.
type AuditEvent struct{ ent.Schema }

func (AuditEvent) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("action").NotEmpty().MaxLen(64).Immutable(),
		field.String("subject_type").Optional().MaxLen(64).Immutable(),
		field.Int("subject_id").Optional().Nillable().Immutable(),
		field.JSON("detail", map[string]any{}).Optional().Immutable().Annotations(entgql.Type("Map")),
	}
}

func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_at"), index.Fields("subject_id"), index.Fields("actor_id")}
}

func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

func (AuditEvent) Policy() ent.Policy {
	return policy{read: adminOnlyRead, write: systemOnlyWrite}
}

// FieldChange is one field of one entity changing (動態管理): who, when, old → new.
// Written by the history hook; append-only.
type FieldChange struct{ ent.Schema }

func (FieldChange) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (FieldChange) Fields() []ent.Field {
	return []ent.Field{
		field.String("entity_type").MaxLen(64).Immutable(),
		field.Int("entity_id").Immutable(),
		field.String("field").MaxLen(64).Immutable(),
		// Values as JSON text, so any field type fits.
		field.Text("old_value").Optional().Immutable(),
		field.Text("new_value").Optional().Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
	}
}

func (FieldChange) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity_id", "created_at")}
}

func (FieldChange) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

func (FieldChange) Policy() ent.Policy {
	return policy{read: staffOnlyRead, write: systemOnlyWrite}
}

// Setting is one typed value of the settings store (reporting currency, time
// zone, thresholds, N-day rules). The value is JSON text.
type Setting struct{ ent.Schema }

func (Setting) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Setting) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxLen(128).Immutable(),
		field.Text("value"),
		field.Int("updated_by_id").Optional().Nillable(),
	}
}

func (Setting) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

func (Setting) Annotations() []schema.Annotation { return []schema.Annotation{entgql.Skip()} }

func (Setting) Policy() ent.Policy {
	return policy{read: adminOnlyRead, write: adminOnlyWrite}
}

// Job is background work a person started or is waiting for (an import, a
// recompute), with its progress. River runs it; this row is what jobProgress shows.
type Job struct{ ent.Schema }

func (Job) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Job) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").NotEmpty().MaxLen(64).Immutable(),
		field.Enum("status").Values("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED").Default("QUEUED"),
		field.Int("progress_done").Default(0),
		field.Int("progress_total").Default(0),
		field.String("message").Optional().MaxLen(2000),
		field.String("error").Optional().MaxLen(2000),
		field.JSON("result", map[string]any{}).Optional().Annotations(entgql.Type("Map")),
		field.Int("created_by_id").Optional().Nillable().Immutable(),
		field.Int64("river_job_id").Optional().Nillable(),
		field.Time("started_at").Optional().Nillable(),
		field.Time("finished_at").Optional().Nillable(),
	}
}

func (Job) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_by_id"), index.Fields("status")}
}

func (Job) Annotations() []schema.Annotation { return []schema.Annotation{entgql.RelayConnection()} }

func (Job) Policy() ent.Policy {
	return policy{
		read: func(v viewer.Viewer) scope {
			switch {
			case v.IsAdmin():
				return allRows
			case v.Authenticated():
				return rows(func(s *sql.Selector) { s.Where(sql.EQ(s.C("created_by_id"), v.UserID)) })
			}
			return noRows
		},
		write: systemOnlyWrite,
	}
}
