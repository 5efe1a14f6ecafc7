import type { NotificationFieldsFragment } from './gql/graphql';

// The bell's list: newest first, each notification once, with the unread
// count the server reported adjusted for what arrived live or was read here.

export type Notification = NotificationFieldsFragment;

export interface BellState {
  items: Notification[];
  unread: number;
}

export type BellAction =
  /**
   * The newest notifications and the unread count, fetched; `before` holds
   * the ids shown when they were asked for (none on the first load; all of
   * them when the live socket came back after dropping).
   */
  | { type: 'loaded'; items: Notification[]; unread: number; before?: ReadonlySet<string> }
  | { type: 'arrived'; item: Notification }
  | { type: 'read'; ids: string[] | null; at: string };

export const initialBell: BellState = { items: [], unread: 0 };

export function bellReducer(state: BellState, action: BellAction): BellState {
  switch (action.type) {
    case 'loaded': {
      // Keep live arrivals the fetched page does not have yet; what was
      // shown before it was asked for is the server's to say.
      const ids = new Set(action.items.map((n) => n.id));
      const extra = state.items.filter((n) => !ids.has(n.id) && !action.before?.has(n.id));
      const extraUnread = extra.filter((n) => !n.readAt).length;
      return { items: sortNewest([...extra, ...action.items]), unread: action.unread + extraUnread };
    }
    case 'arrived': {
      if (state.items.some((n) => n.id === action.item.id)) return state;
      return { items: sortNewest([action.item, ...state.items]), unread: state.unread + (action.item.readAt ? 0 : 1) };
    }
    case 'read': {
      const all = action.ids === null;
      const which = new Set(action.ids ?? []);
      let cleared = 0;
      const items = state.items.map((n) => {
        if (n.readAt || (!all && !which.has(n.id))) return n;
        cleared++;
        return { ...n, readAt: action.at };
      });
      return { items, unread: all ? 0 : Math.max(0, state.unread - cleared) };
    }
  }
}

function sortNewest(items: Notification[]): Notification[] {
  return [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * Where a notification leads: a follow to the new follower; a reply or
 * mention to its subject (a post or comment id: the post page shows a post,
 * and for a comment opens its post at that comment).
 */
export function notificationHref(n: Notification): string | null {
  if (n.kind === 'FOLLOW') return n.actor ? `/members/${encodeURIComponent(n.actor.id)}` : null;
  if (n.subjectID != null) return `/posts/${encodeURIComponent(String(n.subjectID))}`;
  return null;
}
