import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Routes } from '../App';
import { Layout } from '../components/Layout';
import { accountDefaults } from '../test/accountMocks';
import { memberUser, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import { profileInput, profileValues } from './CustomerPage';

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

const managerUser = { ...staffUser, id: 'U7', email: 'boss@example.com', role: 'MANAGER' };
const noNotifications = {
  data: {
    unread: { __typename: 'NotificationConnection', totalCount: 0 },
    myNotifications: { __typename: 'NotificationConnection', edges: [] },
  },
};

const conn = (typename: string, nodes: unknown[]) => ({
  __typename: `${typename}Connection`,
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
});

const order = (id: string, amount: number, currency: string) => ({
  __typename: 'Order',
  id,
  source: 'shop',
  externalID: `EXT-${id}`,
  amount,
  costToServe: 1000,
  currency,
  channel: 'online',
  productCategory: 'Tea',
  orderedAt: '2025-02-01T10:00:00Z',
  kind: 'SALE',
  note: '',
  cancellation: null,
});

const ticket = (id: string, title: string, status = 'OPEN') => ({
  __typename: 'Ticket',
  id,
  title,
  description: 'It broke',
  status,
  priority: 'NORMAL',
  createdAt: '2025-02-02T10:00:00Z',
  updatedAt: '2025-02-02T10:00:00Z',
  firstResponseAt: null,
  resolvedAt: null,
  assignee: null,
});

const staff = (id: string, name: string) => ({
  __typename: 'User',
  id,
  email: `${id}@example.com`,
  role: 'MANAGER',
  member: { __typename: 'Member', id: `M${id}`, displayName: name },
});

const profile = {
  __typename: 'Customer',
  id: 'C1',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  kind: 'PERSON',
  name: '王小明',
  email: 'wang@example.com',
  phone: '+86 21 5555 0000',
  address: null,
  region: '上海',
  legalRepresentative: null,
  foundedOn: null,
  occupation: 'Engineer',
  interests: ['tea'],
  industry: null,
  companySize: null,
  serviceArea: null,
  salesCapacity: null,
  growthPotential: null,
  businessStatus: 'Active',
  paymentBehaviour: null,
  openIssues: null,
  tags: ['vip'],
  customFields: null,
  creditRating: 'A',
  riskLevel: 'WATCH',
  valueTier: 'MVC',
  blacklisted: false,
  owner: staff('9', 'Lin 林'),
  team: [{ __typename: 'AccountTeamMember', id: 'T1', role: 'SPECIALIST', user: staff('10', 'Zhou 周') }],
};

const change = (id: string, field: string, oldValue: string | null, newValue: string | null, actorID: number | null) => ({
  __typename: 'FieldChange',
  id,
  field,
  oldValue,
  newValue,
  actorID,
  createdAt: '2025-03-01T08:00:00Z',
});

const customerPage = (history = [change('H1', 'region', '"北京"', '"上海"', 9), change('H2', 'tags', 'null', '["vip"]', null)]) => ({
  data: {
    node: {
      ...profile,
      orders: conn('Order', [order('O1', 123456, 'CNY'), order('O2', 1500, 'JPY')]),
      careRecords: conn('CareRecord', [
        {
          __typename: 'CareRecord',
          id: 'R1',
          kind: 'CALL',
          notes: 'Asked about the new tea.',
          occurredAt: '2025-01-15T09:00:00Z',
          followUpAt: null,
          followedUpAt: null,
          author: staff('9', 'Lin 林'),
        },
      ]),
      tickets: conn('Ticket', [ticket('K1', 'Late delivery')]),
      history: conn('FieldChange', history),
    },
  },
});

const users = { data: { nodes: [staff('9', 'Lin 林')] } };

describe('customer 360', () => {
  it('shows the profile, orders, care records, tickets and history to a marketer, without edit controls', async () => {
    renderAt('/customers/C1', { Me: { data: { me: staffUser } }, CustomerPage: customerPage(), UsersById: users });
    expect(await screen.findByRole('heading', { level: 1, name: '王小明' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Basic data' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Characteristics' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Business and transactions' })).toBeTruthy();
    const account = screen.getByRole('region', { name: 'Risk, value and account team' });
    expect(account.textContent).toContain('Watch');
    expect(account.textContent).toContain('Most valuable (MVC)');
    expect(account.textContent).toContain('Lin 林');
    expect(account.textContent).toContain('Zhou 周 (Specialist)');

    const orders = screen.getByRole('region', { name: 'Orders' });
    const amounts = within(orders).getAllByTestId('order-amount').map((c) => c.textContent);
    expect(amounts).toEqual(['CN¥1,234.56', '¥1,500']);
    const tickets = screen.getByRole('region', { name: 'Tickets' });
    expect(within(tickets).getByText('Late delivery')).toBeTruthy();
    expect(within(tickets).getByText('Open')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Care records' }).textContent).toContain('Asked about the new tea.');

    const history = screen.getByRole('list', { name: 'Changes, newest first' });
    const items = within(history).getAllByRole('listitem');
    expect(items[0].textContent).toContain('Region');
    expect(items[0].querySelector('.history-old')?.textContent).toBe('北京');
    expect(items[0].querySelector('.history-new')?.textContent).toBe('上海');
    await waitFor(() => expect(items[0].textContent).toContain('Lin 林'));
    expect(items[1].querySelector('.history-old')?.textContent).toBe('—');
    expect(items[1].querySelector('.history-new')?.textContent).toBe('vip');
    expect(items[1].textContent).toContain('System');

    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull();
    expect(screen.queryByText('Log a care record')).toBeNull();
    expect(screen.queryByText('Open a ticket')).toBeNull();
    expect(screen.getByText(/managers and administrators can change it/)).toBeTruthy();
  });

  it('shows a server rejection under the field it names', async () => {
    const { calls } = renderAt('/customers/C1', {
      Me: { data: { me: managerUser } },
      CustomerPage: customerPage(),
      UsersById: users,
      UpdateCustomer: { errors: [{ message: 'not a valid e-mail address', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } }] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'wang@invalid' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const errId = email.getAttribute('aria-describedby')!.split(' ')[0];
    expect(document.getElementById(errId)?.textContent).toBe('not a valid e-mail address');
    expect(screen.getByRole('alert').textContent).toContain('Please check “Email”.');
    const sent = calls.find((c) => c.name === 'UpdateCustomer');
    expect(sent?.variables).toEqual({ id: 'C1', input: { email: 'wang@invalid' } });
  });

  it('says clearly when a manager may not change the customer', async () => {
    renderAt('/customers/C1', {
      Me: { data: { me: managerUser } },
      CustomerPage: customerPage(),
      UsersById: users,
      UpdateCustomer: { errors: [{ message: 'you may not change this customer', extensions: { code: 'FORBIDDEN' } }] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: '杭州' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You may not change this customer');
  });

  it('saves only what changed and shows the new history entry', async () => {
    let saved = false;
    const { calls } = renderAt('/customers/C1', {
      Me: { data: { me: managerUser } },
      CustomerPage: () => (saved ? customerPage([change('H3', 'region', '"上海"', '"杭州"', 9)]) : customerPage([])),
      UsersById: users,
      UpdateCustomer: () => {
        saved = true;
        return { data: { updateCustomer: { ...profile, region: '杭州' } } };
      },
    });
    expect(await screen.findByText('No changes recorded yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit profile' }));
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: '杭州' } });
    fireEvent.change(screen.getByLabelText('Tags'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Profile saved.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'UpdateCustomer')?.variables).toEqual({ id: 'C1', input: { region: '杭州', clearTags: true } });
    const history = await screen.findByRole('list', { name: 'Changes, newest first' });
    expect(history.querySelector('.history-new')?.textContent).toBe('杭州');
  });

  it('validates the name before sending', async () => {
    const { calls } = renderAt('/customers/C1', { Me: { data: { me: managerUser } }, CustomerPage: customerPage(), UsersById: users });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The name must not be empty.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'UpdateCustomer')).toBe(false);
  });

  it('renders in Chinese', async () => {
    renderAt('/customers/C1', { Me: { data: { me: staffUser } }, CustomerPage: customerPage(), UsersById: users }, 'zh-Hans');
    expect(await screen.findByRole('region', { name: '基本资料' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '变更记录' })).toBeTruthy();
    expect(screen.getAllByTestId('order-amount')[0].textContent).toBe('¥1,234.56');
  });

  it('is not for members', async () => {
    renderAt('/customers/C1', { Me: { data: { me: memberUser } }, MyNotifications: noNotifications });
    expect(await screen.findByText('Only staff can see customer files.')).toBeTruthy();
  });

  it('builds a minimal update', () => {
    const before = profileValues(profile as never);
    expect(profileInput(before, { ...before })).toEqual({});
    expect(profileInput(before, { ...before, phone: ' ', interests: 'tea， coffee', foundedOn: '2020-02-03' })).toEqual({
      clearPhone: true,
      interests: ['tea', 'coffee'],
      foundedOn: '2020-02-03T00:00:00Z',
    });
  });
});

const myAccount = (tickets: unknown[], verified = false) => ({
  data: {
    me: {
      __typename: 'User',
      id: 'U2',
      email: 'mei@example.com',
      emailVerifiedAt: verified ? '2025-01-01T00:00:00Z' : null,
      customer: {
        __typename: 'Customer',
        id: 'C2',
        name: 'Mei',
        orders: conn('Order', [order('O9', 9990, 'CNY'), order('O8', 2500, 'USD')]),
        tickets: conn('Ticket', tickets),
      },
    },
  },
});

describe('my account', () => {
  it('lists orders in their currencies and tickets with their status', async () => {
    renderAt('/me', { Me: { data: { me: memberUser } }, MyNotifications: noNotifications, MyAccount: myAccount([ticket('K1', 'Broken lid', 'IN_PROGRESS')], true) });
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeTruthy();
    expect((await screen.findAllByTestId('order-amount')).map((c) => c.textContent)).toEqual(['CN¥99.90', '$25.00']);
    expect(screen.getByTestId('orders-total').textContent).toBe('CN¥99.90$25.00');
    const tickets = screen.getByRole('region', { name: 'My tickets' });
    expect(within(tickets).getByText('Broken lid')).toBeTruthy();
    expect(within(tickets).getByText('In progress')).toBeTruthy();
    expect(screen.queryByTestId('verify-notice')).toBeNull();
  });

  it('files a complaint and shows it', async () => {
    let filed = false;
    const { calls } = renderAt('/me', {
      Me: { data: { me: memberUser } },
      MyNotifications: noNotifications,
      MyAccount: () => myAccount(filed ? [ticket('K2', 'Wrong size')] : [], true),
      CreateMyTicket: () => {
        filed = true;
        return { data: { createMyTicket: ticket('K2', 'Wrong size') } };
      },
    });
    expect(await screen.findByText('You have not filed any tickets.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send complaint' }));
    expect(await screen.findByText('Please give your complaint a subject.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Wrong size' } });
    fireEvent.change(screen.getByLabelText('What happened?'), { target: { value: 'Too small' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send complaint' }));
    expect(await screen.findByText('Thank you. Your ticket “Wrong size” was filed.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'CreateMyTicket')?.variables).toEqual({ input: { title: 'Wrong size', description: 'Too small' } });
    const tickets = screen.getByRole('region', { name: 'My tickets' });
    await waitFor(() => expect(within(tickets).getByText('Open')).toBeTruthy());
  });

  it('asks to verify the address and resends the link, in Chinese', async () => {
    const { calls } = renderAt(
      '/me',
      {
        Me: { data: { me: memberUser } },
        MyNotifications: noNotifications,
        MyAccount: myAccount([]),
        RequestEmailVerification: { data: { requestEmailVerification: true } },
      },
      'zh-Hans',
    );
    const notice = await screen.findByTestId('verify-notice');
    expect(notice.textContent).toContain('mei@example.com 尚未验证');
    fireEvent.click(within(notice).getByRole('button', { name: '重新发送验证邮件' }));
    expect(await within(notice).findByText('新的验证链接已发送到 mei@example.com。')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'RequestEmailVerification')).toHaveLength(1);
  });
});

describe('account links', () => {
  it('verifies the address from the mailed link', async () => {
    const { calls } = renderAt('/verify-email?token=abc', {
      Me: { data: { me: null } },
      VerifyEmail: { data: { verifyEmail: { __typename: 'User', id: 'U2', emailVerifiedAt: '2025-01-01T00:00:00Z' } } },
    });
    expect(await screen.findByText('Thank you, your email address is verified.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'VerifyEmail').map((c) => c.variables)).toEqual([{ token: 'abc' }]);
  });

  it('explains an expired reset link and checks the two passwords', async () => {
    renderAt('/reset-password?token=old', {
      Me: { data: { me: null } },
      ResetPassword: { errors: [{ message: 'the link has expired', extensions: { code: 'BAD_USER_INPUT', field: 'token' } }] },
    });
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'a-long-password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'another-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a-long-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This link is not valid any more');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeTruthy();
  });

  it('links from log in to the reset request', async () => {
    const { calls } = renderAt('/login', { Me: { data: { me: null } }, RequestPasswordReset: { data: { requestPasswordReset: true } } });
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'mei@example.com' } });
    fireEvent.click(screen.getByRole('link', { name: 'Forgot password?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('mei@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
    expect(await screen.findByText(/a link to reset its password is on its way/)).toBeTruthy();
    expect(calls.find((c) => c.name === 'RequestPasswordReset')?.variables).toEqual({ email: 'mei@example.com' });
  });
});
