package graphtest

import (
	"context"

	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/pubsub"
)

// The key-account rows of the access matrix run after the others, in their
// own order: queries, then mutations, then the subscription.
func init() { matrix = append(matrix, accountsMatrix...) }

var CF = outcome{kind: kDeny, code: "CONFLICT"}

const defaultAccountSettings = `{sla: [{priority: URGENT, firstResponseMinutes: 60, resolutionMinutes: 480}],
	risk: {contributionDays: 90, contributionDropPercent: 30, contributionLevel: WATCH, openTicketsMax: 3, openTicketsLevel: WATCH,
	urgentOpenLevel: DOUBTFUL, noContactDays: 180, noContactLevel: WATCH}, pool: [{tier: ORDINARY, days: 30}]}`

var accountsMatrix = []op{
	{field: "Query.customerPool", query: listQ("customerPool", ""),
		want: expect{U, F, F, incl(ids(cPool)), incl(ids(cPool)), incl(ids(cPool))}},
	{field: "Query.myAccounts", query: listQ("myAccounts", ""),
		want: expect{U, F, F, E, only(ids(cOwn)), E}},
	{field: "Query.recentAccountAlerts", query: listQ("recentAccountAlerts", ""),
		want: expect{U, F, F, E, E, E}},
	{field: "Query.accountSettings", query: `{ accountSettings { sla { priority } risk { noContactDays } pool { tier days } } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.accountTeamMeasures", query: `{ accountTeamMeasures(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", by: MANAGER) { revenue satisfaction } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.accountTeamCandidates", query: `{ accountTeamCandidates { id } }`,
		want: expect{U, F, F, F, OK, OK}},
	{field: "Query.savedViews", query: listQ("savedViews", ""),
		want: expect{U, F, F, E, E, E}},

	{field: "Mutation.updateAccountSettings", query: `mutation { updateAccountSettings(input: ` + defaultAccountSettings + `) { risk { noContactDays } } }`,
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.setAccountTeamMember", name: "manager's own account", query: setTeamQ, target: cOwn, vars: teamVars(marketer),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.setAccountTeamMember", name: "account another manager leads", query: setTeamQ, target: cForeign, vars: teamVars(marketer),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.removeAccountTeamMember", name: "account another manager leads", query: `mutation($c: ID!, $u: ID!) { removeAccountTeamMember(customerId: $c, userId: $u) }`,
		target: cForeign, vars: teamVars(member),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.lowerRiskLevel", name: "already NORMAL", query: `mutation($c: ID!) { lowerRiskLevel(customerId: $c, level: NORMAL, reason: "paid") { id } }`,
		target: cOwn, vars: idVar("c"),
		want: expect{H, H, H, F, BUI, BUI}},
	{field: "Mutation.setBlacklisted", name: "unchanged", query: `mutation($c: ID!) { setBlacklisted(customerId: $c, blacklisted: false, reason: "fine") { id } }`,
		target: cOwn, vars: idVar("c"),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.claimCustomer", name: "already owned", query: `mutation($id: ID!) { claimCustomer(id: $id) { id } }`,
		target: cForeign, vars: idVar("id"),
		want: expect{U, H, H, F, CF, CF}},
	{field: "Mutation.releaseCustomer", name: "pool account (no-op)", query: `mutation($id: ID!) { releaseCustomer(id: $id) { id } }`,
		target: cPool, vars: idVar("id"),
		want: expect{U, H, H, F, OK, OK}},
	{field: "Mutation.createSavedView", query: `mutation { createSavedView(input: {name: "Mine", where: {region: "華東"}}) { id } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Mutation.updateSavedView", name: "manager's shared view", query: `mutation($id: ID!) { updateSavedView(id: $id, input: {name: "Renamed"}) { id } }`,
		target: managersView, vars: idVar("id"),
		want: expect{U, F, F, F, OK, F}},
	{field: "Mutation.deleteSavedView", name: "manager's shared view", query: `mutation($id: ID!) { deleteSavedView(id: $id) }`,
		target: managersView, vars: idVar("id"),
		want: expect{U, F, F, F, OK, F}},

	// Who receives which alert is TestAccountAlertsReachOnlyTheTeam; here
	// the marketer serves on the manager's account (set above).
	{field: "Subscription.accountAlerts", name: "alert on the manager's account", query: `subscription { accountAlerts { id kind reason customer { id } } }`,
		trigger: func(w *world) { w.alert(w.custOwn) },
		want:    expect{U, F, F, OK, OK, OK}},
}

const setTeamQ = `mutation($c: ID!, $u: ID!) { setAccountTeamMember(customerId: $c, userId: $u, role: SPECIALIST) { id } }`

func teamVars(who role) func(w *world, r role, id int) map[string]any {
	return func(w *world, _ role, id int) map[string]any {
		return map[string]any{"c": gid(id), "u": gid(w.users[who].ID)}
	}
}

// managersView creates a shared saved view of the manager's.
func managersView(w *world) int {
	ctx := auth.System(context.Background())
	return w.env.DB.Client.SavedView.Create().SetOwnerID(w.users[manager].ID).SetName("Shared").SetShared(true).SaveX(ctx).ID
}

// alert records an alert on customer and publishes it, as the account jobs do.
func (w *world) alert(customer int) {
	ctx := auth.System(context.Background())
	tx, err := w.env.DB.Client.Tx(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	a := tx.AccountAlert.Create().SetCustomerID(customer).SetKind(accountalert.KindSLA_BREACH).SetReason("test").SaveX(ctx)
	deliver, err := w.env.Bus.Stage(ctx, tx, pubsub.Event{Topic: accounts.AlertsTopic, Type: "alert", ID: a.ID})
	if err != nil {
		w.t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		w.t.Fatal(err)
	}
	deliver()
}
