import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { isStaff, mayWriteCustomers, useAuth } from '../auth';
import { OrdersTable, staffName, TicketsTable } from '../components/CustomerRecords';
import { LoyaltyPanel } from '../components/LoyaltyPanel';
import { MergeCustomer } from '../components/MergeCustomer';
import { ReceivablesPanel } from '../components/Receivables';
import { KeyAccountPanel } from '../components/KeyAccountPanel';
import { ContributionPanel } from '../components/ContributionPanel';
import { CancelOrderButton } from '../components/OrderCancel';
import { CustomFieldControls, CustomFieldFacts } from '../components/CustomFields';
import { customFieldsPatch, customFormValues, fieldLabel, fieldPath, formatCustomValue, historyKey, useFieldDefinitions, type FieldDef } from '../customFields';
import { ValuePanel } from '../components/ValuePanel';
import { Alert, ErrorMessage, Field, PageHeading, Sentence, SLOT, Spinner, Tags, TextArea, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type {
  CareRecordKind,
  CustomerPageQuery as CustomerPageResult,
  CustomerProfileFieldsFragment,
  TicketPriority,
  UpdateCustomerInput,
  UsersByIdQuery as UsersByIdResult,
} from '../gql/graphql';
import { describeChangeValue, fieldLabelKey, parseChangeValue as parseChange } from '../history';
import { useI18n, type MessageKey } from '../i18n';
import en from '../i18n/en';
import {
  CreateCareRecordMutation,
  CreateTicketMutation,
  CustomerPageQuery,
  UpdateCustomerMutation,
  UsersByIdQuery,
} from '../operations';
import { Link, Redirect } from '../router';

// /customers/:id — the staff customer 360 page. The profile comes first, then
// a grid of sections (orders, tickets, care records, history); a new section
// is one more <Section> in that grid.

type Customer = CustomerProfileFieldsFragment;
type PageCustomer = Extract<NonNullable<CustomerPageResult['node']>, { __typename: 'Customer' }>;

const hasKey = (k: string) => k in en;

export function CustomerPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent(`/customers/${id}`)}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('customers.title')}>{t('customers.title')}</PageHeading>
        <Alert>{t('customer.staffOnly')}</Alert>
      </div>
    );
  }
  return <Customer360 id={id} canWrite={mayWriteCustomers(viewer)} />;
}

function nodes<T>(conn: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return conn?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
}

function Customer360({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t, tn } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomerPageQuery, variables: { id } });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // Archived definitions too: their values stay on the file and in its history.
  const fieldDefs = useFieldDefinitions(true);

  const node = data?.node;
  const c = node?.__typename === 'Customer' ? node : null;

  if (!data && fetching) return <Spinner />;
  if (error && !data) {
    return (
      <div className="page">
        <p className="backlink">
          <Link to="/customers">← {t('customer.back')}</Link>
        </p>
        <ErrorMessage error={errorView(serverError(error))} onRetry={refetch} />
      </div>
    );
  }
  if (!c) {
    return (
      <div className="page">
        <p className="backlink">
          <Link to="/customers">← {t('customer.back')}</Link>
        </p>
        <PageHeading title={t('customers.title')}>{t('customers.title')}</PageHeading>
        <Alert tone="info">{t('customer.notFound')}</Alert>
      </div>
    );
  }

  const orders = nodes(c.orders);
  const tickets = nodes(c.tickets);
  const care = nodes(c.careRecords);
  const history = nodes(c.history);

  return (
    <div className="page page-wide c360">
      <p className="backlink">
        <Link to="/customers">← {t('customer.back')}</Link>
      </p>
      <header className="page-header c360-header">
        <div className="c360-title-row">
          <PageHeading title={c.name}>{c.name}</PageHeading>
          {canWrite && !editing && (
            <button type="button" className="button" onClick={() => (setSaved(null), setEditing(true))}>
              {t('customer.edit')}
            </button>
          )}
        </div>
        <ul className="c360-badges" aria-label={t('customer.section.account')}>
          <li className="badge badge-muted">{t(`customers.kind.${c.kind}`)}</li>
          <li className={`badge risk risk-${c.riskLevel.toLowerCase()}`}>
            {t('customer.field.riskLevel')}: {t(`customer.risk.${c.riskLevel}`)}
          </li>
          <li className={`badge tier tier-${c.valueTier.toLowerCase()}`}>
            {t('customer.field.valueTier')}: {t(`customer.tier.${c.valueTier}`)}
          </li>
          {c.blacklisted && <li className="badge badge-danger">{t('customer.field.blacklisted')}</li>}
        </ul>
        {canWrite && <MergeCustomer customerId={c.id} customerName={c.name} />}
        {!canWrite && <p className="muted c360-readonly">{t('customer.readOnly')}</p>}
      </header>

      {saved && <Alert tone="success">{saved}</Alert>}

      {editing ? (
        <ProfileEditor
          customer={c}
          fieldDefs={fieldDefs}
          onCancel={() => setEditing(false)}
          onSaved={(changed) => {
            setEditing(false);
            setSaved(changed ? t('customer.saved') : t('customer.noChanges'));
            if (changed) refetch();
          }}
        />
      ) : (
        <ProfileView customer={c} fieldDefs={fieldDefs} />
      )}

      <div className="c360-sections">
        <Section id="c360-orders" title={t('customer.section.orders')} count={tn('orders.count', c.orders.totalCount)} wide>
          {orders.length ? (
            <OrdersTable orders={orders} showCost action={canWrite ? (o) => <CancelOrderButton orderId={o.id} onDone={refetch} /> : undefined} />
          ) : (
            <p className="muted">{t('me.ordersEmpty')}</p>
          )}
        </Section>

        <Section id="c360-contribution" title={t('customer.section.contribution')} wide>
          <ContributionPanel customerId={c.id} />
        </Section>

        <Section id="c360-tickets" title={t('customer.section.tickets')} count={tn('tickets.count', c.tickets.totalCount)} wide>
          {canWrite && <NewTicketForm customerId={c.id} onDone={refetch} />}
          {tickets.length ? <TicketsTable tickets={tickets} showAssignee /> : <p className="muted">{t('tickets.empty')}</p>}
        </Section>

        <Section id="c360-care" title={t('customer.section.care')} count={tn('care.count', c.careRecords.totalCount)}>
          {canWrite && <CareRecordForm customerId={c.id} onDone={refetch} />}
          {care.length ? (
            <ol className="timeline" aria-label={t('care.caption')}>
              {care.map((r) => (
                <CareItem key={r.id} record={r} />
              ))}
            </ol>
          ) : (
            <p className="muted">{t('care.empty')}</p>
          )}
        </Section>

        <Section id="c360-receivables" title={t('customer.section.receivables')} wide>
          <ReceivablesPanel customerId={c.id} canWrite={canWrite} />
        </Section>

        <Section id="c360-key-account" title={t('account.section')} wide>
          <KeyAccountPanel customerId={c.id} canWrite={canWrite} onChanged={refetch} />
        </Section>

        <Section id="c360-value" title={t('value.section')} wide>
          <ValuePanel customerId={c.id} />
        </Section>

        <Section id="c360-loyalty" title={t('customer.section.loyalty')} wide>
          <LoyaltyPanel customerId={c.id} staff />
        </Section>

        <Section id="c360-history" title={t('customer.section.history')} count={tn('history.count', c.history.totalCount)}>
          <HistoryList changes={history} fieldDefs={fieldDefs} />
        </Section>
      </div>
    </div>
  );
}

function Section({ id, title, count, wide, children }: { id: string; title: string; count?: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`c360-section${wide ? ' c360-wide' : ''}`} aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id} className="section-title">
          {title}
        </h2>
        {count && <span className="muted">{count}</span>}
      </div>
      {children}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Profile

type TextFieldName =
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'region'
  | 'legalRepresentative'
  | 'occupation'
  | 'industry'
  | 'companySize'
  | 'serviceArea'
  | 'salesCapacity'
  | 'growthPotential'
  | 'businessStatus'
  | 'paymentBehaviour'
  | 'openIssues';
type ListFieldName = 'interests' | 'tags';
type FormField = TextFieldName | ListFieldName | 'kind' | 'foundedOn';

const GROUPS: { key: MessageKey; fields: FormField[] }[] = [
  { key: 'customer.section.basic', fields: ['kind', 'name', 'email', 'phone', 'address', 'region', 'occupation', 'legalRepresentative', 'foundedOn'] },
  { key: 'customer.section.traits', fields: ['interests', 'industry', 'companySize', 'serviceArea', 'salesCapacity', 'growthPotential'] },
  { key: 'customer.section.business', fields: ['businessStatus', 'paymentBehaviour', 'openIssues', 'tags'] },
];

const LIST_FIELDS = new Set<FormField>(['interests', 'tags']);
const LONG_FIELDS = new Set<FormField>(['address', 'openIssues', 'paymentBehaviour', 'businessStatus']);

function ProfileView({ customer: c, fieldDefs }: { customer: Customer; fieldDefs: readonly FieldDef[] }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const none = <span className="muted">{t('common.none')}</span>;
  const value = (f: FormField): ReactNode => {
    switch (f) {
      case 'kind':
        return t(`customers.kind.${c.kind}`);
      case 'foundedOn':
        return c.foundedOn ? <time dateTime={c.foundedOn}>{formatDate(c.foundedOn)}</time> : none;
      case 'tags':
      case 'interests':
        return c[f]?.length ? <Tags tags={c[f]} label={t(`customer.field.${f}`)} /> : none;
      case 'email':
        return c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : none;
      case 'phone':
        return c.phone ? <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a> : none;
      default:
        return c[f] || none;
    }
  };
  const team = c.team ?? [];

  return (
    <div className="c360-profile">
      {GROUPS.map((g) => (
        <section key={g.key} className="card c360-card" aria-label={t(g.key)}>
          <h2 className="section-title">{t(g.key)}</h2>
          <dl className="facts">
            {g.fields.map((f) => (
              <div key={f} className="fact" data-field={f}>
                <dt>{t(`customer.field.${f}`)}</dt>
                <dd>{value(f)}</dd>
              </div>
            ))}
            {g.key === 'customer.section.business' && (
              <div className="fact" data-field="creditRating">
                <dt>{t('customer.field.creditRating')}</dt>
                <dd>{c.creditRating || none}</dd>
              </div>
            )}
          </dl>
        </section>
      ))}
      <section className="card c360-card" aria-label={t('customer.section.custom')}>
        <h2 className="section-title">{t('customer.section.custom')}</h2>
        <CustomFieldFacts defs={fieldDefs} values={c.customFields} />
      </section>
      <section className="card c360-card" aria-label={t('customer.section.account')}>
        <h2 className="section-title">{t('customer.section.account')}</h2>
        <dl className="facts">
          <div className="fact" data-field="riskLevel">
            <dt>{t('customer.field.riskLevel')}</dt>
            <dd>{t(`customer.risk.${c.riskLevel}`)}</dd>
          </div>
          <div className="fact" data-field="valueTier">
            <dt>{t('customer.field.valueTier')}</dt>
            <dd>{t(`customer.tier.${c.valueTier}`)}</dd>
          </div>
          <div className="fact" data-field="blacklisted">
            <dt>{t('customer.field.blacklisted')}</dt>
            <dd>{t(c.blacklisted ? 'common.yes' : 'common.no')}</dd>
          </div>
          <div className="fact" data-field="owner">
            <dt>{t('customer.field.owner')}</dt>
            <dd>{staffName(c.owner) ?? <span className="muted">{t('customer.pool')}</span>}</dd>
          </div>
          <div className="fact" data-field="team">
            <dt>{t('customer.field.team')}</dt>
            <dd>
              {team.length ? (
                <ul className="plain-list">
                  {team.map((m) => (
                    <li key={m.id}>
                      {staffName(m.user)} <span className="muted">({t(`customer.teamRole.${m.role}`)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">{t('customer.noTeam')}</span>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('customer.field.createdAt')}</dt>
            <dd>
              <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('customer.field.updatedAt')}</dt>
            <dd>
              <time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt)}</time>
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

type FormValues = Record<FormField, string>;

export function profileValues(c: Customer): FormValues {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    kind: c.kind,
    name: c.name,
    email: s(c.email),
    phone: s(c.phone),
    address: s(c.address),
    region: s(c.region),
    legalRepresentative: s(c.legalRepresentative),
    foundedOn: c.foundedOn ? c.foundedOn.slice(0, 10) : '',
    occupation: s(c.occupation),
    interests: (c.interests ?? []).join(', '),
    industry: s(c.industry),
    companySize: s(c.companySize),
    serviceArea: s(c.serviceArea),
    salesCapacity: s(c.salesCapacity),
    growthPotential: s(c.growthPotential),
    businessStatus: s(c.businessStatus),
    paymentBehaviour: s(c.paymentBehaviour),
    openIssues: s(c.openIssues),
    tags: (c.tags ?? []).join(', '),
  };
}

const splitList = (v: string) =>
  v
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Only what changed: cleared optional fields become clearX. */
export function profileInput(before: FormValues, after: FormValues): UpdateCustomerInput {
  const input: Record<string, unknown> = {};
  for (const f of Object.keys(after) as FormField[]) {
    if (LIST_FIELDS.has(f)) {
      const a = splitList(after[f]);
      if (a.join('\n') === splitList(before[f]).join('\n')) continue;
      if (a.length) input[f] = a;
      else input[`clear${f[0].toUpperCase()}${f.slice(1)}`] = true;
      continue;
    }
    const a = after[f].trim();
    if (a === before[f].trim()) continue;
    if (f === 'kind' || f === 'name') input[f] = a;
    else if (!a) input[`clear${f[0].toUpperCase()}${f.slice(1)}`] = true;
    else input[f] = f === 'foundedOn' ? `${a}T00:00:00Z` : a;
  }
  return input as UpdateCustomerInput;
}

function ProfileEditor({
  customer,
  fieldDefs,
  onCancel,
  onSaved,
}: {
  customer: Customer;
  fieldDefs: readonly FieldDef[];
  onCancel: () => void;
  onSaved: (changed: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const initial = useMemo(() => profileValues(customer), [customer]);
  const [values, setValues] = useState<FormValues>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FormField, string>>>({});
  const activeDefs = useMemo(() => fieldDefs.filter((d) => !d.archived), [fieldDefs]);
  const initialCustom = useMemo(() => customFormValues(activeDefs, customer.customFields), [activeDefs, customer.customFields]);
  const [custom, setCustom] = useState<Record<string, string>>(initialCustom);
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [{ fetching }, update] = useMutation(UpdateCustomerMutation);
  const label = (f: FormField) => t(`customer.field.${f}`);
  const labels: Record<string, string> = Object.fromEntries((Object.keys(initial) as FormField[]).map((f) => [f, label(f)]));
  for (const d of activeDefs) labels[fieldPath(d.key)] = fieldLabel(d, locale);
  const set = (f: FormField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const focus = (f: string) => form.querySelector<HTMLElement>(`[name="${f}"]`)?.focus();
    setError(null);
    if (!values.name.trim()) {
      setFieldErrors({ name: t('customer.nameRequired') });
      focus('name');
      return;
    }
    setFieldErrors({});
    const { patch, errors: badCustom } = customFieldsPatch(activeDefs, initialCustom, custom);
    const firstBad = Object.keys(badCustom)[0];
    setCustomErrors(Object.fromEntries(Object.entries(badCustom).map(([k, key]) => [k, t(key)])));
    if (firstBad) {
      focus(fieldPath(firstBad));
      return;
    }
    const input = profileInput(initial, values);
    if (Object.keys(patch).length > 0) input.customFields = patch;
    if (Object.keys(input).length === 0) {
      onSaved(false);
      return;
    }
    const res = await update({ id: customer.id, input });
    if (res.data) {
      onSaved(true);
      return;
    }
    const err = errorView(serverError(res.error));
    if (err?.code === 'FORBIDDEN') {
      setError({ ...err, key: 'customer.forbidden' });
    } else {
      setError(err);
    }
    if (err?.field && err.field in initial) {
      setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      focus(err.field);
    }
    const key = err?.field?.startsWith('customFields.') ? err.field.slice('customFields.'.length) : null;
    if (key) {
      setCustomErrors({ [key]: err?.detail || t('error.badInput') });
      focus(fieldPath(key));
    }
  };

  const control = (f: FormField) => {
    if (f === 'kind') {
      return (
        <Field key={f} label={label(f)} error={fieldErrors[f]}>
          {(p) => (
            <select {...p} name={f} className="input" value={values.kind} onChange={set(f)}>
              <option value="PERSON">{t('customers.kind.PERSON')}</option>
              <option value="ORGANISATION">{t('customers.kind.ORGANISATION')}</option>
            </select>
          )}
        </Field>
      );
    }
    const hint = LIST_FIELDS.has(f) ? t('customer.listHint') : undefined;
    return (
      <Field key={f} label={label(f)} hint={hint} error={fieldErrors[f]}>
        {(p) =>
          LONG_FIELDS.has(f) ? (
            <TextArea {...p} name={f} rows={2} value={values[f]} onChange={set(f)} />
          ) : (
            <TextInput
              {...p}
              name={f}
              type={f === 'foundedOn' ? 'date' : f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
              value={values[f]}
              onChange={set(f)}
              required={f === 'name'}
              autoComplete="off"
            />
          )
        }
      </Field>
    );
  };

  return (
    <form className="card form c360-editor" onSubmit={onSubmit} noValidate aria-label={t('customer.editTitle', { name: customer.name })}>
      <h2 className="section-title">{t('customer.editTitle', { name: customer.name })}</h2>
      <ErrorMessage error={error} fieldLabels={labels} />
      <div className="c360-editor-groups">
        {GROUPS.map((g) => (
          <fieldset key={g.key} className="fieldset">
            <legend>{t(g.key)}</legend>
            {g.fields.map(control)}
          </fieldset>
        ))}
        {activeDefs.length > 0 && (
          <fieldset className="fieldset">
            <legend>{t('customer.section.custom')}</legend>
            <CustomFieldControls
              defs={activeDefs}
              values={custom}
              errors={customErrors}
              onChange={(k, v) => setCustom((c) => ({ ...c, [k]: v }))}
            />
          </fieldset>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
          {fetching ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={fetching}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------
// History

type Change = NonNullable<NonNullable<NonNullable<PageCustomer['history']['edges']>[number]>['node']>;

type AnyNode = UsersByIdResult['nodes'][number];
type UserNode = Extract<NonNullable<AnyNode>, { __typename: 'User' }>;

function isUser(n: AnyNode): n is UserNode {
  return n != null && (n as { __typename?: string }).__typename === 'User';
}

export function HistoryList({ changes, fieldDefs = [] }: { changes: readonly Change[]; fieldDefs?: readonly FieldDef[] }) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const ids = useMemo(
    () => [...new Set(changes.flatMap((c) => (c.actorID != null ? [String(c.actorID)] : [])))].sort(),
    [changes],
  );
  // At most a page of distinct authors is named; the rest read "user #id".
  const [{ data }] = useQuery({ query: UsersByIdQuery, variables: { ids: ids.slice(0, 100) }, pause: ids.length === 0 });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of data?.nodes ?? []) {
      // Ids the viewer may not see come back null; other types are empty objects.
      if (isUser(n)) m.set(String(n.id), staffName(n) ?? '');
    }
    return m;
  }, [data]);

  if (changes.length === 0) return <p className="muted">{t('history.empty')}</p>;

  const fmt = { t, has: hasKey, formatDate, formatDateTime };
  const none = t('common.none');
  return (
    <ol className="history" aria-label={t('history.caption')}>
      {changes.map((ch) => {
        const key = fieldLabelKey(ch.field, hasKey);
        const who =
          ch.actorID == null
            ? t('history.system')
            : names.get(String(ch.actorID)) || t('history.unknownUser', { id: ch.actorID });
        // A custom field's row is "custom_fields.<key>": its label and its type's format.
        const customKey = historyKey(ch.field);
        const def = customKey ? fieldDefs.find((d) => d.key === customKey) : undefined;
        const describe = (raw: string | null | undefined) =>
          customKey ? formatCustomValue(def?.type, parseChange(raw), { locale, t }) : describeChangeValue(ch.field, raw, fmt);
        const oldText = describe(ch.oldValue);
        const newText = describe(ch.newValue);
        const fieldName = customKey ? (def ? fieldLabel(def, locale) : customKey) : key ? t(key) : ch.field;
        return (
          <li key={ch.id} className="history-item" data-field={ch.field}>
            <p className="history-change">
              <strong className="history-field">{fieldName}</strong>{' '}
              <span className="visually-hidden">{t('history.from')} </span>
              <span className={`history-old${oldText === null ? ' muted' : ''}`}>{oldText ?? none}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> {t('history.to')} </span>
              <span className={`history-new${newText === null ? ' muted' : ''}`}>{newText ?? none}</span>
            </p>
            <p className="history-meta muted">
              <Sentence text={t('history.byAt', { name: who, time: SLOT })}>
                <time dateTime={ch.createdAt}>{formatDateTime(ch.createdAt)}</time>
              </Sentence>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

// ---------------------------------------------------------------------------
// Care records and tickets

type CareRecord = NonNullable<NonNullable<NonNullable<PageCustomer['careRecords']['edges']>[number]>['node']>;

function CareItem({ record: r }: { record: CareRecord }) {
  const { t, formatDate, formatDateTime } = useI18n();
  return (
    <li className="timeline-item">
      <p className="timeline-head">
        <strong>{t(`care.kind.${r.kind}`)}</strong>{' '}
        <time dateTime={r.occurredAt} className="muted">
          {formatDateTime(r.occurredAt)}
        </time>
      </p>
      {r.notes && <p className="body-text">{r.notes}</p>}
      <p className="muted timeline-meta">
        {t('care.by', { name: staffName(r.author) ?? t('history.system') })}
        {r.followUpAt && !r.followedUpAt && <> · {t('care.followUp', { date: formatDate(r.followUpAt) })}</>}
        {r.followedUpAt && <> · {t('care.followedUp', { date: formatDate(r.followedUpAt) })}</>}
      </p>
    </li>
  );
}

const CARE_KINDS: CareRecordKind[] = ['VISIT', 'CALL', 'MAIL', 'MEETING'];
const PRIORITIES: TicketPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

/** "2025-03-01T09:30" for a datetime-local input, in local time. */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function useFormErrors() {
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  return { error, setError, fieldErrors, setFieldErrors };
}

function CareRecordForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [{ fetching }, create] = useMutation(CreateCareRecordMutation);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CareRecordKind>(CARE_KINDS[1]);
  const [notes, setNotes] = useState('');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [followUpAt, setFollowUpAt] = useState('');
  const [done, setDone] = useState(false);
  const { error, setError, fieldErrors, setFieldErrors } = useFormErrors();
  const labels = {
    kind: t('care.field.kind'),
    notes: t('care.field.notes'),
    occurredAt: t('care.field.occurredAt'),
    followUpAt: t('care.field.followUpAt'),
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    if (!occurredAt) {
      setFieldErrors({ occurredAt: t('error.required') });
      return;
    }
    setFieldErrors({});
    const res = await create({
      input: {
        customerID: customerId,
        kind,
        notes: notes.trim() || null,
        occurredAt: new Date(occurredAt).toISOString(),
        followUpAt: followUpAt ? `${followUpAt}T00:00:00Z` : null,
      },
    });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      setError(err);
      if (err?.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      return;
    }
    setNotes('');
    setFollowUpAt('');
    setOccurredAt(localNow());
    setDone(true);
    setOpen(false);
    onDone();
  };

  return (
    <>
      {done && <Alert tone="success">{t('care.saved')}</Alert>}
      <details className="composer" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('care.add')}</summary>
        <form className="form" onSubmit={onSubmit} noValidate>
          <ErrorMessage error={error} fieldLabels={labels} />
          <div className="form-row">
            <Field label={labels.kind} error={fieldErrors.kind}>
              {(p) => (
                <select {...p} className="input" name="kind" value={kind} onChange={(e) => setKind(e.target.value as CareRecordKind)}>
                  {CARE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`care.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={labels.occurredAt} error={fieldErrors.occurredAt}>
              {(p) => <TextInput {...p} name="occurredAt" type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} />}
            </Field>
          </div>
          <Field label={labels.notes} error={fieldErrors.notes}>
            {(p) => <TextArea {...p} name="notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
          <Field label={labels.followUpAt} hint={t('care.field.followUpHint')} error={fieldErrors.followUpAt}>
            {(p) => <TextInput {...p} name="followUpAt" type="date" value={followUpAt} onChange={(e) => setFollowUpAt(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
              {fetching ? t('common.saving') : t('care.submit')}
            </button>
          </div>
        </form>
      </details>
    </>
  );
}

function NewTicketForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [{ fetching }, create] = useMutation(CreateTicketMutation);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>(PRIORITIES[1]);
  const [done, setDone] = useState<string | null>(null);
  const { error, setError, fieldErrors, setFieldErrors } = useFormErrors();
  const labels = { title: t('tickets.field.title'), description: t('tickets.field.description'), priority: t('tickets.field.priority') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!title.trim()) {
      setFieldErrors({ title: t('tickets.titleRequired') });
      e.currentTarget.querySelector<HTMLInputElement>('[name="title"]')?.focus();
      return;
    }
    setFieldErrors({});
    const res = await create({ input: { customerID: customerId, title: title.trim(), description: description.trim() || null, priority } });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      setError(err?.code === 'FORBIDDEN' ? { ...err, key: 'customer.forbidden' } : err);
      if (err?.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      return;
    }
    setDone(title.trim());
    setTitle('');
    setDescription('');
    setOpen(false);
    onDone();
  };

  return (
    <>
      {done && <Alert tone="success">{t('tickets.saved', { title: done })}</Alert>}
      <details className="composer" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('tickets.open')}</summary>
        <form className="form" onSubmit={onSubmit} noValidate>
          <ErrorMessage error={error} fieldLabels={labels} />
          <Field label={labels.title} error={fieldErrors.title}>
            {(p) => <TextInput {...p} name="title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />}
          </Field>
          <Field label={labels.description} error={fieldErrors.description}>
            {(p) => <TextArea {...p} name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <Field label={labels.priority} error={fieldErrors.priority}>
            {(p) => (
              <select {...p} className="input" name="priority" value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)}>
                {PRIORITIES.map((k) => (
                  <option key={k} value={k}>
                    {t(`tickets.priority.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
              {fetching ? t('common.saving') : t('tickets.submit')}
            </button>
          </div>
        </form>
      </details>
    </>
  );
}
