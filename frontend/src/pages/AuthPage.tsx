import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '../auth';
import { ErrorMessage, Field, PageHeading, TextInput } from '../components/ui';
import type { ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { Link, useRouter } from '../router';

type Mode = 'logIn' | 'signUp';

const MIN_PASSWORD = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Only same-site paths are followed after signing in. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/boards';
}

export function AuthPage({ mode }: { mode: Mode }) {
  const { t, locale } = useI18n();
  const { viewer, logIn, signUp } = useAuth();
  const { navigate, location } = useRouter();
  const next = safeNext(location.search);

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // Signed in (now or already): go where the user was heading.
  useEffect(() => {
    if (viewer) navigate(next, { replace: true });
  }, [viewer, next, navigate]);

  // Switching between the two forms starts afresh.
  useEffect(() => {
    setError(null);
    setFieldErrors({});
  }, [mode]);

  const labels = {
    name: t('auth.field.name'),
    email: t('auth.field.email'),
    password: t('auth.field.password'),
  };

  const validate = (): Record<string, string> => {
    const errs: Record<string, string> = {};
    if (mode === 'signUp' && !name.trim()) errs.name = t('error.required');
    if (!email.trim()) errs.email = t('error.required');
    else if (!EMAIL.test(email.trim())) errs.email = t('error.emailInvalid');
    if (!password) errs.password = t('error.required');
    else if (mode === 'signUp' && password.length < MIN_PASSWORD) errs.password = t('error.passwordShort', { min: MIN_PASSWORD });
    return errs;
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errs = validate();
    setFieldErrors(errs);
    setError(null);
    const first = Object.keys(errs)[0];
    if (first) {
      e.currentTarget.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const err =
        mode === 'logIn'
          ? await logIn(email.trim(), password)
          : await signUp({ name: name.trim(), email: email.trim(), password, locale });
      if (err) {
        setError(err);
        if (err.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      }
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'logIn' ? t('auth.logIn.title') : t('auth.signUp.title');

  return (
    <div className="auth">
      <section className="card auth-card" aria-labelledby="auth-title">
        <PageHeading id="auth-title" title={title}>
          {title}
        </PageHeading>
        <p className="muted">{t('app.tagline')}</p>
        {location.search.includes('next=') && mode === 'logIn' && !error && (
          <p className="muted">{t('auth.required')}</p>
        )}
        <ErrorMessage error={error} fieldLabels={labels} />
        <form onSubmit={onSubmit} noValidate className="form">
          {mode === 'signUp' && (
            <Field label={labels.name} hint={t('auth.field.nameHint')} error={fieldErrors.name}>
              {(p) => (
                <TextInput {...p} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
              )}
            </Field>
          )}
          <Field label={labels.email} error={fieldErrors.email}>
            {(p) => (
              <TextInput
                {...p}
                name="email"
                type="email"
                autoComplete={mode === 'logIn' ? 'username' : 'email'}
                inputMode="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                maxLength={254}
                required
              />
            )}
          </Field>
          <Field label={labels.password} hint={mode === 'signUp' ? t('auth.field.passwordHint') : undefined} error={fieldErrors.password}>
            {(p) => (
              <TextInput
                {...p}
                name="password"
                type={showPassword ? 'text' : 'password'}
                autoComplete={mode === 'logIn' ? 'current-password' : 'new-password'}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            )}
          </Field>
          <div className="auth-options">
            <label className="checkbox">
              <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
              {t('auth.showPassword')}
            </label>
            {mode === 'logIn' && (
              <Link to={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'}>{t('auth.forgot')}</Link>
            )}
          </div>
          <button type="submit" className="button button-primary button-block" disabled={busy} aria-busy={busy || undefined}>
            {busy
              ? t(mode === 'logIn' ? 'auth.logIn.busy' : 'auth.signUp.busy')
              : t(mode === 'logIn' ? 'auth.logIn.submit' : 'auth.signUp.submit')}
          </button>
        </form>
        <p className="auth-switch">
          {mode === 'logIn' ? (
            <>
              {t('auth.logIn.noAccount')} <Link to={`/signup${location.search}`}>{t('auth.logIn.toSignUp')}</Link>
            </>
          ) : (
            <>
              {t('auth.signUp.haveAccount')} <Link to={`/login${location.search}`}>{t('auth.signUp.toLogIn')}</Link>
            </>
          )}
        </p>
      </section>
    </div>
  );
}
