package seed

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// planMembers turns about two in five person customers into community members.
func (p *plan) planMembers(g gen) {
	var persons []int
	for i, c := range p.customers {
		if !c.org {
			persons = append(persons, i)
		}
	}
	n := min(len(persons), (len(p.customers)*2+2)/5)
	chosen := g.r.Perm(len(persons))[:n]
	slices.Sort(chosen)

	handles := uniq{}
	joinFrom := p.now.AddDate(-2, 0, 0)
	for _, k := range chosen {
		i := persons[k]
		c := &p.customers[i]
		m := memberPlan{
			customer:    i,
			handle:      handles.take(c.handleBase, 32),
			displayName: c.name,
			locale:      map[script]string{simplified: "zh-CN", traditional: "zh-TW", latin: "en"}[c.script],
			activity:    g.lognormal(1.0),
		}
		m.popularity = m.activity * g.lognormal(0.5)
		from := c.createdAt
		if from.Before(joinFrom) {
			from = joinFrom
		}
		m.joinedAt = g.timeIn(from, p.now.Add(-30*24*time.Hour))
		if g.chance(0.4) {
			if c.script == latin {
				m.bio = pick(g, enBios)
			} else {
				m.bio = pick(g, zhBios).in(c.script)
			}
		}
		c.member = len(p.members)
		p.members = append(p.members, m)
	}
}

// writesIn returns the script a member writes a post or comment in: their
// own, and now and then the other language.
func (p *plan) writesIn(g gen, member int) script {
	sc := p.customers[p.members[member].customer].script
	if g.chance(0.1) {
		if sc == latin {
			return simplified
		}
		return latin
	}
	return sc
}

func (p *plan) planCommunity(g gen) {
	nm := len(p.members)
	if nm < 2 {
		// A community of one has no one to talk to.
		return
	}
	activity := make([]float64, nm)
	popularity := make([]float64, nm)
	for i, m := range p.members {
		activity[i], popularity[i] = m.activity, m.popularity
	}
	byActivity := newWeighted(activity)
	byPopularity := newWeighted(popularity)
	// pickMember draws a member by w other than not (the author acted upon).
	pickMember := func(w weighted, not int) int {
		for {
			if m := w.draw(g); m != not {
				return m
			}
		}
	}
	recent := p.now.AddDate(0, -6, 0)
	after := func(t time.Time) time.Time {
		if t.Before(recent) {
			return recent
		}
		return t
	}

	// Posts.
	nPosts := nm * 5 / 4
	nAnn := min(len(announcements), max(1, nPosts/20))
	ambassadors := []int{0, 1}
	for i := range activity {
		// The two most active members write the announcements.
		switch {
		case activity[i] > activity[ambassadors[0]]:
			ambassadors[0], ambassadors[1] = i, ambassadors[0]
		case i != ambassadors[0] && activity[i] > activity[ambassadors[1]]:
			ambassadors[1] = i
		}
	}
	for k := range nAnn {
		a := announcements[k]
		author := ambassadors[k%2]
		p.posts = append(p.posts, postPlan{
			board: boardAnnouncements, author: author, title: a.title, body: a.body,
			tags:      []string{pick(g, postTags[boardAnnouncements])},
			createdAt: g.timeIn(after(p.members[author].joinedAt), p.now.Add(-2*time.Hour)),
		})
	}
	bw := make([]float64, len(boardSpecs))
	for i, b := range boardSpecs {
		bw[i] = b.weight
	}
	boardDraw := newWeighted(bw)
	for len(p.posts) < nPosts {
		board := boardDraw.draw(g)
		author := byActivity.draw(g)
		post := postPlan{board: board, author: author}
		sc := p.writesIn(g, author)
		var title, product string
		var sentences []string
		if sc == latin {
			title, product, sentences = pick(g, enTitles[board]), pick(g, enProducts), enSentences[board]
		} else {
			title, product = pick(g, zhTitles[board]).in(sc), pick(g, zhProducts).in(sc)
			for _, x := range zhSentences[board] {
				sentences = append(sentences, x.in(sc))
			}
		}
		post.title = title
		if strings.Contains(title, "%s") {
			post.title = fmt.Sprintf(title, product)
		}
		chosen := g.r.Perm(len(sentences))[:2+g.intn(3)]
		slices.Sort(chosen)
		var body []string
		for _, j := range chosen {
			body = append(body, sentences[j])
		}
		sep := " "
		if sc != latin {
			sep = ""
		}
		post.body = strings.Join(body, sep)
		for _, j := range g.r.Perm(len(postTags[board]))[:g.intn(3)] {
			post.tags = append(post.tags, postTags[board][j])
		}
		post.createdAt = g.timeIn(after(p.members[author].joinedAt), p.now.Add(-2*time.Hour))
		p.posts = append(p.posts, post)
	}
	slices.SortStableFunc(p.posts, func(a, b postPlan) int { return a.createdAt.Compare(b.createdAt) })
	// Pin the two latest announcements, lock an old support thread and hide
	// one post, so moderation has something to show.
	pinned := 0
	for i := len(p.posts) - 1; i >= 0 && pinned < 2; i-- {
		if p.posts[i].board == boardAnnouncements {
			p.posts[i].pinned = true
			pinned++
		}
	}
	for i := range p.posts {
		if p.posts[i].board == boardSupport {
			p.posts[i].locked = true
			break
		}
	}
	for i := len(p.posts) / 2; i < len(p.posts); i++ {
		if p.posts[i].board != boardAnnouncements {
			p.posts[i].hide = true
			break
		}
	}

	p.planComments(g, byActivity, pickMember)
	p.planReactions(g, byActivity, pickMember)
	p.planFollows(g, byActivity, byPopularity)
}

func (p *plan) planComments(g gen, byActivity weighted, pickMember func(weighted, int) int) {
	// Some threads take off and most get a reply or two.
	pw := make([]float64, len(p.posts))
	for i := range pw {
		pw[i] = g.lognormal(1.0)
		if p.posts[i].locked || p.posts[i].hide {
			pw[i] /= 10
		}
	}
	postDraw := newWeighted(pw)
	onPost := make([][]int, len(p.posts))
	n := len(p.posts) * 8 / 3
	for range n {
		post := postDraw.draw(g)
		c := commentPlan{post: post, parent: -1}
		since := p.posts[post].createdAt
		target := p.posts[post].author
		if len(onPost[post]) > 0 && g.chance(0.35) {
			parent := onPost[post][g.intn(len(onPost[post]))]
			if p.comments[parent].depth < 3 {
				c.parent = parent
				c.depth = p.comments[parent].depth + 1
				since = p.comments[parent].createdAt
				target = p.comments[parent].author
			}
		}
		c.author = pickMember(byActivity, target)
		sc := p.writesIn(g, c.author)
		reply := c.parent >= 0 && g.chance(0.6)
		switch {
		case reply && sc != latin:
			c.body = pick(g, zhReplies).in(sc)
		case reply:
			c.body = pick(g, enReplies)
		case sc != latin:
			c.body = pick(g, zhComments).in(sc)
		default:
			c.body = pick(g, enComments)
		}
		c.createdAt = p.soonAfter(g, since, 10*24*time.Hour)
		c.hide = g.chance(0.02)
		onPost[post] = append(onPost[post], len(p.comments))
		p.comments = append(p.comments, c)
	}
	// Write comments level by level (a reply needs its parent's id) and in
	// time order within a level; renumber parents to match.
	order := make([]int, len(p.comments))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := p.comments[a], p.comments[b]
		if ca.depth != cb.depth {
			return ca.depth - cb.depth
		}
		return ca.createdAt.Compare(cb.createdAt)
	})
	newIndex := make([]int, len(order))
	for to, from := range order {
		newIndex[from] = to
	}
	sorted := make([]commentPlan, len(order))
	for to, from := range order {
		c := p.comments[from]
		if c.parent >= 0 {
			c.parent = newIndex[c.parent]
		}
		sorted[to] = c
	}
	p.comments = sorted
}

// soonAfter returns a time within d after t (at least a minute after, when
// there is room), never later than now: replies come soon or not at all.
func (p *plan) soonAfter(g gen, t time.Time, d time.Duration) time.Time {
	return g.timeIn(minTime(t.Add(time.Minute), p.now), minTime(t.Add(d), p.now))
}

var reactionKinds = []string{"LIKE", "LOVE", "CELEBRATE", "INSIGHTFUL", "FUNNY"}

func (p *plan) planReactions(g gen, byActivity weighted, pickMember func(weighted, int) int) {
	kindDraw := newWeighted([]float64{55, 15, 8, 14, 8})
	// Popular authors collect more reactions.
	pw := make([]float64, len(p.posts))
	for i, x := range p.posts {
		pw[i] = p.members[x.author].popularity
	}
	cw := make([]float64, len(p.comments))
	for i, x := range p.comments {
		cw[i] = p.members[x.author].popularity
	}
	postDraw, commentDraw := newWeighted(pw), newWeighted(cw)
	type key struct{ post, comment, member, kind int }
	seen := map[key]bool{}
	want := len(p.posts)*3 + len(p.comments)*4/5
	for tries := 0; len(p.reactions) < want && tries < want*5; tries++ {
		r := reactionPlan{post: -1, comment: -1}
		var author int
		var since time.Time
		if len(p.comments) == 0 || g.chance(0.6) {
			r.post = postDraw.draw(g)
			author, since = p.posts[r.post].author, p.posts[r.post].createdAt
		} else {
			r.comment = commentDraw.draw(g)
			author, since = p.comments[r.comment].author, p.comments[r.comment].createdAt
		}
		r.member = pickMember(byActivity, author)
		kind := kindDraw.draw(g)
		k := key{r.post, r.comment, r.member, kind}
		if seen[k] {
			continue
		}
		seen[k] = true
		r.kind = reactionKinds[kind]
		r.createdAt = p.soonAfter(g, since, 14*24*time.Hour)
		p.reactions = append(p.reactions, r)
	}
	slices.SortStableFunc(p.reactions, func(a, b reactionPlan) int { return a.createdAt.Compare(b.createdAt) })
}

func (p *plan) planFollows(g gen, byActivity, byPopularity weighted) {
	nm := len(p.members)
	want := min(nm*3, nm*(nm-1)/2)
	type pair struct{ a, b int }
	seen := map[pair]bool{}
	for tries := 0; len(p.follows) < want && tries < want*10; tries++ {
		f := followPlan{follower: byActivity.draw(g), followee: byPopularity.draw(g)}
		k := pair{f.follower, f.followee}
		if f.follower == f.followee || seen[k] {
			continue
		}
		seen[k] = true
		since := p.members[f.follower].joinedAt
		if j := p.members[f.followee].joinedAt; j.After(since) {
			since = j
		}
		f.createdAt = g.timeIn(since, p.now)
		p.follows = append(p.follows, f)
	}
	slices.SortStableFunc(p.follows, func(a, b followPlan) int { return a.createdAt.Compare(b.createdAt) })
}
