package accounts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/carerecord"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/payment"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Measures are one account team's (or one manager's) results in a period.
type Measures struct {
	Customer *ent.Customer // per team: the account
	User     *ent.User     // per manager
	// Orders ordered in the period at their reporting amounts (minor units
	// of the reporting currency).
	Revenue     int64
	CostToServe int64
	// Payments received in the period, reporting currency.
	Collected int64
	// Tickets resolved in the period, and those of them that kept their SLA.
	TicketsResolved          int
	TicketsResolvedWithinSLA int
	// Care-record follow-ups due in the period (and already due), and those
	// done by their date.
	FollowUpsDue    int
	FollowUpsOnTime int
}

// Contribution is revenue − cost to serve.
func (m *Measures) Contribution() int64 { return m.Revenue - m.CostToServe }

// Satisfaction is, until surveys exist, the share of tickets resolved within
// their SLA (0..1); null when none was resolved in the period.
func (m *Measures) Satisfaction() *float64 {
	if m.TicketsResolved == 0 {
		return nil
	}
	f := float64(m.TicketsResolvedWithinSLA) / float64(m.TicketsResolved)
	return &f
}

// ReceivablesCollected is what the accounts' customers paid against
// invoices in the period, in the reporting currency.
func (m *Measures) ReceivablesCollected() *int64 { return &m.Collected }

func (m *Measures) add(o *Measures) {
	m.Revenue += o.Revenue
	m.CostToServe += o.CostToServe
	m.Collected += o.Collected
	m.TicketsResolved += o.TicketsResolved
	m.TicketsResolvedWithinSLA += o.TicketsResolvedWithinSLA
	m.FollowUpsDue += o.FollowUpsDue
	m.FollowUpsOnTime += o.FollowUpsOnTime
}

// TeamMeasures computes the measures of [from, to) per account team
// (byManager false) or per manager (true: the accounts a user owns or serves
// on as MANAGER). Admins see every team and manager; other staff the teams
// they serve on and themselves. A fixed number of grouped statements.
func (s *Service) TeamMeasures(ctx context.Context, from, to time.Time, byManager bool) ([]*Measures, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "staff only")
	}
	if !from.Before(to) {
		return nil, errs.Field("to", "to must be after from")
	}
	served := customer.Or(customer.OwnerIDNotNil(), customer.HasTeam())
	if !v.IsAdmin() {
		served = customer.Or(customer.OwnerID(v.UserID), customer.HasTeamWith(accountteammember.UserID(v.UserID)))
	}
	q := s.Client.Customer.Query().Where(served).Order(ent.Asc(customer.FieldName))
	if !byManager {
		q.WithOwner() // the per-team rows show the account's owner
	}
	accounts, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(accounts))
	per := make(map[int]*Measures, len(accounts))
	for i, c := range accounts {
		ids[i] = c.ID
		per[c.ID] = &Measures{Customer: c}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// Money.
	var money []struct {
		CustomerID int   `sql:"customer_id"`
		Revenue    int64 `sql:"revenue"`
		Cost       int64 `sql:"cost"`
	}
	err = s.Client.Order.Query().Where(order.OrderedAtGTE(from), order.OrderedAtLT(to), order.CustomerIDIn(ids...)).
		Modify(func(sel *sql.Selector) {
			sel.Select(sel.C(order.FieldCustomerID))
			sel.AppendSelectExprAs(sql.Expr(fmt.Sprintf("COALESCE(SUM(%s), 0)", sel.C(order.FieldReportingAmount))), "revenue")
			sel.AppendSelectExprAs(sql.Expr(fmt.Sprintf("COALESCE(SUM(%s), 0)", sel.C(order.FieldReportingCost))), "cost")
			sel.GroupBy(sel.C(order.FieldCustomerID))
		}).Scan(ctx, &money)
	if err != nil {
		return nil, err
	}
	for _, r := range money {
		per[r.CustomerID].Revenue, per[r.CustomerID].CostToServe = r.Revenue, r.Cost
	}

	// Receivables collected: payments received in the period.
	var paid []struct {
		CustomerID int   `sql:"customer_id"`
		Collected  int64 `sql:"collected"`
	}
	err = s.Client.Payment.Query().Where(payment.PaidAtGTE(from), payment.PaidAtLT(to), payment.CustomerIDIn(ids...)).
		Modify(func(sel *sql.Selector) {
			sel.Select(sel.C(payment.FieldCustomerID))
			sel.AppendSelectExprAs(sql.Expr(fmt.Sprintf("COALESCE(SUM(%s), 0)", sel.C(payment.FieldReportingAmount))), "collected")
			sel.GroupBy(sel.C(payment.FieldCustomerID))
		}).Scan(ctx, &paid)
	if err != nil {
		return nil, err
	}
	for _, r := range paid {
		per[r.CustomerID].Collected = r.Collected
	}

	// Tickets resolved in the period.
	var tickets []struct {
		CustomerID int `sql:"customer_id"`
		Resolved   int `sql:"resolved"`
		Within     int `sql:"within"`
	}
	err = s.Client.Ticket.Query().Where(ticket.ResolvedAtGTE(from), ticket.ResolvedAtLT(to), ticket.CustomerIDIn(ids...)).
		Modify(func(sel *sql.Selector) {
			sel.Select(sel.C(ticket.FieldCustomerID))
			sel.AppendSelectExprAs(sql.Expr("COUNT(*)"), "resolved")
			sel.AppendSelectExprAs(sumIf(sel.C(ticket.FieldSLABreached)+" = ", false, "1"), "within")
			sel.GroupBy(sel.C(ticket.FieldCustomerID))
		}).Scan(ctx, &tickets)
	if err != nil {
		return nil, err
	}
	for _, r := range tickets {
		per[r.CustomerID].TicketsResolved, per[r.CustomerID].TicketsResolvedWithinSLA = r.Resolved, r.Within
	}

	// Follow-ups due in the period (and by now).
	due := to
	if now := s.now(); now.Before(due) {
		due = now
	}
	var follow []struct {
		CustomerID int `sql:"customer_id"`
		Due        int `sql:"due"`
		OnTime     int `sql:"on_time"`
	}
	err = s.Client.CareRecord.Query().Where(carerecord.FollowUpAtGTE(from), carerecord.FollowUpAtLT(due), carerecord.CustomerIDIn(ids...)).
		Modify(func(sel *sql.Selector) {
			sel.Select(sel.C(carerecord.FieldCustomerID))
			sel.AppendSelectExprAs(sql.Expr("COUNT(*)"), "due")
			sel.AppendSelectExprAs(sql.Expr(fmt.Sprintf("COALESCE(SUM(CASE WHEN %s IS NOT NULL AND %s <= %s THEN 1 ELSE 0 END), 0)",
				sel.C(carerecord.FieldFollowedUpAt), sel.C(carerecord.FieldFollowedUpAt), sel.C(carerecord.FieldFollowUpAt))), "on_time")
			sel.GroupBy(sel.C(carerecord.FieldCustomerID))
		}).Scan(ctx, &follow)
	if err != nil {
		return nil, err
	}
	for _, r := range follow {
		per[r.CustomerID].FollowUpsDue, per[r.CustomerID].FollowUpsOnTime = r.Due, r.OnTime
	}

	if !byManager {
		out := make([]*Measures, len(accounts))
		for i, c := range accounts {
			out[i] = per[c.ID]
		}
		return out, nil
	}
	// Per manager: owners and team MANAGERs of the accounts in scope.
	leads, err := s.Client.AccountTeamMember.Query().Where(accountteammember.CustomerIDIn(ids...),
		accountteammember.RoleEQ(accountteammember.RoleMANAGER)).All(ctx)
	if err != nil {
		return nil, err
	}
	byUser := map[int]map[int]bool{}
	link := func(uid, cid int) {
		if !v.IsAdmin() && uid != v.UserID {
			return
		}
		if byUser[uid] == nil {
			byUser[uid] = map[int]bool{}
		}
		byUser[uid][cid] = true
	}
	for _, c := range accounts {
		if c.OwnerID != nil {
			link(*c.OwnerID, c.ID)
		}
	}
	for _, l := range leads {
		link(l.UserID, l.CustomerID)
	}
	uids := make([]int, 0, len(byUser))
	for uid := range byUser {
		uids = append(uids, uid)
	}
	users, err := s.Client.User.Query().Where(user.IDIn(uids...)).Order(ent.Asc(user.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*Measures, 0, len(users))
	for _, u := range users {
		m := &Measures{User: u}
		for cid := range byUser[u.ID] {
			m.add(per[cid])
		}
		out = append(out, m)
	}
	return out, nil
}
