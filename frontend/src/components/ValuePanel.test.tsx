import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, Providers, staffUser, type MockCall } from '../test/mockClient';
import { ValuePanel } from './ValuePanel';

const value = (over: Record<string, unknown>) => ({
  data: {
    node: {
      __typename: 'Customer',
      id: 'C1',
      contributionReport: { __typename: 'ContributionReport', currency: 'CNY' },
      valueTier: 'MVC',
      contribution: 450000,
      monetary: 600000,
      orderCount: 3,
      paretoPercentile: 100,
      paretoTop20: true,
      lastOrderAt: '2026-05-22T00:00:00Z',
      expectedNextOrderAt: '2026-05-25T00:00:00Z',
      dueStatus: 'OVERDUE',
      rfm: { __typename: 'RFM', recency: 4, frequency: 4, monetary: 5, segment: 'CHAMPIONS' },
      boughtCategories: ['cups', 'tea'],
      crossSell: [{ __typename: 'CrossSellSuggestion', category: 'cakes', customers: 2, share: 0.5 }],
      ...over,
    },
  },
});

function renderPanel(answer: ReturnType<typeof value>) {
  const calls: MockCall[] = [];
  const client = mockClient({ Me: { data: { me: staffUser } }, CustomerValue: answer }, calls);
  render(
    <Providers client={client}>
      <ValuePanel customerId="C1" />
    </Providers>,
  );
  return calls;
}

describe('ValuePanel', () => {
  it('shows the scores, a top 20 % badge, the overdue order and cross-sell', async () => {
    renderPanel(value({}));
    expect((await screen.findByTestId('pareto-badge')).textContent).toContain('Top 20 %');
    expect(screen.getByTestId('rfm').textContent).toContain('Recency 4 · Frequency 4 · Monetary 5');
    expect(screen.getByText('Champions')).toBeTruthy();
    expect(screen.getByTestId('due-badge').textContent).toContain('Overdue');
    expect(screen.getByTestId('cross-sell').textContent).toContain('cakes');
    const bought = screen.getByTestId('bought-categories');
    expect(Array.from(bought.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['cups', 'tea']);
    expect(screen.getByText(/4,500\.00/)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Recompute scores' })).toBeTruthy();
  });

  it('says when a customer is unscored and not in the top 20 %', async () => {
    renderPanel(value({ rfm: null, paretoPercentile: 40, paretoTop20: false, dueStatus: null, crossSell: [], boughtCategories: [] }));
    expect((await screen.findByTestId('pareto-badge')).textContent).toContain('Not in the top 20 %');
    expect(screen.getByText('No sale in the scoring window: no RFM scores yet.')).toBeTruthy();
    expect(screen.queryByTestId('due-badge')).toBeNull();
    expect(screen.getByText('No suggestions.')).toBeTruthy();
    expect(screen.queryByTestId('bought-categories')).toBeNull();
    expect(screen.getByText('No sale with a category yet.')).toBeTruthy();
  });
});
