package community

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/comment"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/fanout"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// Live board events.
//
// Every subscription of a topic in this process (boardEvents, postAdded,
// commentAdded on one board) is a client of one hub: the hub holds the
// topic's single pubsub subscription, loads the row each event names once,
// and hands the loaded state to each client, which decides in memory, with
// CanSee and CanSeeComment (the twins of the privacy policies), what its
// viewer receives. However many members watch a board, an event costs this
// process one load — never one query per subscriber. Events never reuse a
// state loaded for an earlier event, so an update is never shown stale.
//
// Subscriptions that would receive the same bytes share the execution of
// their selection (internal/fanout): the transport puts a sink into their
// context, and the hub, once it has decided per client what the viewer
// receives, renders each distinct item once per group of sinks and offers
// every sink of the group the same frame.
//
// Flow control is the pubsub contract one level down: a client's buffer is
// bounded, and a client that falls behind is dropped: it calls the
// transport's pubsub.SlowConsumer (the websocket transport closes the
// client's whole connection with a dedicated close code, and the client
// reconnects, refetches and subscribes again) and its subscription ends.
// When the hub itself falls behind the bus (pubsub.ErrSlowConsumer), or the
// bus says events may have been lost (pubsub.TypeResync), or a load fails,
// every client of the hub ends, without closing any connection: that is no
// client's fault.

// subscriberBuffer bounds how many events wait for one subscriber; a client
// further behind is dropped (see pubsub.SlowConsumer) and refetches.
const subscriberBuffer = 64

// hubBuffer bounds the events waiting for a hub's loads.
const hubBuffer = 4096

// liveLoadTimeout bounds one event's load.
const liveLoadTimeout = 10 * time.Second

// BoardEventType says what happened on a board.
type BoardEventType string

// The board event types. POST_UPDATED also announces a post that became
// visible again (unhidden): receivers insert or replace. POST_REMOVED and
// COMMENT_REMOVED say the item left the receiver's view: deleted, or hidden
// by a moderator.
const (
	BoardEventPostAdded        BoardEventType = "POST_ADDED"
	BoardEventPostUpdated      BoardEventType = "POST_UPDATED"
	BoardEventPostRemoved      BoardEventType = "POST_REMOVED"
	BoardEventCommentAdded     BoardEventType = "COMMENT_ADDED"
	BoardEventCommentUpdated   BoardEventType = "COMMENT_UPDATED"
	BoardEventCommentRemoved   BoardEventType = "COMMENT_REMOVED"
	BoardEventReactionsChanged BoardEventType = "REACTIONS_CHANGED"
)

// MarshalGQL writes the enum value.
func (t BoardEventType) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(t))) }

// UnmarshalGQL reads an enum value.
func (t *BoardEventType) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("BoardEventType must be a string")
	}
	switch BoardEventType(s) {
	case BoardEventPostAdded, BoardEventPostUpdated, BoardEventPostRemoved, BoardEventCommentAdded,
		BoardEventCommentUpdated, BoardEventCommentRemoved, BoardEventReactionsChanged:
		*t = BoardEventType(s)
		return nil
	}
	return fmt.Errorf("%q is not a BoardEventType", s)
}

// BoardEvent is one change on a board as one viewer sees it. Post and
// Comment are set for additions and updates; removals carry ids only.
// Reactions is set for REACTIONS_CHANGED, with the receiver's own reactions.
type BoardEvent struct {
	Type      BoardEventType
	BoardID   int
	PostID    int
	CommentID *int
	Post      *ent.Post
	Comment   *ent.Comment
	Reactions *ReactionSummary
}

// liveEvent is an event with the state it names, loaded once per process.
type liveEvent struct {
	typ       string
	id        int
	post      *ent.Post    // the post, or the comment's post; with board and author
	comment   *ent.Comment // with author; Edges.Post is post
	reactions *reactionState
}

// reactionState is a subject's reactions: counts, and the kinds of the
// members subscribed to the hub that loaded it.
type reactionState struct {
	counts   map[reaction.Kind]int
	byMember map[int][]reaction.Kind
}

type hub struct {
	topic   string
	sub     *pubsub.Subscription
	clients map[*client]struct{} // guarded by Service.hubMu
	closed  bool                 // guarded by Service.hubMu
}

// client is one GraphQL subscription of a hub. It has no goroutine of its
// own: the hub decides with pick what each event means for the viewer, and
// then, holding Service.hubMu, sends it without blocking into the channel
// gqlgen reads — or, for a client with a sink, sends the frame rendered for
// the client's group (see fanout). Only the hub sends, and only under hubMu,
// and the channel is closed under hubMu too, so nothing is sent after the
// close.
type client struct {
	v viewer.Viewer
	h *hub
	// pick says what le means for the viewer: item is sent when send is
	// true, and the client ends when end is true (after item is sent).
	// Called under hubMu.
	pick func(le *liveEvent) (item any, send, end bool)
	// offer hands item to the subscription without blocking; false when its
	// buffer is full. Called under hubMu.
	offer func(item any) bool
	// sink, when set, receives rendered frames instead of items.
	sink *fanout.Sink
	// slow tells the transport that the client fell too far behind; it
	// never blocks. Called under hubMu, before the client ends.
	slow func()
	// done closes the subscription's channel. Called under hubMu, once.
	done func()
	// stop unregisters the leave that runs when the subscription's context
	// ends. Set under hubMu.
	stop  func() bool
	ended bool // guarded by Service.hubMu
}

// subscribe adds a client to topic's hub, starting the hub if needed, and
// returns the channel of what pick makes of its events: item is sent when
// send is true, and the subscription ends when end is true (after item is
// sent). The channel closes when ctx ends, when the client falls
// subscriberBuffer events behind (after calling ctx's
// pubsub.SlowConsumer), when pick says to end, or when the hub ends.
//
// When ctx carries a fanout sink, the subscription receives frames through
// the sink instead, and the returned channel only closes.
func subscribe[T any](ctx context.Context, s *Service, topic string, v viewer.Viewer,
	pick func(le *liveEvent) (item T, send, end bool)) <-chan T {
	c := &client{v: v, slow: pubsub.SlowConsumer(ctx)}
	c.pick = func(le *liveEvent) (any, bool, bool) { return pick(le) }
	var out chan T
	if c.sink = fanout.FromContext(ctx); c.sink != nil {
		c.sink.Attach(subscriberBuffer)
		out = make(chan T) // nothing is sent on it: the sink carries the frames
		c.done = func() { c.sink.Close(); close(out) }
	} else {
		out = make(chan T, subscriberBuffer)
		c.offer = func(item any) bool {
			select {
			case out <- item.(T):
				return true
			default:
				return false // too slow: dropped, it refetches
			}
		}
		c.done = func() { close(out) }
	}

	s.hubMu.Lock()
	defer s.hubMu.Unlock()
	h := s.hubs[topic]
	if h == nil {
		if s.hubs == nil {
			s.hubs = map[string]*hub{}
		}
		h = &hub{topic: topic, sub: s.Bus.Subscribe(topic, hubBuffer), clients: map[*client]struct{}{}}
		s.hubs[topic] = h
		go s.runHub(h)
	}
	c.h = h
	h.clients[c] = struct{}{}
	// If ctx has already ended, leave runs at once in its own goroutine and
	// waits for hubMu.
	c.stop = context.AfterFunc(ctx, func() { s.leave(c) })
	return out
}

// leave removes c; the last client to leave stops the hub.
func (s *Service) leave(c *client) {
	s.hubMu.Lock()
	defer s.hubMu.Unlock()
	s.endLocked(c)
	if h := c.h; len(h.clients) == 0 {
		s.closeHubLocked(h)
	}
}

func (s *Service) endLocked(c *client) {
	if !c.ended {
		c.ended = true
		c.stop()
		c.done()
		delete(c.h.clients, c)
	}
}

// closeHubLocked ends every client of h and forgets it; its goroutine ends
// once the subscription's channel is drained.
func (s *Service) closeHubLocked(h *hub) {
	for c := range h.clients {
		s.endLocked(c)
	}
	if h.closed {
		return
	}
	h.closed = true
	if s.hubs[h.topic] == h {
		delete(s.hubs, h.topic)
	}
	h.sub.Close()
}

// Hubs reports how many topics this process holds a hub for (for tests and
// metrics).
func (s *Service) Hubs() int {
	s.hubMu.Lock()
	defer s.hubMu.Unlock()
	return len(s.hubs)
}

func (s *Service) runHub(h *hub) {
	defer func() {
		s.hubMu.Lock()
		s.closeHubLocked(h)
		s.hubMu.Unlock()
	}()
	for ev := range h.sub.C() {
		if ev.Type == pubsub.TypeResync {
			return // events may be lost: every client refetches
		}
		s.hubMu.Lock()
		if h.closed {
			s.hubMu.Unlock()
			return // its clients are gone: what is still buffered is for no one
		}
		var members []int // whose own reactions a reaction event loads
		if ev.Type == EventReactionsChanged {
			for c := range h.clients {
				if c.v.MemberID != 0 {
					members = append(members, c.v.MemberID)
				}
			}
		}
		s.hubMu.Unlock()
		le, err := s.loadLive(ev, members)
		if err != nil {
			return
		}
		if le == nil {
			continue
		}
		s.hubMu.Lock()
		s.fanOutLocked(h, le)
		s.hubMu.Unlock()
	}
}

// fanOutLocked delivers le to h's clients. Clients with a sink share one
// frame per group and item; the frame is rendered later, by whichever of
// them needs it first, so the hub never waits for a render.
func (s *Service) fanOutLocked(h *hub, le *liveEvent) {
	if h.closed {
		return
	}
	var frames frameSet
	for c := range h.clients {
		item, send, end := c.pick(le)
		ok := true
		if send {
			if c.sink != nil {
				ok = c.sink.Offer(frames.get(c.sink.Group(), item))
			} else {
				ok = c.offer(item)
			}
		}
		if !ok {
			// Too slow. The transport closes the client's connection, and
			// does so before the subscription's end could be sent as a
			// normal completion: the client reconnects and refetches.
			c.slow()
		}
		if !ok || end {
			s.endLocked(c)
		}
	}
	if len(h.clients) == 0 {
		s.closeHubLocked(h) // every client ended: the last one stops the hub
	}
}

// frameSet is one event's frames: one per group and distinct item.
type frameSet map[*fanout.Group][]framedItem

type framedItem struct {
	item  any
	frame *fanout.Frame
}

// get returns g's frame of item. Items are pointers: most clients of an
// event share the hub's loaded row, and an item built per viewer (a
// BoardEvent) is the same as another when its content is — what the
// viewer's item holds is all the selection can show, since a group's
// fields resolve from the item alone or the group is per viewer.
func (fs *frameSet) get(g *fanout.Group, item any) *fanout.Frame {
	if *fs == nil {
		*fs = frameSet{}
	}
	framed := (*fs)[g]
	for _, f := range framed {
		if f.item == item || reflect.DeepEqual(f.item, item) {
			return f.frame
		}
	}
	f := g.Frame(item)
	(*fs)[g] = append(framed, framedItem{item: item, frame: f})
	return f
}

// loadLive loads what ev names, as the system: the per-viewer decision is
// made in memory afterwards. A row that no longer exists yields nil.
func (s *Service) loadLive(ev pubsub.Event, members []int) (*liveEvent, error) {
	ctx, cancel := context.WithTimeout(system(context.Background()), liveLoadTimeout)
	defer cancel()
	le := &liveEvent{typ: ev.Type, id: ev.ID}
	var err error
	switch ev.Type {
	case EventPostCreated, EventPostUpdated, EventPostHidden, EventPostRemoved:
		le.post, err = s.livePost(ctx, ev.ID)
	case EventCommentCreated, EventCommentUpdated, EventCommentHidden, EventCommentRemoved:
		le.comment, err = s.liveComment(ctx, ev.ID)
		if le.comment != nil {
			le.post = le.comment.Edges.Post
		}
	case EventReactionsChanged:
		if le.post, err = s.livePost(ctx, ev.ID); err == nil && le.post == nil {
			if le.comment, err = s.liveComment(ctx, ev.ID); le.comment != nil {
				le.post = le.comment.Edges.Post
			}
		}
		if err == nil && le.post != nil {
			le.reactions, err = s.reactionState(ctx, ev.ID, members)
		}
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if le.post == nil {
		return nil, nil
	}
	return le, nil
}

func (s *Service) livePost(ctx context.Context, id int) (*ent.Post, error) {
	p, err := s.Client.Post.Query().Where(post.ID(id)).WithBoard().WithAuthor().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return p, err
}

func (s *Service) liveComment(ctx context.Context, id int) (*ent.Comment, error) {
	c, err := s.Client.Comment.Query().Where(comment.ID(id)).WithAuthor().
		WithPost(func(q *ent.PostQuery) { q.WithBoard().WithAuthor() }).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

// reactionChunk bounds the member ids of one query.
const reactionChunk = 500

// reactionState loads a subject's counts (one grouped query) and the
// reactions of the given members (one query per 500 subscribed members,
// however many reactions the subject has).
func (s *Service) reactionState(ctx context.Context, subjectID int, members []int) (*reactionState, error) {
	st := &reactionState{counts: map[reaction.Kind]int{}, byMember: map[int][]reaction.Kind{}}
	var rows []struct {
		Kind  reaction.Kind `json:"kind"`
		Count int           `json:"count"`
	}
	if err := s.Client.Reaction.Query().Where(reaction.SubjectID(subjectID)).
		GroupBy(reaction.FieldKind).Aggregate(ent.Count()).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		st.counts[r.Kind] = r.Count
	}
	for len(members) > 0 {
		n := min(len(members), reactionChunk)
		own, err := s.Client.Reaction.Query().Where(reaction.SubjectID(subjectID), reaction.MemberIDIn(members[:n]...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range own {
			st.byMember[r.MemberID] = append(st.byMember[r.MemberID], r.Kind)
		}
		members = members[n:]
	}
	return st, nil
}

// boardEvent is what v receives of le, or nil when le is nothing v may see.
func boardEvent(v viewer.Viewer, le *liveEvent) *BoardEvent {
	p := le.post
	be := &BoardEvent{BoardID: p.BoardID, PostID: p.ID}
	withComment := func(t BoardEventType, full bool) *BoardEvent {
		be.Type = t
		id := le.comment.ID
		be.CommentID = &id
		if full {
			be.Comment = le.comment
		}
		return be
	}
	switch le.typ {
	case EventPostCreated, EventPostUpdated:
		if !CanSee(v, p) {
			return nil
		}
		be.Type, be.Post = BoardEventPostUpdated, p
		if le.typ == EventPostCreated {
			be.Type = BoardEventPostAdded
		}
		return be
	case EventPostHidden:
		if CanSee(v, p) { // staff still see it, flagged hidden
			be.Type, be.Post = BoardEventPostUpdated, p
			return be
		}
		if !CanSee(v, unhidden(p)) {
			return nil // it was never in v's view
		}
		be.Type = BoardEventPostRemoved
		return be
	case EventPostRemoved:
		if !CanSee(v, undeleted(p)) {
			return nil // it was never in v's view
		}
		be.Type = BoardEventPostRemoved
		return be
	case EventCommentCreated, EventCommentUpdated:
		if !CanSeeComment(v, le.comment) {
			return nil
		}
		if le.typ == EventCommentCreated {
			return withComment(BoardEventCommentAdded, true)
		}
		return withComment(BoardEventCommentUpdated, true)
	case EventCommentHidden:
		if CanSeeComment(v, le.comment) {
			return withComment(BoardEventCommentUpdated, true)
		}
		c := *le.comment
		c.Hidden = false
		if !CanSeeComment(v, &c) {
			return nil
		}
		return withComment(BoardEventCommentRemoved, false)
	case EventCommentRemoved:
		c := *le.comment
		c.DeletedAt = nil
		if !CanSeeComment(v, &c) {
			return nil
		}
		return withComment(BoardEventCommentRemoved, false)
	case EventReactionsChanged:
		subjectID := p.ID
		if le.comment != nil {
			if !CanSeeComment(v, le.comment) {
				return nil
			}
			subjectID = le.comment.ID
			be.CommentID = &subjectID
			be.Comment = le.comment
		} else {
			if !CanSee(v, p) {
				return nil
			}
			be.Post = p
		}
		be.Type = BoardEventReactionsChanged
		be.Reactions = summary(subjectID, le.reactions.counts, le.reactions.byMember[v.MemberID])
		return be
	}
	return nil
}

func unhidden(p *ent.Post) *ent.Post {
	c := *p
	c.Hidden = false
	return &c
}

func undeleted(p *ent.Post) *ent.Post {
	c := *p
	c.DeletedAt = nil
	return &c
}

// shortLived runs f on a goroutine of its own and returns its result (or
// re-raises its panic). The subscription resolvers run on goroutines that
// then live as long as the subscription; a database call there (the SQLite
// driver is deep) would grow each of their stacks for good, which with tens
// of thousands of subscribers costs more memory than anything else they hold.
func shortLived[T any](f func() (T, error)) (T, error) {
	type result struct {
		v        T
		err      error
		panicked bool
		p        any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.p = true, p
			}
			done <- r
		}()
		r.v, r.err = f()
	}()
	r := <-done
	if r.panicked {
		panic(r.p)
	}
	return r.v, r.err
}

// visibleBoard checks that the viewer may read the board (else NOT_FOUND on boardId).
func (s *Service) visibleBoard(ctx context.Context, id int) error {
	if _, err := shortLived(func() (*ent.Board, error) { return s.Client.Board.Get(ctx, id) }); err != nil {
		if ent.IsNotFound(err) {
			return &errs.Error{Code: errs.NotFound, Field: "boardId", Message: "board not found"}
		}
		return err
	}
	return nil
}

// SubscribeBoard streams what happens on a board the viewer may read (else
// NOT_FOUND): posts and comments added, updated and removed, and reaction
// counts, each only if the viewer may see it. The channel closes — the
// client refetches and subscribes again — when ctx ends, when the subscriber
// falls too far behind (after calling ctx's pubsub.SlowConsumer), or when
// events may have been lost.
func (s *Service) SubscribeBoard(ctx context.Context, boardID int) (<-chan *BoardEvent, error) {
	if ch, ok := fanout.Feed[*BoardEvent](ctx); ok {
		return ch, nil // a render execution (see fanout)
	}
	if err := s.visibleBoard(ctx, boardID); err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	return subscribe(ctx, s, BoardTopic(boardID), v, func(le *liveEvent) (*BoardEvent, bool, bool) {
		be := boardEvent(v, le)
		return be, be != nil, false
	}), nil
}

// SubscribePosts streams new posts on a board (or on every board when
// boardID is nil) that the viewer may see, and closes like SubscribeBoard.
func (s *Service) SubscribePosts(ctx context.Context, boardID *int) (<-chan *ent.Post, error) {
	if ch, ok := fanout.Feed[*ent.Post](ctx); ok {
		return ch, nil // a render execution (see fanout)
	}
	topic := TopicAllPosts
	if boardID != nil {
		if err := s.visibleBoard(ctx, *boardID); err != nil {
			return nil, err
		}
		topic = BoardTopic(*boardID)
	}
	v := viewer.FromContext(ctx)
	return subscribe(ctx, s, topic, v, func(le *liveEvent) (*ent.Post, bool, bool) {
		return le.post, le.typ == EventPostCreated && CanSee(v, le.post), false
	}), nil
}

// SubscribeComments streams new comments on a post the viewer may see (else
// NOT_FOUND on postId). It ends, besides the reasons SubscribeBoard ends,
// when the post leaves the viewer's view (hidden or deleted).
func (s *Service) SubscribeComments(ctx context.Context, postID int) (<-chan *ent.Comment, error) {
	if ch, ok := fanout.Feed[*ent.Comment](ctx); ok {
		return ch, nil // a render execution (see fanout)
	}
	p, err := shortLived(func() (*ent.Post, error) { return s.Client.Post.Get(ctx, postID) })
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "postId", Message: "post not found"}
	}
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	return subscribe(ctx, s, BoardTopic(p.BoardID), v, func(le *liveEvent) (*ent.Comment, bool, bool) {
		if le.post.ID != postID {
			return nil, false, false
		}
		if !CanSee(v, le.post) {
			return nil, false, true
		}
		ok := le.typ == EventCommentCreated && CanSeeComment(v, le.comment)
		return le.comment, ok, false
	}), nil
}
