package accounts

import (
	"context"
	"errors"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// SubscribeAlerts follows new account alerts for the viewer in ctx: admins
// receive every alert, other staff those of the accounts they own or serve
// on the team of (the AccountAlert read policy decides, on each refetch, so
// an account handed to someone else stops reaching its former owner at once).
func (s *Service) SubscribeAlerts(ctx context.Context) (<-chan *ent.AccountAlert, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "staff only")
	}
	sub := s.Bus.Subscribe(AlertsTopic, 64)
	out := make(chan *ent.AccountAlert, 1)
	go func() {
		defer close(out)
		defer func() { sub.Close() }()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-sub.C():
				if !ok {
					if !errors.Is(sub.Err(), pubsub.ErrSlowConsumer) {
						return
					}
					sub = s.Bus.Subscribe(AlertsTopic, 64)
					continue
				}
				if ev.Type == pubsub.TypeResync {
					continue
				}
				a, err := s.Client.AccountAlert.Get(ctx, ev.ID)
				if err != nil {
					continue // not the viewer's account, or gone
				}
				select {
				case out <- a:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}
