import { describe, expect, it } from 'vitest';
import { matchPath } from './router';
import { safeNext } from './pages/AuthPage';
import { parseTags } from './components/Composer';
import { customersVariables } from './pages/CustomersPage';

describe('matchPath', () => {
  it('matches static and parameter segments', () => {
    expect(matchPath('/boards', '/boards')).toEqual({});
    expect(matchPath('/boards', '/boards/')).toEqual({});
    expect(matchPath('/boards/:id', '/boards/QmFyZDox')).toEqual({ id: 'QmFyZDox' });
    expect(matchPath('/boards/:id', '/boards/a%2Fb')).toEqual({ id: 'a/b' });
    expect(matchPath('/boards/:id', '/boards')).toBeNull();
    expect(matchPath('/boards/:id', '/customers/1')).toBeNull();
  });
});

describe('safeNext', () => {
  it('follows only same-site paths', () => {
    expect(safeNext('?next=%2Fcustomers')).toBe('/customers');
    expect(safeNext('?next=https%3A%2F%2Fevil.example')).toBe('/boards');
    expect(safeNext('?next=%2F%2Fevil.example')).toBe('/boards');
    expect(safeNext('')).toBe('/boards');
  });
});

describe('parseTags', () => {
  it('splits on ASCII and full-width commas, trims and dedupes', () => {
    expect(parseTags(' go, React，#go ,, 社区、Go ')).toEqual(['go', 'React', '社区']);
  });
});

describe('customersVariables', () => {
  it('pages forward and backward and filters by name or email', () => {
    expect(customersVariables('', { dir: 'next', cursor: null, index: 0 }, 20)).toEqual({ first: 20, after: null, where: undefined });
    expect(customersVariables(' 王 ', { dir: 'prev', cursor: 'c1', index: 1 }, 20)).toEqual({
      last: 20,
      before: 'c1',
      where: { or: [{ nameContainsFold: '王' }, { emailContainsFold: '王' }] },
    });
  });

  it('adds the overdue-receivables filter at the top level', () => {
    expect(customersVariables('', { dir: 'next', cursor: null, index: 0 }, 20, { overdueOnly: true }).where).toEqual({ hasOverdueReceivables: true });
    expect(customersVariables('ann', { dir: 'next', cursor: null, index: 0 }, 20, { overdueOnly: true }).where).toEqual({
      or: [{ nameContainsFold: 'ann' }, { emailContainsFold: 'ann' }],
      hasOverdueReceivables: true,
    });
  });
});
