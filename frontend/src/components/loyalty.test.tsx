import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { memberUser, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import type { LoyaltySettingsFieldsFragment } from '../gql/graphql';
import { RulesForm } from '../pages/LoyaltySettingsPage';
import { LoyaltyPanel, signedPoints } from './LoyaltyPanel';

function renderPanel(viewer: unknown, answers: Record<string, Answer>, staff = false, locale: 'en' | 'zh-Hans' = 'en') {
  const calls: MockCall[] = [];
  const client = mockClient({ Me: { data: { me: viewer } }, ...answers }, calls);
  render(
    <Providers client={client} locale={locale}>
      <LoyaltyPanel customerId="C1" staff={staff} />
    </Providers>,
  );
  return calls;
}

const order = (id: string, ext: string, kind = 'SALE') => ({
  __typename: 'Order',
  id,
  kind,
  externalID: ext,
  amount: kind === 'SALE' ? 123456 : -123456,
  currency: 'CNY',
  orderedAt: '2026-03-01T08:00:00Z',
});
const entry = (id: string, kind: string, points: number, balanceAfter: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'PointsEntry',
  id,
  createdAt: '2026-03-02T08:00:00Z',
  kind,
  points,
  balanceAfter,
  shortfall: 0,
  reason: '',
  activity: null,
  order: null,
  actor: null,
  ...extra,
});
const loyalty = (points: number, entries: unknown[], total = entries.length) => ({
  data: {
    node: {
      __typename: 'Customer',
      id: 'C1',
      loyaltyPoints: points,
      loyaltyLedger: { __typename: 'PointsEntryConnection', totalCount: total, edges: entries.map((node) => ({ __typename: 'PointsEntryEdge', node })) },
    },
  },
});

const ledger = loyalty(1036, [
  entry('E4', 'EARN_ACTIVITY', 0, 1036, { activity: 'COMMENT', reason: 'daily cap reached' }),
  entry('E3', 'EARN_ACTIVITY', 2, 1036, { activity: 'COMMENT' }),
  entry('E2', 'REDEEM', -200, 1034, { reason: 'Tea set', actor: { __typename: 'User', id: 'U7', email: 'boss@example.com', role: 'MANAGER', member: null } }),
  entry('E1', 'EARN_ORDER', 1234, 1234, { order: order('O1', 'W-1001') }),
]);

describe('loyalty points', () => {
  it('shows a member their balance and each entry with its cause', async () => {
    const calls = renderPanel(memberUser, { CustomerLoyalty: ledger });
    expect((await screen.findByTestId('points-balance')).textContent).toBe('1,036 points');
    const rows = screen.getAllByTestId('ledger-entry');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['EARN_ACTIVITY', 'EARN_ACTIVITY', 'REDEEM', 'EARN_ORDER']);
    expect(rows[3].textContent).toContain('Order W-1001 of');
    expect(rows[3].textContent).toContain('CN¥1,234.56');
    expect(rows[3].textContent).toContain('+1,234');
    expect(rows[2].textContent).toContain('Redeemed: Tea set');
    expect(rows[2].textContent).toContain('\u2212200');
    expect(rows[0].textContent).toContain('Comment (daily limit reached)');
    // Members get no forms and no "by" column.
    expect(screen.queryByRole('form', { name: 'Redeem points' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'By' })).toBeNull();
    expect(calls.find((c) => c.name === 'CustomerLoyalty')?.variables).toMatchObject({ id: 'C1', first: 20 });
  });

  it('says what a reversal could not take back, in Chinese', async () => {
    renderPanel(
      memberUser,
      { CustomerLoyalty: loyalty(0, [entry('E9', 'REVERSAL', -1034, 0, { shortfall: 200, reason: 'returned', order: order('O2', 'W-1001', 'CANCELLATION') })]) },
      false,
      'zh-Hans',
    );
    const row = await screen.findByTestId('ledger-entry');
    expect(row.textContent).toContain('订单 W-1001 已取消');
    expect(row.textContent).toContain('（其中 200 积分已被兑换）');
    expect(screen.getByTestId('points-balance').textContent).toBe('0 积分');
  });

  it('lets a manager redeem, shows too few points at the field, and refetches after success', async () => {
    let balance = 1036;
    const calls = renderPanel(
      { ...staffUser, id: 'U7', role: 'MANAGER' },
      {
        CustomerLoyalty: () => loyalty(balance, []),
        RedeemPoints: (v) =>
          (v as { points: number }).points > balance
            ? { errors: [{ message: 'not enough points', extensions: { code: 'CONFLICT' } }] }
            : ((balance -= (v as { points: number }).points), { data: { redeemPoints: { __typename: 'PointsEntry', id: 'E5', balanceAfter: balance } } }),
      },
      true,
    );
    const form = await screen.findByRole('form', { name: 'Redeem points' });
    expect(screen.queryByRole('form', { name: 'Adjust balance' })).toBeNull(); // admins only
    fireEvent.click(within(form).getByRole('button', { name: 'Redeem' }));
    expect(await within(form).findByText('Enter a whole number of points above zero.')).toBeTruthy();
    expect(within(form).getByText('Give a reason.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'RedeemPoints')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Points to redeem'), { target: { value: '5000' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Tea set' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Redeem' }));
    expect(await within(form).findByText('Not enough points: the balance is 1036.')).toBeTruthy();
    expect(within(form).getByLabelText('Points to redeem').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(form).getByLabelText('Points to redeem'), { target: { value: '200' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Redeem' }));
    expect(await within(form).findByText('Points redeemed.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'RedeemPoints').at(-1)?.variables).toEqual({ customerId: 'C1', points: 200, reason: 'Tea set' });
    await waitFor(() => expect(screen.getByTestId('points-balance').textContent).toBe('836 points'));
  });

  it('gives admins the adjust form as well; marketers neither', async () => {
    renderPanel({ ...staffUser, role: 'ADMIN' }, { CustomerLoyalty: loyalty(10, []) }, true);
    expect(await screen.findByRole('form', { name: 'Adjust balance' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Redeem points' })).toBeTruthy();
  });

  it('shows marketers the ledger without forms', async () => {
    renderPanel(staffUser, { CustomerLoyalty: ledger }, true);
    expect(await screen.findAllByTestId('ledger-entry')).toHaveLength(4);
    expect(screen.getByRole('columnheader', { name: 'By' })).toBeTruthy();
    expect(screen.getAllByText('boss@example.com')).toHaveLength(1);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('formats signed points', () => {
    expect(signedPoints(1234, 'en')).toBe('+1,234');
    expect(signedPoints(-5, 'en')).toBe('\u22125');
    expect(signedPoints(0, 'en')).toBe('0');
  });
});

describe('loyalty rules', () => {
  const rules: LoyaltySettingsFieldsFragment = {
    orderUnit: 100,
    orderPoints: 1,
    redeemMinimum: 100,
    activities: [{ activity: 'COMMENT', points: 2, dailyCap: 20 }],
  };
  function renderRules(canEdit: boolean, answers: Record<string, Answer> = {}) {
    const calls: MockCall[] = [];
    const client = mockClient({ Me: { data: { me: { ...staffUser, role: 'ADMIN' } } }, ...answers }, calls);
    render(
      <Providers client={client}>
        <RulesForm rules={rules} canEdit={canEdit} onSaved={() => {}} />
      </Providers>,
    );
    return calls;
  }

  it('lets an admin change the rules and sends every activity', async () => {
    const calls = renderRules(true, {
      UpdateLoyaltySettings: { data: { updateLoyaltySettings: { __typename: 'LoyaltySettings', ...rules, orderUnit: 1000 } } },
    });
    fireEvent.change(screen.getByLabelText(/^Spend per step/), { target: { value: '1000' } });
    fireEvent.change(screen.getByLabelText('Post: daily limit'), { target: { value: 'ten' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Enter a whole number (0 or more).')).toBeTruthy();
    expect(calls.some((c) => c.name === 'UpdateLoyaltySettings')).toBe(false);

    fireEvent.change(screen.getByLabelText('Post: daily limit'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Rules saved.')).toBeTruthy();
    const input = (calls.find((c) => c.name === 'UpdateLoyaltySettings')?.variables as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ orderUnit: 1000, orderPoints: 1, redeemMinimum: 100 });
    expect(input.activities).toContainEqual({ activity: 'POST', points: 0, dailyCap: 10 });
    expect(input.activities).toContainEqual({ activity: 'COMMENT', points: 2, dailyCap: 20 });
    expect((input.activities as unknown[]).length).toBe(6);
  });

  it('shows the server’s complaint', async () => {
    renderRules(true, {
      UpdateLoyaltySettings: { errors: [{ message: 'redeemMinimum must be between 1 and 1000000000', extensions: { code: 'BAD_USER_INPUT', field: 'redeemMinimum' } }] },
    });
    fireEvent.change(screen.getByLabelText('Fewest points per redemption'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('redeemMinimum must be between 1 and 1000000000')).toBeTruthy();
  });

  it('is read-only for other staff', () => {
    renderRules(false);
    expect(screen.queryByRole('button', { name: 'Save rules' })).toBeNull();
    expect(screen.getByText('Only administrators change these rules.')).toBeTruthy();
    expect(screen.getByLabelText('Points per step (0 turns order points off)').hasAttribute('readonly')).toBe(true);
  });
});
