import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, useAuth } from '../auth';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextInput } from '../components/ui';
import { errorView, serverError } from '../errors';
import type { ApiKeyFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { ApiKeysQuery, IssueApiKeyMutation, RevokeApiKeyMutation } from '../operations';
import { Redirect } from '../router';

// /api-keys — admins issue and revoke the scoped keys partner systems push
// orders with. The secret is shown once, right after issuing.

export const SCOPES = ['orders:write', 'customers:read'] as const;

/** "shop, pos ,, web" → ["shop", "pos", "web"]. */
export function parseSources(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean))];
}

export function ApiKeysPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/api-keys')}`} />;
  if (!isAdmin(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('apiKeys.title')}>{t('apiKeys.title')}</PageHeading>
        <Alert tone="info">{t('apiKeys.adminOnly')}</Alert>
      </div>
    );
  }
  return <ApiKeys />;
}

function ApiKeys() {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ApiKeysQuery });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const keys = data?.apiKeys.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  return (
    <div className="page page-wide">
      <header className="page-header">
        <PageHeading title={t('apiKeys.title')}>{t('apiKeys.title')}</PageHeading>
        <p className="muted">{t('apiKeys.intro')}</p>
      </header>
      {issued && <IssuedSecret name={issued.name} secret={issued.secret} onDismiss={() => setIssued(null)} />}
      <IssueForm
        onIssued={(name, secret) => {
          setIssued({ name, secret });
          refetch();
        }}
      />
      {error && !data && <ErrorMessage error={errorView(serverError(error))} onRetry={refetch} />}
      {!data && fetching && <Spinner />}
      {data && (keys.length ? <KeysTable keys={keys} onRevoked={refetch} /> : <p className="muted">{t('apiKeys.empty')}</p>)}
    </div>
  );
}

function IssuedSecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="card api-key-secret" role="region" aria-label={t('apiKeys.secretTitle', { name })}>
      <h2 className="section-title">{t('apiKeys.secretTitle', { name })}</h2>
      <p>{t('apiKeys.secretOnce')}</p>
      <p>
        <code data-testid="api-key-secret">{secret}</code>
      </p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={copy}>
          {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('apiKeys.dismiss')}
        </button>
      </div>
    </div>
  );
}

function IssueForm({ onIssued }: { onIssued: (name: string, secret: string) => void }) {
  const { t } = useI18n();
  const [{ fetching }, issue] = useMutation(IssueApiKeyMutation);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['orders:write']);
  const [sources, setSources] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<ReturnType<typeof errorView>>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const labels = { name: t('apiKeys.field.name'), scopes: t('apiKeys.field.scopes'), sources: t('apiKeys.field.sources'), expiresAt: t('apiKeys.field.expires') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const errs: Record<string, string> = {};
    const srcs = parseSources(sources);
    if (!name.trim()) errs.name = t('apiKeys.nameRequired');
    if (!scopes.length) errs.scopes = t('apiKeys.scopeRequired');
    if (scopes.includes('orders:write') && !srcs.length) errs.sources = t('apiKeys.sourcesRequired');
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    const res = await issue({
      input: { name: name.trim(), scopes, sources: srcs, expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null },
    });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      setError(err);
      if (err?.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      return;
    }
    setName('');
    setSources('');
    setExpires('');
    onIssued(res.data.issueApiKey.key.name, res.data.issueApiKey.secret);
  };

  return (
    <section className="card" aria-labelledby="issue-key">
      <h2 id="issue-key" className="section-title">
        {t('apiKeys.issue')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={error} fieldLabels={labels} />
        <Field label={labels.name} error={fieldErrors.name}>
          {(p) => <TextInput {...p} name="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} required />}
        </Field>
        <fieldset className="field">
          <legend>{labels.scopes}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                name="scope"
                value={s}
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
              />{' '}
              <code>{s}</code> — {t(`apiKeys.scope.${s}`)}
            </label>
          ))}
          {fieldErrors.scopes && <p className="field-error">{fieldErrors.scopes}</p>}
        </fieldset>
        <Field label={labels.sources} hint={t('apiKeys.sourcesHint')} error={fieldErrors.sources}>
          {(p) => <TextInput {...p} name="sources" value={sources} onChange={(e) => setSources(e.target.value)} />}
        </Field>
        <Field label={labels.expiresAt} hint={t('apiKeys.expiresHint')} error={fieldErrors.expiresAt}>
          {(p) => <TextInput {...p} name="expiresAt" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
            {fetching ? t('common.saving') : t('apiKeys.issueSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function KeysTable({ keys, onRevoked }: { keys: readonly ApiKeyFieldsFragment[]; onRevoked: () => void }) {
  const { t, formatDateTime } = useI18n();
  const [{ fetching }, revoke] = useMutation(RevokeApiKeyMutation);
  const [error, setError] = useState<ReturnType<typeof errorView>>(null);
  const never = <span className="muted">{t('apiKeys.never')}</span>;
  const onRevoke = async (k: ApiKeyFieldsFragment) => {
    if (!window.confirm(t('apiKeys.revokeConfirm', { name: k.name }))) return;
    const res = await revoke({ id: k.id });
    if (!res.data) return setError(errorView(serverError(res.error)));
    setError(null);
    onRevoked();
  };
  const cols = {
    name: t('apiKeys.col.name'),
    prefix: t('apiKeys.col.prefix'),
    scopes: t('apiKeys.col.scopes'),
    sources: t('apiKeys.col.sources'),
    lastUsed: t('apiKeys.col.lastUsed'),
    state: t('apiKeys.col.state'),
  };
  return (
    <>
      <ErrorMessage error={error} />
      <div className="table-wrap">
        <table className="table api-keys-table">
          <caption className="visually-hidden">{t('apiKeys.caption')}</caption>
          <thead>
            <tr>
              {Object.values(cols).map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('apiKeys.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-testid={`api-key-${k.prefix}`}>
                <td data-label={cols.name}>{k.name}</td>
                <td data-label={cols.prefix}>
                  <code>{k.prefix}…</code>
                </td>
                <td data-label={cols.scopes}>{k.scopes.join(', ')}</td>
                <td data-label={cols.sources}>{k.sources.length ? k.sources.join(', ') : <span className="muted">{t('common.none')}</span>}</td>
                <td data-label={cols.lastUsed}>{k.lastUsedAt ? <time dateTime={k.lastUsedAt}>{formatDateTime(k.lastUsedAt)}</time> : never}</td>
                <td data-label={cols.state}>
                  {k.revokedAt ? t('apiKeys.revoked') : k.active ? t('apiKeys.active') : t('apiKeys.expired')}
                </td>
                <td>
                  {!k.revokedAt && (
                    <button type="button" className="button button-small button-danger" disabled={fetching} onClick={() => onRevoke(k)}>
                      {t('apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
