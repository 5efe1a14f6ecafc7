import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, useAuth, type Viewer } from '../auth';
import { errorView, serverError, type ErrorView } from '../errors';
import type {
  AccountTeamMemberRole,
  CustomerAccountScope,
  CustomerCooperationLevel,
  CustomerLifecycleStage,
  CustomerRiskLevel,
  KeyAccountQuery as KeyAccountResult,
} from '../gql/graphql';
import { useI18n } from '../i18n';
import {
  KeyAccountQuery,
  LowerRiskLevelMutation,
  RemoveAccountTeamMemberMutation,
  SetAccountTeamMemberMutation,
  SetBlacklistedMutation,
  TeamCandidatesQuery,
  UpdateKeyAccountMutation,
} from '../operations';
import { staffName } from './CustomerRecords';
import { Alert, ErrorMessage, Field, Spinner, TextInput } from './ui';

// The key-account part of the customer 360 page: classification, risk with
// the lower-with-reason form, the blacklist, the account team and the SLA of
// the open tickets. It loads its own data so the page's query stays as it is.

export const SCOPES: CustomerAccountScope[] = ['GLOBAL', 'NATIONAL', 'REGIONAL'];
export const COOPERATION: CustomerCooperationLevel[] = ['PREFERRED_SUPPLIER', 'PARTNER', 'STRATEGIC_PARTNER'];
export const STAGES: CustomerLifecycleStage[] = ['PROSPECT', 'DEVELOPING', 'MATURE', 'DECLINING', 'EXIT'];
export const RISKS: CustomerRiskLevel[] = ['NORMAL', 'WATCH', 'DOUBTFUL', 'EXIT'];
const TEAM_ROLES: AccountTeamMemberRole[] = ['MANAGER', 'SPECIALIST', 'ASSISTANT'];

type Account = Extract<NonNullable<KeyAccountResult['node']>, { __typename: 'Customer' }>;

/** Levels below the current one, which a lead may lower the account to. */
export function lowerLevels(current: CustomerRiskLevel): CustomerRiskLevel[] {
  return RISKS.slice(0, RISKS.indexOf(current));
}

/** Whether the viewer leads the account: an admin, its owner, or a MANAGER on its team. */
export function leadsAccount(v: Viewer | null | undefined, a: Pick<Account, 'owner' | 'team'>): boolean {
  if (!v) return false;
  if (isAdmin(v)) return true;
  if (v.role !== 'MANAGER') return false;
  return a.owner?.id === v.id || !!a.team?.some((m) => m.role === 'MANAGER' && m.user.id === v.id);
}

export function KeyAccountPanel({ customerId, canWrite, onChanged }: { customerId: string; canWrite: boolean; onChanged?: () => void }) {
  const { viewer } = useAuth();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: KeyAccountQuery, variables: { id: customerId } });
  const node = data?.node;
  const a = node?.__typename === 'Customer' ? node : null;
  if (!data && fetching) return <Spinner />;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} />;
  if (!a) return null;
  const refresh = () => {
    reexecute({ requestPolicy: 'network-only' });
    onChanged?.();
  };
  const lead = leadsAccount(viewer, a);
  return (
    <div className="key-account" data-testid="key-account">
      <Classification account={a} canWrite={canWrite} onDone={refresh} />
      <Risk account={a} lead={lead} onDone={refresh} />
      <Team account={a} lead={lead} onDone={refresh} />
      <SlaList account={a} />
    </div>
  );
}

function Classification({ account: a, canWrite, onDone }: { account: Account; canWrite: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [keyAccount, setKeyAccount] = useState(a.keyAccount);
  const [scope, setScope] = useState(a.accountScope ?? '');
  const [coop, setCoop] = useState(a.cooperationLevel ?? '');
  const [stage, setStage] = useState(a.lifecycleStage ?? '');
  const [res, update] = useMutation(UpdateKeyAccountMutation);
  const [err, setErr] = useState<ErrorView | null>(null);
  const none = <span className="muted">{t('account.notSet')}</span>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await update({
      id: a.id,
      input: {
        keyAccount,
        ...(scope ? { accountScope: scope as CustomerAccountScope } : { clearAccountScope: true }),
        ...(coop ? { cooperationLevel: coop as CustomerCooperationLevel } : { clearCooperationLevel: true }),
        ...(stage ? { lifecycleStage: stage as CustomerLifecycleStage } : { clearLifecycleStage: true }),
      },
    });
    setErr(errorView(serverError(r.error)));
    if (!r.error) {
      setEditing(false);
      onDone();
    }
  };

  if (!editing) {
    return (
      <section className="card" aria-label={t('account.section')}>
        <dl className="facts">
          <div className="fact" data-field="keyAccount">
            <dt>{t('customer.field.keyAccount')}</dt>
            <dd>{a.keyAccount ? t('account.yes') : t('account.no')}</dd>
          </div>
          <div className="fact" data-field="accountScope">
            <dt>{t('customer.field.accountScope')}</dt>
            <dd>{a.accountScope ? t(`account.scope.${a.accountScope}`) : none}</dd>
          </div>
          <div className="fact" data-field="cooperationLevel">
            <dt>{t('customer.field.cooperationLevel')}</dt>
            <dd>{a.cooperationLevel ? t(`account.coop.${a.cooperationLevel}`) : none}</dd>
          </div>
          <div className="fact" data-field="lifecycleStage">
            <dt>{t('customer.field.lifecycleStage')}</dt>
            <dd>{a.lifecycleStage ? t(`account.stage.${a.lifecycleStage}`) : none}</dd>
          </div>
        </dl>
        {canWrite && (
          <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
            {t('account.edit')}
          </button>
        )}
      </section>
    );
  }
  const select = (label: string, value: string, set: (v: string) => void, options: string[], prefix: string) => (
    <Field label={label}>
      {(p) => (
        <select className="input" {...p} value={value} onChange={(e) => set(e.target.value)}>
          <option value="">{t('account.notSet')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${prefix}.${o}` as Parameters<typeof t>[0])}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form className="card form" onSubmit={submit} aria-label={t('account.section')}>
      <label className="checkbox">
        <input type="checkbox" checked={keyAccount} onChange={(e) => setKeyAccount(e.target.checked)} /> {t('customer.field.keyAccount')}
      </label>
      {select(t('customer.field.accountScope'), scope, setScope, SCOPES, 'account.scope')}
      {select(t('customer.field.cooperationLevel'), coop, setCoop, COOPERATION, 'account.coop')}
      {select(t('customer.field.lifecycleStage'), stage, setStage, STAGES, 'account.stage')}
      <ErrorMessage error={err} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={res.fetching}>
          {t('account.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
          {t('account.cancel')}
        </button>
      </div>
    </form>
  );
}

function Risk({ account: a, lead, onDone }: { account: Account; lead: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const options = lowerLevels(a.riskLevel);
  const [level, setLevel] = useState<CustomerRiskLevel | ''>('');
  const [reason, setReason] = useState('');
  const [blReason, setBlReason] = useState('');
  const [lowerRes, lower] = useMutation(LowerRiskLevelMutation);
  const [blRes, setBlacklisted] = useMutation(SetBlacklistedMutation);
  const [err, setErr] = useState<ErrorView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submitLower = async (e: FormEvent) => {
    e.preventDefault();
    const r = await lower({ customerId: a.id, level: (level || options[0]) as CustomerRiskLevel, reason });
    setErr(errorView(serverError(r.error)));
    if (!r.error) {
      setReason('');
      setDone(t('account.risk.lowered'));
      onDone();
    }
  };
  const submitBlacklist = async (e: FormEvent) => {
    e.preventDefault();
    const r = await setBlacklisted({ customerId: a.id, blacklisted: !a.blacklisted, reason: blReason });
    setErr(errorView(serverError(r.error)));
    if (!r.error) {
      setBlReason('');
      setDone(t('account.blacklist.done'));
      onDone();
    }
  };

  return (
    <section className="card" aria-label={t('account.risk.title')}>
      <h3 className="section-title">{t('account.risk.title')}</h3>
      <p>
        <span className={`badge risk risk-${a.riskLevel.toLowerCase()}`} data-testid="risk-level">
          {t(`customer.risk.${a.riskLevel}`)}
        </span>{' '}
        {a.blacklisted && <span className="badge badge-danger">{t('customer.field.blacklisted')}</span>}
      </p>
      {a.riskReason && (
        <p className="muted">
          {t('account.risk.reason')}: {a.riskReason}
        </p>
      )}
      {done && <Alert tone="success">{done}</Alert>}
      <ErrorMessage error={err} fieldLabels={{ reason: t('account.risk.reason'), level: t('account.risk.lowerTo') }} />
      {lead && options.length > 0 && (
        <form className="form form-inline" onSubmit={submitLower} aria-label={t('account.risk.lower')}>
          <Field label={t('account.risk.lowerTo')}>
            {(p) => (
              <select className="input" {...p} value={level || options[0]} onChange={(e) => setLevel(e.target.value as CustomerRiskLevel)}>
                {options.map((o) => (
                  <option key={o} value={o}>
                    {t(`customer.risk.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('account.risk.reason')}>
            {(p) => <TextInput {...p} value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="button" disabled={lowerRes.fetching || !reason.trim()}>
            {t('account.risk.lower')}
          </button>
        </form>
      )}
      {lead && (
        <form className="form form-inline" onSubmit={submitBlacklist}>
          <Field label={t('account.risk.reason')}>
            {(p) => <TextInput {...p} value={blReason} required maxLength={500} onChange={(e) => setBlReason(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-quiet" disabled={blRes.fetching || !blReason.trim()}>
            {a.blacklisted ? t('account.blacklist.remove') : t('account.blacklist.add')}
          </button>
        </form>
      )}
    </section>
  );
}

type StaffUser = NonNullable<Account['owner']>;

function Team({ account: a, lead, onDone }: { account: Account; lead: boolean; onDone: () => void }) {
  const { t } = useI18n();
  // Only a lead edits the team, so only a lead asks who could join it.
  const [{ data: candidates }] = useQuery({ query: TeamCandidatesQuery, pause: !lead });
  const staff: StaffUser[] = candidates?.accountTeamCandidates ?? [];
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<AccountTeamMemberRole>('SPECIALIST');
  const [setRes, setMember] = useMutation(SetAccountTeamMemberMutation);
  const [, removeMember] = useMutation(RemoveAccountTeamMemberMutation);
  const [err, setErr] = useState<ErrorView | null>(null);
  const team = a.team ?? [];
  const owner = staffName(a.owner);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return;
    const r = await setMember({ customerId: a.id, userId, role });
    setErr(errorView(serverError(r.error)));
    if (!r.error) onDone();
  };
  const remove = async (uid: string) => {
    const r = await removeMember({ customerId: a.id, userId: uid });
    setErr(errorView(serverError(r.error)));
    if (!r.error) onDone();
  };

  return (
    <section className="card" aria-label={t('account.team.title')}>
      <h3 className="section-title">{t('account.team.title')}</h3>
      <p>{owner ? t('account.team.owner', { name: owner }) : <span className="muted">{t('account.team.noOwner')}</span>}</p>
      {team.length === 0 ? (
        <p className="muted">{t('account.team.empty')}</p>
      ) : (
        <ul className="team-list">
          {team.map((m) => (
            <li key={m.id}>
              {staffName(m.user)} — {t(`account.teamRole.${m.role}`)}{' '}
              {lead && (
                <button type="button" className="button button-quiet" onClick={() => remove(m.user.id)}>
                  {t('account.team.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={err} />
      {lead && staff.length > 0 && (
        <form className="form form-inline" onSubmit={add} aria-label={t('account.team.add')}>
          <Field label={t('account.team.user')}>
            {(p) => (
              <select className="input" {...p} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">—</option>
                {staff.map((u) => (
                  <option key={u.id} value={u.id}>
                    {staffName(u)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('account.team.role')}>
            {(p) => (
              <select className="input" {...p} value={role} onChange={(e) => setRole(e.target.value as AccountTeamMemberRole)}>
                {TEAM_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`account.teamRole.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button" disabled={setRes.fetching || !userId}>
            {t('account.team.add')}
          </button>
        </form>
      )}
    </section>
  );
}

function SlaList({ account: a }: { account: Account }) {
  const { t, formatDateTime } = useI18n();
  const open = (a.tickets.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section className="card" aria-label={t('account.sla.title')}>
      <h3 className="section-title">{t('account.sla.title')}</h3>
      {open.length === 0 ? (
        <p className="muted">{t('account.sla.none')}</p>
      ) : (
        <ul className="sla-list">
          {open.map((tk) => (
            <li key={tk.id} data-testid="sla-ticket">
              <span>{tk.title}</span>{' '}
              <span className="badge badge-muted">{t(`tickets.priority.${tk.priority}` as Parameters<typeof t>[0])}</span>{' '}
              {tk.slaBreached ? (
                <span className="badge badge-danger">{t('account.sla.breached')}</span>
              ) : (
                <span className="badge">{t('account.sla.onTrack')}</span>
              )}{' '}
              {tk.slaResolutionDueAt && (
                <span className="muted">{t('account.sla.resolveBy', { time: formatDateTime(tk.slaResolutionDueAt) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
