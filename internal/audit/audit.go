// Package audit writes the append-only audit log.
package audit

import (
	"context"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/viewer"
)

// Record appends one audit event, acting as the viewer in ctx, through c (a
// transaction's client when the event belongs to a write).
func Record(ctx context.Context, c *ent.Client, action, subjectType string, subjectID int, detail map[string]any) error {
	b := c.AuditEvent.Create().SetAction(action)
	if v := viewer.FromContext(ctx); v.UserID != 0 {
		b.SetActorID(v.UserID)
	}
	if subjectType != "" {
		b.SetSubjectType(subjectType)
	}
	if subjectID != 0 {
		b.SetSubjectID(subjectID)
	}
	if detail != nil {
		b.SetDetail(detail)
	}
	// The log is written by Kith on the viewer's behalf; nobody may write it directly.
	return b.Exec(privacy.DecisionContext(ctx, privacy.Allow))
}
