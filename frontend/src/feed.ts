import type { PostFieldsFragment } from './gql/graphql';

// The board page's list of posts: pages fetched newest-first with cursor
// paging, plus posts that arrived live (subscription or the viewer's own
// composer) since the first page was fetched. A post is shown once even if
// it arrives both ways.

export type Post = PostFieldsFragment;

export interface FeedState {
  loaded: Post[];
  live: Post[];
  /** ids of live posts not yet acknowledged (rendered with a "new" mark). */
  fresh: string[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'loading' | 'ready' | 'loadingMore' | 'error';
}

export type FeedAction =
  | { type: 'reset' }
  | { type: 'page'; posts: Post[]; totalCount: number; endCursor: string | null; hasNextPage: boolean; append: boolean }
  /**
   * The list fetched again after the live socket dropped and came back, in
   * place of every page shown; `before` holds the ids shown when it was
   * asked for.
   */
  | { type: 'refreshed'; posts: Post[]; totalCount: number; endCursor: string | null; hasNextPage: boolean; before: ReadonlySet<string> }
  | { type: 'loadMore' }
  | { type: 'failed' }
  | { type: 'added'; post: Post; fresh: boolean }
  /** A post changed (edited, pinned, locked, its reactions or comment count). */
  | { type: 'patched'; id: string; patch: (p: Post) => Post }
  /** A post was deleted or hidden. */
  | { type: 'removed'; id: string };

export const initialFeed: FeedState = {
  loaded: [],
  live: [],
  fresh: [],
  totalCount: 0,
  endCursor: null,
  hasNextPage: false,
  status: 'loading',
};

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'reset':
      return initialFeed;
    case 'loadMore':
      return { ...state, status: 'loadingMore' };
    case 'failed':
      return { ...state, status: state.loaded.length ? 'ready' : 'error' };
    case 'page': {
      const loaded = action.append ? [...state.loaded, ...action.posts] : action.posts;
      // A fresh first page already counts the live posts it contains.
      const live = action.append ? state.live : state.live.filter((p) => !action.posts.some((q) => q.id === p.id));
      return {
        ...state,
        loaded,
        live,
        totalCount: action.append ? state.totalCount : action.totalCount,
        endCursor: action.endCursor,
        hasNextPage: action.hasNextPage,
        status: 'ready',
      };
    }
    case 'refreshed': {
      // The server's list is what counts now: posts removed meanwhile go,
      // changed ones are current. Only posts that arrived live while it
      // was on its way are newer than it.
      const ids = new Set(action.posts.map((p) => p.id));
      const live = state.live.filter((p) => !ids.has(p.id) && !action.before.has(p.id));
      const shown = new Set([...ids, ...live.map((p) => p.id)]);
      return {
        ...state,
        loaded: action.posts,
        live,
        fresh: state.fresh.filter((id) => shown.has(id)),
        totalCount: action.totalCount,
        endCursor: action.endCursor,
        hasNextPage: action.hasNextPage,
        status: 'ready',
      };
    }
    case 'patched': {
      const apply = (list: Post[]) => (list.some((p) => p.id === action.id) ? list.map((p) => (p.id === action.id ? action.patch(p) : p)) : list);
      const loaded = apply(state.loaded);
      const live = apply(state.live);
      return loaded === state.loaded && live === state.live ? state : { ...state, loaded, live };
    }
    case 'removed': {
      const inLoaded = state.loaded.some((p) => p.id === action.id);
      const inLive = state.live.some((p) => p.id === action.id);
      if (!inLoaded && !inLive) return state;
      return {
        ...state,
        loaded: state.loaded.filter((p) => p.id !== action.id),
        live: state.live.filter((p) => p.id !== action.id),
        fresh: state.fresh.filter((id) => id !== action.id),
        totalCount: inLoaded ? Math.max(0, state.totalCount - 1) : state.totalCount,
      };
    }
    case 'added': {
      const p = action.post;
      if (state.live.some((q) => q.id === p.id) || state.loaded.some((q) => q.id === p.id)) return state;
      return {
        ...state,
        live: [p, ...state.live],
        fresh: action.fresh ? [...state.fresh, p.id] : state.fresh,
      };
    }
  }
}

/** Posts to render, newest first, each once. */
export function visiblePosts(state: FeedState): Post[] {
  const seen = new Set<string>();
  const out: Post[] = [];
  for (const p of [...state.live, ...state.loaded]) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(p);
  }
  return out;
}

/** Total posts on the board, counting live arrivals not in a fetched page. */
export function feedTotal(state: FeedState): number {
  const loaded = new Set(state.loaded.map((p) => p.id));
  return state.totalCount + state.live.filter((p) => !loaded.has(p.id)).length;
}
