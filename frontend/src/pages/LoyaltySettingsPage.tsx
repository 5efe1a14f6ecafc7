import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, isStaff, useAuth } from '../auth';
import { ACTIVITIES } from '../components/LoyaltyPanel';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type { LoyaltySettingsFieldsFragment, PointsEntryActivity } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n';
import { LoyaltySettingsQuery, UpdateLoyaltySettingsMutation } from '../operations';
import { Redirect } from '../router';

// /loyalty — the rules of the points programme: staff read them, admins
// change them (validated and audited by the server).

export function LoyaltySettingsPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/loyalty')}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('loyalty.rules.title')}>{t('loyalty.rules.title')}</PageHeading>
        <Alert>{t('customer.staffOnly')}</Alert>
      </div>
    );
  }
  return <Rules canEdit={isAdmin(viewer)} />;
}

function Rules({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: LoyaltySettingsQuery });
  const rules = data?.loyaltySettings;
  return (
    <div className="page">
      <header className="page-header">
        <PageHeading title={t('loyalty.rules.title')}>{t('loyalty.rules.title')}</PageHeading>
        <p className="muted">{t('loyalty.rules.intro')}</p>
      </header>
      {error && !data && <ErrorMessage error={errorView(serverError(error))} />}
      {!data && fetching && <Spinner />}
      {rules && <RulesForm key={JSON.stringify(rules)} rules={rules} canEdit={canEdit} onSaved={() => reexecute({ requestPolicy: 'network-only' })} />}
    </div>
  );
}

type Draft = Record<string, string>;

function toDraft(r: LoyaltySettingsFieldsFragment): Draft {
  const d: Draft = { orderUnit: String(r.orderUnit), orderPoints: String(r.orderPoints), redeemMinimum: String(r.redeemMinimum) };
  for (const a of ACTIVITIES) {
    const rule = r.activities.find((x) => x.activity === a);
    d[`${a}.points`] = String(rule?.points ?? 0);
    d[`${a}.dailyCap`] = String(rule?.dailyCap ?? 0);
  }
  return d;
}

export function RulesForm({ rules, canEdit, onSaved }: { rules: LoyaltySettingsFieldsFragment; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(rules));
  const [err, setErr] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [{ fetching }, update] = useMutation(UpdateLoyaltySettingsMutation);
  const labels = {
    orderUnit: t('loyalty.rules.orderUnit'),
    orderPoints: t('loyalty.rules.orderPoints'),
    redeemMinimum: t('loyalty.rules.redeemMinimum'),
    activities: t('loyalty.rules.activities'),
  };
  const set = (k: string) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const num = (k: string) => Number(draft[k]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setSaved(false);
    const bad = Object.keys(draft).find((k) => !/^\d+$/.test(draft[k].trim()));
    setInvalid(bad ?? null);
    if (bad) return;
    const r = await update({
      input: {
        orderUnit: num('orderUnit'),
        orderPoints: num('orderPoints'),
        redeemMinimum: num('redeemMinimum'),
        activities: ACTIVITIES.map((a: PointsEntryActivity) => ({ activity: a, points: num(`${a}.points`), dailyCap: num(`${a}.dailyCap`) })),
      },
    });
    if (r.error) {
      setErr(errorView(serverError(r.error)));
      return;
    }
    setSaved(true);
    onSaved();
  };

  const input = (k: string, label: string) => (
    <Field label={label} error={invalid === k ? t('loyalty.rules.wholeNumber') : null}>
      {(p) => <TextInput {...p} name={k} inputMode="numeric" value={draft[k]} onChange={set(k)} readOnly={!canEdit} />}
    </Field>
  );

  return (
    <form className="form card" onSubmit={submit} noValidate aria-label={t('loyalty.rules.title')}>
      {saved && <Alert tone="success">{t('loyalty.rules.saved')}</Alert>}
      <ErrorMessage error={err} fieldLabels={labels} />
      {input('orderUnit', labels.orderUnit)}
      {input('orderPoints', labels.orderPoints)}
      {input('redeemMinimum', labels.redeemMinimum)}
      <fieldset className="fieldset">
        <legend>{labels.activities}</legend>
        {ACTIVITIES.map((a) => (
          <div key={a} className="rule-row">
            {input(`${a}.points`, t('loyalty.rules.activityPoints', { activity: t(`loyalty.activity.${a}` as MessageKey) }))}
            {input(`${a}.dailyCap`, t('loyalty.rules.activityCap', { activity: t(`loyalty.activity.${a}` as MessageKey) }))}
          </div>
        ))}
      </fieldset>
      {canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
            {t('loyalty.rules.save')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('loyalty.rules.readOnly')}</p>
      )}
    </form>
  );
}
