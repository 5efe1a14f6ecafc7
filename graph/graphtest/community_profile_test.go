package graphtest

import (
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestMemberProfile_FollowsAndVisiblePosts: a member's public profile shows
// follower counts, whether the viewer follows them, and only the posts the
// viewer may read.
func TestMemberProfile_FollowsAndVisiblePosts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		bob := gid(w.users[other].MemberID)
		w.env.MustDo(w.token(member), `mutation($m: ID!) { follow(memberId: $m) { id } }`, map[string]any{"m": bob})
		w.env.MustDo(w.token(marketer), `mutation($m: ID!) { follow(memberId: $m) { id } }`, map[string]any{"m": bob})
		q := `query($id: ID!) { node(id: $id) { ... on Member { handle followerCount followingCount viewerFollows posts(first: 10) { totalCount } } } }`
		type profile struct {
			Node struct {
				FollowerCount, FollowingCount int
				ViewerFollows                 bool
				Posts                         struct{ TotalCount int }
			}
		}
		// bob wrote a post on the MEMBERS board and one that was hidden.
		for _, c := range []struct {
			r       role
			follows bool
			posts   int
		}{
			{anon, false, 0},
			{member, true, 1},
			{other, false, 1},
			{marketer, true, 2},
			{admin, false, 2},
		} {
			var p profile
			w.env.MustDo(w.token(c.r), q, map[string]any{"id": bob}).Decode(t, &p)
			if p.Node.FollowerCount != 2 || p.Node.FollowingCount != 0 || p.Node.ViewerFollows != c.follows || p.Node.Posts.TotalCount != c.posts {
				t.Errorf("%s sees bob as %+v; want 2 followers, follows %v, %d posts", c.r, p.Node, c.follows, c.posts)
			}
		}
	})
}
