import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Routes } from '../App';
import { KeyAccountPanel, leadsAccount, lowerLevels } from '../components/KeyAccountPanel';
import { Layout } from '../components/Layout';
import { viewTerm, viewWhere } from '../components/SavedViews';
import { accountDefaults } from '../test/accountMocks';
import { LiveFeeds, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import type { AccountAlertFieldsFragment } from '../gql/graphql';
import { mergeAlert } from './MyAccountsPage';

function renderAt(path: string, answers: Record<string, Answer>, locale: 'en' | 'zh-Hans' = 'en') {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const live = new LiveFeeds();
  const client = mockClient({ ...accountDefaults, ...answers }, calls, live);
  const utils = render(
    <Providers client={client} locale={locale}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls, live };
}

const manager = { ...staffUser, id: 'U7', email: 'boss@example.com', role: 'MANAGER' };
const conn = (typename: string, nodes: unknown[]) => ({
  __typename: `${typename}Connection`,
  totalCount: nodes.length,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
});
const staff = (id: string, email: string) => ({ __typename: 'User', id, email, role: 'MANAGER', member: null });
const account = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Customer',
  id,
  name,
  region: '華東',
  keyAccount: true,
  accountScope: 'NATIONAL',
  cooperationLevel: null,
  lifecycleStage: 'MATURE',
  riskLevel: 'NORMAL',
  riskReason: null,
  valueTier: 'MGC',
  blacklisted: false,
  ownerSince: null,
  owner: staff('U7', 'boss@example.com'),
  ...extra,
});
const alert = (id: string, kind: string, customer: { id: string; name: string }, riskLevel: string | null, reason: string) => ({
  __typename: 'AccountAlert',
  id,
  kind,
  riskLevel,
  reason,
  createdAt: '2026-03-01T08:00:00Z',
  customer: { __typename: 'Customer', ...customer },
});

describe('my accounts', () => {
  it('lists the accounts and shows alerts as they arrive', async () => {
    const { live } = renderAt('/accounts', {
      Me: { data: { me: manager } },
      MyAccounts: {
        data: {
          myAccounts: conn('Customer', [account('C1', 'Acme 華信')]),
          recentAccountAlerts: conn('AccountAlert', [alert('A1', 'SLA_BREACH', { id: 'C1', name: 'Acme 華信' }, null, 'first response overdue: down')]),
        },
      },
    });
    expect((await screen.findAllByRole('link', { name: 'Acme 華信' })).length).toBe(2); // the table and the alert
    const list = await screen.findByTestId('account-alerts');
    expect(within(list).getByText('SLA breached')).toBeTruthy();
    act(() => live.push('AccountAlerts', { accountAlerts: alert('A2', 'RISK_RAISED', { id: 'C1', name: 'Acme 華信' }, 'WATCH', '4 tickets open') }));
    await waitFor(() => expect(within(list).getByText('Risk raised to Watch')).toBeTruthy());
    expect(within(list).getAllByRole('listitem')[0].textContent).toContain('4 tickets open');
  });

  it('keeps each alert once, newest first', () => {
    const a = alert('A1', 'SLA_BREACH', { id: 'C1', name: 'x' }, null, '') as AccountAlertFieldsFragment;
    const b = alert('A2', 'SLA_BREACH', { id: 'C1', name: 'x' }, null, '') as AccountAlertFieldsFragment;
    expect(mergeAlert(mergeAlert([a], b), b).map((x) => x.id)).toEqual(['A2', 'A1']);
  });
});

describe('customer pool', () => {
  const pool = {
    data: {
      customerPool: conn('Customer', [
        { __typename: 'Customer', id: 'C5', name: 'Pool Ltd', region: '', valueTier: 'ORDINARY', riskLevel: 'NORMAL', pooledAt: null },
      ]),
    },
  };
  it('lets a manager claim, and says so when someone else was first', async () => {
    const { calls } = renderAt('/pool', {
      Me: { data: { me: manager } },
      CustomerPool: pool,
      ClaimCustomer: { errors: [{ message: 'this account already has an owner', extensions: { code: 'CONFLICT' } }] },
    });
    fireEvent.click(await screen.findByRole('button', { name: /Claim/ }));
    expect(await screen.findByText('Someone else claimed Pool Ltd first.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'ClaimCustomer')?.variables).toEqual({ id: 'C5' });
    expect(screen.queryByTestId('pool-row')).toBeNull();
  });
  it('shows no claim buttons to a marketer', async () => {
    renderAt('/pool', { Me: { data: { me: staffUser } }, CustomerPool: pool });
    expect(await screen.findByText('Pool Ltd')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Claim/ })).toBeNull();
  });
});

describe('key-account panel', () => {
  const panel = (me: unknown, extra: Record<string, unknown>, answers: Record<string, Answer> = {}) => {
    const calls: MockCall[] = [];
    const client = mockClient(
      {
        Me: { data: { me } },
        KeyAccount: {
          data: {
            node: { ...account('C1', 'Acme', extra), team: [], tickets: conn('Ticket', [
              { __typename: 'Ticket', id: 'T1', title: 'Down', priority: 'URGENT', status: 'OPEN', slaFirstResponseDueAt: null, slaResolutionDueAt: '2026-03-01T16:00:00Z', slaBreached: true },
            ]) },
          },
        },
        TeamCandidates: { data: { accountTeamCandidates: [staff('U7', 'boss@example.com'), staff('U8', 'spec@example.com')] } },
        ...answers,
      },
      calls,
    );
    render(
      <Providers client={client}>
        <KeyAccountPanel customerId="C1" canWrite />
      </Providers>,
    );
    return calls;
  };

  it('lets the owner lower the risk level with a reason, and shows SLA badges', async () => {
    const calls = panel(manager, { riskLevel: 'DOUBTFUL', riskReason: '1 urgent ticket(s) open' }, {
      LowerRiskLevel: { data: { lowerRiskLevel: account('C1', 'Acme', { riskLevel: 'WATCH' }) } },
    });
    expect(await screen.findByText('SLA breached')).toBeTruthy();
    expect(screen.getByText(/1 urgent ticket/)).toBeTruthy();
    const form = await screen.findByRole('form', { name: 'Lower risk level' }); // once the viewer is known
    const submit = within(form).getByRole('button', { name: 'Lower risk level' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // a reason is required
    fireEvent.change(within(form).getByLabelText('Lower to'), { target: { value: 'WATCH' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'paid everything' } });
    fireEvent.click(submit);
    await screen.findByText('Risk level lowered.');
    expect(calls.find((c) => c.name === 'LowerRiskLevel')?.variables).toEqual({ customerId: 'C1', level: 'WATCH', reason: 'paid everything' });
  });

  it('lets the owner add a staff user to the team', async () => {
    const calls = panel(manager, {}, { SetAccountTeamMember: { data: { setAccountTeamMember: { __typename: 'AccountTeamMember', id: 'TM1', role: 'ASSISTANT' } } } });
    const form = await screen.findByRole('form', { name: 'Add or change' });
    await within(form).findByRole('option', { name: 'spec@example.com' });
    fireEvent.change(within(form).getByLabelText('Staff user'), { target: { value: 'U8' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'ASSISTANT' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add or change' }));
    await waitFor(() => expect(calls.find((c) => c.name === 'SetAccountTeamMember')?.variables).toEqual({ customerId: 'C1', userId: 'U8', role: 'ASSISTANT' }));
  });

  it('shows no risk or team controls to a marketer', async () => {
    panel(staffUser, { riskLevel: 'DOUBTFUL' });
    expect(await screen.findByTestId('risk-level')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Lower risk level' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add or change' })).toBeNull();
  });

  it('knows who leads an account and which levels are lower', () => {
    const v = { ...manager, __typename: 'User' } as Parameters<typeof leadsAccount>[0];
    expect(leadsAccount(v, { owner: null, team: [{ __typename: 'AccountTeamMember', id: 'X', role: 'MANAGER', user: staff('U7', '') }] } as never)).toBe(true);
    expect(leadsAccount(v, { owner: null, team: [{ __typename: 'AccountTeamMember', id: 'X', role: 'SPECIALIST', user: staff('U7', '') }] } as never)).toBe(false);
    expect(lowerLevels('DOUBTFUL')).toEqual(['NORMAL', 'WATCH']);
    expect(lowerLevels('NORMAL')).toEqual([]);
  });
});

describe('saved views', () => {
  it('stores the filter as the list queries it and gives it back', () => {
    expect(viewTerm(viewWhere('華信'))).toBe('華信');
    expect(viewWhere('  ')).toBeNull();
    expect(viewTerm({ region: 'x' })).toBe('');
  });
});
