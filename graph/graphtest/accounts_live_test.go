package graphtest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const alertsSub = `subscription { accountAlerts { id kind riskLevel reason customer { id } } }`

type alertMsg struct {
	AccountAlerts struct {
		ID       string
		Kind     string
		Reason   string
		Customer struct{ ID string }
	}
}

// TestAccountAlertsReachOnlyTheTeam: two managers subscribed over real
// websockets each hear their own accounts' alerts and never the other's; an
// admin hears both.
func TestAccountAlertsReachOnlyTheTeam(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		sys := auth.System(context.Background())
		m1 := env.Staff("m1@example.com", viewer.RoleManager)
		m2 := env.Staff("m2@example.com", viewer.RoleManager)
		adm := env.Staff("adm@example.com", viewer.RoleAdmin)
		c1 := db.Client.Customer.Create().SetName("One").SetOwnerID(m1.ID).SetRiskLevel(customer.RiskLevelEXIT).SaveX(sys)
		c2 := db.Client.Customer.Create().SetName("Two").SetOwnerID(m2.ID).SetRiskLevel(customer.RiskLevelEXIT).SaveX(sys)

		s1 := subscribe(t, env, m1.Token, alertsSub, nil)
		s2 := subscribe(t, env, m2.Token, alertsSub, nil)
		sa := subscribe(t, env, adm.Token, alertsSub, nil)
		// The server does not acknowledge a subscription: send warm-up
		// alerts until each subscriber hears one of its own.
		warm := func(s *wsSub, c *ent.Customer) {
			deadline := time.Now().Add(kithtest.Timeout)
			for time.Now().Before(deadline) {
				publishAlert(t, env, c.ID, "warm-up")
				if m, ok := s.next(300 * time.Millisecond); ok {
					checkAlert(t, m, c.ID)
					return
				}
			}
			t.Fatal("subscription never became live")
		}
		warm(sa, c1) // first, while only its alerts are about
		warm(s1, c1)
		warm(s2, c2)

		lower := func(tok string, c *ent.Customer) {
			env.MustDo(tok, `mutation($c: ID!) { lowerRiskLevel(customerId: $c, level: WATCH, reason: "new contract") { id } }`,
				map[string]any{"c": gid(c.ID)})
		}
		lower(m1.Token, c1)
		lower(m2.Token, c2)
		// Each manager's next real alert is their own lowering; every alert
		// in between (late warm-ups) must be of their own account too.
		untilLowered(t, s1, c1.ID)
		untilLowered(t, s2, c2.ID)
		got := map[string]bool{}
		for len(got) < 2 {
			m, ok := sa.next(kithtest.Timeout)
			if !ok {
				t.Fatalf("admin heard %v", got)
			}
			a := decodeAlert(t, m)
			if a.AccountAlerts.Kind == string(accountalert.KindRISK_LOWERED) {
				got[a.AccountAlerts.Customer.ID] = true
			}
		}
	})
}

func decodeAlert(t *testing.T, m wsMsg) alertMsg {
	t.Helper()
	d, ok := m.data()
	if !ok {
		t.Fatalf("want an alert, got %s %s", m.Type, m.Payload)
	}
	var a alertMsg
	if err := json.Unmarshal(d, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func checkAlert(t *testing.T, m wsMsg, customer int) alertMsg {
	t.Helper()
	a := decodeAlert(t, m)
	if a.AccountAlerts.Customer.ID != gid(customer) {
		t.Fatalf("alert of account %s reached a subscriber who does not serve it (want only %s)", a.AccountAlerts.Customer.ID, gid(customer))
	}
	return a
}

func untilLowered(t *testing.T, s *wsSub, customer int) {
	t.Helper()
	for {
		m, ok := s.next(kithtest.Timeout)
		if !ok {
			t.Fatal("the lowering alert never arrived")
		}
		if a := checkAlert(t, m, customer); a.AccountAlerts.Kind == string(accountalert.KindRISK_LOWERED) {
			return
		}
	}
}

// publishAlert records an SLA alert on customer and publishes it as the jobs do.
func publishAlert(t *testing.T, env *kithtest.Env, customer int, reason string) {
	t.Helper()
	ctx := auth.System(context.Background())
	tx, err := env.DB.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := tx.AccountAlert.Create().SetCustomerID(customer).SetKind(accountalert.KindSLA_BREACH).SetReason(reason).SaveX(ctx)
	deliver, err := env.Bus.Stage(ctx, tx, pubsub.Event{Topic: accounts.AlertsTopic, Type: "alert", ID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	deliver()
}
