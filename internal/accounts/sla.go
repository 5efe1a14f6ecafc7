package accounts

import (
	"context"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/hook"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/settings"
)

// SLAHook stamps a ticket's SLA due times from the settings of its priority
// when it is created or its priority changes, and marks it breached when a
// first response or resolution is stamped after its due time. It is a hook
// rather than code in one service so that every path that writes tickets
// (staff, members, imports, merges) keeps the SLA.
func (s *Service) SLAHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TicketFunc(func(ctx context.Context, m *ent.TicketMutation) (ent.Value, error) {
			if err := s.stampSLA(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func (s *Service) stampSLA(ctx context.Context, m *ent.TicketMutation) error {
	prio, prioSet := m.Priority()
	first, firstSet := m.FirstResponseAt()
	resolved, resolvedSet := m.ResolvedAt()
	if !prioSet && !firstSet && !resolvedSet {
		return nil
	}
	// Read the rules through the mutation's own client: inside a
	// transaction another connection could wait on this one.
	rules, err := (&settings.Store{Client: m.Client()}).GetAccounts(ctx)
	if err != nil {
		return err
	}
	var created time.Time
	var firstDue, resDue *time.Time
	if m.Op().Is(ent.OpCreate) {
		created = s.now()
		if !prioSet {
			prio = ticket.DefaultPriority
		}
		prioSet = true
	} else {
		old, err := m.Client().Ticket.Get(system(ctx), mustID(m))
		if err != nil {
			return err
		}
		created, firstDue, resDue = old.CreatedAt, old.SLAFirstResponseDueAt, old.SLAResolutionDueAt
		if prioSet && prio == old.Priority {
			prioSet = false
		}
	}
	if prioSet {
		t := rules.SLAFor(prio)
		// Set or clear, never both: a mutation applies clears after sets.
		firstDue, resDue = nil, nil
		if t.FirstResponseMinutes > 0 {
			d := created.Add(time.Duration(t.FirstResponseMinutes) * time.Minute)
			firstDue = &d
			m.SetSLAFirstResponseDueAt(d)
		} else if !m.Op().Is(ent.OpCreate) {
			m.ClearSLAFirstResponseDueAt()
		}
		if t.ResolutionMinutes > 0 {
			d := created.Add(time.Duration(t.ResolutionMinutes) * time.Minute)
			resDue = &d
			m.SetSLAResolutionDueAt(d)
		} else if !m.Op().Is(ent.OpCreate) {
			m.ClearSLAResolutionDueAt()
		}
	}
	if (firstSet && firstDue != nil && first.After(*firstDue)) || (resolvedSet && resDue != nil && resolved.After(*resDue)) {
		m.SetSLABreached(true)
	}
	return nil
}

func mustID(m *ent.TicketMutation) int {
	id, _ := m.ID()
	return id
}

// MarkSLABreaches marks every open ticket past a due time as breached and
// alerts its account's team, once per ticket. It returns how many it marked.
func (s *Service) MarkSLABreaches(ctx context.Context) (int, error) {
	ctx = system(ctx)
	now := s.now()
	late, err := s.Client.Ticket.Query().Where(
		ticket.SLABreached(false),
		ticket.StatusIn(ticket.StatusOPEN, ticket.StatusIN_PROGRESS),
		ticket.Or(
			ticket.And(ticket.FirstResponseAtIsNil(), ticket.SLAFirstResponseDueAtLT(now)),
			ticket.And(ticket.ResolvedAtIsNil(), ticket.SLAResolutionDueAtLT(now)),
		),
	).Limit(1000).All(ctx)
	if err != nil {
		return 0, err
	}
	marked := 0
	for start := 0; start < len(late); start += batchSize {
		batch := late[start:min(start+batchSize, len(late))]
		err := s.write(ctx, func(tx *ent.Tx) ([]int, error) {
			var alerts []int
			for _, t := range batch {
				_, err := tx.Ticket.UpdateOneID(t.ID).Where(ticket.SLABreached(false)).SetSLABreached(true).Save(ctx)
				if ent.IsNotFound(err) {
					continue
				}
				if err != nil {
					return nil, err
				}
				reason := "resolution overdue"
				if t.FirstResponseAt == nil && t.SLAFirstResponseDueAt != nil && t.SLAFirstResponseDueAt.Before(now) {
					reason = "first response overdue"
				}
				a, err := tx.AccountAlert.Create().SetCustomerID(t.CustomerID).SetKind(accountalert.KindSLA_BREACH).
					SetTicketID(t.ID).SetReason(truncate(reason+": "+t.Title, 500)).Save(ctx)
				if err != nil {
					return nil, err
				}
				alerts = append(alerts, a.ID)
			}
			marked += len(alerts)
			return alerts, nil
		})
		if err != nil {
			return marked, err
		}
	}
	return marked, nil
}
