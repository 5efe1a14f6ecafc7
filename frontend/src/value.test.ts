import { describe, expect, it } from 'vitest';
import { dueTone, paretoLabel } from './components/ValuePanel';
import { customersVariables } from './pages/CustomersPage';

describe('paretoLabel', () => {
  it('is top 20 % from a percentile of 80 up', () => {
    expect(paretoLabel(80)).toEqual({ top20: true, text: '80' });
    expect(paretoLabel(100)).toEqual({ top20: true, text: '100' });
    expect(paretoLabel(79.6)).toEqual({ top20: false, text: '80' });
    expect(paretoLabel(null)).toBeNull();
  });
});

describe('dueTone', () => {
  it('warns for due soon and alerts for overdue', () => {
    expect(dueTone('DUE_SOON')).toBe('warn');
    expect(dueTone('OVERDUE')).toBe('alert');
    expect(dueTone(null)).toBeNull();
  });
});

describe('customersVariables with value options', () => {
  const first = { dir: 'next' as const, cursor: null, index: 0 };
  it('sorts scores best first and the next order soonest first', () => {
    expect(customersVariables('', first, 20, { sort: 'MONETARY' })).toEqual({
      first: 20,
      after: null,
      where: undefined,
      orderBy: { field: 'MONETARY', direction: 'DESC' },
    });
    expect(customersVariables('', first, 20, { sort: 'EXPECTED_NEXT_ORDER_AT' }).orderBy).toEqual({ field: 'EXPECTED_NEXT_ORDER_AT', direction: 'ASC' });
    expect(customersVariables('', first, 20, { sort: 'NAME' })).not.toHaveProperty('orderBy');
  });
  it('combines the text filter with the value filter', () => {
    expect(customersVariables('', first, 20, { filter: 'top20' }).where).toEqual({ paretoPercentileGTE: 80 });
    expect(customersVariables('王', first, 20, { filter: 'OVERDUE' }).where).toEqual({
      and: [{ or: [{ nameContainsFold: '王' }, { emailContainsFold: '王' }] }, { dueStatus: 'OVERDUE' }],
    });
  });
});
