package community

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// ReactionCount is how many members reacted to a subject with one kind.
type ReactionCount struct {
	Kind  reaction.Kind
	Count int
}

// ReactionSummary is what a viewer sees of a subject's reactions: the count
// of each kind that has any, in the order of the kinds, and the kinds the
// viewer chose.
type ReactionSummary struct {
	SubjectID       int
	Counts          []ReactionCount
	ViewerReactions []reaction.Kind
}

// reactionKinds is the display order of the kinds.
var reactionKinds = []reaction.Kind{reaction.KindLIKE, reaction.KindLOVE, reaction.KindCELEBRATE, reaction.KindINSIGHTFUL, reaction.KindFUNNY}

// summary builds a ReactionSummary from per-kind counts and the viewer's kinds.
func summary(subjectID int, counts map[reaction.Kind]int, mine []reaction.Kind) *ReactionSummary {
	out := &ReactionSummary{SubjectID: subjectID, Counts: []ReactionCount{}, ViewerReactions: []reaction.Kind{}}
	for _, k := range reactionKinds {
		if counts[k] > 0 {
			out.Counts = append(out.Counts, ReactionCount{Kind: k, Count: counts[k]})
		}
		if slices.Contains(mine, k) {
			out.ViewerReactions = append(out.ViewerReactions, k)
		}
	}
	return out
}

// subject is a post or comment the viewer may see, with where it lives.
type subject struct {
	ID       int
	AuthorID int
	Post     *ent.Post // the subject, or the comment's post; with its board
	Comment  *ent.Comment
}

// visibleSubject loads the post or comment id names, if the viewer may read
// it; anything else (a missing or hidden subject, another kind of object) is
// NOT_FOUND on field. Global ids of posts and comments never overlap, so at
// most one of the two lookups can match.
func (s *Service) visibleSubject(ctx context.Context, id int, field string) (*subject, error) {
	p, err := s.visiblePost(ctx, id)
	if err == nil {
		return &subject{ID: id, AuthorID: p.AuthorID, Post: p}, nil
	}
	if errs.CodeOf(err) != errs.NotFound {
		return nil, err
	}
	c, err := s.visibleComment(ctx, id)
	if err == nil {
		return &subject{ID: id, AuthorID: c.AuthorID, Post: c.Edges.Post, Comment: c}, nil
	}
	if errs.CodeOf(err) != errs.NotFound {
		return nil, err
	}
	return nil, &errs.Error{Code: errs.NotFound, Field: field, Message: "no post or comment with this id"}
}

// React records the viewer's reaction of kind to a post or comment they may
// see (else NOT_FOUND, and nothing is stored). Reacting twice with the same
// kind changes nothing. A new reaction records a REACTION interaction with
// the subject's author and publishes reactions.changed. It returns the
// subject's new summary.
func (s *Service) React(ctx context.Context, subjectID int, kind reaction.Kind) (*ReactionSummary, error) {
	return s.setReaction(ctx, subjectID, kind, true)
}

// Unreact removes the viewer's reaction of kind, if any; like React it is
// NOT_FOUND on subjects the viewer cannot see, and idempotent.
func (s *Service) Unreact(ctx context.Context, subjectID int, kind reaction.Kind) (*ReactionSummary, error) {
	return s.setReaction(ctx, subjectID, kind, false)
}

func (s *Service) setReaction(ctx context.Context, subjectID int, kind reaction.Kind, on bool) (*ReactionSummary, error) {
	v, err := writer(ctx, "react")
	if err != nil {
		return nil, err
	}
	if err := reaction.KindValidator(kind); err != nil {
		return nil, errs.Field("kind", "unknown reaction kind %q", kind)
	}
	sub, err := s.visibleSubject(ctx, subjectID, "subjectId")
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *ent.Tx, ob *outbox) error {
		if err := lockMember(ctx, tx, v.MemberID); err != nil {
			return err
		}
		mine := []predicate.Reaction{
			reaction.SubjectID(subjectID), reaction.MemberID(v.MemberID), reaction.KindEQ(kind),
		}
		var changed bool
		if on {
			exists, err := tx.Reaction.Query().Where(mine...).Exist(ctx)
			if err != nil {
				return err
			}
			if !exists {
				if err := tx.Reaction.Create().SetSubjectID(subjectID).SetMemberID(v.MemberID).SetKind(kind).Exec(ctx); err != nil {
					return err
				}
				if err := tx.Interaction.Create().SetActorID(v.MemberID).SetTargetID(sub.AuthorID).
					SetKind(interaction.KindREACTION).SetSubjectID(subjectID).Exec(system(ctx)); err != nil {
					return err
				}
				changed = true
			}
		} else {
			n, err := tx.Reaction.Delete().Where(mine...).Exec(ctx)
			if err != nil {
				return err
			}
			changed = n > 0
		}
		if changed {
			ob.publish(pubsub.Event{Topic: BoardTopic(sub.Post.BoardID), Type: EventReactionsChanged, ID: subjectID})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Reactions(ctx, subjectID)
}

// Reactions returns the reaction summary of a subject the caller has already
// read (the parent object of a GraphQL field): it does not check visibility.
// Calls made at about the same time share one grouped query.
func (s *Service) Reactions(ctx context.Context, subjectID int) (*ReactionSummary, error) {
	v := viewer.FromContext(ctx)
	r, err := s.load().reactions.Load(ctx, reactionKey{member: v.MemberID, subject: subjectID})
	if err != nil {
		return nil, err
	}
	if r == nil {
		return summary(subjectID, nil, nil), nil
	}
	return r, nil
}

type reactionKey struct{ member, subject int }

// fetchReactions loads the summaries of keys: one statement when the keys
// share one viewer (the usual case, one request), two when they do not.
func (s *Service) fetchReactions(ctx context.Context, keys []reactionKey) (map[reactionKey]*ReactionSummary, error) {
	var subjects, members []int
	for _, k := range keys {
		if !slices.Contains(subjects, k.subject) {
			subjects = append(subjects, k.subject)
		}
		if k.member != 0 && !slices.Contains(members, k.member) {
			members = append(members, k.member)
		}
	}
	sys := system(ctx)
	counts := map[int]map[reaction.Kind]int{}
	mine := map[reactionKey][]reaction.Kind{}
	var rows []struct {
		SubjectID int           `json:"subject_id"`
		Kind      reaction.Kind `json:"kind"`
		Count     int           `json:"count"`
		Viewer    int           `json:"viewer"`
	}
	aggs := []ent.AggregateFunc{ent.Count()}
	if len(members) == 1 {
		m := members[0]
		aggs = append(aggs, func(s *sql.Selector) string {
			return sql.As(fmt.Sprintf("SUM(CASE WHEN %s = %d THEN 1 ELSE 0 END)", s.C(reaction.FieldMemberID), m), "viewer")
		})
	}
	err := s.Client.Reaction.Query().Where(reaction.SubjectIDIn(subjects...)).
		GroupBy(reaction.FieldSubjectID, reaction.FieldKind).Aggregate(aggs...).Scan(sys, &rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if counts[r.SubjectID] == nil {
			counts[r.SubjectID] = map[reaction.Kind]int{}
		}
		counts[r.SubjectID][r.Kind] = r.Count
		if len(members) == 1 && r.Viewer > 0 {
			k := reactionKey{member: members[0], subject: r.SubjectID}
			mine[k] = append(mine[k], r.Kind)
		}
	}
	if len(members) > 1 {
		own, err := s.Client.Reaction.Query().
			Where(reaction.SubjectIDIn(subjects...), reaction.MemberIDIn(members...)).All(sys)
		if err != nil {
			return nil, err
		}
		for _, r := range own {
			k := reactionKey{member: r.MemberID, subject: r.SubjectID}
			mine[k] = append(mine[k], r.Kind)
		}
	}
	out := make(map[reactionKey]*ReactionSummary, len(keys))
	for _, k := range keys {
		out[k] = summary(k.subject, counts[k.subject], mine[k])
	}
	return out, nil
}
