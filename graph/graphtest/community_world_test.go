package graphtest

import (
	"context"
	"fmt"

	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/auth"
)

// Community rows of the access matrix: queries, helpers and fresh targets
// for the operations that change or remove what they act on.

// BUI is BAD_USER_INPUT.
var BUI = outcome{kind: kDeny, code: "BAD_USER_INPUT"}

const (
	updateCommentQ = `mutation($id: ID!) { updateComment(id: $id, input: {body: "edited"}) { id bodyHTML } }`
	reportQ        = `mutation($s: ID!) { reportContent(subjectId: $s, reason: "off topic") { id status } }`
)

func reactQ(op string) string {
	return fmt.Sprintf(`mutation($s: ID!) { %s(subjectId: $s, kind: LIKE) { subjectId counts { kind count } viewerReactions } }`, op)
}

func followQ(op string) string {
	return fmt.Sprintf(`mutation($m: ID!) { %s(memberId: $m) { id followerCount viewerFollows } }`, op)
}

func rAlice(w *world) int { return w.report }

// sysPost stores a post by r's member on board as the system: rows that
// delete or moderate need a fresh target for every role, and the API's rate
// limit is not what they test.
func (w *world) sysPost(r role, board int, hidden bool) int {
	w.t.Helper()
	ctx := auth.System(context.Background())
	return w.env.DB.Client.Post.Create().SetBoardID(board).SetAuthorID(w.users[r].MemberID).
		SetTitle("fresh target").SetBody("fresh body").SetHidden(hidden).SaveX(ctx).ID
}

// sysComment stores a comment by r's member on post as the system.
func (w *world) sysComment(r role, post int, hidden bool) int {
	w.t.Helper()
	ctx := auth.System(context.Background())
	return w.env.DB.Client.Comment.Create().SetPostID(post).SetAuthorID(w.users[r].MemberID).
		SetBody("fresh comment").SetHidden(hidden).SaveX(ctx).ID
}

// sysReport stores r's report of post as the system.
func (w *world) sysReport(r role, post int) int {
	w.t.Helper()
	ctx := auth.System(context.Background())
	return w.env.DB.Client.Report.Create().SetReporterID(w.users[r].MemberID).SetSubjectID(post).
		SetPostID(post).SetReason("spam").SaveX(ctx).ID
}

func (w *world) adminComment(post int) {
	w.env.MustDo(w.token(admin), createCommentQ, map[string]any{"p": gid(post)})
}

// spareFollowsEveryone makes the spare member follow every signed-in role
// anew, which notifies each of them.
func (w *world) spareFollowsEveryone() {
	for _, r := range roles[1:] {
		vars := map[string]any{"m": gid(w.users[r].MemberID)}
		w.env.MustDo(w.spare.Token, `mutation($m: ID!) { unfollow(memberId: $m) { id } }`, vars)
		w.env.MustDo(w.spare.Token, `mutation($m: ID!) { follow(memberId: $m) { id } }`, vars)
	}
}

// notesOf lists the notifications of r's member, read as the system.
func notesOf(r role) func(w *world) []int {
	return func(w *world) []int {
		ctx := auth.System(context.Background())
		return w.env.DB.Client.Notification.Query().Where(notification.RecipientID(w.users[r].MemberID)).IDsX(ctx)
	}
}
