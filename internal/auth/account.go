package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/ent/session"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/viewer"
)

// MailInterval is the least time between two verification mails to one user,
// and between two password-reset mails to one address.
const MailInterval = time.Minute

// mailTimeout bounds one delivery.
const mailTimeout = 30 * time.Second

// Links on the web app that mailed tokens point to.
const (
	VerifyEmailPath   = "/verify-email"
	ResetPasswordPath = "/reset-password"
)

func (s *Service) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Service) signingKey(ctx context.Context) ([]byte, error) {
	if s.SigningKey == nil {
		return nil, fmt.Errorf("auth: no signing key configured")
	}
	return s.SigningKey(ctx)
}

func (s *Service) link(path, token string) string {
	return strings.TrimRight(s.PublicURL, "/") + path + "?token=" + url.QueryEscape(token)
}

// WaitMail waits for mails still being sent in the background (shutdown, tests).
func (s *Service) WaitMail() { s.mailWG.Wait() }

// mailTo renders kind for u and delivers it. With async it returns at once
// and a failure is only logged: the caller's answer must not depend on (or
// take as long as) the delivery.
func (s *Service) mailTo(ctx context.Context, u *ent.User, name string, kind mail.TemplateKind, path string, token string, async bool) error {
	if s.Mailer == nil {
		s.logger().Warn("no mailer configured; mail dropped", "kind", kind, "user", u.ID)
		return nil
	}
	m, err := mail.Render(kind, u.Locale, mail.LinkData{Link: s.link(path, token), Name: name})
	if err != nil {
		return err
	}
	m.To = u.Email
	send := func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, mailTimeout)
		defer cancel()
		err := s.Mailer.Send(ctx, m)
		if err != nil {
			s.logger().Error("sending mail", "kind", kind, "user", u.ID, "err", err)
		}
		return err
	}
	if !async {
		return send(ctx)
	}
	s.mailWG.Add(1)
	go func() {
		defer s.mailWG.Done()
		_ = send(context.WithoutCancel(ctx))
	}()
	return nil
}

// displayName is what a mail calls u: their community name, else the
// local part of their address.
func (s *Service) displayName(ctx context.Context, u *ent.User) string {
	if m := u.Edges.Member; m != nil {
		return m.DisplayName
	}
	if m, err := u.QueryMember().Only(System(ctx)); err == nil {
		return m.DisplayName
	}
	return strings.SplitN(u.Email, "@", 2)[0]
}

// sendVerification mails u a fresh verification link.
func (s *Service) sendVerification(ctx context.Context, u *ent.User, name string, async bool) error {
	key, err := s.signingKey(ctx)
	if err != nil {
		return err
	}
	token := signToken(key, tokenClaims{
		Purpose: PurposeVerify, UserID: u.ID, Email: u.Email,
		Expires: s.Clock.Now().Add(VerifyTokenTTL).Unix(),
	}, "")
	return s.mailTo(ctx, u, name, mail.VerifyEmail, VerifyEmailPath, token, async)
}

// afterCommit runs fn once the transaction in ctx, if any, has committed;
// without one, at once.
func afterCommit(ctx context.Context, fn func()) {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		fn()
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			if err == nil {
				fn()
			}
			return err
		})
	})
}

// RequestEmailVerification mails the signed-in user a new verification link.
// It reports false, sending nothing, when the address is verified already,
// and is RATE_LIMITED within MailInterval of the previous verification mail.
func (s *Service) RequestEmailVerification(ctx context.Context) (bool, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return false, errs.E(errs.Unauthenticated, "sign in to verify your e-mail address")
	}
	sys := System(ctx)
	u, err := s.Client.User.Query().Where(user.ID(v.UserID)).WithMember().Only(sys)
	if err != nil {
		return false, err
	}
	if u.EmailVerifiedAt != nil {
		return false, nil
	}
	now := s.Clock.Now()
	n, err := s.Client.User.Update().
		Where(user.ID(u.ID), user.Or(user.VerificationSentAtIsNil(), user.VerificationSentAtLTE(now.Add(-MailInterval)))).
		SetVerificationSentAt(now).Save(sys)
	if err != nil {
		return false, err
	}
	if n == 0 {
		return false, errs.E(errs.RateLimited, "a verification mail was sent less than a minute ago; check your inbox or try again shortly")
	}
	if err := s.sendVerification(ctx, u, s.displayName(ctx, u), false); err != nil {
		return false, errs.E(errs.Internal, "the mail could not be sent; try again in a minute")
	}
	return true, nil
}

func badToken() error {
	return errs.Field("token", "this link is invalid or has expired; request a new one")
}

// userForToken decodes token and loads the enabled user it names; the
// signature is checked by the caller, who knows the binding.
func (s *Service) userForToken(ctx context.Context, token string) (*ent.User, tokenClaims, string, []byte, error) {
	c, payload, mac, ok := parseToken(token)
	if !ok {
		return nil, c, "", nil, badToken()
	}
	u, err := s.Client.User.Query().Where(user.ID(c.UserID)).Only(System(ctx))
	if ent.IsNotFound(err) {
		return nil, c, "", nil, badToken()
	}
	if err != nil {
		return nil, c, "", nil, err
	}
	if u.Disabled {
		return nil, c, "", nil, badToken()
	}
	return u, c, payload, mac, nil
}

// VerifyEmail checks a verification token and marks the address verified.
// A member whose address is the e-mail (compared case-insensitively) of
// exactly one customer file that no account is linked to is then linked to
// that file, in the same transaction: the link moves from the record created
// at sign-up, which is deleted, to the existing file. If the sign-up record
// already has orders, tickets, care records, a team or referrals it is kept
// and nothing is linked (staff merge such files by hand); the audit event says
// why. Verifying an address already verified returns the user unchanged.
func (s *Service) VerifyEmail(ctx context.Context, token string) (*ent.User, error) {
	u, c, payload, mac, err := s.userForToken(ctx, token)
	if err != nil {
		return nil, err
	}
	key, err := s.signingKey(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	if !checkToken(key, c, payload, mac, "", PurposeVerify, u.Email, now) {
		return nil, badToken()
	}
	if u.EmailVerifiedAt != nil {
		return u, nil
	}
	sys := System(ctx)
	// Audited as the account holder, who proved they read the mailbox.
	actx := viewer.NewContext(ctx, viewer.Viewer{UserID: u.ID, Role: viewer.Role(u.Role)})
	err = WithTx(sys, s.Client, func(tx *ent.Tx) error {
		n, err := tx.User.Update().Where(user.ID(u.ID), user.EmailVerifiedAtIsNil(), user.Email(u.Email)).
			SetEmailVerifiedAt(now).Save(sys)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil // verified meanwhile by another click
		}
		detail := map[string]any{"email": u.Email}
		if u.Role == user.RoleMEMBER {
			if err := s.linkExistingCustomer(actx, tx, u, detail); err != nil {
				return err
			}
		}
		return audit.Record(actx, tx.Client(), "user.email_verified", "User", u.ID, detail)
	})
	if err != nil {
		return nil, err
	}
	return s.Client.User.Get(sys, u.ID)
}

// linkExistingCustomer moves u's customer link to the existing file with u's
// address, recording what happened in detail. ctx carries the actor.
func (s *Service) linkExistingCustomer(ctx context.Context, tx *ent.Tx, u *ent.User, detail map[string]any) error {
	sys := System(ctx)
	candidates, err := tx.Customer.Query().
		Where(customer.EmailEqualFold(u.Email), customer.UserIDIsNil()).
		Order(ent.Asc(customer.FieldID)).Limit(2).IDs(sys)
	if err != nil {
		return err
	}
	switch len(candidates) {
	case 0:
		detail["linked"] = false
		return nil
	case 2:
		detail["linked"] = false
		detail["reason"] = "several customer files have this e-mail"
		return nil
	}
	target := candidates[0]
	own, err := tx.Customer.Query().Where(customer.UserID(u.ID)).Only(sys)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	if own != nil {
		used, err := tx.Customer.Query().Where(customer.ID(own.ID), customer.Or(
			customer.HasOrders(), customer.HasTickets(), customer.HasCareRecords(),
			customer.HasTeam(), customer.HasReferrals(), customer.HasInvoices(),
		)).Exist(sys)
		if err != nil {
			return err
		}
		if !used {
			// Points earned in the community before verifying are the
			// member's: the ledger keeps the record (staff merge the two).
			if used, err = tx.PointsEntry.Query().Where(pointsentry.CustomerID(own.ID)).Exist(sys); err != nil {
				return err
			}
		}
		if used {
			detail["linked"] = false
			detail["reason"] = "the sign-up record has activity; kept both"
			detail["customerId"] = own.ID
			detail["existingCustomerId"] = target
			return nil
		}
		if err := tx.Customer.DeleteOneID(own.ID).Exec(sys); err != nil {
			return err
		}
		detail["removedCustomerId"] = own.ID
	}
	// Only while the file is still unlinked: a concurrent link wins and this
	// whole verification rolls back, to be retried.
	err = tx.Customer.UpdateOneID(target).Where(customer.UserIDIsNil()).SetUserID(u.ID).Exec(sys)
	if ent.IsNotFound(err) {
		return errs.E(errs.Conflict, "the customer file changed meanwhile; open the link again")
	}
	if err != nil {
		return err
	}
	detail["linked"] = true
	detail["customerId"] = target
	return nil
}

// RequestPasswordReset mails a reset link to email when an enabled account
// has it, at most once per MailInterval per address. It answers the same way,
// after the same queries, whether or not the account exists, and sends in the
// background, so neither the answer nor its timing tells who has an account.
// Only a malformed address is an error.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return err
	}
	sys := System(ctx)
	now := s.Clock.Now()
	n, err := s.Client.User.Update().
		Where(user.Email(email), user.Disabled(false),
			user.Or(user.PasswordResetSentAtIsNil(), user.PasswordResetSentAtLTE(now.Add(-MailInterval)))).
		SetPasswordResetSentAt(now).Save(sys)
	if err != nil {
		return err
	}
	u, err := s.Client.User.Query().Where(user.Email(email)).WithMember().Only(sys)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	if n == 0 || u == nil {
		return nil
	}
	key, err := s.signingKey(ctx)
	if err != nil {
		return err
	}
	token := signToken(key, tokenClaims{
		Purpose: PurposeReset, UserID: u.ID, Email: u.Email,
		Expires: now.Add(ResetTokenTTL).Unix(),
	}, u.PasswordHash)
	return s.mailTo(ctx, u, s.displayName(ctx, u), mail.ResetPassword, ResetPasswordPath, token, true)
}

// ResetPassword checks a reset token, sets newPassword, ends every session
// of the account (closing their sockets) and signs in. The token is bound to
// the password hash it was issued for, so it works once, and no older token
// works after any password change.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) (*Session, error) {
	if err := spendCredentialBudget(ctx); err != nil {
		return nil, err
	}
	u, c, payload, mac, err := s.userForToken(ctx, token)
	if err != nil {
		return nil, err
	}
	key, err := s.signingKey(ctx)
	if err != nil {
		return nil, err
	}
	if !checkToken(key, c, payload, mac, u.PasswordHash, PurposeReset, u.Email, s.Clock.Now()) {
		return nil, badToken()
	}
	if err := ValidatePassword("newPassword", newPassword); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, newPassword)
	if err != nil {
		return nil, err
	}
	sys := System(ctx)
	actx := viewer.NewContext(ctx, viewer.Viewer{UserID: u.ID, Role: viewer.Role(u.Role)})
	var out *Session
	var ended []int
	err = WithTx(sys, s.Client, func(tx *ent.Tx) error {
		// Only from the hash the token was issued for: of two concurrent
		// uses of one token, one wins.
		n, err := tx.User.Update().Where(user.ID(u.ID), user.PasswordHash(u.PasswordHash)).SetPasswordHash(hash).Save(sys)
		if err != nil {
			return err
		}
		if n == 0 {
			return badToken()
		}
		if ended, err = tx.Session.Query().Where(session.UserID(u.ID)).IDs(sys); err != nil {
			return err
		}
		if _, err := tx.Session.Delete().Where(session.UserID(u.ID)).Exec(sys); err != nil {
			return err
		}
		if err := audit.Record(actx, tx.Client(), "user.password_reset", "User", u.ID, map[string]any{"sessionsEnded": len(ended)}); err != nil {
			return err
		}
		u.PasswordHash = hash
		out, err = s.newSession(sys, tx.Client(), u)
		return err
	})
	if err != nil {
		return nil, err
	}
	afterCommit(sys, func() {
		if s.OnLogout != nil {
			for _, id := range ended {
				s.OnLogout(id)
			}
		}
	})
	return out, nil
}
