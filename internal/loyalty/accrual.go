package loyalty

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/internal/settings"
)

// The accrual finds its work by anti-join: every sale, cancellation and
// interaction without a ledger entry is still to do. Nothing remembers a
// position, so a job that died half-way, a replayed import or two jobs at
// once (River delivers at least once) never skip or double anything; the
// unique cause_key settles a race, and the loser's transaction is rolled
// back. Each credit is its own short transaction.

const accrualBatch = 500

// Accrued counts the entries one run wrote.
type Accrued struct {
	Orders, Reversals, Activities int
}

// Accrue credits every sale and interaction not yet in the ledger and
// reverses the points of cancelled sales, as the system.
func (s *Service) Accrue(ctx context.Context) (Accrued, error) {
	ctx = system(ctx)
	var out Accrued
	rules, err := s.Settings.GetLoyalty(ctx)
	if err != nil {
		return out, err
	}
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return out, err
	}
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	if out.Orders, err = s.accrueOrders(ctx, rules); err != nil {
		return out, err
	}
	if out.Reversals, err = s.accrueReversals(ctx); err != nil {
		return out, err
	}
	out.Activities, err = s.accrueActivities(ctx, rules, loc)
	return out, err
}

// notInLedger is "no ledger entry has column col = this row's id".
func notInLedger(col string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		e := sql.Table(pointsentry.Table)
		s.Where(sql.NotExists(sql.Dialect(s.Dialect()).Select(e.C(pointsentry.FieldID)).From(e).
			Where(sql.ColumnsEQ(e.C(col), s.C("id")))))
	}
}

// earnedInLedger is "this sale earned order points".
func earnedInLedger(s *sql.Selector) {
	e := sql.Table(pointsentry.Table)
	s.Where(sql.Exists(sql.Dialect(s.Dialect()).Select(e.C(pointsentry.FieldID)).From(e).
		Where(sql.And(sql.ColumnsEQ(e.C(pointsentry.FieldOrderID), s.C(order.FieldID)),
			sql.EQ(e.C(pointsentry.FieldKind), pointsentry.KindEARN_ORDER)))))
}

// accrueOrders credits sales. A sale already cancelled when it is first
// seen earns nothing (there would be nothing but a reversal to show).
func (s *Service) accrueOrders(ctx context.Context, rules settings.Loyalty) (int, error) {
	if rules.OrderPoints == 0 {
		return 0, nil
	}
	n, last := 0, 0
	for {
		sales, err := s.Client.Order.Query().
			Where(order.IDGT(last), order.KindEQ(order.KindSALE), order.ReportingAmountGTE(rules.OrderUnit),
				order.Not(order.HasCancellation()), predicate.Order(notInLedger(pointsentry.FieldOrderID))).
			Order(ent.Asc(order.FieldID)).Limit(accrualBatch).All(ctx)
		if err != nil {
			return n, err
		}
		for _, o := range sales {
			last = o.ID
			points := o.ReportingAmount / rules.OrderUnit * rules.OrderPoints
			ok, err := s.post(ctx, o.CustomerID, func(tx *ent.Tx, bal int64) (*ent.PointsEntryCreate, int64, error) {
				return tx.PointsEntry.Create().SetKind(pointsentry.KindEARN_ORDER).
					SetCauseKey("order:" + strconv.Itoa(o.ID)).SetOrderID(o.ID), points, nil
			})
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
		if len(sales) < accrualBatch {
			return n, nil
		}
	}
}

// accrueReversals takes back what cancelled sales earned. The balance may
// hold less than that (the points were redeemed meanwhile): the reversal
// takes what is there, the balance stops at 0, and the entry records the
// rest as its shortfall, for staff to settle. Refusing the cancellation
// instead would let the points programme decide whether an order may be
// cancelled; a negative balance would break the programme's one promise.
func (s *Service) accrueReversals(ctx context.Context) (int, error) {
	n, last := 0, 0
	for {
		cancels, err := s.Client.Order.Query().
			Where(order.IDGT(last), order.KindEQ(order.KindCANCELLATION),
				predicate.Order(notInLedger(pointsentry.FieldOrderID)), order.HasCancelsWith(predicate.Order(earnedInLedger))).
			Order(ent.Asc(order.FieldID)).Limit(accrualBatch).All(ctx)
		if err != nil {
			return n, err
		}
		for _, c := range cancels {
			last = c.ID
			if c.CancelsID == nil {
				continue
			}
			earned, err := s.Client.PointsEntry.Query().
				Where(pointsentry.OrderID(*c.CancelsID), pointsentry.KindEQ(pointsentry.KindEARN_ORDER)).Only(ctx)
			if err != nil {
				return n, fmt.Errorf("loyalty: points of sale %d: %w", *c.CancelsID, err)
			}
			// The sale's entry names the customer: after a merge it is the kept one.
			ok, err := s.post(ctx, earned.CustomerID, func(tx *ent.Tx, bal int64) (*ent.PointsEntryCreate, int64, error) {
				take := min(earned.Points, bal)
				return tx.PointsEntry.Create().SetKind(pointsentry.KindREVERSAL).
					SetCauseKey("reversal:" + strconv.Itoa(c.ID)).SetOrderID(c.ID).
					SetShortfall(earned.Points - take).SetReason(c.Note), -take, nil
			})
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
		if len(cancels) < accrualBatch {
			return n, nil
		}
	}
}

// activityOf is the rule an interaction earns under and whether the actor
// (true) or the target (false) earns it.
func activityOf(k interaction.Kind) (pointsentry.Activity, bool) {
	switch k {
	case interaction.KindPOST:
		return pointsentry.ActivityPOST, true
	case interaction.KindCOMMENT:
		return pointsentry.ActivityCOMMENT, true
	case interaction.KindREACTION:
		return pointsentry.ActivityREACTION_RECEIVED, false
	case interaction.KindFOLLOW:
		return pointsentry.ActivityFOLLOW_RECEIVED, false
	case interaction.KindMENTION:
		return pointsentry.ActivityMENTION_RECEIVED, false
	default: // REFERRAL: the member who referred
		return pointsentry.ActivityREFERRAL, true
	}
}

// accrueActivities credits community interactions to the member's customer
// record. Interactions with oneself, of members without a customer record
// (staff) and of kinds whose rule is off are never credited. One over its
// daily cap is written with the points the cap still allowed (often 0) and
// the reason, so the member can see why it earned less.
func (s *Service) accrueActivities(ctx context.Context, rules settings.Loyalty, loc *time.Location) (int, error) {
	var kinds []interaction.Kind
	for _, k := range []interaction.Kind{interaction.KindPOST, interaction.KindCOMMENT, interaction.KindREACTION,
		interaction.KindFOLLOW, interaction.KindMENTION, interaction.KindREFERRAL} {
		if a, _ := activityOf(k); rules.Rule(a).Points > 0 {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return 0, nil
	}
	n, last := 0, 0
	for {
		items, err := s.Client.Interaction.Query().
			Where(interaction.IDGT(last), interaction.KindIn(kinds...),
				interaction.Or(interaction.TargetIDIsNil(), predicate.Interaction(func(s *sql.Selector) {
					s.Where(sql.ColumnsNEQ(s.C(interaction.FieldTargetID), s.C(interaction.FieldActorID)))
				})),
				predicate.Interaction(notInLedger(pointsentry.FieldInteractionID))).
			Order(ent.Asc(interaction.FieldID)).Limit(accrualBatch).All(ctx)
		if err != nil {
			return n, err
		}
		earner := func(i *ent.Interaction) int {
			if _, actor := activityOf(i.Kind); actor {
				return i.ActorID
			}
			if i.TargetID == nil {
				return 0
			}
			return *i.TargetID
		}
		customers, err := s.customersOfMembers(ctx, items, earner)
		if err != nil {
			return n, err
		}
		for _, i := range items {
			last = i.ID
			cust, ok := customers[earner(i)]
			if !ok {
				continue
			}
			activity, _ := activityOf(i.Kind)
			rule := rules.Rule(activity)
			day := i.CreatedAt.In(loc).Format(time.DateOnly)
			ok, err := s.post(ctx, cust, func(tx *ent.Tx, _ int64) (*ent.PointsEntryCreate, int64, error) {
				points, reason := rule.Points, ""
				if rule.DailyCap > 0 {
					// The balance row is locked: no other credit of this
					// customer can count the same day meanwhile.
					var sum []struct {
						Sum int64 `json:"sum"`
					}
					err := tx.PointsEntry.Query().
						Where(pointsentry.CustomerID(cust), pointsentry.ActivityEQ(activity), pointsentry.Day(day)).
						Aggregate(ent.Sum(pointsentry.FieldPoints)).Scan(system(ctx), &sum)
					if err != nil {
						return nil, 0, err
					}
					var earned int64
					if len(sum) > 0 {
						earned = sum[0].Sum
					}
					if left := max(rule.DailyCap-earned, 0); points > left {
						points, reason = left, "daily cap reached"
					}
				}
				return tx.PointsEntry.Create().SetKind(pointsentry.KindEARN_ACTIVITY).
					SetCauseKey("interaction:" + strconv.Itoa(i.ID)).SetInteractionID(i.ID).
					SetActivity(activity).SetDay(day).SetReason(reason), points, nil
			})
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
		if len(items) < accrualBatch {
			return n, nil
		}
	}
}

// customersOfMembers maps the earning members of items to their customer
// records (member → user → customer), two queries for a batch.
func (s *Service) customersOfMembers(ctx context.Context, items []*ent.Interaction, earner func(*ent.Interaction) int) (map[int]int, error) {
	var ids []int
	for _, i := range items {
		if m := earner(i); m != 0 {
			ids = append(ids, m)
		}
	}
	out := map[int]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var members []struct {
		ID     int `json:"id"`
		UserID int `json:"user_id"`
	}
	if err := s.Client.Member.Query().Where(member.IDIn(ids...)).Select(member.FieldID, member.FieldUserID).Scan(ctx, &members); err != nil {
		return nil, err
	}
	users := make([]int, 0, len(members))
	for _, m := range members {
		users = append(users, m.UserID)
	}
	var custs []struct {
		ID     int  `json:"id"`
		UserID *int `json:"user_id"`
	}
	if err := s.Client.Customer.Query().Where(customer.UserIDIn(users...)).Select(customer.FieldID, customer.FieldUserID).Scan(ctx, &custs); err != nil {
		return nil, err
	}
	byUser := map[int]int{}
	for _, c := range custs {
		if c.UserID != nil {
			byUser[*c.UserID] = c.ID
		}
	}
	for _, m := range members {
		if c, ok := byUser[m.UserID]; ok {
			out[m.ID] = c
		}
	}
	return out, nil
}

// post writes one system entry and its balance change in a transaction of
// its own. build gets the locked balance and returns the entry (without
// customer, points and balance) and the change; a debit never takes more
// than the balance. false when the cause was already in the ledger.
func (s *Service) post(ctx context.Context, customerID int, build func(tx *ent.Tx, balance int64) (*ent.PointsEntryCreate, int64, error)) (bool, error) {
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck
	bal, err := s.lock(ctx, tx, customerID)
	if err != nil {
		return false, err
	}
	c, delta, err := build(tx, bal)
	if err != nil {
		return false, err
	}
	if delta != 0 {
		if bal, err = s.change(ctx, tx, customerID, delta); err != nil {
			return false, err
		}
	}
	err = c.SetCustomerID(customerID).SetPoints(delta).SetBalanceAfter(bal).SetCreatedAt(s.now()).Exec(system(ctx))
	if ent.IsConstraintError(err) {
		// Another run credited this cause first; its entry stands.
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, tx.Commit()
}
