import { describe, expect, it } from 'vitest';
import { feedReducer, feedTotal, initialFeed, visiblePosts, type Post } from './feed';

const post = (id: string, createdAt = '2025-01-01T00:00:00Z'): Post => ({
  id,
  title: `Post ${id}`,
  body: 'body',
  tags: [],
  createdAt,
  author: { id: 'm1', handle: 'mei', displayName: 'Mei' },
  board: { id: 'b1', name: 'General' },
  pinned: false,
  locked: false,
  comments: { totalCount: 0 },
  reactions: { subjectId: id, counts: [], viewerReactions: [] },
});

const page = (ids: string[], more: boolean, append = false, total = 50) =>
  ({ type: 'page', posts: ids.map((id) => post(id)), totalCount: total, endCursor: ids.at(-1) ?? null, hasNextPage: more, append }) as const;

describe('feed', () => {
  it('appends pages and keeps the cursor', () => {
    let s = feedReducer(initialFeed, page(['5', '4'], true));
    s = feedReducer(s, { type: 'loadMore' });
    expect(s.status).toBe('loadingMore');
    s = feedReducer(s, page(['3', '2'], false, true));
    expect(visiblePosts(s).map((p) => p.id)).toEqual(['5', '4', '3', '2']);
    expect(s.hasNextPage).toBe(false);
    expect(s.endCursor).toBe('2');
  });

  it('puts live posts first, once, and counts them', () => {
    let s = feedReducer(initialFeed, page(['5', '4'], false, false, 2));
    s = feedReducer(s, { type: 'added', post: post('6'), fresh: true });
    s = feedReducer(s, { type: 'added', post: post('7'), fresh: false });
    s = feedReducer(s, { type: 'added', post: post('6'), fresh: true }); // twice: ignored
    s = feedReducer(s, { type: 'added', post: post('5'), fresh: true }); // already loaded: ignored
    expect(visiblePosts(s).map((p) => p.id)).toEqual(['7', '6', '5', '4']);
    expect(s.fresh).toEqual(['6']);
    expect(feedTotal(s)).toBe(4);
  });

  it('a live post that arrives before the first page is not shown twice', () => {
    let s = feedReducer(initialFeed, { type: 'added', post: post('9'), fresh: true });
    s = feedReducer(s, page(['9', '8'], false, false, 2));
    expect(visiblePosts(s).map((p) => p.id)).toEqual(['9', '8']);
    expect(feedTotal(s)).toBe(2);
  });

  it('after the live socket came back, the refetched pages replace what was shown, but not what arrived meanwhile', () => {
    let s = feedReducer(initialFeed, page(['5', '4'], true, false, 10));
    s = feedReducer(s, page(['3', '2'], true, true));
    s = feedReducer(s, { type: 'added', post: post('6'), fresh: true });
    s = feedReducer(s, { type: 'added', post: post('7'), fresh: true });
    const before = new Set(visiblePosts(s).map((p) => p.id));
    // While the refetch is on its way, the resumed subscription brings 9.
    s = feedReducer(s, { type: 'added', post: post('9'), fresh: true });
    // Meanwhile 8 was posted, 7 and 4 were removed, 5 was edited.
    const edited = { ...post('5'), title: 'Edited' };
    s = feedReducer(s, { type: 'refreshed', posts: [post('8'), post('6'), edited, post('3'), post('2')], totalCount: 9, endCursor: '2', hasNextPage: true, before });
    expect(visiblePosts(s).map((p) => p.id)).toEqual(['9', '8', '6', '5', '3', '2']);
    expect(visiblePosts(s).find((p) => p.id === '5')?.title).toBe('Edited');
    expect(s.fresh).toEqual(['6', '9']);
    expect(feedTotal(s)).toBe(10);
    expect(s).toMatchObject({ status: 'ready', endCursor: '2', hasNextPage: true });
  });

  it('an error on the first page is an error state; on a later page it is not', () => {
    expect(feedReducer(initialFeed, { type: 'failed' }).status).toBe('error');
    const s = feedReducer(initialFeed, page(['1'], true));
    expect(feedReducer(s, { type: 'failed' }).status).toBe('ready');
  });
});
