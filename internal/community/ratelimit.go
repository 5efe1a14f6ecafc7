package community

import (
	"context"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/comment"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Limits caps how many posts and comments one member writes within Window.
// Zero fields take the defaults below.
//
// The limit is a count of the member's own rows over the recent window, made
// inside the transaction that would add one more, so it holds across any
// number of replicas without shared memory: on PostgreSQL the transaction
// first locks the member's row (SELECT … FOR NO KEY UPDATE), so two requests
// of the same member count one after the other; SQLite transactions are serialised
// already (immediate locking). Deleting a post does not give its slot back.
// Admins are not limited (announcements, moderation).
type Limits struct {
	PostsPerWindow    int
	CommentsPerWindow int
	Window            time.Duration
}

// Default limits: far above what a person types, far below a script.
const (
	DefaultPostsPerWindow    = 20
	DefaultCommentsPerWindow = 60
	DefaultRateWindow        = time.Minute
)

type rateKind int

const (
	ratePost rateKind = iota
	rateComment
)

func (l Limits) withDefaults() Limits {
	if l.PostsPerWindow <= 0 {
		l.PostsPerWindow = DefaultPostsPerWindow
	}
	if l.CommentsPerWindow <= 0 {
		l.CommentsPerWindow = DefaultCommentsPerWindow
	}
	if l.Window <= 0 {
		l.Window = DefaultRateWindow
	}
	return l
}

// checkRate returns RATE_LIMITED when v has written as many items of kind
// within the window as the limit allows. It runs inside tx, before the
// insert it guards.
func (s *Service) checkRate(ctx context.Context, tx *ent.Tx, v viewer.Viewer, kind rateKind) error {
	if v.IsAdmin() {
		return nil
	}
	if err := lockMember(ctx, tx, v.MemberID); err != nil {
		return err
	}
	l := s.Limits.withDefaults()
	since := s.now().Add(-l.Window)
	sys := system(ctx)
	var n, limit int
	var err error
	switch kind {
	case ratePost:
		limit = l.PostsPerWindow
		n, err = tx.Post.Query().Where(post.AuthorID(v.MemberID), post.CreatedAtGT(since)).Count(sys)
	default:
		limit = l.CommentsPerWindow
		n, err = tx.Comment.Query().Where(comment.AuthorID(v.MemberID), comment.CreatedAtGT(since)).Count(sys)
	}
	if err != nil {
		return err
	}
	if n >= limit {
		return errs.E(errs.RateLimited, "you are writing too fast: at most %d per %s; try again shortly", limit, l.Window)
	}
	return nil
}

// lockMember serialises the writes of one member across replicas: on
// PostgreSQL it locks the member's row until tx ends. SQLite needs nothing,
// its write transactions already take the database lock when they begin.
func lockMember(ctx context.Context, tx *ent.Tx, memberID int) error {
	_, err := tx.Member.Query().Where(member.ID(memberID)).Unique(false).Modify(func(s *sql.Selector) {
		s.Select(s.C(member.FieldID))
		if s.Dialect() == dialect.Postgres {
			// NO KEY UPDATE, not UPDATE: other members' writes that point
			// at this member (a follow, a mention) take KEY SHARE locks on
			// the row through their foreign keys, which must not wait for
			// this one, or two members following each other deadlock.
			s.For(sql.LockNoKeyUpdate)
		}
	}).Ints(system(ctx))
	return err
}
