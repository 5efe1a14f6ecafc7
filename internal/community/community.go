// Package community holds the rules of the community board: who may post
// where, what a post may contain, and which live events a write causes.
package community

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"entgo.io/ent/privacy"
	"golang.org/x/sync/singleflight"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// Event types and topics of the board.
const (
	EventPostCreated = "post.created"
	// TopicAllPosts carries every new post, for postAdded without a board.
	TopicAllPosts = "posts"
)

// BoardTopic is the topic of one board's events.
func BoardTopic(boardID int) string { return fmt.Sprintf("board:%d", boardID) }

// Service applies the community rules.
type Service struct {
	Client *ent.Client
	Bus    *pubsub.Bus

	loads singleflight.Group
	mu    sync.Mutex
	cache map[int]cachedPost
}

type cachedPost struct {
	post *ent.Post
	at   time.Time
}

// PostInput is what a member sends to create a post.
type PostInput struct {
	BoardID int
	Title   string
	Body    string
	Tags    []string
}

const (
	maxTitle = 200
	maxBody  = 40_000
	maxTags  = 10
	maxTag   = 32
)

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// CreatePost validates and stores a post, records the interaction and
// publishes post.created on commit. The board must be one the viewer may
// read (else NOT_FOUND) and post to (else FORBIDDEN).
func (s *Service) CreatePost(ctx context.Context, in PostInput) (*ent.Post, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in to post")
	}
	if v.MemberID == 0 {
		return nil, errs.E(errs.Forbidden, "this account has no community profile")
	}
	title := strings.TrimSpace(in.Title)
	if title == "" || utf8.RuneCountInString(title) > maxTitle {
		return nil, errs.Field("title", "title must have 1 to %d characters", maxTitle)
	}
	body := strings.TrimSpace(in.Body)
	if body == "" {
		return nil, errs.Field("body", "body must not be empty")
	}
	if len(body) > maxBody {
		return nil, errs.Field("body", "body must be at most %d bytes", maxBody)
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

	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	p, err := tx.Post.Create().SetBoardID(b.ID).SetAuthorID(v.MemberID).
		SetTitle(title).SetBody(body).SetTags(tags).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := tx.Interaction.Create().SetActorID(v.MemberID).SetKind(interaction.KindPOST).
		SetSubjectID(p.ID).Exec(system(ctx)); err != nil {
		return nil, err
	}
	deliver, err := s.Bus.Stage(ctx, tx,
		pubsub.Event{Topic: BoardTopic(b.ID), Type: EventPostCreated, ID: p.ID},
		pubsub.Event{Topic: TopicAllPosts, Type: EventPostCreated, ID: p.ID},
	)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	deliver()
	return p.Unwrap(), nil
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

// postCacheTTL bounds how long an event's post stays cached; events are
// delivered within moments of the write, so a short window suffices.
const postCacheTTL = 10 * time.Second

// PostForEvent loads a post named by an event once per process, however many
// subscribers wait for it, with its board. Callers decide per subscriber with
// CanSee; it returns nil when the post no longer exists.
func (s *Service) PostForEvent(ctx context.Context, id int) (*ent.Post, error) {
	s.mu.Lock()
	if c, ok := s.cache[id]; ok && time.Since(c.at) < postCacheTTL {
		s.mu.Unlock()
		return c.post, nil
	}
	s.mu.Unlock()
	v, err, _ := s.loads.Do(fmt.Sprint(id), func() (any, error) {
		p, err := s.Client.Post.Query().Where(post.ID(id)).WithBoard().WithAuthor().Only(system(context.WithoutCancel(ctx)))
		if ent.IsNotFound(err) {
			p, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.cache == nil {
			s.cache = map[int]cachedPost{}
		}
		now := time.Now()
		for k, c := range s.cache {
			if now.Sub(c.at) >= postCacheTTL {
				delete(s.cache, k)
			}
		}
		s.cache[id] = cachedPost{post: p, at: now}
		s.mu.Unlock()
		return p, nil
	})
	if err != nil {
		return nil, err
	}
	p, _ := v.(*ent.Post)
	return p, nil
}

// CanSee reports whether v may read p (loaded with its board). It is the
// in-memory twin of the Post privacy policy, used to filter live events
// without one query per subscriber.
func CanSee(v viewer.Viewer, p *ent.Post) bool {
	if p == nil || p.Edges.Board == nil {
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
