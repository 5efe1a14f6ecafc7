// Package auth signs people up and in: users, password hashing, sessions and
// the viewer every request carries.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/ent/session"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	kmail "github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/viewer"
)

// SessionTTL is how long a session stays valid after sign-in.
const SessionTTL = 30 * 24 * time.Hour

// Service signs users up, in and out, and turns tokens into viewers.
type Service struct {
	Client *ent.Client
	Hasher *Hasher
	Clock  clock.Clock
	// OnLogout, when set, is told a session ended (the server closes its sockets).
	OnLogout func(sessionID int)

	// Mailer delivers verification and password-reset mail; nil drops it
	// (with a warning). PublicURL prefixes the links in it. SigningKey
	// returns the key that signs those links (settings.Store.Secret).
	Mailer     kmail.Sender
	PublicURL  string
	SigningKey func(ctx context.Context) ([]byte, error)
	Logger     *slog.Logger

	mailWG sync.WaitGroup

	dummyHash atomic.Value // string; verified against unknown e-mails so timing does not tell who exists
}

// System returns ctx with privacy checks bypassed, for code acting as Kith
// itself rather than for a viewer (sign-up, token lookup, jobs).
func System(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// Session is what sign-up and sign-in return.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      *ent.User
}

var handleChars = regexp.MustCompile(`[^a-z0-9._]+`)

// NormalizeEmail validates and lower-cases an e-mail address.
func NormalizeEmail(field, email string) (string, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return "", errs.Field(field, "e-mail is required")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > 254 || !strings.Contains(email, "@") {
		return "", errs.Field(field, "not a valid e-mail address")
	}
	return strings.ToLower(email), nil
}

// ValidatePassword enforces the password policy.
func ValidatePassword(field, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < 8:
		return errs.Field(field, "password must have at least 8 characters")
	case len(password) > 256:
		return errs.Field(field, "password must have at most 256 bytes")
	}
	return nil
}

// SignUpRequest is what a member signs up with. Locale is optional ("en" or
// "zh-Hans"; other tags map to the nearest) and chooses the language of mail.
type SignUpRequest struct {
	Email, Password, Name, Locale string
}

// SignUp is Register without a locale.
func (s *Service) SignUp(ctx context.Context, email, password, name string) (*Session, error) {
	return s.Register(ctx, SignUpRequest{Email: email, Password: password, Name: name})
}

// NormalizeLocale maps a language tag to one Kith writes mail in.
func NormalizeLocale(tag string) string {
	m, err := kmail.Render(kmail.VerifyEmail, tag, kmail.LinkData{Link: "x"})
	if err != nil {
		return "en"
	}
	return m.Headers["Content-Language"]
}

// Register creates a member: their user, their public profile and their own
// customer record, in one transaction, and signs them in; once committed it
// mails the verification link (a failed mail is logged, the account stays).
// A member is never linked to an existing customer record here: that happens
// only after the address is verified (VerifyEmail), so nobody reads another
// person's file by typing their e-mail.
func (s *Service) Register(ctx context.Context, req SignUpRequest) (*Session, error) {
	email, password, name := req.Email, req.Password, req.Name
	locale := NormalizeLocale(req.Locale)
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	if err := ValidatePassword("password", password); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return nil, errs.Field("name", "name must have 1 to 80 characters")
	}
	if err := spendCredentialBudget(ctx); err != nil {
		return nil, err
	}
	sys := System(ctx)
	if exists, err := s.Client.User.Query().Where(user.Email(email)).Exist(sys); err != nil {
		return nil, err
	} else if exists {
		return nil, &errs.Error{Code: errs.Conflict, Field: "email", Message: "an account with this e-mail already exists"}
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	var out *Session
	err = WithTx(sys, s.Client, func(tx *ent.Tx) error {
		u, err := tx.User.Create().SetEmail(email).SetPasswordHash(hash).SetRole(user.RoleMEMBER).
			SetLocale(locale).Save(sys)
		if err != nil {
			return conflictOrErr(err, "email", "an account with this e-mail already exists")
		}
		handle, err := s.freeHandle(sys, tx, email)
		if err != nil {
			return err
		}
		if _, err := tx.Member.Create().SetUserID(u.ID).SetDisplayName(name).SetHandle(handle).Save(sys); err != nil {
			return conflictOrErr(err, "email", "please try again")
		}
		if _, err := tx.Customer.Create().SetName(name).SetEmail(email).SetUserID(u.ID).Save(sys); err != nil {
			return err
		}
		out, err = s.newSession(sys, tx.Client(), u)
		return err
	})
	if err != nil {
		return nil, err
	}
	out.User = out.User.Unwrap()
	u := out.User
	afterCommit(sys, func() {
		// In the background: sign-up does not wait for (or fail with) the mail server.
		if err := s.sendVerification(sys, u, name, true); err != nil {
			s.logger().Error("verification mail after sign-up", "user", u.ID, "err", err)
		}
	})
	return out, nil
}

// freeHandle derives a unique @handle from the e-mail's local part.
func (s *Service) freeHandle(ctx context.Context, tx *ent.Tx, email string) (string, error) {
	base := handleChars.ReplaceAllString(strings.ToLower(strings.SplitN(email, "@", 2)[0]), "")
	if len(base) < 2 {
		base = "member"
	}
	if len(base) > 24 {
		base = base[:24]
	}
	candidate := base
	for i := 0; i < 20; i++ {
		taken, err := tx.Member.Query().Where(member.Handle(candidate)).Exist(ctx)
		if err != nil {
			return "", err
		}
		if !taken {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s%d", base, randomInt(10_000))
	}
	return "", errs.E(errs.Conflict, "could not find a free handle; please try again")
}

// LogIn checks a password and opens a session. Wrong e-mail and wrong
// password give the same error, after the same work.
func (s *Service) LogIn(ctx context.Context, email, password string) (*Session, error) {
	if err := spendCredentialBudget(ctx); err != nil {
		return nil, err
	}
	fail := errs.E(errs.Unauthenticated, "wrong e-mail or password")
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || len(email) > 254 || len(password) > 256 {
		return nil, fail
	}
	sys := System(ctx)
	u, err := s.Client.User.Query().Where(user.Email(email)).Only(sys)
	if ent.IsNotFound(err) {
		_, _ = s.Hasher.Verify(ctx, s.dummy(), password)
		return nil, fail
	}
	if err != nil {
		return nil, err
	}
	ok, err := s.Hasher.Verify(ctx, u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if !ok || u.Disabled {
		return nil, fail
	}
	return s.newSession(sys, s.Client, u)
}

func (s *Service) dummy() string {
	if h, ok := s.dummyHash.Load().(string); ok {
		return h
	}
	h, _ := HashWith(s.Hasher.params, "not a password anyone has")
	s.dummyHash.Store(h)
	return h
}

// LogOut ends the viewer's session.
func (s *Service) LogOut(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	if v.SessionID == 0 {
		return errs.E(errs.Unauthenticated, "not signed in")
	}
	if err := s.Client.Session.DeleteOneID(v.SessionID).Exec(System(ctx)); err != nil && !ent.IsNotFound(err) {
		return err
	}
	if s.OnLogout != nil {
		s.OnLogout(v.SessionID)
	}
	return nil
}

// CreateUser creates an account with a role (admins and the CLI). Staff get
// no customer record; members get one, as with sign-up.
func (s *Service) CreateUser(ctx context.Context, email, password string, role viewer.Role, displayName string) (*ent.User, error) {
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	if err := ValidatePassword("password", password); err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, errs.Field("role", "unknown role %q", role)
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	var u *ent.User
	err = WithTx(ctx, s.Client, func(tx *ent.Tx) error {
		u, err = tx.User.Create().SetEmail(email).SetPasswordHash(hash).SetRole(user.Role(role)).Save(ctx)
		if err != nil {
			return conflictOrErr(err, "email", "an account with this e-mail already exists")
		}
		// Everyone gets a community profile (staff post announcements and
		// moderate); only members get a customer record.
		name := displayName
		if name == "" {
			name = strings.SplitN(email, "@", 2)[0]
		}
		sys := System(ctx)
		handle, err := s.freeHandle(sys, tx, email)
		if err != nil {
			return err
		}
		if _, err := tx.Member.Create().SetUserID(u.ID).SetDisplayName(name).SetHandle(handle).Save(sys); err != nil {
			return err
		}
		if role == viewer.RoleMember {
			if _, err := tx.Customer.Create().SetName(name).SetEmail(email).SetUserID(u.ID).Save(sys); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u.Unwrap(), nil
}

func (s *Service) newSession(ctx context.Context, c *ent.Client, u *ent.User) (*Session, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	expires := s.Clock.Now().Add(SessionTTL)
	if _, err := c.Session.Create().SetTokenHash(hashToken(token)).SetUserID(u.ID).SetExpiresAt(expires).Save(ctx); err != nil {
		return nil, err
	}
	return &Session{Token: token, ExpiresAt: expires, User: u}, nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Authenticate turns a session token into the viewer it belongs to. An
// unknown, expired or malformed token, or a disabled user, is UNAUTHENTICATED.
func (s *Service) Authenticate(ctx context.Context, token string) (viewer.Viewer, error) {
	if strings.HasPrefix(token, APIKeyPrefix) && len(token) <= 128 {
		return s.authenticateKey(ctx, token)
	}
	bad := errs.E(errs.Unauthenticated, "invalid or expired session; sign in again")
	if token == "" || len(token) > 128 {
		return viewer.Viewer{}, bad
	}
	sys := System(ctx)
	sess, err := s.Client.Session.Query().
		Where(session.TokenHash(hashToken(token)), session.ExpiresAtGT(s.Clock.Now())).
		WithUser(func(q *ent.UserQuery) { q.WithMember().WithCustomer() }).
		Only(sys)
	if ent.IsNotFound(err) {
		return viewer.Viewer{}, bad
	}
	if err != nil {
		return viewer.Viewer{}, err
	}
	u := sess.Edges.User
	if u == nil || u.Disabled {
		return viewer.Viewer{}, bad
	}
	v := viewer.Viewer{UserID: u.ID, Role: viewer.Role(u.Role), SessionID: sess.ID}
	if m := u.Edges.Member; m != nil {
		v.MemberID = m.ID
	}
	if c := u.Edges.Customer; c != nil {
		v.CustomerID = c.ID
	}
	return v, nil
}

// WithTx runs fn in a transaction, committing when it returns nil. If ctx
// already carries a transaction (the GraphQL request's), fn joins it.
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(tx)
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func conflictOrErr(err error, field, msg string) error {
	if ent.IsConstraintError(err) {
		return &errs.Error{Code: errs.Conflict, Field: field, Message: msg}
	}
	return err
}

func randomInt(n int) int {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return int(uint32(b[0])|uint32(b[1])<<8|uint32(b[2])<<16|uint32(b[3])<<24) % n
}

type budgetKey struct{}

// WithCredentialBudget marks ctx as one request that may perform one
// password operation; 1,000 aliased logIn calls in one request then cost one
// hash, not a thousand.
func WithCredentialBudget(ctx context.Context) context.Context {
	var n atomic.Int32
	n.Store(1)
	return context.WithValue(ctx, budgetKey{}, &n)
}

func spendCredentialBudget(ctx context.Context) error {
	n, ok := ctx.Value(budgetKey{}).(*atomic.Int32)
	if !ok {
		return nil // not a request (CLI, tests of the rule itself)
	}
	if n.Add(-1) < 0 {
		return errs.E(errs.RateLimited, "one sign-in or sign-up per request")
	}
	return nil
}

// CookieWriter sets (token non-empty) or clears (token empty) the session
// cookie of the current HTTP response. The server puts one into the context.
type CookieWriter func(token string, expires time.Time)

type cookieKey struct{}

// WithCookieWriter returns ctx carrying w.
func WithCookieWriter(ctx context.Context, w CookieWriter) context.Context {
	return context.WithValue(ctx, cookieKey{}, w)
}

// SetCookie writes the session cookie, if the request came over HTTP.
func SetCookie(ctx context.Context, token string, expires time.Time) {
	if w, ok := ctx.Value(cookieKey{}).(CookieWriter); ok {
		w(token, expires)
	}
}

// SetRole changes a user's role (admins), audited.
func (s *Service) SetRole(ctx context.Context, id int, role viewer.Role) (*ent.User, error) {
	v := viewer.FromContext(ctx)
	if !v.IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins change roles")
	}
	if !role.Valid() {
		return nil, errs.Field("role", "unknown role %q", role)
	}
	if id == v.UserID && role != viewer.RoleAdmin {
		return nil, errs.Field("id", "admins cannot demote themselves")
	}
	var u *ent.User
	err := WithTx(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		u, err = tx.User.UpdateOneID(id).SetRole(user.Role(role)).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Client(), "user.role", "User", id, map[string]any{"role": string(role)})
	})
	if err != nil {
		return nil, err
	}
	return u.Unwrap(), nil
}
