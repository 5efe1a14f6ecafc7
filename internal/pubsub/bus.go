package pubsub

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
)

// Channel is the PostgreSQL NOTIFY channel that carries events between
// replicas.
const Channel = "kith_events"

// notifyQuery queues one payload on Channel. NOTIFY is transactional: the
// server holds the notification until the transaction commits and discards
// it on rollback.
const notifyQuery = "SELECT pg_notify('" + Channel + "', $1)"

// How long the listener waits before reconnecting after losing its
// connection; the wait doubles after each failed attempt up to the maximum.
// The maximum also bounds how long Close can wait for a listener that is
// between attempts.
const (
	minReconnect = 250 * time.Millisecond
	maxReconnect = 5 * time.Second
)

// Execer is what a database transaction offers; ent's *ent.Tx and *sql.Tx satisfy it.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Bus connects the transactions that cause events with the subscribers that
// want them. It owns a Broker for local subscribers and a transport that
// carries staged events to it: in memory within one process, or PostgreSQL
// LISTEN/NOTIFY between replicas.
//
// All methods are safe for concurrent use.
type Bus struct {
	broker *Broker
	log    *slog.Logger

	// Set only for PostgreSQL.
	listener *pq.Listener
	done     chan struct{} // closed when the goroutine reading listener exits

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// NewMemoryBus returns a Bus whose events travel only within this process. It
// suits a single server, such as one using SQLite.
func NewMemoryBus() *Bus {
	return &Bus{broker: NewBroker(), log: discardLogger()}
}

// NewPostgresBus returns a Bus that sends events with NOTIFY on Channel and
// receives them, from this and every other process, through one dedicated
// LISTEN connection to dsn. It returns an error if the first connection
// attempt fails; a connect_timeout in dsn bounds how long that can take.
//
// Once running, a lost connection is re-established in the background. Events
// sent meanwhile are lost, so after reconnecting every subscriber receives a
// TypeResync event. A nil logger discards the log.
func NewPostgresBus(dsn string, logger *slog.Logger) (*Bus, error) {
	if logger == nil {
		logger = discardLogger()
	}
	b := &Bus{broker: NewBroker(), log: logger, done: make(chan struct{})}

	// The callback runs on the listener's goroutine and must not block. The
	// first outcome (connected or failed) decides whether construction
	// succeeds; everything after that is only logged.
	var (
		started   atomic.Bool
		firstOnce sync.Once
		first     = make(chan error, 1)
	)
	report := func(err error) { firstOnce.Do(func() { first <- err }) }
	callback := func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventConnected:
			report(nil)
		case pq.ListenerEventConnectionAttemptFailed:
			report(err)
			if started.Load() {
				logger.Warn("pubsub: reconnecting to PostgreSQL failed", "err", err)
			}
		case pq.ListenerEventDisconnected:
			logger.Warn("pubsub: lost PostgreSQL listener connection; events may be missed until it is back", "err", err)
		case pq.ListenerEventReconnected:
			logger.Info("pubsub: PostgreSQL listener reconnected; asking subscribers to resync")
		}
	}
	b.listener = pq.NewListener(dsn, minReconnect, maxReconnect, callback)

	// Listen blocks until a connection exists, which may be never; run it
	// aside so that a failed first attempt can be reported instead.
	listened := make(chan error, 1)
	go func() { listened <- b.listener.Listen(Channel) }()

	if err := <-first; err != nil {
		_ = b.listener.Close()
		<-listened // Close wakes Listen, so this goroutine does not linger
		return nil, fmt.Errorf("pubsub: connect listener: %w", err)
	}
	if err := <-listened; err != nil {
		_ = b.listener.Close()
		return nil, fmt.Errorf("pubsub: listen on %s: %w", Channel, err)
	}
	started.Store(true)

	go b.run()
	return b, nil
}

// run feeds notifications from the listener to the broker until the
// listener is closed.
func (b *Bus) run() {
	defer close(b.done)
	// Read until the listener closes Notify: stopping early could leave the
	// listener's goroutine blocked forever on a send.
	for n := range b.listener.NotificationChannel() {
		if n == nil {
			// pq sends nil after reconnecting: anything sent while the
			// connection was down is gone, so subscribers must refetch.
			b.broker.ResyncAll()
			continue
		}
		if n.Channel != Channel {
			continue
		}
		ev, err := decodeEvent(n.Extra)
		if err != nil {
			b.log.Error("pubsub: ignoring malformed notification", "err", err, "sender_pid", n.BePid)
			continue
		}
		b.broker.Deliver(ev)
	}
}

// Stage prepares evs to be published when tx commits. It is called inside the
// transaction of the write that causes the events, and on success returns a
// non-nil afterCommit func that the caller must call once tx has committed
// (and must not call if tx rolls back).
//
// With PostgreSQL, Stage runs SELECT pg_notify on tx, so the events leave
// only if tx commits; they reach local subscribers through this Bus's own
// listener, and afterCommit does nothing. PostgreSQL delivers identical
// events staged in one transaction only once. In memory, tx is not used and
// may be nil; afterCommit delivers the events, and only its first call has an
// effect.
//
// Stage checks every event before staging any, and returns an error wrapping
// ErrInvalidEvent or ErrPayloadTooLarge for an event that cannot be sent, or
// ErrClosed if the Bus is closed.
func (b *Bus) Stage(ctx context.Context, tx Execer, evs ...Event) (afterCommit func(), err error) {
	if b.closed.Load() {
		return nil, ErrClosed
	}
	// Check everything first so that one bad event cannot leave the
	// transaction with only part of the batch queued.
	payloads := make([]string, len(evs))
	for i, ev := range evs {
		if payloads[i], err = ev.encode(); err != nil {
			return nil, err
		}
	}

	if b.listener == nil {
		// The caller may reuse its slice before committing.
		evs = slices.Clone(evs)
		var once sync.Once
		return func() {
			once.Do(func() {
				for _, ev := range evs {
					b.broker.Deliver(ev)
				}
			})
		}, nil
	}

	if tx == nil && len(evs) > 0 {
		return nil, errors.New("pubsub: Stage needs a transaction with PostgreSQL")
	}
	for _, p := range payloads {
		if _, err := tx.ExecContext(ctx, notifyQuery, p); err != nil {
			return nil, fmt.Errorf("pubsub: stage notification: %w", err)
		}
	}
	return func() {}, nil
}

// Subscribe returns a subscription to topic on this Bus's broker, buffering
// up to buffer events (at least 1). See Broker.Subscribe.
func (b *Bus) Subscribe(topic string, buffer int) *Subscription {
	return b.broker.Subscribe(topic, buffer)
}

// Close stops receiving events, ends every subscription with ErrClosed and
// makes later Stage calls fail. With PostgreSQL it waits for the listener to
// shut down, which takes up to a few seconds if the listener is between
// reconnection attempts. Closing a closed Bus does nothing and returns nil.
func (b *Bus) Close() error {
	b.closeOnce.Do(func() {
		b.closed.Store(true)
		if b.listener != nil {
			b.closeErr = b.listener.Close()
			<-b.done
		}
		b.broker.Close()
	})
	return b.closeErr
}

func discardLogger() *slog.Logger {
	return slog.New(slog.DiscardHandler)
}
