package community

import (
	"github.com/kith-crm/kith/internal/batch"

	"context"
	"slices"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/follow"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// loaders batch the per-object lookups of list fields (reaction counts,
// follower counts) into one grouped query per batch.
type loaders struct {
	reactions     *batch.Loader[reactionKey, *ReactionSummary]
	followers     *batch.Loader[int, int]
	following     *batch.Loader[int, int]
	viewerFollows *batch.Loader[followKey, bool]
}

// A batch closes once no key came for batchWait, or after batchMaxWait.
// GraphQL starts the field resolvers of a page's items together, so they all
// land in one batch; the wait is what a list field costs in latency.
const (
	batchWait    = 3 * time.Millisecond
	batchMaxWait = 30 * time.Millisecond
	batchMax     = 500
)

func (s *Service) load() *loaders {
	s.initOnce.Do(func() {
		s.loaders = &loaders{
			reactions:     &batch.Loader[reactionKey, *ReactionSummary]{Wait: batchWait, MaxWait: batchMaxWait, Max: batchMax, Fetch: s.fetchReactions},
			followers:     &batch.Loader[int, int]{Wait: batchWait, MaxWait: batchMaxWait, Max: batchMax, Fetch: s.countFollows(follow.FieldFolloweeID)},
			following:     &batch.Loader[int, int]{Wait: batchWait, MaxWait: batchMaxWait, Max: batchMax, Fetch: s.countFollows(follow.FieldFollowerID)},
			viewerFollows: &batch.Loader[followKey, bool]{Wait: batchWait, MaxWait: batchMaxWait, Max: batchMax, Fetch: s.fetchViewerFollows},
		}
	})
	return s.loaders
}

// Follow makes the viewer follow a member (FOLLOW notification and
// interaction the first time); following again changes nothing. Following
// oneself is BAD_USER_INPUT, an unknown member NOT_FOUND. It returns the
// followed member.
func (s *Service) Follow(ctx context.Context, memberID int) (*ent.Member, error) {
	return s.setFollow(ctx, memberID, true)
}

// Unfollow stops the viewer following a member; idempotent like Follow.
func (s *Service) Unfollow(ctx context.Context, memberID int) (*ent.Member, error) {
	return s.setFollow(ctx, memberID, false)
}

func (s *Service) setFollow(ctx context.Context, memberID int, on bool) (*ent.Member, error) {
	v, err := writer(ctx, "follow members")
	if err != nil {
		return nil, err
	}
	if memberID == v.MemberID {
		return nil, errs.Field("memberId", "you cannot follow yourself")
	}
	m, err := s.Client.Member.Get(ctx, memberID)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "memberId", Message: "member not found"}
	}
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		if err := lockMember(ctx, tx, v.MemberID); err != nil {
			return err
		}
		exists, err := tx.Follow.Query().Where(follow.FollowerID(v.MemberID), follow.FolloweeID(memberID)).Exist(ctx)
		if err != nil {
			return err
		}
		switch {
		case on && !exists:
			if err := tx.Follow.Create().SetFollowerID(v.MemberID).SetFolloweeID(memberID).Exec(ctx); err != nil {
				return err
			}
			if err := tx.Interaction.Create().SetActorID(v.MemberID).SetTargetID(memberID).
				SetKind(interaction.KindFOLLOW).Exec(system(ctx)); err != nil {
				return err
			}
			return notify(ctx, tx, ob, memberID, v.MemberID, notification.KindFOLLOW, v.MemberID)
		case !on && exists:
			_, err := tx.Follow.Delete().Where(follow.FollowerID(v.MemberID), follow.FolloweeID(memberID)).Exec(ctx)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// FollowerCount is how many members follow m; calls made together share
// one grouped query.
func (s *Service) FollowerCount(ctx context.Context, memberID int) (int, error) {
	return s.load().followers.Load(ctx, memberID)
}

// FollowingCount is how many members m follows.
func (s *Service) FollowingCount(ctx context.Context, memberID int) (int, error) {
	return s.load().following.Load(ctx, memberID)
}

// ViewerFollows reports whether the viewer follows the member (false when
// signed out).
func (s *Service) ViewerFollows(ctx context.Context, memberID int) (bool, error) {
	v := viewer.FromContext(ctx)
	if v.MemberID == 0 {
		return false, nil
	}
	return s.load().viewerFollows.Load(ctx, followKey{follower: v.MemberID, followee: memberID})
}

type followKey struct{ follower, followee int }

// countFollows counts follows grouped by col (followee_id: followers;
// follower_id: following).
func (s *Service) countFollows(col string) func(ctx context.Context, ids []int) (map[int]int, error) {
	return func(ctx context.Context, ids []int) (map[int]int, error) {
		var rows []struct {
			FolloweeID int `json:"followee_id"`
			FollowerID int `json:"follower_id"`
			Count      int `json:"count"`
		}
		q := s.Client.Follow.Query()
		if col == follow.FieldFolloweeID {
			q.Where(follow.FolloweeIDIn(ids...))
		} else {
			q.Where(follow.FollowerIDIn(ids...))
		}
		if err := q.GroupBy(col).Aggregate(ent.Count()).Scan(system(ctx), &rows); err != nil {
			return nil, err
		}
		out := make(map[int]int, len(rows))
		for _, r := range rows {
			if col == follow.FieldFolloweeID {
				out[r.FolloweeID] = r.Count
			} else {
				out[r.FollowerID] = r.Count
			}
		}
		return out, nil
	}
}

func (s *Service) fetchViewerFollows(ctx context.Context, keys []followKey) (map[followKey]bool, error) {
	var followers, followees []int
	for _, k := range keys {
		if !slices.Contains(followers, k.follower) {
			followers = append(followers, k.follower)
		}
		if !slices.Contains(followees, k.followee) {
			followees = append(followees, k.followee)
		}
	}
	fs, err := s.Client.Follow.Query().Where(follow.FollowerIDIn(followers...), follow.FolloweeIDIn(followees...)).All(system(ctx))
	if err != nil {
		return nil, err
	}
	out := make(map[followKey]bool, len(fs))
	for _, f := range fs {
		out[followKey{follower: f.FollowerID, followee: f.FolloweeID}] = true
	}
	return out, nil
}
