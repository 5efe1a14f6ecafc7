package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kith-crm/kith/internal/viewer"
)

// ImportChunk is one piece (up to 1 MiB) of an uploaded CSV file, kept in the
// database between the upload and the import job, so that whichever replica
// works the job can read the file and none keeps it on its disk. The job
// deletes the chunks when it is done.
type ImportChunk struct{ ent.Schema }

func (ImportChunk) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

func (ImportChunk) Fields() []ent.Field {
	return []ent.Field{
		// upload_key names one upload (random); seq orders its chunks.
		field.String("upload_key").NotEmpty().MaxLen(64).Immutable(),
		field.Int("seq").Immutable(),
		field.Bytes("data").Immutable(),
	}
}

func (ImportChunk) Indexes() []ent.Index {
	return []ent.Index{index.Fields("upload_key", "seq").Unique()}
}

func (ImportChunk) Annotations() []schema.Annotation { return []schema.Annotation{entgql.Skip()} }

func (ImportChunk) Policy() ent.Policy {
	return policy{read: func(viewer.Viewer) scope { return noRows }, write: systemOnlyWrite}
}
