package community

import (
	"context"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/comment"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/ent/report"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// notFound turns a failed lookup into NOT_FOUND, the same for a missing row
// and one the viewer may not see.
func notFound(err error, what string) error {
	if ent.IsNotFound(err) {
		return errs.E(errs.NotFound, "%s not found", what)
	}
	return err
}

// visiblePost loads a post the viewer may read, with its board.
func (s *Service) visiblePost(ctx context.Context, id int) (*ent.Post, error) {
	p, err := s.Client.Post.Query().Where(post.ID(id)).WithBoard().Only(ctx)
	return p, notFound(err, "post")
}

// visibleComment loads a comment the viewer may read, with its post and the
// post's board.
func (s *Service) visibleComment(ctx context.Context, id int) (*ent.Comment, error) {
	c, err := s.Client.Comment.Query().Where(comment.ID(id)).
		WithPost(func(q *ent.PostQuery) { q.WithBoard() }).Only(ctx)
	if err != nil {
		return nil, notFound(err, "comment")
	}
	if c.Edges.Post == nil {
		return nil, errs.E(errs.NotFound, "comment not found")
	}
	return c, nil
}

// mayChange reports whether v may edit or delete content by authorID: its
// author, or an admin. Staff other than admins only read others' content.
func mayChange(v viewer.Viewer, authorID int) bool {
	return v.IsAdmin() || (v.MemberID != 0 && v.MemberID == authorID)
}

// PostPatch is an edit of a post; nil keeps a value.
type PostPatch struct {
	Title, Body *string
	Tags        []string
}

// UpdatePost edits a post: its author, or an admin (else FORBIDDEN; NOT_FOUND
// when the viewer cannot see it). A locked post refuses edits by anyone but
// staff. Members newly mentioned are notified; post.updated goes out on commit.
func (s *Service) UpdatePost(ctx context.Context, id int, in PostPatch) (*ent.Post, error) {
	p, err := s.visiblePost(ctx, id)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if !mayChange(v, p.AuthorID) {
		return nil, errs.E(errs.Forbidden, "only the author edits a post")
	}
	if p.Locked && !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "this post is locked")
	}
	title, body := p.Title, p.Body
	if in.Title != nil {
		if title, err = validTitle(*in.Title); err != nil {
			return nil, err
		}
	}
	if in.Body != nil {
		if body, err = validBody("body", *in.Body, maxBody); err != nil {
			return nil, err
		}
	}
	var tags []string
	if in.Tags != nil {
		if tags, err = normalizeTags(in.Tags); err != nil {
			return nil, err
		}
	}
	var out *ent.Post
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		u := tx.Post.UpdateOneID(id).SetTitle(title).SetBody(body)
		if in.Tags != nil {
			u.SetTags(tags)
		}
		var err error
		if out, err = u.Save(ctx); err != nil {
			return err
		}
		out.Edges.Board = p.Edges.Board
		if err := s.mention(ctx, tx, ob, v.MemberID, out, id, title+"\n"+body, p.Title+"\n"+p.Body); err != nil {
			return err
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(p.BoardID), Type: EventPostUpdated, ID: id})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// DeletePost deletes a post: its author, or an admin (else FORBIDDEN;
// NOT_FOUND when the viewer cannot see it). The row stays, for reports and
// interactions, but no read path shows it or its comments again; the open
// reports about it are resolved and post.removed goes out on commit. It
// returns the post's id.
func (s *Service) DeletePost(ctx context.Context, id int) (int, error) {
	p, err := s.visiblePost(ctx, id)
	if err != nil {
		return 0, err
	}
	if !mayChange(viewer.FromContext(ctx), p.AuthorID) {
		return 0, errs.E(errs.Forbidden, "only the author deletes a post")
	}
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		if err := tx.Post.UpdateOneID(id).SetDeletedAt(s.now()).Exec(ctx); err != nil {
			return err
		}
		// Nothing is left to moderate: its reports (and its comments') close.
		if err := s.resolveReports(ctx, tx, report.PostID(id)); err != nil {
			return err
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(p.BoardID), Type: EventPostRemoved, ID: id})
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// CommentInput is a new comment.
type CommentInput struct {
	PostID   int
	ParentID *int
	Body     string
}

// CreateComment adds a comment to a post the viewer may see (else
// NOT_FOUND), as a reply to a comment of the same post when ParentID is set.
// A locked post takes comments only from staff (else FORBIDDEN). It notifies
// the post's author (or the parent comment's) and the members it mentions,
// records the interactions and publishes comment.created on commit. A member
// commenting too fast gets RATE_LIMITED.
func (s *Service) CreateComment(ctx context.Context, in CommentInput) (*ent.Comment, error) {
	v, err := writer(ctx, "comment")
	if err != nil {
		return nil, err
	}
	body, err := validBody("body", in.Body, maxComment)
	if err != nil {
		return nil, err
	}
	p, err := s.Client.Post.Query().Where(post.ID(in.PostID)).WithBoard().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "postId", Message: "post not found"}
	}
	if err != nil {
		return nil, err
	}
	if p.Locked && !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "this post is locked")
	}
	target := p.AuthorID
	if in.ParentID != nil {
		parent, err := s.Client.Comment.Get(ctx, *in.ParentID)
		if ent.IsNotFound(err) || (err == nil && parent.PostID != p.ID) {
			return nil, &errs.Error{Code: errs.NotFound, Field: "parentId", Message: "parent comment not found on this post"}
		}
		if err != nil {
			return nil, err
		}
		target = parent.AuthorID
	}
	var c *ent.Comment
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		if err := s.checkRate(ctx, tx, v, rateComment); err != nil {
			return err
		}
		var err error
		c, err = tx.Comment.Create().SetPostID(p.ID).SetAuthorID(v.MemberID).SetNillableParentID(in.ParentID).SetBody(body).Save(ctx)
		if err != nil {
			return err
		}
		sys := system(ctx)
		if err := tx.Interaction.Create().SetActorID(v.MemberID).SetTargetID(target).SetKind(interaction.KindCOMMENT).SetSubjectID(c.ID).Exec(sys); err != nil {
			return err
		}
		if target != v.MemberID {
			if err := notify(ctx, tx, ob, target, v.MemberID, notification.KindREPLY, c.ID); err != nil {
				return err
			}
		}
		// The one replied to already has a REPLY; a mention would say it twice.
		if err := s.mention(ctx, tx, ob, v.MemberID, p, c.ID, body, "", target); err != nil {
			return err
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(p.BoardID), Type: EventCommentCreated, ID: c.ID})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c.Unwrap(), nil
}

// UpdateComment edits a comment's body: its author, or an admin (else
// FORBIDDEN; NOT_FOUND when the viewer cannot see it). On a locked post only
// staff edit. Members newly mentioned are notified; comment.updated goes out.
func (s *Service) UpdateComment(ctx context.Context, id int, body string) (*ent.Comment, error) {
	c, err := s.visibleComment(ctx, id)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if !mayChange(v, c.AuthorID) {
		return nil, errs.E(errs.Forbidden, "only the author edits a comment")
	}
	p := c.Edges.Post
	if p.Locked && !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "this post is locked")
	}
	if body, err = validBody("body", body, maxComment); err != nil {
		return nil, err
	}
	var out *ent.Comment
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		var err error
		if out, err = tx.Comment.UpdateOneID(id).SetBody(body).Save(ctx); err != nil {
			return err
		}
		if err := s.mention(ctx, tx, ob, v.MemberID, p, id, body, c.Body); err != nil {
			return err
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(p.BoardID), Type: EventCommentUpdated, ID: id})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// DeleteComment deletes a comment: its author, or an admin (else FORBIDDEN;
// NOT_FOUND when the viewer cannot see it). Its replies stay; comment.removed
// goes out on commit. It returns the comment's id.
func (s *Service) DeleteComment(ctx context.Context, id int) (int, error) {
	c, err := s.visibleComment(ctx, id)
	if err != nil {
		return 0, err
	}
	if !mayChange(viewer.FromContext(ctx), c.AuthorID) {
		return 0, errs.E(errs.Forbidden, "only the author deletes a comment")
	}
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		if err := tx.Comment.UpdateOneID(id).SetDeletedAt(s.now()).Exec(ctx); err != nil {
			return err
		}
		if err := s.resolveReports(ctx, tx, report.CommentID(id)); err != nil {
			return err
		}
		ob.publish(pubsub.Event{Topic: BoardTopic(c.Edges.Post.BoardID), Type: EventCommentRemoved, ID: id})
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}
