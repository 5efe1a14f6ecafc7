import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { memberUser, mockClient, Providers, type Answer, type MockCall } from '../test/mockClient';
import { toMinor } from '../money';
import { MyInvoices, ReceivablesPanel } from './Receivables';

const invoice = (id: string, number: string, over: Partial<Record<string, unknown>> = {}) => ({
  __typename: 'Invoice',
  id,
  number,
  amount: 100000,
  currency: 'CNY',
  paidAmount: 0,
  openAmount: 100000,
  overdue: false,
  status: 'OPEN',
  issuedAt: '2025-01-01T00:00:00Z',
  dueAt: '2025-02-01T00:00:00Z',
  note: null,
  voidReason: null,
  ...over,
});

const summary = { __typename: 'Receivables', currency: 'CNY', open: 160000, overdue: 60000, openInvoices: 2, overdueInvoices: 1 };

const receivables = (invoices: unknown[]) => ({
  data: {
    node: {
      __typename: 'Customer',
      id: 'C1',
      receivables: summary,
      invoices: { __typename: 'InvoiceConnection', totalCount: invoices.length, edges: invoices.map((node) => ({ __typename: 'InvoiceEdge', node })) },
    },
  },
});

function renderPanel(answers: Record<string, Answer>, canWrite = true) {
  const calls: MockCall[] = [];
  render(
    <Providers client={mockClient({ Me: { data: { me: null } }, ...answers }, calls)}>
      <ReceivablesPanel customerId="C1" canWrite={canWrite} />
    </Providers>,
  );
  return calls;
}

describe('ReceivablesPanel', () => {
  const late = invoice('I1', 'INV-1', { status: 'PARTIALLY_PAID', paidAmount: 40000, openAmount: 60000, overdue: true });
  const fresh = invoice('I2', 'INV-2');
  const paid = invoice('I3', 'INV-3', { status: 'PAID', paidAmount: 100000, openAmount: 0 });

  it('shows open and overdue amounts and each invoice with its status', async () => {
    renderPanel({ CustomerReceivables: receivables([late, fresh, paid]) }, false);
    const sum = await screen.findByTestId('receivables-summary');
    expect(sum.textContent).toContain('1,600.00');
    expect(screen.getByTestId('receivables-overdue').textContent).toContain('600.00');
    const row = screen.getByTestId('invoice-INV-1');
    expect(row.textContent).toContain('Partly paid');
    expect(row.textContent).toContain('overdue');
    expect(within(row).getByTestId('invoice-open').textContent).toContain('600.00');
    expect(screen.getByTestId('invoice-INV-3').textContent).toContain('Paid');
    // Read-only: no forms, no actions.
    expect(screen.queryByText('Create an invoice')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record payment' })).toBeNull();
  });

  it('records a payment in minor units and refuses more than is open before asking the server', async () => {
    const calls = renderPanel({
      CustomerReceivables: receivables([late, fresh]),
      RecordPayment: (vars) => ({ data: { recordPayment: { __typename: 'Payment', id: 'P1', amount: (vars as { input: { amount: number } }).input.amount, invoice: { ...late, status: 'PAID', openAmount: 0 } } } }),
    });
    const row = await screen.findByTestId('invoice-INV-1');
    expect(within(screen.getByTestId('invoice-INV-2')).getByRole('button', { name: 'Void' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Void' })).toBeNull(); // has payments
    fireEvent.click(within(row).getByRole('button', { name: 'Record payment' }));
    const form = screen.getByRole('form', { name: 'Payment for invoice INV-1' });
    fireEvent.change(within(form).getByLabelText('Amount (CNY)'), { target: { value: '600.01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    expect(await within(form).findByText('More than is open on this invoice.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'RecordPayment')).toBe(false);
    fireEvent.change(within(form).getByLabelText('Amount (CNY)'), { target: { value: '600' } });
    fireEvent.change(within(form).getByLabelText('Reference'), { target: { value: ' TX-9 ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Payment recorded for invoice INV-1.')).toBeTruthy();
    const pay = calls.find((c) => c.name === 'RecordPayment');
    expect(pay?.variables).toEqual({ input: { invoiceId: 'I1', amount: 60000, method: 'TRANSFER', reference: 'TX-9' } });
  });

  it('creates an invoice and shows a used number on its field', async () => {
    let n = 0;
    const calls = renderPanel({
      CustomerReceivables: receivables([]),
      CreateInvoice: (vars) =>
        n++ === 0
          ? { errors: [{ message: 'an invoice with this number exists', extensions: { code: 'CONFLICT', field: 'number' } }] }
          : { data: { createInvoice: invoice('I9', (vars as { input: { number: string } }).input.number) } },
    });
    expect(await screen.findByText('No invoices yet.')).toBeTruthy();
    fireEvent.click(screen.getByText('Create an invoice'));
    const form = screen.getByRole('form', { name: 'Create an invoice' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create invoice' }));
    expect(await within(form).findByText('Give the invoice a number.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Invoice number'), { target: { value: 'INV-7' } });
    fireEvent.change(within(form).getByLabelText('Amount'), { target: { value: '1,234.5' } });
    fireEvent.change(within(form).getByLabelText('Due date'), { target: { value: '2030-06-30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create invoice' }));
    expect(await within(form).findByText('An invoice with this number exists.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Create invoice' }));
    expect(await screen.findByText('Invoice INV-7 created.')).toBeTruthy();
    const create = calls.filter((c) => c.name === 'CreateInvoice').at(-1);
    expect(create?.variables).toEqual({ input: { customerID: 'C1', number: 'INV-7', amount: 123450, currency: 'CNY', dueAt: '2030-06-30T23:59:59.000Z' } });
  });
});

describe('MyInvoices', () => {
  it("shows the member's own invoices and what is open", async () => {
    render(
      <Providers
        client={mockClient({
          Me: { data: { me: memberUser } },
          MyInvoices: {
            data: {
              me: {
                __typename: 'User',
                id: 'U2',
                customer: {
                  __typename: 'Customer',
                  id: 'C2',
                  receivables: summary,
                  invoices: { __typename: 'InvoiceConnection', totalCount: 1, edges: [{ __typename: 'InvoiceEdge', node: invoice('I5', 'MEI-1', { overdue: true }) }] },
                },
              },
            },
          },
        })}
        locale="zh-Hans"
      >
        <MyInvoices />
      </Providers>,
    );
    const region = await screen.findByRole('region', { name: '发票' });
    expect(within(region).getByTestId('invoice-MEI-1').textContent).toContain('已逾期');
    expect(within(region).queryByRole('button')).toBeNull();
  });
});

describe('toMinor', () => {
  it.each([
    ['12.34', 'CNY', 1234],
    ['1,000', 'USD', 100000],
    ['5', 'JPY', 5],
    ['0', 'CNY', null],
    ['1.234', 'CNY', null],
    ['-3', 'CNY', null],
    ['abc', 'CNY', null],
  ])('%s %s → %s', (text, cur, want) => {
    expect(toMinor(text, cur)).toBe(want);
  });
});

