import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Routes } from '../App';
import { ResumeCounter } from '../client';
import { Layout } from '../components/Layout';
import { LiveFeeds, memberUser, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';

function renderAt(path: string, answers: Record<string, Answer>, locale: 'en' | 'zh-Hans' = 'en') {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const live = new LiveFeeds();
  const resumes = new ResumeCounter();
  const client = mockClient(answers, calls, live);
  const utils = render(
    <Providers client={client} locale={locale} resumes={resumes}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls, live, resumes };
}

const author = { __typename: 'Member', id: 'M9', handle: 'lin', displayName: 'Lin 林' };
const mei = { __typename: 'Member', id: 'M2', handle: 'mei', displayName: 'Mei 美' };
const summary = (subjectId: string, counts: [string, number][] = [], mine: string[] = []) => ({
  __typename: 'ReactionSummary',
  subjectId,
  counts: counts.map(([kind, count]) => ({ __typename: 'ReactionCount', kind, count })),
  viewerReactions: mine,
});

const comment = (id: string, parentID: string | null, by = author, minute = 1, body = `Comment ${id}`) => ({
  __typename: 'Comment',
  id,
  postID: 'P1',
  parentID,
  body,
  bodyHTML: `<p>${body}</p>`,
  hidden: false,
  createdAt: `2025-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
  updatedAt: `2025-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
  author: by,
  reactions: summary(id),
});

const postNode = (over: Record<string, unknown> = {}, comments: unknown[] = []) => ({
  __typename: 'Post',
  id: 'P1',
  title: 'Tea in Hangzhou',
  body: 'Plain **body**',
  bodyHTML: '<p>Plain <strong>body</strong></p>',
  tags: ['tea'],
  createdAt: '2025-03-01T09:00:00Z',
  updatedAt: '2025-03-01T09:00:00Z',
  pinned: false,
  locked: false,
  hidden: false,
  comments: { __typename: 'CommentConnection', totalCount: comments.length },
  author,
  board: { __typename: 'Board', id: 'B1', name: 'General' },
  reactions: summary('P1', [['LOVE', 2]]),
  thread: {
    __typename: 'CommentConnection',
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: comments.map((node) => ({ __typename: 'CommentEdge', node })),
  },
  ...over,
});

const noNotifications = {
  data: {
    unread: { __typename: 'NotificationConnection', totalCount: 0 },
    myNotifications: { __typename: 'NotificationConnection', edges: [] },
  },
};

describe('post page', () => {
  it('renders the server-sanitised HTML body, falling back to text', async () => {
    renderAt('/posts/P1', { Me: { data: { me: null } }, PostPage: { data: { node: postNode() } } });
    const article = await screen.findByRole('article', { name: 'Tea in Hangzhou' });
    expect(article.querySelector('.post-body-full strong')?.textContent).toBe('body');
    expect(screen.getByText('Log in to comment.')).toBeTruthy();
    // Visitors see counts but cannot react.
    const love = within(article).getByRole('button', { name: 'Love: 2' });
    expect((love as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows plain text when there is no HTML', async () => {
    renderAt('/posts/P1', { Me: { data: { me: null } }, PostPage: { data: { node: postNode({ bodyHTML: '', body: '<b>raw</b>' }) } } });
    const article = await screen.findByRole('article', { name: 'Tea in Hangzhou' });
    expect(article.querySelector('.post-body-full b')).toBeNull();
    expect(article.textContent).toContain('<b>raw</b>');
  });

  it('toggles a reaction: optimistic, then the server’s summary', async () => {
    const { calls } = renderAt('/posts/P1', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      PostPage: { data: { node: postNode() } },
      React: (v) => ({ data: { react: summary('P1', [['LIKE', 1], ['LOVE', 2]], [(v as { kind: string }).kind]) } }),
      Unreact: { data: { unreact: summary('P1', [['LOVE', 2]], []) } },
    });
    const article = await screen.findByRole('article', { name: 'Tea in Hangzhou' });
    const bar = within(article).getByRole('group', { name: 'Reactions' });
    const like = within(bar).getByRole('button', { name: 'Like: 0' });
    expect(like.getAttribute('aria-pressed')).toBe('false');

    await act(async () => fireEvent.click(like));
    const pressed = await within(bar).findByRole('button', { name: 'Like: 1' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    expect(pressed.className).toContain('reaction-mine');
    expect(calls.find((c) => c.name === 'React')?.variables).toEqual({ subjectId: 'P1', kind: 'LIKE' });

    await act(async () => fireEvent.click(pressed));
    await waitFor(() => expect(within(bar).getByRole('button', { name: 'Like: 0' }).getAttribute('aria-pressed')).toBe('false'));
    expect(calls.find((c) => c.name === 'Unreact')?.variables).toEqual({ subjectId: 'P1', kind: 'LIKE' });
  });

  it('rolls a reaction back when the server refuses', async () => {
    renderAt('/posts/P1', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      PostPage: { data: { node: postNode() } },
      React: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] },
    });
    const article = await screen.findByRole('article', { name: 'Tea in Hangzhou' });
    await act(async () => fireEvent.click(within(article).getByRole('button', { name: 'Like: 0' })));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts');
    expect(within(article).getByRole('button', { name: 'Like: 0' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('threads comments, replies inline and shows live arrivals', async () => {
    const { calls, live } = renderAt('/posts/P1', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      PostPage: { data: { node: postNode({}, [comment('C1', null, author, 1), comment('C2', 'C1', mei, 2), comment('C3', null, author, 3)]) } },
      CreateComment: (v) => {
        const input = (v as { input: { parentId: string | null; body: string } }).input;
        return { data: { createComment: comment('C9', input.parentId, mei, 9, input.body) } };
      },
    });
    await screen.findByText('Comment C3');
    const c1 = document.querySelector('[data-comment-id="C1"]')!.closest('li')!;
    // C2 is a reply to C1: inside C1's list item, in a nested list.
    const nested = c1.querySelector('ol.comment-replies');
    expect(nested?.querySelector('[data-comment-id="C2"]')).toBeTruthy();
    expect(c1.querySelector('[data-comment-id="C3"]')).toBeNull();
    expect(screen.getByTestId('comment-count').textContent).toBe('3 comments');

    // Reply to C3.
    const c3 = document.querySelector('[data-comment-id="C3"]') as HTMLElement;
    fireEvent.click(within(c3).getByRole('button', { name: 'Reply to Lin 林' }));
    const box = await screen.findByLabelText('Reply to Lin 林', { selector: 'textarea' });
    fireEvent.change(box, { target: { value: 'Agreed!' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reply' })));
    await waitFor(() => expect(document.querySelector('[data-comment-id="C9"]')).toBeTruthy());
    expect(calls.find((c) => c.name === 'CreateComment')?.variables).toEqual({ input: { postId: 'P1', parentId: 'C3', body: 'Agreed!' } });
    expect(document.querySelector('[data-comment-id="C3"]')!.closest('li')!.querySelector('[data-comment-id="C9"]')).toBeTruthy();

    // Someone else replies to C2, live; it nests two levels deep.
    await waitFor(() => expect(calls.some((c) => c.name === 'CommentAdded')).toBe(true));
    act(() => live.push('CommentAdded', { commentAdded: comment('C10', 'C2', author, 10, 'Live reply') }));
    const arrived = await screen.findByText('Live reply');
    const li = arrived.closest('li')!;
    expect(li.parentElement?.getAttribute('data-depth')).toBe('2');
    expect(li.querySelector('.badge-new')).toBeTruthy();
    // The viewer's own comment echoed back live is not duplicated.
    act(() => live.push('CommentAdded', { commentAdded: comment('C9', 'C3', mei, 9, 'Agreed!') }));
    expect(document.querySelectorAll('[data-comment-id="C9"]')).toHaveLength(1);
    expect(screen.getByTestId('comment-count').textContent).toBe('5 comments');
  });

  it('edits and deletes the viewer’s own comment, not others’', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { calls } = renderAt('/posts/P1', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      PostPage: { data: { node: postNode({}, [comment('C1', null, author, 1), comment('C2', null, mei, 2, 'Mine')]) } },
      UpdateComment: { data: { updateComment: { ...comment('C2', null, mei, 2, 'Mine, edited'), updatedAt: '2025-03-01T11:00:00Z' } } },
      DeleteComment: { data: { deleteComment: 'C2' } },
    });
    await screen.findByText('Mine');
    const other = document.querySelector('[data-comment-id="C1"]') as HTMLElement;
    expect(within(other).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(other).getByRole('button', { name: 'Report' })).toBeTruthy();

    const mine = document.querySelector('[data-comment-id="C2"]') as HTMLElement;
    fireEvent.click(within(mine).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(mine).getByLabelText('Edit your comment'), { target: { value: 'Mine, edited' } });
    await act(async () => fireEvent.click(within(mine).getByRole('button', { name: 'Save' })));
    expect(await screen.findByText('Mine, edited')).toBeTruthy();
    expect(calls.find((c) => c.name === 'UpdateComment')?.variables).toEqual({ id: 'C2', input: { body: 'Mine, edited' } });

    await act(async () => fireEvent.click(within(document.querySelector('[data-comment-id="C2"]') as HTMLElement).getByRole('button', { name: 'Delete' })));
    await waitFor(() => expect(document.querySelector('[data-comment-id="C2"]')).toBeNull());
    expect(confirm).toHaveBeenCalled();
  });

  it('opens a comment’s post when given a comment id', async () => {
    renderAt('/posts/C7', {
      Me: { data: { me: null } },
      PostPage: (v) =>
        (v as { id: string }).id === 'C7'
          ? { data: { node: { __typename: 'Comment', id: 'C7', postID: 'P1' } } }
          : { data: { node: postNode({}, [comment('C7', null)]) } },
    });
    await screen.findByRole('article', { name: 'Tea in Hangzhou' });
    expect(window.location.pathname).toBe('/posts/P1');
    expect(window.location.hash).toBe('#comment-C7');
  });
});

const notification = (id: string, kind: string, read = false, subjectID: number | null = 42) => ({
  __typename: 'Notification',
  id,
  kind,
  createdAt: `2025-03-0${id.length}T10:00:00Z`,
  readAt: read ? '2025-03-02T00:00:00Z' : null,
  subjectID,
  actor: author,
});

describe('notification bell', () => {
  it('shows the unread count, lists notifications, counts live ones and marks them read', async () => {
    const { calls, live } = renderAt('/boards', {
      Me: { data: { me: memberUser } },
      Boards: { data: { boards: { __typename: 'BoardConnection', edges: [] } } },
      MyNotifications: {
        data: {
          unread: { __typename: 'NotificationConnection', totalCount: 2 },
          myNotifications: {
            __typename: 'NotificationConnection',
            edges: [notification('N1', 'REPLY'), notification('N2', 'MENTION'), notification('N3', 'FOLLOW', true)].map((node) => ({
              __typename: 'NotificationEdge',
              node,
            })),
          },
        },
      },
      MarkNotificationsRead: { data: { markNotificationsRead: 3 } },
    });
    const bell = await screen.findByRole('button', { name: 'Notifications (2 unread)' });
    expect(screen.getByTestId('unread-count').textContent).toBe('2');

    await waitFor(() => expect(calls.some((c) => c.name === 'Notifications')).toBe(true));
    act(() => live.push('Notifications', { notifications: notification('N4444', 'FOLLOW') }));
    expect(await screen.findByRole('button', { name: 'Notifications (3 unread)' })).toBe(bell);

    fireEvent.click(bell);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const links = within(panel).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      expect.stringContaining('Lin 林 started following you'),
      expect.stringContaining('Lin 林 replied to you'),
      expect.stringContaining('Lin 林 mentioned you'),
      expect.stringContaining('Lin 林 started following you'),
    ]);
    expect(links[0].getAttribute('href')).toBe('/members/M9');
    expect(links[1].getAttribute('href')).toBe('/posts/42');

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Mark all as read' })));
    expect(screen.getByRole('button', { name: 'Notifications' })).toBe(bell);
    expect(screen.queryByTestId('unread-count')).toBeNull();
    expect(calls.find((c) => c.name === 'MarkNotificationsRead')?.variables).toEqual({ ids: null });
  });

  it('is not shown to visitors or to staff without a member profile', async () => {
    renderAt('/boards', { Me: { data: { me: staffUser } }, Boards: { data: { boards: { __typename: 'BoardConnection', edges: [] } } } });
    await screen.findByRole('heading', { level: 1, name: 'Boards' });
    expect(screen.queryByTestId('notification-bell')).toBeNull();
  });

  it('speaks Chinese', async () => {
    renderAt(
      '/boards',
      {
        Me: { data: { me: memberUser } },
        Boards: { data: { boards: { __typename: 'BoardConnection', edges: [] } } },
        MyNotifications: {
          data: {
            unread: { __typename: 'NotificationConnection', totalCount: 1 },
            myNotifications: { __typename: 'NotificationConnection', edges: [{ __typename: 'NotificationEdge', node: notification('N1', 'REPLY') }] },
          },
        },
      },
      'zh-Hans',
    );
    fireEvent.click(await screen.findByRole('button', { name: '通知 (1 条未读)' }));
    expect(screen.getByText('Lin 林 回复了你')).toBeTruthy();
  });
});

describe('member profile', () => {
  it('shows counts and follows and unfollows', async () => {
    const profile = {
      __typename: 'Member',
      id: 'M9',
      handle: 'lin',
      displayName: 'Lin 林',
      bio: 'Tea person.',
      avatarURL: null,
      createdAt: '2024-01-01T00:00:00Z',
      followerCount: 4,
      followingCount: 1,
      viewerFollows: false,
      posts: { __typename: 'PostConnection', totalCount: 1, edges: [{ __typename: 'PostEdge', node: postNode() }] },
    };
    const { calls } = renderAt('/members/M9', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      MemberProfile: { data: { node: profile } },
      Follow: { data: { follow: { ...profile, posts: undefined, followerCount: 5, viewerFollows: true } } },
      Unfollow: { data: { unfollow: { ...profile, posts: undefined } } },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Lin 林' })).toBeTruthy();
    expect(document.querySelector('.profile-handle')?.textContent).toBe('@lin');
    expect(screen.getByText('Tea person.')).toBeTruthy();
    expect(screen.getByTestId('follower-count').textContent).toBe('4 followers');
    expect(screen.getByTestId('following-count').textContent).toBe('1 following');
    expect(screen.getByRole('link', { name: 'Tea in Hangzhou' }).getAttribute('href')).toBe('/posts/P1');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Follow Lin 林' })));
    await waitFor(() => expect(screen.getByTestId('follower-count').textContent).toBe('5 followers'));
    expect(calls.find((c) => c.name === 'Follow')?.variables).toEqual({ memberId: 'M9' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Stop following Lin 林' })));
    await waitFor(() => expect(screen.getByTestId('follower-count').textContent).toBe('4 followers'));
  });
});

describe('moderation queue', () => {
  const queue = {
    data: {
      moderationQueue: {
        __typename: 'ReportConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'ReportEdge',
            node: {
              __typename: 'Report',
              id: 'R1',
              reason: 'Spam link',
              status: 'OPEN',
              createdAt: '2025-03-01T00:00:00Z',
              reporter: mei,
              post: { __typename: 'Post', id: 'P1', title: 'Tea in Hangzhou', body: 'Buy <b>now</b>', hidden: false, locked: false, pinned: false, author },
              comment: null,
            },
          },
        ],
      },
    },
  };

  it('lets admins hide, lock and pin', async () => {
    const admin = { ...staffUser, role: 'ADMIN' };
    const { calls } = renderAt('/moderation', {
      Me: { data: { me: admin } },
      ModerationQueue: queue,
      HidePost: { data: { hidePost: { __typename: 'Post', id: 'P1', hidden: true } } },
      LockPost: { data: { lockPost: { __typename: 'Post', id: 'P1', locked: true } } },
      PinPost: { data: { pinPost: { __typename: 'Post', id: 'P1', pinned: true } } },
    });
    const card = await screen.findByRole('article', { name: 'Post: Tea in Hangzhou' });
    expect(within(card).getByText('Spam link')).toBeTruthy();
    expect(card.querySelector('b')).toBeNull();
    await act(async () => fireEvent.click(within(card).getByRole('button', { name: 'Hide' })));
    expect(await within(card).findByRole('button', { name: 'Unhide' })).toBeTruthy();
    await act(async () => fireEvent.click(within(card).getByRole('button', { name: 'Lock' })));
    expect(await within(card).findByRole('button', { name: 'Unlock' })).toBeTruthy();
    await act(async () => fireEvent.click(within(card).getByRole('button', { name: 'Pin' })));
    expect(await within(card).findByRole('button', { name: 'Unpin' })).toBeTruthy();
    expect(calls.filter((c) => ['HidePost', 'LockPost', 'PinPost'].includes(c.name)).map((c) => c.variables)).toEqual([
      { id: 'P1' },
      { id: 'P1', locked: true },
      { id: 'P1', pinned: true },
    ]);
  });

  it('is read-only for other staff and closed to members', async () => {
    renderAt('/moderation', { Me: { data: { me: staffUser } }, ModerationQueue: queue });
    const card = await screen.findByRole('article', { name: 'Post: Tea in Hangzhou' });
    expect(within(card).queryByRole('button', { name: 'Hide' })).toBeNull();
    expect(screen.getByText('Only administrators can act on reports.')).toBeTruthy();
  });
});

// After the live socket dropped (a slow-consumer close, a lost network) and
// came back, each live view fetches again what it shows.
describe('live views after the socket came back', () => {
  const boardPost = (id: string, title = `Title ${id}`) => ({
    __typename: 'Post',
    id,
    title,
    body: 'Hello',
    tags: [],
    createdAt: '2025-03-01T10:00:00Z',
    pinned: false,
    locked: false,
    comments: { __typename: 'CommentConnection', totalCount: 0 },
    author,
    board: { __typename: 'Board', id: 'B1', name: 'General' },
    reactions: summary(id),
  });
  const postsPage = (ids: string[], more: boolean, cursor: string, total: number, titles: Record<string, string> = {}) => ({
    data: {
      posts: {
        __typename: 'PostConnection',
        totalCount: total,
        pageInfo: { __typename: 'PageInfo', hasNextPage: more, endCursor: cursor },
        edges: ids.map((id) => ({ __typename: 'PostEdge', node: boardPost(id, titles[id]) })),
      },
    },
  });

  it('the board refetches every page shown, keeping it on screen meanwhile', async () => {
    let afterResume = false;
    const { calls, live, resumes } = renderAt('/boards/B1', {
      Me: { data: { me: null } },
      Board: { data: { node: { __typename: 'Board', id: 'B1', name: 'General', slug: 'general', description: null, postAccess: 'MEMBERS' } } },
      BoardPosts: (v) => {
        const { after, first } = v as { after?: string; first: number };
        // Meanwhile P5 was posted, P2 removed and P1 edited.
        if (afterResume) return postsPage(['P5', 'P4', 'P3', 'P1'].slice(0, first), false, 'c1', 4, { P1: 'Edited P1' });
        return after ? postsPage(['P1'], false, 'c1', 3) : postsPage(['P3', 'P2'], true, 'c2', 3);
      },
    });
    await screen.findByRole('article', { name: 'Title P2' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Load more' })));
    await screen.findByRole('article', { name: 'Title P1' });
    await waitFor(() => expect(calls.some((c) => c.name === 'PostAdded')).toBe(true));
    act(() => live.push('PostAdded', { postAdded: boardPost('P4') }));
    await screen.findByRole('article', { name: /Title P4/ });
    const before = calls.filter((c) => c.name === 'BoardPosts').length;

    afterResume = true;
    act(() => resumes.bump());
    await screen.findByRole('article', { name: /Title P5/ });
    expect(screen.queryByRole('article', { name: /Title P2/ })).toBeNull();
    expect(screen.getByRole('article', { name: /Edited P1/ })).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(4);
    const refetches = calls.filter((c) => c.name === 'BoardPosts').slice(before);
    expect(refetches).toHaveLength(1);
    expect(refetches[0].variables).toEqual({ boardId: 'B1', first: 20 });
  });

  it('the board subscribes again when the server ends its subscriptions, and refetches', async () => {
    let afterEnd = false;
    const { calls, live } = renderAt('/boards/B1', {
      Me: { data: { me: null } },
      Board: { data: { node: { __typename: 'Board', id: 'B1', name: 'General', slug: 'general', description: null, postAccess: 'MEMBERS' } } },
      // Meanwhile P5 was posted and nobody was told.
      BoardPosts: () => (afterEnd ? postsPage(['P5', 'P3'], false, 'c1', 2) : postsPage(['P3'], false, 'c1', 1)),
    });
    await screen.findByRole('article', { name: 'Title P3' });
    await waitFor(() => expect(calls.filter((c) => c.name === 'PostAdded')).toHaveLength(1));
    const pages = calls.filter((c) => c.name === 'BoardPosts').length;

    afterEnd = true;
    act(() => {
      live.end('PostAdded');
      live.end('BoardEvents');
    });
    // After a short pause: subscribed again, and what is shown refetched.
    await waitFor(() => expect(calls.filter((c) => c.name === 'PostAdded')).toHaveLength(2), { timeout: 3000 });
    await waitFor(() => expect(calls.filter((c) => c.name === 'BoardEvents')).toHaveLength(2));
    expect(await screen.findByRole('article', { name: /Title P5/ })).toBeTruthy();
    expect(calls.filter((c) => c.name === 'BoardPosts').length).toBeGreaterThan(pages);

    // The new subscriptions deliver.
    act(() => live.push('PostAdded', { postAdded: boardPost('P6') }));
    expect(await screen.findByRole('article', { name: /Title P6/ })).toBeTruthy();
  });

  it('the post page refetches the post and its comments', async () => {
    let afterResume = false;
    const { resumes } = renderAt('/posts/P1', {
      Me: { data: { me: null } },
      PostPage: () =>
        afterResume
          ? { data: { node: postNode({ title: 'Tea in Hangzhou, edited' }, [comment('C1', null), comment('C3', 'C1', mei, 3)]) } }
          : { data: { node: postNode({}, [comment('C1', null), comment('C2', null, mei, 2)]) } },
    });
    await screen.findByText('Comment C2');
    afterResume = true;
    act(() => resumes.bump());
    await screen.findByText('Comment C3');
    expect(screen.queryByText('Comment C2')).toBeNull();
    expect(screen.getByRole('article', { name: 'Tea in Hangzhou, edited' })).toBeTruthy();
  });

  it('the bell refetches the notifications and the unread count', async () => {
    let afterResume = false;
    const { resumes } = renderAt('/boards', {
      Me: { data: { me: memberUser } },
      Boards: { data: { boards: { __typename: 'BoardConnection', edges: [] } } },
      MyNotifications: () =>
        afterResume
          ? {
              data: {
                unread: { __typename: 'NotificationConnection', totalCount: 1 },
                myNotifications: { __typename: 'NotificationConnection', edges: [{ __typename: 'NotificationEdge', node: notification('N1', 'REPLY') }] },
              },
            }
          : noNotifications,
    });
    await screen.findByRole('button', { name: 'Notifications' });
    afterResume = true;
    act(() => resumes.bump());
    expect(await screen.findByRole('button', { name: 'Notifications (1 unread)' })).toBeTruthy();
  });
});
