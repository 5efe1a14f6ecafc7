import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert, ErrorMessage, Field, TextArea, TextInput } from './ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type { Post } from '../feed';
import { useI18n } from '../i18n';
import { CreatePostMutation } from '../operations';

export const MAX_TITLE = 200;
export const MAX_BODY = 40000;
export const MAX_TAGS = 10;

/** "a, b，c  a" → ["a", "b", "c"] (commas of either width, duplicates dropped). */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.split(/[,，、]/)) {
    const tag = raw.trim().replace(/^#/, '');
    if (!tag) continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out.slice(0, MAX_TAGS);
}

export function Composer({ boardId, onCreated }: { boardId: string; onCreated(post: Post): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, createPost] = useMutation(CreatePostMutation);

  const labels = { title: t('composer.field.title'), body: t('composer.field.body'), tags: t('composer.field.tags') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setDone(false);
    setError(null);
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = t('composer.titleRequired');
    else if (title.trim().length > MAX_TITLE) errs.title = t('composer.tooLong', { max: MAX_TITLE });
    if (!body.trim()) errs.body = t('composer.bodyRequired');
    else if (body.length > MAX_BODY) errs.body = t('composer.tooLong', { max: MAX_BODY });
    setFieldErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const res = await createPost({ input: { boardId, title: title.trim(), body, tags: parseTags(tags) } });
    if (res.data?.createPost) {
      onCreated(res.data.createPost);
      setTitle('');
      setBody('');
      setTags('');
      setDone(true);
      return;
    }
    const view = errorView(serverError(res.error)) ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
    setError(view);
    if (view.field && view.field in labels) setFieldErrors({ [view.field]: view.detail || t('error.badInput') });
  };

  // Open from the start on wide screens; on phones it is one tap away so
  // the posts are not pushed below the fold.
  const [open, setOpen] = useState(() => window.matchMedia?.('(min-width: 56rem)').matches ?? true);

  return (
    <details className="card composer" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="section-title">{t('composer.title')}</h2>
      </summary>
      <ErrorMessage error={error} fieldLabels={labels} />
      {done && <Alert tone="success">{t('composer.posted')}</Alert>}
      <form onSubmit={onSubmit} noValidate className="form">
        <Field label={labels.title} error={fieldErrors.title}>
          {(p) => <TextInput {...p} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={MAX_TITLE} required />}
        </Field>
        <Field label={labels.body} error={fieldErrors.body}>
          {(p) => <TextArea {...p} name="body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={MAX_BODY} required />}
        </Field>
        <Field label={labels.tags} hint={t('composer.field.tagsHint')} error={fieldErrors.tags}>
          {(p) => <TextInput {...p} name="tags" value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
            {fetching ? t('composer.busy') : t('composer.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
