import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { predicateFilter, type CustomFilter } from '../customFields';
import { errorView, serverError, type ErrorView } from '../errors';
import type { CustomFieldPredicate } from '../gql/graphql';
import { useI18n } from '../i18n';
import { CreateSavedViewMutation, DeleteSavedViewMutation, SavedViewsQuery } from '../operations';
import { ErrorMessage, Field, TextInput } from './ui';

// Saved views of the customer list. A view stores the customers query's
// `where` as the list builds it from the filter text and the custom field
// filter, so applying a view puts both back.

/** The where of the customer list for a filter text and a custom field condition (as customersVariables builds it). */
export function viewWhere(q: string, custom?: CustomFieldPredicate | null): Record<string, unknown> | null {
  const term = q.trim();
  const where: Record<string, unknown> = term ? { or: [{ nameContainsFold: term }, { emailContainsFold: term }] } : {};
  if (custom) where.customFields = [custom];
  return Object.keys(where).length ? where : null;
}

/** The custom field filter a stored where holds (null when none). */
export function viewCustomFilter(where: unknown): CustomFilter | null {
  const cf = (where as { customFields?: unknown[] } | null)?.customFields;
  return Array.isArray(cf) ? predicateFilter(cf[0]) : null;
}

/** The filter text a stored where stands for ('' when it is not one the list built). */
export function viewTerm(where: unknown): string {
  const or = (where as { or?: { nameContainsFold?: unknown }[] } | null)?.or;
  const term = Array.isArray(or) ? or[0]?.nameContainsFold : undefined;
  return typeof term === 'string' ? term : '';
}

export function SavedViews({
  q,
  custom = null,
  onApply,
}: {
  q: string;
  custom?: CustomFieldPredicate | null;
  onApply: (q: string, custom: CustomFilter | null) => void;
}) {
  const { t } = useI18n();
  const [{ data }, reexecute] = useQuery({ query: SavedViewsQuery });
  const [createRes, create] = useMutation(CreateSavedViewMutation);
  const [, remove] = useMutation(DeleteSavedViewMutation);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [err, setErr] = useState<ErrorView | null>(null);
  const views = data?.savedViews.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ input: { name, shared, where: viewWhere(q, custom) } });
    setErr(errorView(serverError(r.error)));
    if (!r.error) {
      setName('');
      refresh();
    }
  };
  const del = async (id: string) => {
    const r = await remove({ id });
    setErr(errorView(serverError(r.error)));
    if (!r.error) refresh();
  };

  return (
    <section className="saved-views" aria-label={t('views.title')}>
      <h2 className="section-title">{t('views.title')}</h2>
      {views.length === 0 ? (
        <p className="muted">{t('views.none')}</p>
      ) : (
        <ul className="chips">
          {views.map((v) => (
            <li key={v.id}>
              <button type="button" className="button button-quiet" onClick={() => onApply(viewTerm(v.where), viewCustomFilter(v.where))}>
                {v.name}
              </button>
              {/* Only the owner may delete; anyone else gets FORBIDDEN, shown below. */}
              <button type="button" className="button button-quiet" aria-label={t('views.delete', { name: v.name })} onClick={() => del(v.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form form-inline" onSubmit={save}>
        <Field label={t('views.name')}>
          {(p) => <TextInput {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('views.shared')}
        </label>
        <button type="submit" className="button" disabled={createRes.fetching || !name.trim()}>
          {t('views.save')}
        </button>
      </form>
      <ErrorMessage error={err} />
    </section>
  );
}
