import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../auth';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { RequestPasswordResetMutation, VerifyEmailMutation } from '../operations';
import { Link, useRouter } from '../router';

// The pages behind the links the server mails (/verify-email?token=…,
// /reset-password?token=…) and the form that asks for a reset link.

const MIN_PASSWORD = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function useToken(): string {
  const { location } = useRouter();
  return new URLSearchParams(location.search).get('token')?.trim() ?? '';
}

/** A bad, expired or used token is BAD_USER_INPUT on field "token". */
function isTokenError(err: ErrorView | null): boolean {
  return !!err && err.code === 'BAD_USER_INPUT' && err.field === 'token';
}

export function VerifyEmailPage() {
  const { t } = useI18n();
  const token = useToken();
  const { viewer, refresh } = useAuth();
  const [, verify] = useMutation(VerifyEmailMutation);
  const [state, setState] = useState<{ status: 'busy' | 'done' } | { status: 'failed'; error: ErrorView | null }>(() =>
    token ? { status: 'busy' } : { status: 'failed', error: null },
  );
  const sent = useRef<string | null>(null);

  useEffect(() => {
    // Once per token (StrictMode runs effects twice; verifying twice is harmless but noisy).
    if (!token || sent.current === token) return;
    sent.current = token;
    void verify({ token }).then((res) => {
      if (res.data) {
        setState({ status: 'done' });
        refresh();
      } else {
        setState({ status: 'failed', error: errorView(serverError(res.error)) });
      }
    });
  }, [token, verify, refresh]);

  const next = viewer ? (viewer.role === 'MEMBER' ? '/me' : '/boards') : '/login';
  return (
    <div className="auth">
      <section className="card auth-card" aria-labelledby="verify-title">
        <PageHeading id="verify-title" title={t('verify.title')}>
          {t('verify.title')}
        </PageHeading>
        {state.status === 'busy' && <Spinner label={t('verify.busy')} />}
        {state.status === 'done' && (
          <>
            <Alert tone="success">{t('verify.done')}</Alert>
            <p>
              <Link to={next} className="button button-primary">
                {t('verify.continue')}
              </Link>
            </p>
          </>
        )}
        {state.status === 'failed' &&
          (!token ? (
            <Alert tone="info">{t('reset.noToken')}</Alert>
          ) : isTokenError(state.error) ? (
            <Alert>
              <p>{t('verify.badToken')}</p>
              <p>{t('verify.requestNew')}</p>
            </Alert>
          ) : (
            <ErrorMessage error={state.error} />
          ))}
        {state.status === 'failed' && (
          <p className="auth-switch">
            <Link to={viewer ? '/me' : `/login?next=${encodeURIComponent('/me')}`}>{viewer ? t('nav.myAccount') : t('nav.logIn')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const { location } = useRouter();
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const value = email.trim();
    if (!value || !EMAIL.test(value)) {
      setFieldError(t(value ? 'error.emailInvalid' : 'error.required'));
      e.currentTarget.querySelector<HTMLInputElement>('[name="email"]')?.focus();
      return;
    }
    setFieldError(null);
    const res = await request({ email: value });
    if (res.error || !res.data) {
      const err = errorView(serverError(res.error));
      setError(err);
      if (err?.field === 'email') setFieldError(err.detail || t('error.badInput'));
      return;
    }
    setSentTo(value);
  };

  return (
    <div className="auth">
      <section className="card auth-card" aria-labelledby="forgot-title">
        <PageHeading id="forgot-title" title={t('forgot.title')}>
          {t('forgot.title')}
        </PageHeading>
        {sentTo ? (
          <Alert tone="success">{t('forgot.sent', { email: sentTo })}</Alert>
        ) : (
          <>
            <p className="muted">{t('forgot.intro')}</p>
            <ErrorMessage error={error} fieldLabels={{ email: t('auth.field.email') }} />
            <form className="form" onSubmit={onSubmit} noValidate>
              <Field label={t('auth.field.email')} error={fieldError}>
                {(p) => (
                  <TextInput
                    {...p}
                    name="email"
                    type="email"
                    inputMode="email"
                    autoComplete="email"
                    value={email}
                    maxLength={254}
                    onChange={(e) => setEmail(e.target.value)}
                    required
                  />
                )}
              </Field>
              <button type="submit" className="button button-primary button-block" disabled={fetching} aria-busy={fetching || undefined}>
                {fetching ? t('forgot.busy') : t('forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p className="auth-switch">
          <Link to="/login">{t('forgot.back')}</Link>
        </p>
      </section>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = useToken();
  const { viewer, resetPassword } = useAuth();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; confirm?: string }>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [done, setDone] = useState(false);

  const labels = { newPassword: t('reset.field.password'), password: t('reset.field.password') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setError(null);
    const errs: { password?: string; confirm?: string } = {};
    if (!password) errs.password = t('error.required');
    else if (password.length < MIN_PASSWORD) errs.password = t('error.passwordShort', { min: MIN_PASSWORD });
    else if (confirm !== password) errs.confirm = t('reset.mismatch');
    setFieldErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const err = await resetPassword(token, password);
      if (err) {
        setError(err);
        if (err.field === 'newPassword' || err.field === 'password') setFieldErrors({ password: err.detail || t('error.badInput') });
      } else {
        setDone(true);
      }
    } finally {
      setBusy(false);
    }
  };

  const badToken = isTokenError(error);
  return (
    <div className="auth">
      <section className="card auth-card" aria-labelledby="reset-title">
        <PageHeading id="reset-title" title={t('reset.title')}>
          {t('reset.title')}
        </PageHeading>
        {done ? (
          <>
            <Alert tone="success">{t('reset.done')}</Alert>
            <p>
              <Link to={viewer?.role === 'MEMBER' ? '/me' : '/boards'} className="button button-primary">
                {t('reset.continue')}
              </Link>
            </p>
          </>
        ) : !token ? (
          <Alert tone="info">{t('reset.noToken')}</Alert>
        ) : (
          <>
            {badToken ? <Alert>{t('reset.badToken')}</Alert> : <ErrorMessage error={error} fieldLabels={labels} />}
            <form className="form" onSubmit={onSubmit} noValidate>
              <Field label={t('reset.field.password')} hint={t('auth.field.passwordHint')} error={fieldErrors.password}>
                {(p) => (
                  <TextInput
                    {...p}
                    name="password"
                    type={show ? 'text' : 'password'}
                    autoComplete="new-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    required
                  />
                )}
              </Field>
              <Field label={t('reset.field.confirm')} error={fieldErrors.confirm}>
                {(p) => (
                  <TextInput
                    {...p}
                    name="confirm"
                    type={show ? 'text' : 'password'}
                    autoComplete="new-password"
                    value={confirm}
                    onChange={(e) => setConfirm(e.target.value)}
                    required
                  />
                )}
              </Field>
              <label className="checkbox">
                <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
                {t('auth.showPassword')}
              </label>
              <button type="submit" className="button button-primary button-block" disabled={busy} aria-busy={busy || undefined}>
                {busy ? t('reset.busy') : t('reset.submit')}
              </button>
            </form>
          </>
        )}
        {(!token || badToken) && !done && (
          <p className="auth-switch">
            <Link to="/forgot-password">{t('reset.requestNew')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
