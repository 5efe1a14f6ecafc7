package community

import (
	"context"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
)

// maxMarkRead bounds the ids one markNotificationsRead names.
const maxMarkRead = 100

// MyNotifications returns the query of the viewer's notifications (all, or
// only unread ones); the caller pages it. Signed out: UNAUTHENTICATED.
func (s *Service) MyNotifications(ctx context.Context, unreadOnly bool) (*ent.NotificationQuery, error) {
	if _, err := writer(ctx, "read notifications"); err != nil {
		return nil, err
	}
	// The Notification policy already limits reads to the recipient.
	q := s.Client.Notification.Query()
	if unreadOnly {
		q.Where(notification.ReadAtIsNil())
	}
	return q, nil
}

// MarkNotificationsRead marks the viewer's unread notifications with the
// given ids as read, or all of them when ids is nil, and returns how many
// changed. Ids of other members' notifications change nothing.
func (s *Service) MarkNotificationsRead(ctx context.Context, ids []int) (int, error) {
	v, err := writer(ctx, "read notifications")
	if err != nil {
		return 0, err
	}
	if len(ids) > maxMarkRead {
		return 0, errs.Field("ids", "at most %d ids", maxMarkRead)
	}
	u := s.Client.Notification.Update().Where(notification.RecipientID(v.MemberID), notification.ReadAtIsNil())
	if ids != nil {
		u.Where(notification.IDIn(ids...))
	}
	return u.SetReadAt(s.now()).Save(ctx)
}

// SubscribeNotifications streams the viewer's new notifications as they
// are stored. Each member has their own topic, so each event concerns
// exactly one member and is loaded once, through the normal read path. The
// channel closes when ctx ends, when the subscriber falls behind (after
// calling ctx's pubsub.SlowConsumer), or when events may have been lost (the
// client then refetches myNotifications).
func (s *Service) SubscribeNotifications(ctx context.Context) (<-chan *ent.Notification, error) {
	v, err := writer(ctx, "receive notifications")
	if err != nil {
		return nil, err
	}
	sub := s.Bus.Subscribe(MemberTopic(v.MemberID), subscriberBuffer)
	// The goroutine below may be blocked handing a notification on when the
	// bus drops the subscription; the transport hears of it at once.
	sub.NotifySlow(pubsub.SlowConsumer(ctx))
	out := make(chan *ent.Notification, 1)
	go func() {
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-sub.C():
				if !ok || ev.Type == pubsub.TypeResync {
					return
				}
				if ev.Type != EventNotification {
					continue
				}
				n, err := s.Client.Notification.Query().Where(notification.ID(ev.ID)).WithActor().Only(ctx)
				if ent.IsNotFound(err) {
					continue
				}
				if err != nil {
					return
				}
				select {
				case out <- n:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}
