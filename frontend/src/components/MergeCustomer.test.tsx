import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import { MergeCustomer } from './MergeCustomer';

function renderMerge(answers: Record<string, Answer>) {
  window.history.replaceState(null, '', '/customers/C2');
  const calls: MockCall[] = [];
  render(
    <Providers client={mockClient({ Me: { data: { me: { ...staffUser, role: 'MANAGER' } } }, ...answers }, calls)}>
      <MergeCustomer customerId="C2" customerName="Ann L." />
    </Providers>,
  );
  return calls;
}

const candidates = {
  data: {
    customers: {
      __typename: 'CustomerConnection',
      edges: [
        { __typename: 'CustomerEdge', node: { __typename: 'Customer', id: 'C1', name: 'Ann', email: 'ann@example.com', region: 'East' } },
        { __typename: 'CustomerEdge', node: { __typename: 'Customer', id: 'C2', name: 'Ann L.', email: null, region: null } },
      ],
    },
  },
};

describe('MergeCustomer', () => {
  it('finds the customer to keep, confirms, merges this one into it and opens it', async () => {
    const calls = renderMerge({ MergeCandidates: candidates, MergeCustomers: { data: { mergeCustomers: { __typename: 'Customer', id: 'C1', name: 'Ann' } } } });
    fireEvent.click(await screen.findByRole('button', { name: 'Merge into…' }));
    fireEvent.change(screen.getByLabelText('Find the customer to keep'), { target: { value: 'ann' } });
    // The customer itself is not offered.
    const pick = await screen.findByRole('button', { name: /Ann · ann@example.com/ });
    expect(screen.queryByRole('button', { name: /^Ann L\./ })).toBeNull();
    fireEvent.click(pick);
    expect(screen.getByText(/Merge “Ann L\.” into “Ann”\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(window.location.pathname).toBe('/customers/C1'));
    expect(calls.find((c) => c.name === 'MergeCustomers')?.variables).toEqual({ keepId: 'C1', mergeId: 'C2' });
  });

  it('shows a refusal', async () => {
    renderMerge({ MergeCandidates: candidates, MergeCustomers: { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Merge into…' }));
    fireEvent.change(screen.getByLabelText('Find the customer to keep'), { target: { value: 'ann' } });
    fireEvent.click(await screen.findByRole('button', { name: /Ann · ann@example.com/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(window.location.pathname).toBe('/customers/C2');
  });
});
