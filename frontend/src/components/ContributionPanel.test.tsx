import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, Providers, staffUser, type MockCall } from '../test/mockClient';

const me = { Me: { data: { me: staffUser } } };
import { ContributionPanel, windowFor } from './ContributionPanel';
import { CancelOrderButton } from './OrderCancel';

const period = (start: string, revenue: number, cost: number, orders: number) => ({
  start,
  end: start,
  revenue,
  costToServe: cost,
  contribution: revenue - cost,
  orders,
});

describe('windowFor', () => {
  it('ends at the start of next month and spans whole periods', () => {
    const now = new Date(2026, 2, 15); // 15 March 2026, local time
    const m = windowFor('MONTH', now);
    expect(new Date(m.to).getTime()).toBe(new Date(2026, 3, 1).getTime());
    expect(new Date(m.from).getTime()).toBe(new Date(2025, 3, 1).getTime());
    expect(new Date(windowFor('YEAR', now).from).getTime()).toBe(new Date(2021, 3, 1).getTime());
  });
});

describe('ContributionPanel', () => {
  it('shows the total, a bar per period (losses below the line) and asks again per unit', async () => {
    const calls: MockCall[] = [];
    const client = mockClient(
      {
        ...me,
        ContributionReport: {
          data: {
            node: {
              __typename: 'Customer',
              id: 'C1',
              contributionReport: {
                currency: 'CNY',
                total: { revenue: 30000, costToServe: 12000, contribution: 18000, orders: 3 },
                periods: [period('2026-01-01T00:00:00Z', 20000, 2000, 2), period('2026-02-01T00:00:00Z', 10000, 10000, 1), period('2026-03-01T00:00:00Z', 0, 500, 0)],
              },
            },
          },
        },
      },
      calls,
    );
    render(
      <Providers client={client}>
        <ContributionPanel customerId="C1" now={new Date(2026, 2, 15)} />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('contribution-total').textContent).toContain('180.00'));
    const bars = screen.getAllByTestId('contribution-bar');
    expect(bars).toHaveLength(3);
    // The loss month fills its lower half, the best month its upper half fully.
    const spans = (i: number) => bars[i].querySelectorAll('span');
    expect((spans(0)[0] as HTMLElement).style.height).toBe('100%');
    expect((spans(2)[1] as HTMLElement).style.height).toBe('3%');
    // The loss is in red in the table too.
    expect(document.querySelector('td.negative')?.textContent).toMatch(/-.*5\.00/);

    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'QUARTER' } });
    await waitFor(() => expect(calls.filter((c) => c.name === 'ContributionReport').at(-1)?.variables).toMatchObject({ period: 'QUARTER' }));
  });
});

describe('CancelOrderButton', () => {
  it('asks for a reason, sends it, and reports back', async () => {
    const calls: MockCall[] = [];
    let done = 0;
    const client = mockClient({ ...me, CancelOrder: { data: { cancelOrder: { __typename: 'Order', id: 'O9', kind: 'CANCELLATION' } } } }, calls);
    render(
      <Providers client={client}>
        <CancelOrderButton orderId="O1" onDone={() => done++} />
      </Providers>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    fireEvent.change(screen.getByLabelText('Reason (optional)'), { target: { value: ' damaged ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record cancellation' }));
    await waitFor(() => expect(done).toBe(1));
    expect(calls.find((c) => c.name === 'CancelOrder')?.variables).toEqual({ id: 'O1', note: 'damaged' });
  });

  it('shows the server refusal and stays open', async () => {
    const client = mockClient({ ...me, CancelOrder: { errors: [{ message: 'this order is already cancelled', extensions: { code: 'CONFLICT', field: 'id' } }] } });
    render(
      <Providers client={client}>
        <CancelOrderButton orderId="O1" onDone={() => {}} />
      </Providers>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    fireEvent.click(screen.getByRole('button', { name: 'Record cancellation' }));
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Record cancellation' })).toBeTruthy();
  });
});
