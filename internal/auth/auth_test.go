package auth_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func newService(db *store.DB, clk clock.Clock) *auth.Service {
	return &auth.Service{Client: db.Client, Hasher: auth.NewHasher(auth.TestParams), Clock: clk}
}

func TestHasher_VerifiesOnlyTheRightPassword(t *testing.T) {
	h := auth.NewHasher(auth.TestParams)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "s3cret password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", enc)
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{{"s3cret password", true}, {"s3cret passwore", false}, {"", false}} {
		ok, err := h.Verify(ctx, enc, c.pw)
		if err != nil || ok != c.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", c.pw, ok, err, c.want)
		}
	}
	if _, err := h.Verify(ctx, "$bcrypt$nope", "x"); err == nil {
		t.Error("an unknown hash format verified without error")
	}
}

func TestSignUp_Validates(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(db, clock.System{})
		ctx := context.Background()
		if _, err := s.SignUp(ctx, "taken@example.com", "long enough pw", "Taken"); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name, email, password, who string
			code                       errs.Code
			field                      string
		}{
			{"BadEmail", "not-an-email", "long enough pw", "A", errs.Invalid, "email"},
			{"EmptyEmail", "", "long enough pw", "A", errs.Invalid, "email"},
			{"ShortPassword", "a@example.com", "short", "A", errs.Invalid, "password"},
			{"NoName", "a@example.com", "long enough pw", "  ", errs.Invalid, "name"},
			{"TakenEmail", "TAKEN@example.com", "long enough pw", "B", errs.Conflict, "email"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.SignUp(ctx, c.email, c.password, c.who)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("SignUp = %v; want %s on %q", err, c.code, c.field)
				}
			})
		}
		sys := auth.System(ctx)
		if n := db.Client.User.Query().CountX(sys); n != 1 {
			t.Fatalf("%d users after failed sign-ups; want 1", n)
		}
		if n := db.Client.Customer.Query().CountX(sys); n != 1 {
			t.Fatalf("%d customers after failed sign-ups; want 1", n)
		}
	})
}

func TestLogIn_SessionsExpireAndEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		clk := clock.NewFixed(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		s := newService(db, clk)
		ctx := context.Background()
		up, err := s.SignUp(ctx, "mei@example.com", "long enough pw", "李美")
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.Authenticate(ctx, up.Token)
		if err != nil || v.Role != viewer.RoleMember || v.MemberID == 0 || v.CustomerID == 0 {
			t.Fatalf("Authenticate = %+v, %v", v, err)
		}

		for _, c := range []struct{ name, email, pw string }{
			{"WrongPassword", "mei@example.com", "wrong password"},
			{"UnknownEmail", "nobody@example.com", "long enough pw"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.LogIn(ctx, c.email, c.pw)
				if e, ok := errs.As(err); !ok || e.Code != errs.Unauthenticated || e.Message != "wrong e-mail or password" {
					t.Fatalf("LogIn = %v; want the one UNAUTHENTICATED message", err)
				}
			})
		}
		in, err := s.LogIn(ctx, " MEI@example.com ", "long enough pw")
		if err != nil {
			t.Fatal(err)
		}
		clk.Advance(auth.SessionTTL + time.Minute)
		if _, err := s.Authenticate(ctx, in.Token); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("expired session authenticated: %v", err)
		}

		again, err := s.LogIn(ctx, "mei@example.com", "long enough pw")
		if err != nil {
			t.Fatal(err)
		}
		v, err = s.Authenticate(ctx, again.Token)
		if err != nil {
			t.Fatal(err)
		}
		var closed int
		s.OnLogout = func(id int) { closed = id }
		if err := s.LogOut(viewer.NewContext(ctx, v)); err != nil {
			t.Fatal(err)
		}
		if closed != v.SessionID {
			t.Fatalf("OnLogout got session %d; want %d", closed, v.SessionID)
		}
		if _, err := s.Authenticate(ctx, again.Token); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("logged-out token still works: %v", err)
		}
		if _, err := s.Authenticate(ctx, "garbage"); errs.CodeOf(err) != errs.Unauthenticated {
			t.Fatalf("garbage token: %v", err)
		}
	})
}

func TestCredentialBudget_OnePasswordOperationPerRequest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(db, clock.System{})
		ctx := context.Background()
		if _, err := s.SignUp(ctx, "kim@example.com", "long enough pw", "Kim"); err != nil {
			t.Fatal(err)
		}
		req := auth.WithCredentialBudget(ctx)
		if _, err := s.LogIn(req, "kim@example.com", "long enough pw"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := s.LogIn(req, "kim@example.com", "long enough pw"); errs.CodeOf(err) != errs.RateLimited {
				t.Fatalf("attempt %d in one request: %v; want RATE_LIMITED", i+2, err)
			}
		}
	})
}

func TestCreateUser_StaffGetProfileButNoCustomer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(db, clock.System{})
		ctx := auth.System(context.Background())
		u, err := s.CreateUser(ctx, "ops@example.com", "long enough pw", viewer.RoleManager, "Ops 運營")
		if err != nil {
			t.Fatal(err)
		}
		if m, err := u.QueryMember().Only(ctx); err != nil || m.DisplayName != "Ops 運營" {
			t.Fatalf("member = %+v, %v", m, err)
		}
		if n := u.QueryCustomer().CountX(ctx); n != 0 {
			t.Fatalf("staff user has %d customer records", n)
		}
		if _, err := s.CreateUser(ctx, "x@example.com", "long enough pw", "OWNER", ""); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("unknown role: %v", err)
		}
	})
}
