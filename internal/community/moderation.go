package community

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/ent/report"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// Moderation follows the access table of the API: every staff member reads
// the reports (the moderation queue), but changing members' content —
// hiding, locking, pinning, resolving reports — is the admins' job;
// marketers and managers only read.

const maxReason = 1000

// ReportContent reports a post or comment the viewer may see (else
// NOT_FOUND) to the moderators, with a reason of 1 to 1000 characters. A
// member reports one subject once: reporting it again returns the first
// report unchanged.
func (s *Service) ReportContent(ctx context.Context, subjectID int, reason string) (*ent.Report, error) {
	v, err := writer(ctx, "report content")
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > maxReason {
		return nil, errs.Field("reason", "a reason has 1 to %d characters", maxReason)
	}
	sub, err := s.visibleSubject(ctx, subjectID, "subjectId")
	if err != nil {
		return nil, err
	}
	var r *ent.Report
	err = s.write(ctx, func(tx *ent.Tx, _ *outbox) error {
		if err := lockMember(ctx, tx, v.MemberID); err != nil {
			return err
		}
		sys := system(ctx)
		var err error
		r, err = tx.Report.Query().Where(report.SubjectID(subjectID), report.ReporterID(v.MemberID)).Only(sys)
		if err == nil || !ent.IsNotFound(err) {
			return err
		}
		c := tx.Report.Create().SetReporterID(v.MemberID).SetSubjectID(subjectID).
			SetPostID(sub.Post.ID).SetReason(reason)
		if sub.Comment != nil {
			c.SetCommentID(sub.Comment.ID)
		}
		r, err = c.Save(sys)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r.Unwrap(), nil
}

// ModerationQueue returns the query of reports with the given status (all
// when nil), for staff (else FORBIDDEN); the caller pages it.
func (s *Service) ModerationQueue(ctx context.Context, status *report.Status) (*ent.ReportQuery, error) {
	if !viewer.FromContext(ctx).IsStaff() {
		return nil, errs.E(errs.Forbidden, "only staff read the moderation queue")
	}
	q := s.Client.Report.Query()
	if status != nil {
		q.Where(report.StatusEQ(*status))
	}
	return q, nil
}

// moderate checks that the viewer may moderate a subject they can see:
// admins only (FORBIDDEN for others who see it).
func moderate(ctx context.Context) error {
	if !viewer.FromContext(ctx).IsAdmin() {
		return errs.E(errs.Forbidden, "only admins moderate")
	}
	return nil
}

// PostFlags are the moderation flags of a post; nil keeps a value.
type PostFlags struct {
	Hidden, Locked, Pinned *bool
}

// ModeratePost sets a post's moderation flags (admins; FORBIDDEN for others
// who may see the post, NOT_FOUND for those who may not). Hiding it resolves
// the open reports about it and takes it out of every member's view and live
// stream (post.hidden); other changes publish post.updated.
func (s *Service) ModeratePost(ctx context.Context, id int, f PostFlags) (*ent.Post, error) {
	p, err := s.visiblePost(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := moderate(ctx); err != nil {
		return nil, err
	}
	hiding := f.Hidden != nil && *f.Hidden && !p.Hidden
	var out *ent.Post
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		u := tx.Post.UpdateOneID(id)
		changed := false
		set := func(cur bool, want *bool, apply func(bool)) {
			if want != nil && *want != cur {
				apply(*want)
				changed = true
			}
		}
		set(p.Hidden, f.Hidden, func(b bool) { u.SetHidden(b) })
		set(p.Locked, f.Locked, func(b bool) { u.SetLocked(b) })
		set(p.Pinned, f.Pinned, func(b bool) { u.SetPinned(b) })
		if !changed {
			out = p
			return nil
		}
		var err error
		if out, err = u.Save(ctx); err != nil {
			return err
		}
		out.Edges.Board = p.Edges.Board
		typ := EventPostUpdated
		if hiding {
			typ = EventPostHidden
			if err := s.resolveReports(ctx, tx, report.PostID(id), report.CommentIDIsNil()); err != nil {
				return err
			}
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(p.BoardID), Type: typ, ID: id})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// ModerateComment hides or shows a comment (admins), like ModeratePost.
func (s *Service) ModerateComment(ctx context.Context, id int, hidden bool) (*ent.Comment, error) {
	c, err := s.visibleComment(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := moderate(ctx); err != nil {
		return nil, err
	}
	if c.Hidden == hidden {
		return c, nil
	}
	var out *ent.Comment
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		var err error
		if out, err = tx.Comment.UpdateOneID(id).SetHidden(hidden).Save(ctx); err != nil {
			return err
		}
		typ := EventCommentUpdated
		if hidden {
			typ = EventCommentHidden
			if err := s.resolveReports(ctx, tx, report.CommentID(id)); err != nil {
				return err
			}
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(c.Edges.Post.BoardID), Type: typ, ID: id})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// resolveReports marks the open reports matching where as resolved by the
// viewer: the admin who hid the subject, or whoever deleted it.
func (s *Service) resolveReports(ctx context.Context, tx *ent.Tx, where ...predicate.Report) error {
	v := viewer.FromContext(ctx)
	return tx.Report.Update().Where(append(where, report.StatusEQ(report.StatusOPEN))...).
		SetStatus(report.StatusRESOLVED).SetResolvedByID(v.UserID).SetResolvedAt(s.now()).Exec(system(ctx))
}

// DismissReport closes an open report without acting on its subject
// (admins; FORBIDDEN for other staff, NOT_FOUND for members). It returns
// the report.
func (s *Service) DismissReport(ctx context.Context, id int) (*ent.Report, error) {
	r, err := s.Client.Report.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "report")
	}
	if err := moderate(ctx); err != nil {
		return nil, err
	}
	if r.Status != report.StatusOPEN {
		return r, nil
	}
	v := viewer.FromContext(ctx)
	return s.Client.Report.UpdateOneID(id).SetStatus(report.StatusDISMISSED).
		SetResolvedByID(v.UserID).SetResolvedAt(s.now()).Save(system(ctx))
}
