package graph

import (
	"maps"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"
)

// LiveSharing says how widely one execution of a live subscription's
// selection may be shared among subscribers (see internal/fanout).
type LiveSharing int

const (
	// LiveNotShared: the subscription is not one the community hub serves.
	LiveNotShared LiveSharing = iota
	// LiveSharedPerViewer: the selection asks for something that depends on
	// the viewer or is read from the database at execution time (a
	// connection, reaction counts and viewerReactions, follow counts). Only
	// subscribers with the same viewer may share an execution — in practice
	// the anonymous ones, who are all the same viewer.
	LiveSharedPerViewer
	// LiveSharedPerRole: every field of the selection resolves from the
	// event's own item, so subscribers whose viewers have the same role
	// share an execution (the hub has already decided what each of them
	// receives).
	LiveSharedPerRole
)

// liveRoots are the subscriptions the community hub serves; their resolvers
// take part in shared rendering (fanout.Feed).
var liveRoots = map[string]bool{
	"Subscription.postAdded":    true,
	"Subscription.boardEvents":  true,
	"Subscription.commentAdded": true,
}

// liveItemFields are the fields that resolve from a live event's item alone:
// the columns of the rows the hub loaded (a post with its board and author, a
// comment with its author and its post, board and author), edges the hub
// loaded, values the hub computed for the receiver (a BoardEvent and its
// reaction summary), and fields computed from those in memory (bodyHTML).
// None reads the viewer or the database. Add a field only if that holds:
// TestLiveItemFields_ExistWithoutArguments checks each names a field, and
// TestLiveItemFields_CostNoStatement that a selection of all of them costs
// no database statement.
var liveItemFields = map[string]bool{
	"Node.id": true,

	"BoardEvent.type":      true,
	"BoardEvent.boardId":   true,
	"BoardEvent.postId":    true,
	"BoardEvent.commentId": true,
	"BoardEvent.post":      true,
	"BoardEvent.comment":   true,
	"BoardEvent.reactions": true, // computed by the hub for the receiver, part of the item

	"ReactionSummary.subjectId":       true,
	"ReactionSummary.counts":          true,
	"ReactionSummary.viewerReactions": true, // only reachable through BoardEvent.reactions
	"ReactionCount.kind":              true,
	"ReactionCount.count":             true,

	"Post.id":        true,
	"Post.createdAt": true,
	"Post.updatedAt": true,
	"Post.boardID":   true,
	"Post.authorID":  true,
	"Post.title":     true,
	"Post.body":      true,
	"Post.bodyHTML":  true,
	"Post.tags":      true,
	"Post.hidden":    true,
	"Post.locked":    true,
	"Post.pinned":    true,
	"Post.board":     true,
	"Post.author":    true,

	"Comment.id":        true,
	"Comment.createdAt": true,
	"Comment.updatedAt": true,
	"Comment.postID":    true,
	"Comment.authorID":  true,
	"Comment.parentID":  true,
	"Comment.body":      true,
	"Comment.bodyHTML":  true,
	"Comment.hidden":    true,
	"Comment.post":      true,
	"Comment.author":    true,

	"Board.id":          true,
	"Board.createdAt":   true,
	"Board.updatedAt":   true,
	"Board.name":        true,
	"Board.slug":        true,
	"Board.description": true,
	"Board.readAccess":  true,
	"Board.postAccess":  true,
	"Board.position":    true,

	"Member.id":          true,
	"Member.createdAt":   true,
	"Member.updatedAt":   true,
	"Member.displayName": true,
	"Member.handle":      true,
	"Member.avatarURL":   true,
	"Member.bio":         true,
}

// LiveItemFields lists the fields a selection shared per role may hold
// ("Type.field", sorted), besides __typename.
func LiveItemFields() []string {
	return slices.Sorted(maps.Keys(liveItemFields))
}

// ClassifyLive says how widely an execution of op, a validated operation,
// may be shared. Fragments (named and inline) are followed; @skip and
// @include count as if every field were selected, and any other directive
// makes the selection unshared.
func ClassifyLive(op *ast.OperationDefinition) LiveSharing {
	if op == nil || op.Operation != ast.Subscription || !allowedDirectives(op.Directives) {
		return LiveNotShared
	}
	rooted, perRole := false, true
	ok := walkFields(op.SelectionSet, func(f *ast.Field, depth int) bool {
		if f.Name == "__typename" {
			return depth > 0 // a subscription selects exactly one root field
		}
		if f.ObjectDefinition == nil {
			return false
		}
		name := f.ObjectDefinition.Name + "." + f.Name
		if depth == 0 {
			rooted = liveRoots[name]
			return rooted
		}
		perRole = perRole && liveItemFields[name]
		return true
	}, 0)
	switch {
	case !ok || !rooted:
		return LiveNotShared
	case perRole:
		return LiveSharedPerRole
	default:
		return LiveSharedPerViewer
	}
}

// walkFields calls visit on every field of set and below, with the field's
// depth under set, and stops with false as soon as visit does.
func walkFields(set ast.SelectionSet, visit func(f *ast.Field, depth int) bool, depth int) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !allowedDirectives(s.Directives) || !visit(s, depth) || !walkFields(s.SelectionSet, visit, depth+1) {
				return false
			}
		case *ast.InlineFragment:
			if !allowedDirectives(s.Directives) || !walkFields(s.SelectionSet, visit, depth) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !allowedDirectives(s.Directives) || !allowedDirectives(s.Definition.Directives) ||
				!walkFields(s.Definition.SelectionSet, visit, depth) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// allowedDirectives reports whether ds holds only @skip and @include, which
// decide with the variables (part of the sharing key) what is selected.
func allowedDirectives(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "skip" && d.Name != "include" {
			return false
		}
	}
	return true
}
