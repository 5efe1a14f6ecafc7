package graphtest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/mailtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// mailEnv is a whole server whose mailer delivers over SMTP to a real
// server on loopback, with a clock the test moves.
type mailEnv struct {
	*kithtest.Env
	smtp *mailtest.Server
	clk  *clock.Fixed
}

func startMailEnv(t *testing.T, db *store.DB) mailEnv {
	t.Helper()
	smtp := mailtest.Start(t)
	sender, err := mail.NewSMTPSender(smtp.URL, "Kith <no-reply@kith.example>")
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFixed(time.Now())
	env := kithtest.Start(t, db, kithtest.Options{Mailer: sender, Clock: clk})
	return mailEnv{Env: env, smtp: smtp, clk: clk}
}

const (
	signUpQ       = `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`
	verifyQ       = `mutation($t: String!) { verifyEmail(token: $t) { id emailVerifiedAt } }`
	requestVerifQ = `mutation { requestEmailVerification }`
	requestResetQ = `mutation($e: String!) { requestPasswordReset(email: $e) }`
	resetQ        = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { token user { id } } }`
	meCustomerQ   = `{ me { emailVerifiedAt customer { id name phone } } customers(first: 100) { edges { node { id } } } }`
	logInQ        = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`
)

// on returns e reporting failures to t (a subtest).
func (e mailEnv) on(t *testing.T) mailEnv {
	env := *e.Env
	env.T = t
	e.Env = &env
	return e
}

// signUp signs a member up through the API and returns their token.
func (e mailEnv) signUp(t *testing.T, email, name, locale string) string {
	t.Helper()
	in := map[string]any{"email": email, "password": password, "name": name}
	if locale != "" {
		in["locale"] = locale
	}
	var d struct{ SignUp struct{ Token string } }
	e.MustDo("", signUpQ, map[string]any{"i": in}).Decode(t, &d)
	return d.SignUp.Token
}

// tokenOf returns the token of the link to path in the next mail to rcpt,
// checking the link points to the web app.
func (e mailEnv) tokenOf(t *testing.T, rcpt, path string) (string, mailtest.Message) {
	t.Helper()
	m := e.smtp.Wait(t, rcpt)
	u := m.Link(t, path)
	if got := u.Scheme + "://" + u.Host; got != kithtest.PublicURL {
		t.Errorf("link %s does not point to %s", u, kithtest.PublicURL)
	}
	tok := u.Query().Get("token")
	if tok == "" {
		t.Fatalf("link %s carries no token", u)
	}
	return tok, m
}

type meAndCustomers struct {
	Me struct {
		EmailVerifiedAt *string
		Customer        struct{ ID, Name, Phone string }
	}
	Customers struct {
		Edges []struct{ Node struct{ ID string } }
	}
}

func (e mailEnv) meAndCustomers(t *testing.T, tok string) meAndCustomers {
	t.Helper()
	var d meAndCustomers
	e.MustDo(tok, meCustomerQ, nil).Decode(t, &d)
	return d
}

func (d meAndCustomers) customerIDs() []string {
	var out []string
	for _, e := range d.Customers.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

// importCustomer creates a customer file as an import would: no account.
func importCustomer(t *testing.T, db *store.DB, email, name string) *ent.Customer {
	t.Helper()
	ctx := auth.System(context.Background())
	c, err := db.Client.Customer.Create().SetName(name).SetEmail(email).SetPhone("+86 10 5555 0100").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Client.Order.Create().SetCustomerID(c.ID).SetSource("import").SetExternalID("imp-" + name).
		SetAmount(12_300).SetCurrency("CNY").Save(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

func wantCode(t *testing.T, r kithtest.Response, code, field string) {
	t.Helper()
	if r.Code() != code {
		t.Fatalf("got %+v, want %s", r.Errors, code)
	}
	if field != "" {
		if f, _ := r.Errors[0].Extensions["field"].(string); f != field {
			t.Fatalf("error field = %q, want %q (%+v)", f, field, r.Errors)
		}
	}
}

// TestVerifyEmailLinksTheImportedCustomer: a member signing up with the
// address of an imported customer sees only their own new record until they
// follow the mailed link; then they are that customer.
func TestVerifyEmailLinksTheImportedCustomer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := startMailEnv(t, db)
		ctx := auth.System(context.Background())
		tests := []struct {
			name, email, imported, locale, wantLang string
			// activity, when set, gives the sign-up record a ticket first.
			activity string
			wantLink bool
		}{
			{name: "LinksCaseInsensitively", email: "ada.lovelace@example.com", imported: "Ada.Lovelace@Example.COM", locale: "zh-Hans", wantLang: "zh-Hans", wantLink: true},
			{name: "EnglishByDefault", email: "alan@example.com", imported: "alan@example.com", wantLang: "en", wantLink: true},
			{name: "KeepsBothWhenSignUpRecordHasActivity", email: "grace@example.com", imported: "GRACE@example.com", wantLang: "en", activity: "ticket"},
			{name: "KeepsBothWhenSignUpRecordHasPoints", email: "hedy@example.com", imported: "hedy@example.com", wantLang: "en", activity: "points"},
			{name: "NoExistingFile", email: "linus@example.com", wantLang: "en"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := e.on(t)
				var imported *ent.Customer
				if tt.imported != "" {
					imported = importCustomer(t, db, tt.imported, "Imported "+tt.name)
				}
				tok := e.signUp(t, tt.email, "New "+tt.name, tt.locale)
				vtok, m := e.tokenOf(t, tt.email, auth.VerifyEmailPath)
				if m.Language != tt.wantLang {
					t.Errorf("mail language = %q, want %q", m.Language, tt.wantLang)
				}
				switch tt.activity {
				case "ticket":
					e.MustDo(tok, `mutation { createMyTicket(input: {title: "late delivery"}) { id } }`, nil)
				case "points":
					// Community points credited before the member verified.
					id, err := strconv.Atoi(e.meAndCustomers(t, tok).Me.Customer.ID)
					if err != nil {
						t.Fatal(err)
					}
					db.Client.PointsEntry.Create().SetCustomerID(id).SetKind(pointsentry.KindEARN_ACTIVITY).
						SetActivity(pointsentry.ActivityPOST).SetPoints(5).SetBalanceAfter(5).SetCauseKey("test:points:" + tt.email).
						ExecX(ctx)
					db.Client.PointsBalance.Create().SetCustomerID(id).SetBalance(5).ExecX(ctx)
				}

				// Before verifying: only their own new record, never the imported file.
				before := e.meAndCustomers(t, tok)
				own := before.Me.Customer.ID
				if before.Me.EmailVerifiedAt != nil || own == "" {
					t.Fatalf("before verifying: %+v", before)
				}
				if ids := before.customerIDs(); len(ids) != 1 || ids[0] != own {
					t.Fatalf("before verifying, customers = %v, want only %s", ids, own)
				}
				if imported != nil {
					if own == gid(imported.ID) || before.Me.Customer.Phone != "" {
						t.Fatalf("before verifying, the member sees the imported file: %+v", before.Me.Customer)
					}
					r := e.Do(tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": gid(imported.ID)})
					if r.Code() != "NOT_FOUND" || string(r.Data) != `{"node":null}` {
						t.Fatalf("before verifying, node(imported) = %s %+v, want null and NOT_FOUND", r.Data, r.Errors)
					}
				}

				// The link works without a session (opened in another browser), and twice.
				for i := 0; i < 2; i++ {
					var d struct {
						VerifyEmail struct{ EmailVerifiedAt *string }
					}
					e.MustDo("", verifyQ, map[string]any{"t": vtok}).Decode(t, &d)
					if d.VerifyEmail.EmailVerifiedAt == nil {
						t.Fatalf("verifyEmail #%d: emailVerifiedAt is null", i+1)
					}
				}

				after := e.meAndCustomers(t, tok)
				want := own
				if tt.wantLink {
					want = gid(imported.ID)
				}
				if after.Me.EmailVerifiedAt == nil || after.Me.Customer.ID != want {
					t.Fatalf("after verifying: me = %+v, want customer %s", after.Me, want)
				}
				if ids := after.customerIDs(); len(ids) != 1 || ids[0] != want {
					t.Fatalf("after verifying, customers = %v, want only %s", ids, want)
				}
				if tt.wantLink {
					if after.Me.Customer.Phone == "" {
						t.Errorf("linked file lost its data: %+v", after.Me.Customer)
					}
					var o struct {
						Orders struct{ TotalCount int }
					}
					e.MustDo(tok, `{ orders { totalCount } }`, nil).Decode(t, &o)
					if o.Orders.TotalCount != 1 {
						t.Errorf("member sees %d orders of their file, want 1", o.Orders.TotalCount)
					}
					if n, _ := db.Client.Customer.Query().Where(customer.EmailEqualFold(tt.email)).Count(ctx); n != 1 {
						t.Errorf("%d customer files with the address remain, want 1 (the sign-up placeholder is removed)", n)
					}
				}
				if imported != nil && !tt.wantLink {
					c := db.Client.Customer.GetX(ctx, imported.ID)
					if c.UserID != nil {
						t.Errorf("imported file linked to user %d although the sign-up record has activity", *c.UserID)
					}
				}
				ev, err := db.Client.AuditEvent.Query().Where(auditevent.Action("user.email_verified")).
					Order(ent.Desc(auditevent.FieldID)).First(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if linked, _ := ev.Detail["linked"].(bool); linked != tt.wantLink || ev.ActorID == nil {
					t.Errorf("audit detail = %v (actor %v), want linked %v with an actor", ev.Detail, ev.ActorID, tt.wantLink)
				}
			})
		}
	})
}

// TestRequestEmailVerification: re-sending is for the signed-in, once a
// minute, and pointless once verified.
func TestRequestEmailVerification(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := startMailEnv(t, db)
		const email = "resend@example.com"
		tok := e.signUp(t, email, "Resend", "")
		first, _ := e.tokenOf(t, email, auth.VerifyEmailPath)

		steps := []struct {
			name    string
			advance time.Duration
			code    string
			want    string // data when no error
			mail    bool
		}{
			{name: "Sends", want: `{"requestEmailVerification":true}`, mail: true},
			{name: "RateLimitedWithinAMinute", advance: 30 * time.Second, code: "RATE_LIMITED"},
			{name: "SendsAgainAfterAMinute", advance: 31 * time.Second, want: `{"requestEmailVerification":true}`, mail: true},
		}
		var last string
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				e := e.on(t)
				e.clk.Advance(st.advance)
				r := e.Do(tok, requestVerifQ, nil)
				if st.code != "" {
					wantCode(t, r, st.code, "")
					e.smtp.None(t, email, 200*time.Millisecond)
					return
				}
				if len(r.Errors) > 0 || string(r.Data) != st.want {
					t.Fatalf("got %s %+v, want %s", r.Data, r.Errors, st.want)
				}
				last, _ = e.tokenOf(t, email, auth.VerifyEmailPath)
			})
		}
		// Any unexpired link works, the first one too.
		if last == "" || last == first {
			t.Fatalf("re-sent link = %q, want a new one", last)
		}
		e.MustDo("", verifyQ, map[string]any{"t": first})
		e.clk.Advance(time.Minute)
		r := e.MustDo(tok, requestVerifQ, nil)
		if string(r.Data) != `{"requestEmailVerification":false}` {
			t.Errorf("after verifying: %s, want false", r.Data)
		}
		wantCode(t, e.Do("", requestVerifQ, nil), "UNAUTHENTICATED", "")
	})
}

// tamper changes one character of the token's signed part.
func tamper(tok string) string {
	b := []byte(tok)
	if b[2] == 'A' {
		b[2] = 'B'
	} else {
		b[2] = 'A'
	}
	return string(b)
}

// TestPasswordReset: the mailed link resets the password once, ends every
// other session (and its sockets), and no forged, expired, reused or
// wrong-purpose token works.
func TestPasswordReset(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := startMailEnv(t, db)
		const email = "rosa@example.com"
		const newPassword = "a brand new passphrase"
		signUpTok := e.signUp(t, email, "Rosa", "")
		verifyTok, _ := e.tokenOf(t, email, auth.VerifyEmailPath)
		var li struct{ LogIn struct{ Token string } }
		e.MustDo("", logInQ, map[string]any{"e": email, "p": password}).Decode(t, &li)
		oldTokens := []string{signUpTok, li.LogIn.Token}
		sock := subscribe(t, e.Env, li.LogIn.Token, `subscription { notifications { id } }`, nil)

		// No enumeration: unknown and known addresses get the same answer;
		// only the known one gets mail, and only once a minute.
		for _, addr := range []string{"nobody@example.com", email, email} {
			r := e.MustDo("", requestResetQ, map[string]any{"e": addr})
			if string(r.Data) != `{"requestPasswordReset":true}` {
				t.Fatalf("requestPasswordReset(%s) = %s", addr, r.Data)
			}
		}
		wantCode(t, e.Do("", requestResetQ, map[string]any{"e": "not an address"}), "BAD_USER_INPUT", "email")
		expiring, m := e.tokenOf(t, email, auth.ResetPasswordPath)
		if !strings.Contains(m.Text, "Rosa") {
			t.Errorf("reset mail does not address the member by name:\n%s", m.Text)
		}
		e.smtp.None(t, email, 300*time.Millisecond)
		e.smtp.None(t, "nobody@example.com", 0)

		// The first link expires; a new request (the minute has passed) mails a fresh one.
		e.clk.Advance(auth.ResetTokenTTL + time.Second)
		e.MustDo("", requestResetQ, map[string]any{"e": email})
		good, _ := e.tokenOf(t, email, auth.ResetPasswordPath)
		if good == expiring {
			t.Fatal("the second reset mail carries the same token")
		}

		bad := []struct {
			name, token, password, field string
		}{
			{"Expired", expiring, newPassword, "token"},
			{"Tampered", tamper(good), newPassword, "token"},
			{"WrongPurpose", verifyTok, newPassword, "token"},
			{"Garbage", "not-a-token", newPassword, "token"},
			{"Empty", "", newPassword, "token"},
			{"WeakPassword", good, "short", "newPassword"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				e := e.on(t)
				wantCode(t, e.Do("", resetQ, map[string]any{"t": tt.token, "p": tt.password}), "BAD_USER_INPUT", tt.field)
			})
		}
		// A reset token is not a verification token either.
		wantCode(t, e.Do("", verifyQ, map[string]any{"t": good}), "BAD_USER_INPUT", "token")
		// One credential operation per request.
		r := e.Do("", `mutation($t: String!) { a: resetPassword(token: $t, newPassword: "x") { token } b: resetPassword(token: $t, newPassword: "x") { token } }`,
			map[string]any{"t": "bad"})
		if len(r.Errors) != 2 || r.Errors[1].Extensions["code"] != "RATE_LIMITED" {
			t.Fatalf("two resets in one request: %+v, want the second RATE_LIMITED", r.Errors)
		}

		var d struct{ ResetPassword struct{ Token string } }
		e.MustDo("", resetQ, map[string]any{"t": good, "p": newPassword}).Decode(t, &d)
		newTok := d.ResetPassword.Token
		if newTok == "" {
			t.Fatal("resetPassword returned no session")
		}

		t.Run("UsedTokenFails", func(t *testing.T) {
			e := e.on(t)
			wantCode(t, e.Do("", resetQ, map[string]any{"t": good, "p": "yet another passphrase"}), "BAD_USER_INPUT", "token")
		})
		t.Run("OldSessionsEnded", func(t *testing.T) {
			e := e.on(t)
			for _, tok := range oldTokens {
				if r := e.Do(tok, `{ me { id } }`, nil); r.Status != 401 || r.Code() != "UNAUTHENTICATED" {
					t.Errorf("old session: status %d %+v, want 401 UNAUTHENTICATED", r.Status, r.Errors)
				}
			}
			deadline := time.After(kithtest.Timeout)
			for closed := false; !closed; {
				select {
				case _, ok := <-sock.msgs:
					closed = !ok
				case <-deadline:
					t.Fatal("the old session's socket is still open")
				}
			}
		})
		t.Run("NewSessionWorks", func(t *testing.T) {
			e := e.on(t)
			r := e.MustDo(newTok, `{ me { email } }`, nil)
			if !strings.Contains(string(r.Data), email) {
				t.Errorf("me = %s", r.Data)
			}
		})
		t.Run("OldPasswordFails", func(t *testing.T) {
			e := e.on(t)
			wantCode(t, e.Do("", logInQ, map[string]any{"e": email, "p": password}), "UNAUTHENTICATED", "")
		})
		t.Run("NewPasswordWorks", func(t *testing.T) {
			e := e.on(t)
			e.MustDo("", logInQ, map[string]any{"e": email, "p": newPassword})
		})
		ctx := auth.System(context.Background())
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("user.password_reset")).CountX(ctx); n != 1 {
			t.Errorf("%d password_reset audit events, want 1", n)
		}
	})
}

// TestSignUpSurvivesMailFailure: a mail server that is down does not undo
// the sign-up.
func TestSignUpSurvivesMailFailure(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		// Port 1 on loopback: connection refused.
		sender, err := mail.NewSMTPSender("smtp://127.0.0.1:1", "Kith <no-reply@kith.example>")
		if err != nil {
			t.Fatal(err)
		}
		env := kithtest.Start(t, db, kithtest.Options{Mailer: sender})
		r := env.MustDo("", signUpQ, map[string]any{"i": map[string]any{"email": "offline@example.com", "password": password, "name": "Offline"}})
		env.Resolver.Auth.WaitMail()
		if !strings.Contains(string(r.Data), "token") {
			t.Fatalf("signUp = %s", r.Data)
		}
		env.MustDo("", logInQ, map[string]any{"e": "offline@example.com", "p": password})
	})
}
