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
  | { type: 'loadMore' }
  | { type: 'failed' }
  | { type: 'added'; post: Post; fresh: boolean };

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
