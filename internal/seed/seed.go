// Package seed fills an empty database with demo data for `kith seed` and
// `make run`: staff accounts, customers with two years of orders, account
// teams, care records, tickets, and a community of members with boards,
// posts, comments, reactions and follows.
//
// The data is planned in memory first and written in one transaction with
// bulk inserts, so seeding takes well under a few seconds on SQLite and
// PostgreSQL and either writes everything or nothing.
package seed

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"time"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/ent/carerecord"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/loyalty"
	"github.com/kith-crm/kith/internal/settings"
)

// MemberPassword is the password of every demo member account, so anyone
// trying the demo can sign in as a member with a customer's e-mail address.
const MemberPassword = "demo-member-password"

// Source is the order source of every demo order; together with external_id
// it is unique, like the orders of any import.
const Source = "demo"

// DefaultCustomers is the number of customers when Options.Customers is zero.
const DefaultCustomers = 300

// ErrNotEmpty is returned by Run when the database already has users or
// customers; seeding never mixes demo data into real data.
var ErrNotEmpty = errors.New("seed: database is not empty")

// Options configure Run. Only HashPassword is required.
type Options struct {
	// Customers is how many customers to create; DefaultCustomers when zero.
	// About two in five person customers become community members and the
	// community scales with them.
	Customers int
	// Rand makes the data deterministic when given: the same seed gives the
	// same data (staff passwords aside, which always come from crypto/rand).
	// When nil, a randomly seeded source is used.
	Rand *mrand.Rand
	// Now is the moment the data is generated at; orders spread over the two
	// years before it and community activity over the last six months.
	// time.Now() when zero.
	Now time.Time
	// HashPassword hashes a password the way sign-in verifies it. Run calls
	// it once per staff account and once for MemberPassword, whose hash all
	// demo members share, because hashing is deliberately slow.
	HashPassword func(plain string) (string, error)
}

// StaffLogin is the sign-in of one demo staff account.
type StaffLogin struct {
	Email, Password, Role string
}

// Result says what Run created. Staff holds the only copy of the staff
// passwords; the caller prints them once.
type Result struct {
	Staff                                     []StaffLogin
	Customers, Orders, Members, Boards, Posts int
	// PointsEntries is how many loyalty ledger entries the accrual wrote
	// for the seeded orders and interactions.
	PointsEntries int
}

// Run fills an empty database with demo data in one transaction and returns
// the staff logins: an admin (admin@kith.example), two marketers and three
// managers, each with a random password. It refuses with ErrNotEmpty when the
// database already has users or customers.
//
// Every demo member signs in with their customer's e-mail address and the
// password "demo-member-password" (MemberPassword).
//
// Run writes as the system, bypassing the privacy policies, so it must only
// be reached from trusted tooling, never from a request.
func Run(ctx context.Context, client *ent.Client, opts Options) (Result, error) {
	if opts.HashPassword == nil {
		return Result{}, errors.New("seed: Options.HashPassword is required")
	}
	if opts.Customers < 0 {
		return Result{}, fmt.Errorf("seed: Options.Customers is negative (%d)", opts.Customers)
	}
	if opts.Customers == 0 {
		opts.Customers = DefaultCustomers
	}
	if opts.Rand == nil {
		opts.Rand = mrand.New(mrand.NewPCG(mrand.Uint64(), mrand.Uint64()))
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	// Whole seconds in UTC store the same way in every database.
	opts.Now = opts.Now.UTC().Truncate(time.Second)

	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	// Check before the slow hashing, and again inside the transaction. Two
	// seeds racing may both pass; the unique staff e-mail addresses then fail
	// the later one, so data is never seeded twice.
	if err := checkEmpty(ctx, client.User, client.Customer); err != nil {
		return Result{}, wrap(err)
	}

	p := newPlan(opts)

	staff := make([]StaffLogin, len(staffSpecs))
	staffHashes := make([]string, len(staffSpecs))
	for i, s := range staffSpecs {
		pw, err := randomPassword()
		if err != nil {
			return Result{}, wrap(err)
		}
		h, err := opts.HashPassword(pw)
		if err != nil {
			return Result{}, fmt.Errorf("seed: hashing a staff password: %w", err)
		}
		staff[i] = StaffLogin{Email: s.email, Password: pw, Role: s.role}
		staffHashes[i] = h
	}
	memberHash, err := opts.HashPassword(MemberPassword)
	if err != nil {
		return Result{}, fmt.Errorf("seed: hashing the member password: %w", err)
	}

	tx, err := client.Tx(ctx)
	if err != nil {
		return Result{}, wrap(err)
	}
	w := writer{ctx: ctx, tx: tx, p: p}
	if err := w.write(staffHashes, memberHash); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return Result{}, wrap(err)
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("seed: commit: %w", err)
	}
	// Points as the accrual job would credit them, so balances and ledgers
	// show at once; the job finds nothing left to do afterwards.
	points, err := (&loyalty.Service{Client: client, Settings: &settings.Store{Client: client}, Clock: fixedNow(opts.Now)}).Accrue(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("seed: loyalty points: %w", err)
	}
	return Result{
		PointsEntries: points.Orders + points.Reversals + points.Activities,
		Staff:         staff,
		Customers:     len(p.customers),
		Orders:        len(p.orders),
		Members:       len(p.members),
		Boards:        len(boardSpecs),
		Posts:         len(p.posts),
	}, nil
}

// fixedNow is a clock that always says t.
type fixedNow time.Time

func (t fixedNow) Now() time.Time { return time.Time(t) }

// checkEmpty returns ErrNotEmpty when there are users or customers. It takes
// the entity clients so it works on a client and inside a transaction alike.
func checkEmpty(ctx context.Context, users *ent.UserClient, customers *ent.CustomerClient) error {
	hasUsers, err := users.Query().Exist(ctx)
	if err != nil {
		return err
	}
	hasCustomers, err := customers.Query().Exist(ctx)
	if err != nil {
		return err
	}
	if hasUsers || hasCustomers {
		return ErrNotEmpty
	}
	return nil
}

// wrap prefixes errors with the package name; ErrNotEmpty stays as it is so
// callers can compare it directly.
func wrap(err error) error {
	if errors.Is(err, ErrNotEmpty) {
		return err
	}
	return fmt.Errorf("seed: %w", err)
}

// randomPassword returns 16 URL-safe characters from 96 random bits.
func randomPassword() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// batchSize keeps each INSERT well under the bind-parameter limits of SQLite
// (32766) and PostgreSQL (65535) even for the widest table.
const batchSize = 500

// saveAll creates builders in batches and returns the created rows in order.
func saveAll[B, E any](ctx context.Context, bs []B, save func(context.Context, ...B) ([]E, error)) ([]E, error) {
	out := make([]E, 0, len(bs))
	for chunk := range slices.Chunk(bs, batchSize) {
		es, err := save(ctx, chunk...)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

func ids[E any](es []E, id func(E) int) []int {
	out := make([]int, len(es))
	for i, e := range es {
		out[i] = id(e)
	}
	return out
}

// writer persists a plan, mapping plan indexes to database ids.
type writer struct {
	ctx context.Context
	tx  *ent.Tx
	p   *plan

	managers, memberUsers, customers, members []int
	boards, posts, comments                   []int
}

func (w *writer) write(staffHashes []string, memberHash string) error {
	steps := []func() error{
		func() error { return checkEmpty(w.ctx, w.tx.User, w.tx.Customer) },
		func() error { return w.users(staffHashes, memberHash) },
		w.customFields,
		w.customersAndMembers,
		w.accounts,
		w.orders,
		w.community,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) users(staffHashes []string, memberHash string) error {
	p := w.p
	staffSince := p.now.AddDate(-2, -1, 0)
	var bs []*ent.UserCreate
	for i, s := range staffSpecs {
		bs = append(bs, w.tx.User.Create().
			SetEmail(s.email).SetPasswordHash(staffHashes[i]).SetRole(user.Role(s.role)).
			SetLocale(s.locale).SetEmailVerifiedAt(staffSince).
			SetCreatedAt(staffSince).SetUpdatedAt(staffSince))
	}
	for _, m := range p.members {
		c := p.customers[m.customer]
		bs = append(bs, w.tx.User.Create().
			SetEmail(c.email).SetPasswordHash(memberHash).SetRole(user.RoleMEMBER).
			SetLocale(m.locale).SetEmailVerifiedAt(m.joinedAt.Add(10*time.Minute)).
			SetCreatedAt(m.joinedAt).SetUpdatedAt(m.joinedAt))
	}
	us, err := saveAll(w.ctx, bs, func(ctx context.Context, b ...*ent.UserCreate) ([]*ent.User, error) {
		return w.tx.User.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("users: %w", err)
	}
	for i, s := range staffSpecs {
		if s.role == "MANAGER" {
			w.managers = append(w.managers, us[i].ID)
		}
	}
	w.memberUsers = ids(us[len(staffSpecs):], func(u *ent.User) int { return u.ID })
	return nil
}

func (w *writer) customersAndMembers() error {
	p := w.p
	bs := make([]*ent.CustomerCreate, len(p.customers))
	for i, c := range p.customers {
		b := w.tx.Customer.Create().
			SetName(c.name).SetEmail(c.email).SetPhone(c.phone).SetAddress(c.address).
			SetRegion(c.region).SetIndustry(c.industry).SetRiskLevel(customer.RiskLevel(c.risk)).
			SetCreatedAt(c.createdAt).SetUpdatedAt(c.updatedAt)
		if c.org {
			b.SetKind(customer.KindORGANISATION).
				SetLegalRepresentative(c.legalRep).SetNillableFoundedOn(c.foundedOn).
				SetCompanySize(c.companySize).SetServiceArea(c.serviceArea).
				SetSalesCapacity(c.salesCapacity).SetGrowthPotential(c.growthPotential).
				SetBusinessStatus(c.businessStatus).SetPaymentBehaviour(c.paymentBehaviour).
				SetCreditRating(c.creditRating)
			if c.openIssues != "" {
				b.SetOpenIssues(c.openIssues)
			}
		} else {
			b.SetKind(customer.KindPERSON).SetOccupation(c.occupation)
		}
		if len(c.interests) > 0 {
			b.SetInterests(c.interests)
		}
		if len(c.tags) > 0 {
			b.SetTags(c.tags)
		}
		if c.owner >= 0 {
			b.SetOwnerID(w.managers[c.owner])
		}
		if c.member >= 0 {
			b.SetUserID(w.memberUsers[c.member])
		}
		if c.custom != nil {
			b.SetCustomFields(c.custom)
		}
		bs[i] = b
	}
	cs, err := saveAll(w.ctx, bs, func(ctx context.Context, b ...*ent.CustomerCreate) ([]*ent.Customer, error) {
		return w.tx.Customer.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	w.customers = ids(cs, func(c *ent.Customer) int { return c.ID })

	ms := make([]*ent.MemberCreate, len(p.members))
	for i, m := range p.members {
		b := w.tx.Member.Create().
			SetUserID(w.memberUsers[i]).SetDisplayName(m.displayName).SetHandle(m.handle).
			SetCreatedAt(m.joinedAt).SetUpdatedAt(m.joinedAt)
		if m.bio != "" {
			b.SetBio(m.bio)
		}
		ms[i] = b
	}
	members, err := saveAll(w.ctx, ms, func(ctx context.Context, b ...*ent.MemberCreate) ([]*ent.Member, error) {
		return w.tx.Member.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("members: %w", err)
	}
	w.members = ids(members, func(m *ent.Member) int { return m.ID })
	return nil
}

func (w *writer) accounts() error {
	p := w.p
	teams := make([]*ent.AccountTeamMemberCreate, len(p.teams))
	for i, t := range p.teams {
		teams[i] = w.tx.AccountTeamMember.Create().
			SetCustomerID(w.customers[t.customer]).SetUserID(w.managers[t.manager]).
			SetRole(accountteammember.Role(t.role)).SetCreatedAt(p.customers[t.customer].createdAt)
	}
	if _, err := saveAll(w.ctx, teams, func(ctx context.Context, b ...*ent.AccountTeamMemberCreate) ([]*ent.AccountTeamMember, error) {
		return w.tx.AccountTeamMember.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("account teams: %w", err)
	}

	care := make([]*ent.CareRecordCreate, len(p.care))
	for i, c := range p.care {
		updated := c.occurredAt
		if c.followedUpAt != nil {
			updated = *c.followedUpAt
		}
		care[i] = w.tx.CareRecord.Create().
			SetCustomerID(w.customers[c.customer]).SetAuthorID(w.managers[c.author]).
			SetKind(carerecord.Kind(c.kind)).SetNotes(c.notes).SetOccurredAt(c.occurredAt).
			SetNillableFollowUpAt(c.followUpAt).SetNillableFollowedUpAt(c.followedUpAt).
			SetCreatedAt(c.occurredAt).SetUpdatedAt(updated)
	}
	if _, err := saveAll(w.ctx, care, func(ctx context.Context, b ...*ent.CareRecordCreate) ([]*ent.CareRecord, error) {
		return w.tx.CareRecord.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("care records: %w", err)
	}

	tickets := make([]*ent.TicketCreate, len(p.tickets))
	for i, t := range p.tickets {
		b := w.tx.Ticket.Create().
			SetCustomerID(w.customers[t.customer]).SetTitle(t.title).SetDescription(t.body).
			SetStatus(ticket.Status(t.status)).SetPriority(ticket.Priority(t.priority)).
			SetNillableFirstResponseAt(t.firstResponseAt).SetNillableResolvedAt(t.resolvedAt).
			SetCreatedAt(t.createdAt).SetUpdatedAt(t.updatedAt)
		if t.assignee >= 0 {
			b.SetAssigneeID(w.managers[t.assignee])
		}
		tickets[i] = b
	}
	if _, err := saveAll(w.ctx, tickets, func(ctx context.Context, b ...*ent.TicketCreate) ([]*ent.Ticket, error) {
		return w.tx.Ticket.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("tickets: %w", err)
	}
	return nil
}

func (w *writer) orders() error {
	p := w.p
	bs := make([]*ent.OrderCreate, len(p.orders))
	for i, o := range p.orders {
		bs[i] = w.tx.Order.Create().
			SetCustomerID(w.customers[o.customer]).SetSource(Source).
			SetExternalID(fmt.Sprintf("DEMO-%06d", o.externalSerial)).
			SetAmount(o.amount).SetCostToServe(o.cost).SetCurrency(o.currency).
			SetChannel(o.channel).SetProductCategory(o.category).
			SetOrderedAt(o.orderedAt).SetCreatedAt(o.orderedAt)
	}
	if _, err := saveAll(w.ctx, bs, func(ctx context.Context, b ...*ent.OrderCreate) ([]*ent.Order, error) {
		return w.tx.Order.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("orders: %w", err)
	}
	return nil
}

// interactionRow is an Interaction waiting for its insert, gathered from every
// kind of community action so they can be written in time order.
type interactionRow struct {
	actor, target, subject int // target 0: none
	kind                   interaction.Kind
	at                     time.Time
}

func (w *writer) community() error {
	p := w.p
	bb := make([]*ent.BoardCreate, len(boardSpecs))
	created := p.now.AddDate(-2, 0, 0)
	for i, b := range boardSpecs {
		bb[i] = w.tx.Board.Create().
			SetName(b.name).SetSlug(b.slug).SetDescription(b.description).
			SetReadAccess(board.ReadAccess(b.read)).SetPostAccess(board.PostAccess(b.post)).
			SetPosition(i).SetCreatedAt(created).SetUpdatedAt(created)
	}
	boards, err := w.tx.Board.CreateBulk(bb...).Save(w.ctx)
	if err != nil {
		return fmt.Errorf("boards: %w", err)
	}
	w.boards = ids(boards, func(b *ent.Board) int { return b.ID })
	if len(p.members) == 0 {
		return nil
	}

	var acts []interactionRow
	pb := make([]*ent.PostCreate, len(p.posts))
	for i, x := range p.posts {
		b := w.tx.Post.Create().
			SetBoardID(w.boards[x.board]).SetAuthorID(w.members[x.author]).
			SetTitle(x.title).SetBody(x.body).
			SetHidden(x.hide).SetLocked(x.locked).SetPinned(x.pinned).
			SetCreatedAt(x.createdAt).SetUpdatedAt(x.createdAt)
		if len(x.tags) > 0 {
			b.SetTags(x.tags)
		}
		pb[i] = b
	}
	posts, err := saveAll(w.ctx, pb, func(ctx context.Context, b ...*ent.PostCreate) ([]*ent.Post, error) {
		return w.tx.Post.CreateBulk(b...).Save(ctx)
	})
	if err != nil {
		return fmt.Errorf("posts: %w", err)
	}
	w.posts = ids(posts, func(x *ent.Post) int { return x.ID })
	for i, x := range p.posts {
		acts = append(acts, interactionRow{actor: w.members[x.author], subject: w.posts[i], kind: interaction.KindPOST, at: x.createdAt})
	}

	// Comments go in level by level: the plan lists them by depth.
	w.comments = make([]int, 0, len(p.comments))
	for lo := 0; lo < len(p.comments); {
		hi := lo
		for hi < len(p.comments) && p.comments[hi].depth == p.comments[lo].depth {
			hi++
		}
		cb := make([]*ent.CommentCreate, 0, hi-lo)
		for _, x := range p.comments[lo:hi] {
			b := w.tx.Comment.Create().
				SetPostID(w.posts[x.post]).SetAuthorID(w.members[x.author]).
				SetBody(x.body).SetHidden(x.hide).
				SetCreatedAt(x.createdAt).SetUpdatedAt(x.createdAt)
			if x.parent >= 0 {
				b.SetParentID(w.comments[x.parent])
			}
			cb = append(cb, b)
		}
		cs, err := saveAll(w.ctx, cb, func(ctx context.Context, b ...*ent.CommentCreate) ([]*ent.Comment, error) {
			return w.tx.Comment.CreateBulk(b...).Save(ctx)
		})
		if err != nil {
			return fmt.Errorf("comments: %w", err)
		}
		w.comments = append(w.comments, ids(cs, func(c *ent.Comment) int { return c.ID })...)
		lo = hi
	}
	for i, x := range p.comments {
		target := p.posts[x.post].author
		if x.parent >= 0 {
			target = p.comments[x.parent].author
		}
		acts = append(acts, interactionRow{
			actor: w.members[x.author], target: w.members[target], subject: w.comments[i],
			kind: interaction.KindCOMMENT, at: x.createdAt,
		})
	}

	rb := make([]*ent.ReactionCreate, len(p.reactions))
	for i, r := range p.reactions {
		subject, author := 0, 0
		if r.comment >= 0 {
			subject, author = w.comments[r.comment], p.comments[r.comment].author
		} else {
			subject, author = w.posts[r.post], p.posts[r.post].author
		}
		rb[i] = w.tx.Reaction.Create().
			SetSubjectID(subject).SetMemberID(w.members[r.member]).
			SetKind(reaction.Kind(r.kind)).SetCreatedAt(r.createdAt)
		acts = append(acts, interactionRow{
			actor: w.members[r.member], target: w.members[author], subject: subject,
			kind: interaction.KindREACTION, at: r.createdAt,
		})
	}
	if _, err := saveAll(w.ctx, rb, func(ctx context.Context, b ...*ent.ReactionCreate) ([]*ent.Reaction, error) {
		return w.tx.Reaction.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("reactions: %w", err)
	}

	fb := make([]*ent.FollowCreate, len(p.follows))
	for i, f := range p.follows {
		fb[i] = w.tx.Follow.Create().
			SetFollowerID(w.members[f.follower]).SetFolloweeID(w.members[f.followee]).
			SetCreatedAt(f.createdAt)
		acts = append(acts, interactionRow{
			actor: w.members[f.follower], target: w.members[f.followee],
			kind: interaction.KindFOLLOW, at: f.createdAt,
		})
	}
	if _, err := saveAll(w.ctx, fb, func(ctx context.Context, b ...*ent.FollowCreate) ([]*ent.Follow, error) {
		return w.tx.Follow.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("follows: %w", err)
	}

	// The interaction log is append-only and read in time order, so write it
	// that way.
	slices.SortStableFunc(acts, func(a, b interactionRow) int { return a.at.Compare(b.at) })
	ib := make([]*ent.InteractionCreate, len(acts))
	for i, a := range acts {
		b := w.tx.Interaction.Create().SetActorID(a.actor).SetKind(a.kind).SetCreatedAt(a.at)
		if a.target != 0 {
			b.SetTargetID(a.target)
		}
		if a.subject != 0 {
			b.SetSubjectID(a.subject)
		}
		ib[i] = b
	}
	if _, err := saveAll(w.ctx, ib, func(ctx context.Context, b ...*ent.InteractionCreate) ([]*ent.Interaction, error) {
		return w.tx.Interaction.CreateBulk(b...).Save(ctx)
	}); err != nil {
		return fmt.Errorf("interactions: %w", err)
	}
	return nil
}
