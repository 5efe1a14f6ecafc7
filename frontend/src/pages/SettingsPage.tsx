import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, useAuth } from '../auth';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import { graphql } from '../gql';
import type { CustomerRiskLevel, CustomerValueTier, TicketPriority } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n';
import { Link, Redirect } from '../router';

export const SettingsQuery = graphql(`
  query SettingsPage {
    settings {
      reportingCurrency
      timeZone
      exchangeRates {
        currency
        rate
      }
    }
    accountSettings {
      sla {
        priority
        firstResponseMinutes
        resolutionMinutes
      }
      risk {
        contributionDays
        contributionDropPercent
        contributionLevel
        openTicketsMax
        openTicketsLevel
        urgentOpenLevel
        noContactDays
        noContactLevel
        overdueDays
        overdueLevel
      }
      pool {
        tier
        days
      }
    }
  }
`);

export const UpdateSettingsMutation = graphql(`
  mutation UpdateSettings($input: UpdateSettingsInput!) {
    updateSettings(input: $input) {
      reportingCurrency
      timeZone
      exchangeRates {
        currency
        rate
      }
    }
  }
`);

export const UpdateAccountSettingsMutation = graphql(`
  mutation UpdateAccountSettings($input: AccountSettingsInput!) {
    updateAccountSettings(input: $input) {
      risk {
        contributionDays
      }
    }
  }
`);

const LEVELS: CustomerRiskLevel[] = ['NORMAL', 'WATCH', 'DOUBTFUL', 'EXIT'];

type Rate = { currency: string; rate: string };
type Risk = Record<string, number | string>;
type Sla = { priority: TicketPriority; firstResponseMinutes: number; resolutionMinutes: number };
type Pool = { tier: CustomerValueTier; days: number };

// /settings — admins set the company-wide values every report and rule
// uses: the reporting currency and its exchange rates, the time zone
// periods are cut in, and the key-account rules (SLA, risk, pool).
export function SettingsPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/settings')}`} />;
  if (!isAdmin(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('settings.title')}>{t('settings.title')}</PageHeading>
        <Alert tone="info">{t('settings.adminOnly')}</Alert>
      </div>
    );
  }
  return <SettingsForms />;
}

function SettingsForms() {
  const { t } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SettingsQuery, requestPolicy: 'network-only' });
  if (fetching && !data) return <Spinner />;
  if (!data) return <ErrorMessage error={errorView(serverError(error))} onRetry={() => refetch()} />;
  return (
    <div className="page settings-page">
      <PageHeading title={t('settings.title')}>{t('settings.title')}</PageHeading>
      <nav className="card settings-links" aria-label={t('settings.more')}>
        <ul>
          <li>
            <Link to="/admin/custom-fields">{t('nav.customFields')}</Link>
          </li>
          <li>
            <Link to="/loyalty">{t('nav.loyalty')}</Link>
          </li>
          <li>
            <Link to="/api-keys">{t('nav.apiKeys')}</Link>
          </li>
        </ul>
      </nav>
      <GeneralForm initial={data.settings} />
      <AccountRulesForm initial={data.accountSettings} />
    </div>
  );
}

function GeneralForm({ initial }: { initial: { reportingCurrency: string; timeZone: string; exchangeRates: { currency: string; rate: number }[] } }) {
  const { t } = useI18n();
  const [currency, setCurrency] = useState(initial.reportingCurrency);
  const [zone, setZone] = useState(initial.timeZone);
  const [rates, setRates] = useState<Rate[]>(initial.exchangeRates.map((r) => ({ currency: r.currency, rate: String(r.rate) })));
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateSettingsMutation);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const changedCurrency = currency.trim().toUpperCase() !== initial.reportingCurrency;
    const input = {
      reportingCurrency: currency.trim().toUpperCase(),
      timeZone: zone.trim(),
      // A new reporting currency alone rebases the rates on the server.
      exchangeRates: changedCurrency ? null : rates.filter((r) => r.currency.trim()).map((r) => ({ currency: r.currency.trim().toUpperCase(), rate: Number(r.rate) })),
    };
    const res = await update({ input });
    const err = serverError(res.error);
    if (err) {
      setError(errorView(err));
      return;
    }
    const s = res.data?.updateSettings;
    if (s) {
      setCurrency(s.reportingCurrency);
      setZone(s.timeZone);
      setRates(s.exchangeRates.map((r) => ({ currency: r.currency, rate: String(r.rate) })));
    }
    setSaved(true);
  };

  return (
    <form className="card settings-form" onSubmit={onSubmit} aria-labelledby="settings-general">
      <h2 id="settings-general">{t('settings.general')}</h2>
      {saved && <Alert tone="success">{t('settings.saved')}</Alert>}
      <ErrorMessage error={error} fieldLabels={{ reportingCurrency: t('settings.currency'), timeZone: t('settings.timeZone'), exchangeRates: t('settings.rates') }} />
      <Field label={t('settings.currency')} hint={t('settings.currencyHint')}>
        {(p) => <TextInput {...p} name="reportingCurrency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />}
      </Field>
      <Field label={t('settings.timeZone')}>
        {(p) => <TextInput {...p} name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>{t('settings.rates')}</legend>
        <p className="muted">{t('settings.ratesHint', { currency: initial.reportingCurrency })}</p>
        {rates.map((r, i) => (
          <div className="rate-row" key={i}>
            <TextInput aria-label={t('settings.rateCurrency')} value={r.currency} maxLength={3} onChange={(e) => setRates(rates.map((x, j) => (j === i ? { ...x, currency: e.target.value } : x)))} />
            <TextInput aria-label={t('settings.rateValue', { currency: r.currency || '…' })} inputMode="decimal" value={r.rate} onChange={(e) => setRates(rates.map((x, j) => (j === i ? { ...x, rate: e.target.value } : x)))} />
            <button type="button" className="button button-quiet button-small" onClick={() => setRates(rates.filter((_, j) => j !== i))}>
              {t('common.delete')}
            </button>
          </div>
        ))}
        <button type="button" className="button button-quiet button-small" onClick={() => setRates([...rates, { currency: '', rate: '' }])}>
          {t('settings.addRate')}
        </button>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={fetching}>
        {fetching ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

function AccountRulesForm({ initial }: { initial: { sla: Sla[]; risk: Risk; pool: Pool[] } }) {
  const { t } = useI18n();
  const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([k]) => k !== '__typename')) as T;
  const [sla, setSla] = useState<Sla[]>(initial.sla.map(strip));
  const [risk, setRisk] = useState<Risk>(strip(initial.risk));
  const [pool, setPool] = useState<Pool[]>(initial.pool.map(strip));
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateAccountSettingsMutation);
  useEffect(() => setSaved(false), [sla, risk, pool]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const res = await update({ input: { sla, risk: risk as never, pool } });
    const err = serverError(res.error);
    if (err) {
      setError(errorView(err));
      return;
    }
    setSaved(true);
  };
  const num = (v: string) => (v.trim() === '' ? 0 : Math.trunc(Number(v)));
  // Risk rules come as number/level pairs; a key ending in "Level" is the
  // level a rule raises to, anything else a threshold (0 turns it off).
  const label = (k: string) => t(`settings.risk.${k}` as MessageKey);

  return (
    <form className="card settings-form" onSubmit={onSubmit} aria-labelledby="settings-accounts">
      <h2 id="settings-accounts">{t('settings.accounts')}</h2>
      {saved && <Alert tone="success">{t('settings.saved')}</Alert>}
      <ErrorMessage error={error} />
      <fieldset>
        <legend>{t('settings.sla')}</legend>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('tickets.field.priority')}</th>
              <th scope="col">{t('settings.slaFirst')}</th>
              <th scope="col">{t('settings.slaResolve')}</th>
            </tr>
          </thead>
          <tbody>
            {sla.map((s, i) => (
              <tr key={s.priority}>
                <th scope="row">{t(`tickets.priority.${s.priority}` as MessageKey)}</th>
                <td>
                  <TextInput aria-label={`${t('settings.slaFirst')} ${s.priority}`} inputMode="numeric" value={String(s.firstResponseMinutes)} onChange={(e) => setSla(sla.map((x, j) => (j === i ? { ...x, firstResponseMinutes: num(e.target.value) } : x)))} />
                </td>
                <td>
                  <TextInput aria-label={`${t('settings.slaResolve')} ${s.priority}`} inputMode="numeric" value={String(s.resolutionMinutes)} onChange={(e) => setSla(sla.map((x, j) => (j === i ? { ...x, resolutionMinutes: num(e.target.value) } : x)))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>{t('settings.riskRules')}</legend>
        <div className="settings-grid">
          {Object.entries(risk).map(([k, v]) =>
            k.endsWith('Level') ? (
              <Field key={k} label={label(k)}>
                {(p) => (
                  <select {...p} name={k} value={String(v)} onChange={(e) => setRisk({ ...risk, [k]: e.target.value })}>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`customer.risk.${l}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field key={k} label={label(k)}>
                {(p) => <TextInput {...p} name={k} inputMode="numeric" value={String(v)} onChange={(e) => setRisk({ ...risk, [k]: num(e.target.value) })} />}
              </Field>
            ),
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.pool')}</legend>
        <div className="settings-grid">
          {pool.map((p, i) => (
            <Field key={p.tier} label={t('settings.poolDays', { tier: p.tier })}>
              {(fp) => <TextInput {...fp} name={`pool-${p.tier}`} inputMode="numeric" value={String(p.days)} onChange={(e) => setPool(pool.map((x, j) => (j === i ? { ...x, days: num(e.target.value) } : x)))} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={fetching}>
        {fetching ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
