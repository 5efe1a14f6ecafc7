// Package community holds the rules of the community board: who may post
// where, what a post may contain, reactions, follows, mentions, moderation,
// notifications, search, and which live events a write causes.
//
// Every write runs in one transaction that also records the interactions it
// causes (who did what to whom, for loyalty and influence), stores the
// notifications it causes and stages its live events, which leave only if
// the transaction commits.
package community

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// Event types of the board. Events name one id: a post, a comment, the
// subject whose reactions changed, or a notification.
const (
	EventPostCreated      = "post.created"
	EventPostUpdated      = "post.updated" // edited, locked, pinned or unhidden
	EventPostHidden       = "post.hidden"
	EventPostRemoved      = "post.removed" // deleted
	EventCommentCreated   = "comment.created"
	EventCommentUpdated   = "comment.updated" // edited or unhidden
	EventCommentHidden    = "comment.hidden"
	EventCommentRemoved   = "comment.removed" // deleted
	EventReactionsChanged = "reactions.changed"
	EventNotification     = "notification.created"

	// TopicAllPosts carries every new post, for postAdded without a board.
	TopicAllPosts = "posts"
)

// BoardTopic is the topic of one board's events: its posts, their comments
// and reactions.
func BoardTopic(boardID int) string { return fmt.Sprintf("board:%d", boardID) }

// MemberTopic is the topic of one member's notifications.
func MemberTopic(memberID int) string { return fmt.Sprintf("member:%d", memberID) }

// Service applies the community rules. Client and Bus are required; the
// zero values of the other fields take the defaults.
type Service struct {
	Client *ent.Client
	Bus    *pubsub.Bus
	// Limits caps how fast one member writes.
	Limits Limits
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	initOnce sync.Once
	loaders  *loaders

	hubMu sync.Mutex
	hubs  map[string]*hub
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// PostInput is what a member sends to create a post.
type PostInput struct {
	BoardID int
	Title   string
	Body    string
	Tags    []string
}

const (
	maxTitle   = 200
	maxBody    = 40_000
	maxComment = 20_000
	maxTags    = 10
	maxTag     = 32
)

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// writer returns the viewer if they may write community content: signed
// in (else UNAUTHENTICATED) with a community profile (else FORBIDDEN).
func writer(ctx context.Context, action string) (viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return v, errs.E(errs.Unauthenticated, "sign in to %s", action)
	}
	if v.MemberID == 0 {
		return v, errs.E(errs.Forbidden, "this account has no community profile")
	}
	return v, nil
}

func validTitle(in string) (string, error) {
	t := strings.TrimSpace(in)
	if t == "" || utf8.RuneCountInString(t) > maxTitle {
		return "", errs.Field("title", "title must have 1 to %d characters", maxTitle)
	}
	return t, nil
}

func validBody(field, in string, limit int) (string, error) {
	b := strings.TrimSpace(in)
	if b == "" {
		return "", errs.Field(field, "%s must not be empty", field)
	}
	if len(b) > limit {
		return "", errs.Field(field, "%s must be at most %d bytes", field, limit)
	}
	if !utf8.ValidString(b) {
		return "", errs.Field(field, "%s must be UTF-8 text", field)
	}
	return b, nil
}

// CreatePost validates and stores a post, records the interaction, notifies
// the members it mentions and publishes post.created on commit. The board
// must be one the viewer may read (else NOT_FOUND) and post to (else
// FORBIDDEN); a member posting too fast gets RATE_LIMITED.
func (s *Service) CreatePost(ctx context.Context, in PostInput) (*ent.Post, error) {
	v, err := writer(ctx, "post")
	if err != nil {
		return nil, err
	}
	title, err := validTitle(in.Title)
	if err != nil {
		return nil, err
	}
	body, err := validBody("body", in.Body, maxBody)
	if err != nil {
		return nil, err
	}
	tags, err := normalizeTags(in.Tags)
	if err != nil {
		return nil, err
	}
	b, err := s.Client.Board.Get(ctx, in.BoardID)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "board not found")
	}
	if err != nil {
		return nil, err
	}
	if b.PostAccess == board.PostAccessSTAFF && !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "only staff post on this board")
	}

	var p *ent.Post
	err = s.write(ctx, func(tx *ent.Tx, out *outbox) error {
		if err := s.checkRate(ctx, tx, v, ratePost); err != nil {
			return err
		}
		var err error
		p, err = tx.Post.Create().SetBoardID(b.ID).SetAuthorID(v.MemberID).
			SetTitle(title).SetBody(body).SetTags(tags).Save(ctx)
		if err != nil {
			return err
		}
		if err := tx.Interaction.Create().SetActorID(v.MemberID).SetKind(interaction.KindPOST).
			SetSubjectID(p.ID).Exec(system(ctx)); err != nil {
			return err
		}
		p.Edges.Board = b
		if err := s.mention(ctx, tx, out, v.MemberID, p, p.ID, title+"\n"+body, ""); err != nil {
			return err
		}
		out.publish(
			pubsub.Event{Topic: BoardTopic(b.ID), Type: EventPostCreated, ID: p.ID},
			pubsub.Event{Topic: TopicAllPosts, Type: EventPostCreated, ID: p.ID},
		)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p.Unwrap(), nil
}

// outbox collects the events a write causes; write stages them in its
// transaction and delivers them after commit.
type outbox struct{ events []pubsub.Event }

func (o *outbox) publish(evs ...pubsub.Event) { o.events = append(o.events, evs...) }

// write runs fn in one transaction, stages the events fn published in it
// and delivers them once it has committed. Any error rolls everything back.
func (s *Service) write(ctx context.Context, fn func(tx *ent.Tx, out *outbox) error) error {
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	var out outbox
	if err := fn(tx, &out); err != nil {
		return err
	}
	deliver := func() {}
	if len(out.events) > 0 {
		if deliver, err = s.Bus.Stage(ctx, tx, out.events...); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	deliver()
	return nil
}

func normalizeTags(in []string) ([]string, error) {
	if len(in) > maxTags {
		return nil, errs.Field("tags", "at most %d tags", maxTags)
	}
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, t := range in {
		t = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#")))
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > maxTag {
			return nil, errs.Field("tags", "a tag has at most %d characters", maxTag)
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// CanSee reports whether v may read p (loaded with its board). It is the
// in-memory twin of the Post privacy policy (ent/schema/post.go), used to
// filter live events without one query per subscriber.
func CanSee(v viewer.Viewer, p *ent.Post) bool {
	if p == nil || p.Edges.Board == nil || p.DeletedAt != nil {
		return false
	}
	if v.IsAdmin() {
		return true
	}
	if p.Hidden && !v.IsStaff() {
		return false
	}
	switch p.Edges.Board.ReadAccess {
	case board.ReadAccessPUBLIC:
		return true
	case board.ReadAccessMEMBERS:
		return v.Authenticated()
	default:
		return v.IsStaff()
	}
}

// CanSeeComment reports whether v may read c, loaded with its post and the
// post's board. It is the in-memory twin of the Comment privacy policy.
func CanSeeComment(v viewer.Viewer, c *ent.Comment) bool {
	if c == nil || c.DeletedAt != nil || !CanSee(v, c.Edges.Post) {
		return false
	}
	return !c.Hidden || v.IsStaff()
}
