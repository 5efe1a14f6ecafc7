package community

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// ProfileInput is a member's change to their public profile; nil keeps a value.
type ProfileInput struct {
	DisplayName, Handle, AvatarURL, Bio *string
}

var handlePattern = regexp.MustCompile(`^[a-z0-9._]{2,32}$`)

// UpdateProfile changes the viewer's public profile.
func (s *Service) UpdateProfile(ctx context.Context, in ProfileInput) (*ent.Member, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if v.MemberID == 0 {
		return nil, errs.E(errs.Forbidden, "this account has no community profile")
	}
	u := s.Client.Member.UpdateOneID(v.MemberID)
	if in.DisplayName != nil {
		n := strings.TrimSpace(*in.DisplayName)
		if n == "" || utf8.RuneCountInString(n) > 80 {
			return nil, errs.Field("displayName", "display name must have 1 to 80 characters")
		}
		u.SetDisplayName(n)
	}
	if in.Handle != nil {
		h := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(*in.Handle), "@"))
		if !handlePattern.MatchString(h) {
			return nil, errs.Field("handle", "a handle has 2 to 32 letters, digits, dots or underscores")
		}
		taken, err := s.Client.Member.Query().Where(member.Handle(h), member.IDNEQ(v.MemberID)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if taken {
			return nil, &errs.Error{Code: errs.Conflict, Field: "handle", Message: "this handle is taken"}
		}
		u.SetHandle(h)
	}
	if in.AvatarURL != nil {
		a := strings.TrimSpace(*in.AvatarURL)
		if a != "" && !strings.HasPrefix(a, "https://") {
			return nil, errs.Field("avatarURL", "avatar must be an https:// URL")
		}
		u.SetAvatarURL(a)
	}
	if in.Bio != nil {
		if utf8.RuneCountInString(*in.Bio) > 1000 {
			return nil, errs.Field("bio", "bio has at most 1000 characters")
		}
		u.SetBio(*in.Bio)
	}
	m, err := u.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "handle", Message: "this handle is taken"}
	}
	return m, err
}

// CreateBoard adds a board (admins).
func (s *Service) CreateBoard(ctx context.Context, in ent.CreateBoardInput) (*ent.Board, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins create boards")
	}
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	b, err := s.Client.Board.Create().SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "slug", Message: "a board with this slug exists"}
	}
	return b, err
}

// UpdateBoard changes a board (admins).
func (s *Service) UpdateBoard(ctx context.Context, id int, in ent.UpdateBoardInput) (*ent.Board, error) {
	if _, err := s.Client.Board.Get(ctx, id); err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins change boards")
	}
	b, err := s.Client.Board.UpdateOneID(id).SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "slug", Message: "a board with this slug exists"}
	}
	return b, err
}

// PostPatch is an edit of a post; nil keeps a value.
type PostPatch struct {
	Title, Body *string
	Tags        []string
}

// UpdatePost edits a post: its author, or an admin.
func (s *Service) UpdatePost(ctx context.Context, id int, in PostPatch) (*ent.Post, error) {
	p, err := s.Client.Post.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if !v.IsAdmin() && (v.MemberID == 0 || p.AuthorID != v.MemberID) {
		return nil, errs.E(errs.Forbidden, "only the author edits a post")
	}
	if p.Locked && !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "this post is locked")
	}
	u := s.Client.Post.UpdateOneID(id)
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		if t == "" || utf8.RuneCountInString(t) > maxTitle {
			return nil, errs.Field("title", "title must have 1 to %d characters", maxTitle)
		}
		u.SetTitle(t)
	}
	if in.Body != nil {
		b := strings.TrimSpace(*in.Body)
		if b == "" || len(b) > maxBody {
			return nil, errs.Field("body", "body must have 1 to %d bytes", maxBody)
		}
		u.SetBody(b)
	}
	if in.Tags != nil {
		tags, err := normalizeTags(in.Tags)
		if err != nil {
			return nil, err
		}
		u.SetTags(tags)
	}
	return u.Save(ctx)
}

// CommentInput is a new comment.
type CommentInput struct {
	PostID   int
	ParentID *int
	Body     string
}

// CreateComment adds a comment to a post the viewer may see, notifies the
// post's author (or the parent comment's) and records the interaction.
func (s *Service) CreateComment(ctx context.Context, in CommentInput) (*ent.Comment, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in to comment")
	}
	if v.MemberID == 0 {
		return nil, errs.E(errs.Forbidden, "this account has no community profile")
	}
	body := strings.TrimSpace(in.Body)
	if body == "" || len(body) > 20_000 {
		return nil, errs.Field("body", "a comment has 1 to 20000 bytes")
	}
	p, err := s.Client.Post.Get(ctx, in.PostID)
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
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	c, err := tx.Comment.Create().SetPostID(p.ID).SetAuthorID(v.MemberID).SetNillableParentID(in.ParentID).SetBody(body).Save(ctx)
	if err != nil {
		return nil, err
	}
	sys := system(ctx)
	if err := tx.Interaction.Create().SetActorID(v.MemberID).SetTargetID(target).SetKind(interaction.KindCOMMENT).SetSubjectID(c.ID).Exec(sys); err != nil {
		return nil, err
	}
	if target != v.MemberID {
		if err := tx.Notification.Create().SetRecipientID(target).SetActorID(v.MemberID).SetKind(notification.KindREPLY).SetSubjectID(c.ID).Exec(sys); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return c.Unwrap(), nil
}

// subscriberBuffer bounds how many events wait for one subscriber; a client
// further behind is dropped and refetches (pubsub.ErrSlowConsumer).
const subscriberBuffer = 64

// SubscribePosts streams new posts on a board (or on every board when
// boardID is nil) that the viewer may see. The channel closes — the client
// sees the subscription complete, refetches and subscribes again — when ctx
// ends, when the subscriber falls too far behind, or when events may have
// been lost.
func (s *Service) SubscribePosts(ctx context.Context, boardID *int) (<-chan *ent.Post, error) {
	v := viewer.FromContext(ctx)
	topic := TopicAllPosts
	if boardID != nil {
		if _, err := s.Client.Board.Get(ctx, *boardID); err != nil {
			if ent.IsNotFound(err) {
				return nil, &errs.Error{Code: errs.NotFound, Field: "boardId", Message: "board not found"}
			}
			return nil, err
		}
		topic = BoardTopic(*boardID)
	}
	sub := s.Bus.Subscribe(topic, subscriberBuffer)
	out := make(chan *ent.Post, 1)
	go func() {
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-sub.C():
				if !ok {
					return
				}
				if ev.Type == pubsub.TypeResync {
					// Events may have been missed (a replica's listener
					// reconnected): end the stream so the client refetches
					// and subscribes again.
					return
				}
				if ev.Type != EventPostCreated {
					continue
				}
				p, err := s.PostForEvent(ctx, ev.ID)
				if err != nil || !CanSee(v, p) {
					continue
				}
				select {
				case out <- p:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}
