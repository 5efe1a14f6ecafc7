import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { isStaff, useAuth } from '../auth';
import { CustomFieldFilter } from '../components/CustomFields';
import { SavedViews } from '../components/SavedViews';
import { filterPredicate, useFieldDefinitions, type CustomFilter } from '../customFields';
import { Alert, ErrorMessage, PageHeading, Spinner, Tags } from '../components/ui';
import { errorView, serverError } from '../errors';
import type { CustomFieldPredicate, CustomerWhereInput, CustomersQuery as CustomersResult, CustomersQueryVariables, OrderDirection } from '../gql/graphql';
import { useI18n } from '../i18n';
import { CustomersQuery } from '../operations';
import { exportUrl } from '../importWizard';
import { Link, Redirect } from '../router';

export const CUSTOMERS_PAGE_SIZE = 20;

/** Which page to ask for: forward from a cursor, or back from one. */
export type Paging = { dir: 'next'; cursor: string | null; index: number } | { dir: 'prev'; cursor: string; index: number };

/** Sort keys of the list: by name, or by a value score. */
export const SORTS = ['NAME', 'MONETARY', 'CONTRIBUTION', 'PARETO_PERCENTILE', 'EXPECTED_NEXT_ORDER_AT'] as const;
export type SortKey = (typeof SORTS)[number];
/** Value filters of the list. */
export const VALUE_FILTERS = ['all', 'top20', 'DUE_SOON', 'OVERDUE'] as const;
export type ValueFilter = (typeof VALUE_FILTERS)[number];

/** The list's filters beside the search text. */
export type ListOptions = {
  custom?: CustomFieldPredicate | null;
  overdueOnly?: boolean;
  sort?: SortKey;
  filter?: ValueFilter;
};

export function customersVariables(
  q: string,
  paging: Paging,
  size = CUSTOMERS_PAGE_SIZE,
  opts: ListOptions = {},
): CustomersQueryVariables {
  const term = q.trim();
  const parts: CustomerWhereInput[] = [];
  if (term) parts.push({ or: [{ nameContainsFold: term }, { emailContainsFold: term }] });
  if (opts.filter === 'top20') parts.push({ paretoPercentileGTE: 80 });
  if (opts.filter === 'DUE_SOON' || opts.filter === 'OVERDUE') parts.push({ dueStatus: opts.filter });
  let where: CustomerWhereInput | undefined = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
  // Top-level fields combine with AND; the export honours these at the top.
  if (opts.custom) where = { ...where, customFields: [opts.custom] };
  if (opts.overdueOnly) where = { ...where, hasOverdueReceivables: true };
  const sort = opts.sort ?? 'NAME';
  const page = paging.dir === 'next' ? { first: size, after: paging.cursor, where } : { last: size, before: paging.cursor, where };
  if (sort === 'NAME') return page;
  // Scores read best first; the expected next order soonest first.
  const direction: OrderDirection = sort === 'EXPECTED_NEXT_ORDER_AT' ? 'ASC' : 'DESC';
  return { ...page, orderBy: { field: sort, direction } };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function CustomersPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/customers')}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('customers.title')}>{t('customers.title')}</PageHeading>
        <Alert>{t('customers.staffOnly')}</Alert>
      </div>
    );
  }
  return <CustomersTable />;
}

type Customer = NonNullable<NonNullable<NonNullable<CustomersResult['customers']['edges']>[number]>['node']>;

function CustomersTable() {
  const { t, tn, formatDate } = useI18n();
  const filterId = useId();
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const [paging, setPaging] = useState<Paging>({ dir: 'next', cursor: null, index: 0 });
  const fieldDefs = useFieldDefinitions();
  const [customFilter, setCustomFilter] = useState<CustomFilter | null>(null);
  const debouncedFilter = useDebounced(customFilter, 300);
  // Only a complete condition filters; a half-filled one leaves the list as it is.
  const custom = useMemo(() => filterPredicate(fieldDefs, debouncedFilter), [fieldDefs, debouncedFilter]);
  const customKey = JSON.stringify(custom);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<SortKey>('NAME');
  const [valueFilter, setValueFilter] = useState<ValueFilter>('all');
  const sortId = useId();
  const valueId = useId();

  // A new filter starts again from the first page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setPaging({ dir: 'next', cursor: null, index: 0 });
  }, [query, customKey, overdueOnly, sort, valueFilter]);

  const variables = useMemo(
    () => customersVariables(query, paging, CUSTOMERS_PAGE_SIZE, { custom, overdueOnly, sort, filter: valueFilter }),
    [query, paging, custom, overdueOnly, sort, valueFilter],
  );
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomersQuery, variables });

  // Keep showing the last page while the next one loads.
  const last = useRef<{ data: CustomersResult; index: number } | null>(null);
  if (data) last.current = { data, index: paging.index };
  const shown = data ?? last.current?.data;
  const shownIndex = data ? paging.index : last.current?.index ?? 0;

  const conn = shown?.customers;
  const rows: Customer[] = conn?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const total = conn?.totalCount ?? 0;
  const from = rows.length ? shownIndex * CUSTOMERS_PAGE_SIZE + 1 : 0;
  const to = from ? from + rows.length - 1 : 0;
  const busy = fetching;

  // After paging with the buttons below the table, show the new page's top.
  const tableRef = useRef<HTMLDivElement>(null);
  const scrollOnLoad = useRef(false);
  useEffect(() => {
    if (!data || !scrollOnLoad.current) return;
    scrollOnLoad.current = false;
    const top = tableRef.current?.getBoundingClientRect().top;
    if (top !== undefined && top < 0) tableRef.current?.scrollIntoView?.({ block: 'start' });
  }, [data]);

  const goNext = () => {
    if (!conn?.pageInfo.endCursor) return;
    scrollOnLoad.current = true;
    setPaging({ dir: 'next', cursor: conn.pageInfo.endCursor, index: shownIndex + 1 });
  };
  const goPrev = () => {
    if (!conn?.pageInfo.startCursor) return;
    scrollOnLoad.current = true;
    setPaging({ dir: 'prev', cursor: conn.pageInfo.startCursor, index: Math.max(0, shownIndex - 1) });
  };

  // ent reports hasNextPage only when paging forward; after stepping back
  // the page we came from is still there.
  const hasPrev = shownIndex > 0;
  const hasNext = paging.dir === 'next' ? !!conn?.pageInfo.hasNextPage : to < total;

  const cols = {
    name: t('customers.col.name'),
    kind: t('customers.col.kind'),
    email: t('customers.col.email'),
    phone: t('customers.col.phone'),
    region: t('customers.col.region'),
    tags: t('customers.col.tags'),
    createdAt: t('customers.col.createdAt'),
    tier: t('customers.col.tier'),
    segment: t('customers.col.segment'),
  };
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <PageHeading title={t('customers.title')}>{t('customers.title')}</PageHeading>
        {conn && (
          <p className="muted" data-testid="customer-total">
            {tn('customers.total', total)}
          </p>
        )}
      </header>

      <div role="search" className="toolbar">
        <label htmlFor={filterId}>{t('customers.filter')}</label>
        <div className="toolbar-row">
          <input
            id={filterId}
            className="input"
            type="search"
            value={q}
            placeholder={t('customers.filterPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          {q && (
            <button type="button" className="button button-quiet" onClick={() => setQ('')}>
              {t('customers.clear')}
            </button>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> {t('customers.overdueOnly')}
          </label>
          <a className="button" href={exportUrl(variables.where, { field: 'NAME', direction: 'ASC' })} download>
            {t('customers.export')}
          </a>
        </div>
        <CustomFieldFilter defs={fieldDefs} filter={customFilter} onChange={setCustomFilter} />
      </div>

      <div className="toolbar-row">
        <label htmlFor={sortId}>{t('customers.sort')}</label>
        <select id={sortId} className="input" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          {SORTS.map((k) => (
            <option key={k} value={k}>
              {t(`customers.sort.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor={valueId}>{t('customers.valueFilter')}</label>
        <select id={valueId} className="input" value={valueFilter} onChange={(e) => setValueFilter(e.target.value as ValueFilter)}>
          {VALUE_FILTERS.map((k) => (
            <option key={k} value={k}>
              {t(`customers.valueFilter.${k}`)}
            </option>
          ))}
        </select>
      </div>

      <SavedViews
        q={q}
        custom={filterPredicate(fieldDefs, customFilter)}
        onApply={(text, filter) => {
          setQ(text);
          setCustomFilter(filter);
        }}
      />

      {error && !data && <ErrorMessage error={errorView(serverError(error))} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!shown && fetching && <Spinner />}
      {conn && rows.length === 0 && !busy && <Alert tone="info">{t('customers.empty')}</Alert>}

      {rows.length > 0 && (
        <div className="table-wrap" ref={tableRef} aria-busy={busy || undefined}>
          <table className="table customers-table">
            <caption className="visually-hidden">{t('customers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{cols.name}</th>
                <th scope="col">{cols.kind}</th>
                <th scope="col">{cols.email}</th>
                <th scope="col">{cols.phone}</th>
                <th scope="col">{cols.region}</th>
                <th scope="col">{cols.tags}</th>
                <th scope="col">{cols.createdAt}</th>
                <th scope="col">{cols.tier}</th>
                <th scope="col">{cols.segment}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label={cols.name} className="cell-name">
                    <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </th>
                  <td data-label={cols.kind} className="cell-nowrap">{t(`customers.kind.${c.kind}`)}</td>
                  <td data-label={cols.email} className="cell-nowrap">
                    {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : none}
                  </td>
                  <td data-label={cols.phone} className="cell-nowrap">
                    {c.phone ? <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a> : none}
                  </td>
                  <td data-label={cols.region}>{c.region || none}</td>
                  <td data-label={cols.tags}>{c.tags?.length ? <Tags tags={c.tags} label={cols.tags} /> : none}</td>
                  <td data-label={cols.createdAt} className="cell-nowrap">
                    <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                  </td>
                  <td data-label={cols.tier} className="cell-nowrap">
                    {t(`customer.tier.${c.valueTier}`)}
                    {c.paretoTop20 && <span className="badge badge-top20"> {t('value.top20')}</span>}
                  </td>
                  <td data-label={cols.segment} className="cell-nowrap">
                    {c.rfm ? t(`value.segment.${c.rfm.segment}`) : none}
                    {c.dueStatus && <span className={`badge badge-${c.dueStatus === 'OVERDUE' ? 'alert' : 'warn'}`}> {t(`value.due.${c.dueStatus}`)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {conn && (rows.length > 0 || hasPrev) && (
        <nav className="pager" aria-label={t('customers.paging')}>
          <button type="button" className="button" onClick={goPrev} disabled={!hasPrev || busy}>
            <span aria-hidden="true">← </span>
            {t('customers.previous')}
          </button>
          <p className="pager-status" role="status">
            {rows.length > 0 ? t('customers.range', { from, to, total }) : ''}
          </p>
          <button type="button" className="button" onClick={goNext} disabled={!hasNext || busy}>
            {t('customers.next')}
            <span aria-hidden="true"> →</span>
          </button>
        </nav>
      )}
    </div>
  );
}
