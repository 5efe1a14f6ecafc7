import { useEffect, useId, useRef, type ComponentPropsWithRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { ErrorView } from '../errors';
import { Link } from '../router';

let firstPage = true;

/**
 * The page's h1. It sets the document title and, after client-side
 * navigation (not on the first load), takes focus so screen-reader and
 * keyboard users land at the start of the new page.
 */
export function PageHeading({ children, title, id }: { children: ReactNode; title: string; id?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Alert({ children, tone = 'error', onRetry }: { children: ReactNode; tone?: 'error' | 'info' | 'success'; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">{children}</div>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A translated server error; `fieldLabels` names the fields it may point at. */
export function ErrorMessage({ error, fieldLabels, onRetry }: { error: ErrorView | null; fieldLabels?: Record<string, string>; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const label = error.field ? fieldLabels?.[error.field] ?? error.field : undefined;
  const text = error.key === 'error.badInputField' && label ? t('error.badInputField', { field: label }) : t(error.key);
  return (
    <Alert onRetry={onRetry}>
      <p>{text}</p>
      {error.detail && error.detail !== text && <p className="alert-detail">{error.detail}</p>}
    </Alert>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="spinner" role="status">
      <span className="spinner-dot" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

/** A labelled form control with an optional hint and an error message. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [errId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function TextInput(props: ComponentPropsWithRef<'input'>) {
  return <input className="input" {...props} />;
}

export function TextArea(props: ComponentPropsWithRef<'textarea'>) {
  return <textarea className="input" {...props} />;
}

/** A post's tags; with hrefFor each tag links to the posts carrying it. */
export function Tags({
  tags,
  label,
  hrefFor,
}: {
  tags: readonly string[] | null | undefined;
  label: string;
  hrefFor?: (tag: string) => string;
}) {
  if (!tags || tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {hrefFor ? <Link to={hrefFor(tag)}>#{tag}</Link> : tag}
        </li>
      ))}
    </ul>
  );
}

/** Stands in for a React node inside a translated sentence (see Sentence). */
export const SLOT = '\u0000';

/**
 * A translated sentence with a link (or any node) where its placeholder
 * was: `<Sentence text={t('post.by', { name: SLOT })}>{link}</Sentence>`.
 * Word order stays the translation's.
 */
export function Sentence({ text, children }: { text: string; children: ReactNode }) {
  const i = text.indexOf(SLOT);
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      {children}
      {text.slice(i + SLOT.length)}
    </>
  );
}
