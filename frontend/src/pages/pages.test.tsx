import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Layout } from '../components/Layout';
import { Routes } from '../App';
import { searchable } from './BoardPage';
import { accountDefaults } from '../test/accountMocks';
import { memberUser, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';

function renderAt(path: string, answers: Record<string, Answer>, locale: 'en' | 'zh-Hans' = 'en') {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const client = mockClient({ ...accountDefaults, ...answers }, calls);
  const utils = render(
    <Providers client={client} locale={locale}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls };
}

const post = (id: string, body = 'Hello') => ({
  __typename: 'Post',
  id,
  title: `Title ${id}`,
  body,
  tags: ['news'],
  createdAt: '2025-03-01T10:00:00Z',
  author: { __typename: 'Member', id: 'M9', handle: 'lin', displayName: 'Lin 林' },
  board: { __typename: 'Board', id: 'B1', name: 'General' },
  pinned: false,
  locked: false,
  comments: { __typename: 'CommentConnection', totalCount: 0 },
  reactions: { __typename: 'ReactionSummary', subjectId: id, counts: [], viewerReactions: [] },
});

const noNotifications = {
  data: {
    unread: { __typename: 'NotificationConnection', totalCount: 0 },
    myNotifications: { __typename: 'NotificationConnection', edges: [] },
  },
};

const customers = (from: number, n: number, more: boolean) => ({
  data: {
    customers: {
      __typename: 'CustomerConnection',
      totalCount: 25,
      pageInfo: { __typename: 'PageInfo', hasNextPage: more, hasPreviousPage: from > 0, startCursor: `c${from}`, endCursor: `c${from + n - 1}` },
      edges: Array.from({ length: n }, (_, i) => ({
        __typename: 'CustomerEdge',
        node: {
          __typename: 'Customer',
          id: `C${from + i}`,
          kind: i % 2 ? 'ORGANISATION' : 'PERSON',
          name: i === 0 ? `王小明 ${from}` : `Customer ${from + i}`,
          email: `c${from + i}@example.com`,
          phone: null,
          region: '上海',
          tags: ['vip'],
          createdAt: '2024-12-24T08:00:00Z',
        },
      })),
    },
  },
});

describe('log in', () => {
  it('shows a translated message for wrong credentials', async () => {
    renderAt('/login', {
      Me: { data: { me: null } },
      LogIn: { errors: [{ message: 'invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'a@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The email or password is not correct.');
  });

  it('validates before sending, in Chinese too', async () => {
    const { calls } = renderAt('/signup', { Me: { data: { me: null } } }, 'zh-Hans');
    fireEvent.change(await screen.findByLabelText('名字'), { target: { value: '小美' } });
    fireEvent.change(screen.getByLabelText('电子邮箱'), { target: { value: 'not-an-email' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: '注册' }));
    expect(await screen.findByText('请输入有效的电子邮箱地址。')).toBeTruthy();
    expect(screen.getByText('密码至少需要 8 个字符。')).toBeTruthy();
    expect(calls.some((c) => c.name === 'SignUp')).toBe(false);
  });

  it('points at the field the server rejects', async () => {
    renderAt('/signup', {
      Me: { data: { me: null } },
      SignUp: { errors: [{ message: 'email is already registered', extensions: { code: 'CONFLICT' } }] },
    });
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Mei' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'mei@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long-enough-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect((await screen.findByRole('alert')).textContent).toContain('An account with this email already exists');
  });

  it('signs in and goes on to the page asked for', async () => {
    renderAt('/login?next=%2Fcustomers', {
      Me: { data: { me: null } },
      LogIn: { data: { logIn: { __typename: 'AuthPayload', user: staffUser } } },
      Customers: customers(0, 20, true),
    });
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'staff@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw-pw-pw-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Customers' })).toBeTruthy();
    expect(window.location.pathname).toBe('/customers');
  });
});

describe('customers', () => {
  it('is hidden from members', async () => {
    renderAt('/customers', { Me: { data: { me: memberUser } }, MyNotifications: noNotifications });
    expect(await screen.findByText('Only staff can see customers.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Customers' })).toBeNull();
  });

  it('sends visitors who are not signed in to log in', async () => {
    renderAt('/customers', { Me: { data: { me: null } } });
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(window.location.search).toBe('?next=%2Fcustomers');
  });

  it('lists, pages and filters for staff', async () => {
    const { calls } = renderAt('/customers', {
      Me: { data: { me: staffUser } },
      Customers: (v) => {
        const vars = v as { after?: string | null; where?: unknown };
        if (vars.where) return customers(0, 1, false);
        return vars.after ? customers(20, 5, false) : customers(0, 20, true);
      },
    });
    const table = await screen.findByRole('table');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Customers' })).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(within(table).getByRole('rowheader', { name: '王小明 0' })).toBeTruthy();
    expect(screen.getByText('Showing 1–20 of 25')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Previous/ }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByText('Showing 21–25 of 25')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'Customers').at(-1)?.variables).toMatchObject({ first: 20, after: 'c19' });
    expect((screen.getByRole('button', { name: /Next/ }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter by name or email' }), { target: { value: '王' } });
    await waitFor(() => expect(screen.getByText('Showing 1–1 of 25')).toBeTruthy(), { timeout: 2000 });
    expect(calls.filter((c) => c.name === 'Customers').at(-1)?.variables).toMatchObject({
      first: 20,
      where: { or: [{ nameContainsFold: '王' }, { emailContainsFold: '王' }] },
    });
  });
});

describe('board', () => {
  it('renders post bodies as text, never as HTML', async () => {
    renderAt('/boards/B1', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      Board: { data: { node: { __typename: 'Board', id: 'B1', name: 'General', slug: 'general', description: 'Chat', postAccess: 'MEMBERS' } } },
      BoardPosts: {
        data: {
          posts: {
            __typename: 'PostConnection',
            totalCount: 1,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'x' },
            edges: [{ __typename: 'PostEdge', node: post('P1', '<img src=x onerror=alert(1)><b>bold</b>\nline two') }],
          },
        },
      },
    });
    const article = await screen.findByRole('article', { name: /Title P1/ });
    expect(article.querySelector('img, b')).toBeNull();
    expect(article.textContent).toContain('<b>bold</b>');
    expect(screen.getByText('1 post')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New post' })).toBeTruthy();
  });

  it('loads more posts on request', async () => {
    const { calls } = renderAt('/boards/B1', {
      Me: { data: { me: null } },
      Board: { data: { node: { __typename: 'Board', id: 'B1', name: 'General', slug: 'general', description: null, postAccess: 'MEMBERS' } } },
      BoardPosts: (v) => {
        const after = (v as { after?: string }).after;
        return {
          data: {
            posts: {
              __typename: 'PostConnection',
              totalCount: 3,
              pageInfo: { __typename: 'PageInfo', hasNextPage: !after, endCursor: after ? 'c3' : 'c2' },
              edges: (after ? ['P3'] : ['P1', 'P2']).map((id) => ({ __typename: 'PostEdge', node: post(id) })),
            },
          },
        };
      },
    });
    expect(await screen.findByRole('article', { name: 'Title P2' })).toBeTruthy();
    expect(screen.getByText('Log in to write a post.')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Load more' })));
    expect(await screen.findByRole('article', { name: 'Title P3' })).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(calls.filter((c) => c.name === 'BoardPosts').at(-1)?.variables).toMatchObject({ boardId: 'B1', first: 20, after: 'c2' });
  });

  it('searches for a two-character Chinese word and refuses a lone letter', async () => {
    const { calls } = renderAt('/boards/B1', {
      Me: { data: { me: null } },
      Board: { data: { node: { __typename: 'Board', id: 'B1', name: 'General', slug: 'general', description: null, postAccess: 'MEMBERS' } } },
      BoardPosts: {
        data: {
          posts: {
            __typename: 'PostConnection',
            totalCount: 1,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
            edges: [{ __typename: 'PostEdge', node: post('P1') }],
          },
        },
      },
      SearchPosts: {
        data: {
          searchPosts: { __typename: 'PostConnection', totalCount: 1, edges: [{ __typename: 'PostEdge', node: post('P7') }] },
        },
      },
    });
    const box = await screen.findByRole('searchbox', { name: 'Search posts' });
    fireEvent.change(box, { target: { value: 'a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText('Use a word of at least 2 letters or digits, or a Chinese character.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'SearchPosts')).toBe(false);

    fireEvent.change(box, { target: { value: '社區' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('article', { name: 'Title P7' })).toBeTruthy();
    expect(calls.filter((c) => c.name === 'SearchPosts').at(-1)?.variables).toMatchObject({ query: '社區' });
    expect(window.location.search).toBe(`?q=${encodeURIComponent('社區')}`);

    // A post's tag searches for the posts carrying it.
    const article = screen.getByRole('article', { name: 'Title P7' });
    fireEvent.click(within(article).getByRole('link', { name: '#news' }));
    await waitFor(() => expect(calls.filter((c) => c.name === 'SearchPosts').at(-1)?.variables).toMatchObject({ query: '#news' }));
    expect((screen.getByRole('searchbox', { name: 'Search posts' }) as HTMLInputElement).value).toBe('#news');

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByRole('article', { name: 'Title P1' })).toBeTruthy();
    expect(window.location.search).toBe('');
  });
});

describe('searchable', () => {
  it.each([
    ['社區', true],
    ['茶', true],
    ['go', true],
    ['tea', true],
    ['a', false],
    ['a ,', false],
    ['a 茶', true],
    ['#tea', true],
    ['#', false],
    ['。', false],
    ['', false],
  ])('%s → %s', (query, want) => {
    expect(searchable(query)).toBe(want);
  });
});
