import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { useClient } from 'urql';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useLiveSubscription, useOnResume } from '../live';
import { bellReducer, initialBell, notificationHref, type Notification } from '../notifications';
import { MarkNotificationsReadMutation, MyNotificationsQuery, NotificationsSubscription } from '../operations';
import { useRouter } from '../router';

export const BELL_PAGE = 20;

/**
 * The header's bell for signed-in members: the unread count on the button,
 * a dropdown of recent notifications (replies, mentions, follows), live via
 * the `notifications` subscription, and "mark as read".
 */
export function NotificationBell() {
  const { t, tn, formatDateTime } = useI18n();
  const client = useClient();
  const { navigate } = useRouter();
  const [state, dispatch] = useReducer(bellReducer, initialBell);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const itemsRef = useRef(state.items);
  itemsRef.current = state.items;

  // The newest notifications and the unread count; before: see BellAction.
  const load = useCallback(
    (before?: ReadonlySet<string>) => {
      let cancelled = false;
      client
        .query(MyNotificationsQuery, { first: BELL_PAGE }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((res) => {
          if (cancelled || !res.data) return;
          const items = res.data.myNotifications.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
          dispatch({ type: 'loaded', items, unread: res.data.unread.totalCount, before });
        });
      return () => {
        cancelled = true;
      };
    },
    [client],
  );
  useEffect(() => load(), [load]);
  // The live socket dropped and came back: notifications sent meanwhile
  // were missed.
  useOnResume(() => {
    load(new Set(itemsRef.current.map((n) => n.id)));
  });

  useLiveSubscription(NotificationsSubscription, {}, (data) => {
    if (data.notifications) dispatch({ type: 'arrived', item: data.notifications });
  });

  // Close on Escape (focus back to the bell) and on a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const markRead = useCallback(
    async (ids: string[] | null) => {
      dispatch({ type: 'read', ids, at: new Date().toISOString() });
      await client.mutation(MarkNotificationsReadMutation, { ids }).toPromise();
    },
    [client],
  );

  const follow = (n: Notification) => {
    const href = notificationHref(n);
    if (!n.readAt) void markRead([n.id]);
    setOpen(false);
    if (href) navigate(href);
  };

  const label = state.unread > 0 ? `${t('notifications.button')} (${tn('notifications.unread', state.unread)})` : t('notifications.button');

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-quiet bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {state.unread > 0 && (
          <span className="bell-count" data-testid="unread-count" aria-hidden="true">
            {state.unread > 99 ? '99+' : state.unread}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="bell-panel card" role="region" aria-label={t('notifications.label')}>
          <div className="bell-head">
            <h2 className="section-title">{t('notifications.label')}</h2>
            {state.unread > 0 && (
              <button type="button" className="button button-quiet button-small" onClick={() => markRead(null)}>
                {t('notifications.markAllRead')}
              </button>
            )}
          </div>
          {state.items.length === 0 ? (
            <p className="muted bell-empty">{t('notifications.empty')}</p>
          ) : (
            <ul className="bell-list">
              {state.items.map((n) => {
                const href = notificationHref(n);
                const text = t(`notifications.kind.${n.kind}`, { name: n.actor?.displayName ?? t('notifications.someone') });
                return (
                  <li key={n.id} className={`bell-item${n.readAt ? '' : ' bell-unread'}`} data-kind={n.kind}>
                    <a
                      href={href ?? '#'}
                      onClick={(e) => {
                        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                        e.preventDefault();
                        follow(n);
                      }}
                    >
                      {!n.readAt && <span className="visually-hidden">{t('notifications.unreadMark')}: </span>}
                      <span className="bell-text">{text}</span>
                      <time className="bell-time muted" dateTime={n.createdAt}>
                        {formatDateTime(n.createdAt)}
                      </time>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** The bell, for members only (notifications are addressed to members). */
export function HeaderBell() {
  const { viewer } = useAuth();
  if (!viewer?.member) return null;
  return <NotificationBell />;
}
