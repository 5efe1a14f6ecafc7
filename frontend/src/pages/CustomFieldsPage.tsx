import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, useAuth } from '../auth';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextArea, TextInput } from '../components/ui';
import { fieldLabel, FIELD_TYPES, type FieldDef } from '../customFields';
import { errorView, serverError, type ErrorView } from '../errors';
import type { CustomFieldType } from '../gql/graphql';
import { useI18n } from '../i18n';
import {
  ArchiveCustomFieldDefinitionMutation,
  CreateCustomFieldDefinitionMutation,
  CustomFieldDefinitionsQuery,
  DeleteCustomFieldDefinitionMutation,
  RestoreCustomFieldDefinitionMutation,
  UpdateCustomFieldDefinitionMutation,
} from '../operations';
import { Redirect } from '../router';

// /admin/custom-fields — admins define the custom fields of the customer
// file: key and type (fixed once created), English and Chinese labels,
// required, order, the options of a choice list; archive, restore, delete.

export function CustomFieldsPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/admin/custom-fields')}`} />;
  if (!isAdmin(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('fields.title')}>{t('fields.title')}</PageHeading>
        <Alert tone="info">{t('fields.adminOnly')}</Alert>
      </div>
    );
  }
  return <Definitions />;
}

/** "a, b\nc，d" → ["a", "b", "c", "d"]. */
export function splitOptions(s: string): string[] {
  return s
    .split(/[\n,，、]/)
    .map((o) => o.trim())
    .filter(Boolean);
}

interface FormState {
  key: string;
  type: CustomFieldType;
  labelEn: string;
  labelZh: string;
  options: string;
  required: boolean;
  position: string;
}

const emptyForm: FormState = { key: '', type: 'TEXT', labelEn: '', labelZh: '', options: '', required: false, position: '' };

const formOf = (d: FieldDef): FormState => ({
  key: d.key,
  type: d.type,
  labelEn: d.labelEn,
  labelZh: d.labelZh,
  options: (d.options ?? []).join('\n'),
  required: d.required,
  position: String(d.position),
});

function Definitions() {
  const { t, locale } = useI18n();
  const [showArchived, setShowArchived] = useState(false);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomFieldDefinitionsQuery, variables: { includeArchived: showArchived } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState<FieldDef | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ErrorView | null>(null);
  const [, archive] = useMutation(ArchiveCustomFieldDefinitionMutation);
  const [, restore] = useMutation(RestoreCustomFieldDefinitionMutation);
  const [, remove] = useMutation(DeleteCustomFieldDefinitionMutation);
  const defs = data?.customFieldDefinitions ?? [];

  const act = async (run: () => Promise<{ error?: Parameters<typeof serverError>[0] }>, done: string) => {
    setNotice(null);
    const r = await run();
    const err = errorView(serverError(r.error));
    setActionError(err?.code === 'CONFLICT' ? { ...err, key: 'fields.inUse' } : err);
    if (!err) {
      setNotice(done);
      refresh();
    }
  };

  return (
    <div className="page page-wide custom-fields-page">
      <PageHeading title={t('fields.title')}>{t('fields.title')}</PageHeading>
      <p className="muted">{t('fields.intro')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <ErrorMessage error={actionError} />
      {error && !data && <ErrorMessage error={errorView(serverError(error))} onRetry={refresh} />}

      <label className="checkbox">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t('fields.showArchived')}
      </label>
      {showArchived && <p className="muted">{t('fields.archivedHint')}</p>}

      {!data && fetching && <Spinner />}
      {data && defs.length === 0 && <Alert tone="info">{t('fields.empty')}</Alert>}
      {defs.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('fields.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.col.position')}</th>
                <th scope="col">{t('fields.col.labelEn')}</th>
                <th scope="col">{t('fields.col.labelZh')}</th>
                <th scope="col">{t('fields.col.key')}</th>
                <th scope="col">{t('fields.col.type')}</th>
                <th scope="col">{t('fields.col.required')}</th>
                <th scope="col">{t('fields.col.options')}</th>
                <th scope="col">{t('fields.col.status')}</th>
                <th scope="col">{t('fields.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {defs.map((d) => {
                const label = fieldLabel(d, locale);
                return (
                  <tr key={d.id} data-key={d.key}>
                    <td data-label={t('fields.col.position')}>{d.position}</td>
                    <th scope="row" data-label={t('fields.col.labelEn')}>
                      {d.labelEn}
                    </th>
                    <td data-label={t('fields.col.labelZh')}>{d.labelZh}</td>
                    <td data-label={t('fields.col.key')}>
                      <code>{d.key}</code>
                    </td>
                    <td data-label={t('fields.col.type')}>{t(`fields.type.${d.type}`)}</td>
                    <td data-label={t('fields.col.required')}>{t(d.required ? 'common.yes' : 'common.no')}</td>
                    <td data-label={t('fields.col.options')}>{d.options?.length ? d.options.join(', ') : <span className="muted">{t('common.none')}</span>}</td>
                    <td data-label={t('fields.col.status')}>{t(d.archived ? 'fields.archived' : 'fields.active')}</td>
                    <td data-label={t('fields.col.actions')} className="cell-actions">
                      <button type="button" className="button button-small" onClick={() => (setNotice(null), setEditing(d))} aria-label={t('fields.edit', { label })}>
                        {t('common.edit')}
                      </button>
                      {d.archived ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('fields.restore', { label })}
                          onClick={() => act(() => restore({ id: d.id }), t('fields.saved', { label }))}
                        >
                          {t('fields.restoreShort')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('fields.archive', { label })}
                          onClick={() => act(() => archive({ id: d.id }), t('fields.saved', { label }))}
                        >
                          {t('fields.archiveShort')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        aria-label={t('fields.delete', { label })}
                        onClick={() => act(() => remove({ id: d.id }), t('fields.deleted', { label }))}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing ? (
        <DefinitionForm
          key={editing.id}
          existing={editing}
          onCancel={() => setEditing(null)}
          onDone={(label) => {
            setEditing(null);
            setNotice(t('fields.saved', { label }));
            refresh();
          }}
        />
      ) : (
        <DefinitionForm
          onDone={(label) => {
            setNotice(t('fields.created', { label }));
            refresh();
          }}
        />
      )}
    </div>
  );
}

const FORM_FIELDS = ['key', 'type', 'labelEn', 'labelZh', 'options', 'required', 'position'] as const;

/** A new field's form, or an existing field's (key and type fixed). */
export function DefinitionForm({ existing, onDone, onCancel }: { existing?: FieldDef; onDone: (label: string) => void; onCancel?: () => void }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState<FormState>(existing ? formOf(existing) : emptyForm);
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof FormState, string>>>({});
  const [createRes, create] = useMutation(CreateCustomFieldDefinitionMutation);
  const [updateRes, update] = useMutation(UpdateCustomFieldDefinitionMutation);
  const busy = createRes.fetching || updateRes.fetching;
  const labels: Record<string, string> = {
    key: t('fields.col.key'),
    type: t('fields.col.type'),
    labelEn: t('fields.col.labelEn'),
    labelZh: t('fields.col.labelZh'),
    options: t('fields.col.options'),
    required: t('fields.col.required'),
    position: t('fields.col.position'),
  };
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const focus = (f: string) => formEl.querySelector<HTMLElement>(`[name="${f}"]`)?.focus();
    setError(null);
    const missing: Partial<Record<keyof FormState, string>> = {};
    if (!existing && !form.key.trim()) missing.key = t('error.required');
    if (!form.labelEn.trim()) missing.labelEn = t('error.required');
    if (!form.labelZh.trim()) missing.labelZh = t('error.required');
    if (form.type === 'SELECT' && splitOptions(form.options).length === 0) missing.options = t('error.required');
    const position = form.position.trim() === '' ? null : Number(form.position);
    if (position !== null && !Number.isInteger(position)) missing.position = t('customField.notANumber');
    setFieldErrors(missing);
    const first = FORM_FIELDS.find((f) => missing[f]);
    if (first) {
      focus(first);
      return;
    }
    const options = form.type === 'SELECT' ? splitOptions(form.options) : null;
    const common = { labelEn: form.labelEn.trim(), labelZh: form.labelZh.trim(), required: form.required };
    const res = existing
      ? await update({
          id: existing.id,
          input: { ...common, ...(position !== null ? { position } : {}), ...(existing.type === 'SELECT' ? { options } : {}) },
        })
      : await create({ input: { ...common, key: form.key.trim(), type: form.type, options, position } });
    if (!res.error) {
      const saved = existing ? res.data && 'updateCustomFieldDefinition' in res.data && res.data.updateCustomFieldDefinition : null;
      onDone(fieldLabel(saved || { labelEn: common.labelEn, labelZh: common.labelZh }, locale));
      if (!existing) setForm(emptyForm);
      return;
    }
    const err = errorView(serverError(res.error));
    const field = err?.field as keyof FormState | undefined;
    if (err?.code === 'CONFLICT' && field === 'options') {
      setError({ ...err, key: 'fields.inUse' });
    } else {
      setError(err);
    }
    if (field && field in labels) {
      setFieldErrors({ [field]: err?.detail || t('error.badInput') });
      focus(field);
    }
  };

  const title = existing ? t('fields.editTitle', { label: fieldLabel(existing, locale) }) : t('fields.new');
  return (
    <form className="card form custom-field-form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ErrorMessage error={error} fieldLabels={labels} />
      <div className="form-row">
        <Field label={labels.key} hint={existing ? undefined : t('fields.keyHint')} error={fieldErrors.key}>
          {(p) => (
            <TextInput
              {...p}
              name="key"
              value={form.key}
              maxLength={40}
              readOnly={!!existing}
              onChange={(e) => set('key', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label={labels.type} error={fieldErrors.type}>
          {(p) => (
            <select {...p} name="type" className="input" value={form.type} disabled={!!existing} onChange={(e) => set('type', e.target.value as CustomFieldType)}>
              {FIELD_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`fields.type.${ty}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label={labels.labelEn} error={fieldErrors.labelEn}>
          {(p) => <TextInput {...p} name="labelEn" lang="en" value={form.labelEn} maxLength={100} onChange={(e) => set('labelEn', e.target.value)} />}
        </Field>
        <Field label={labels.labelZh} error={fieldErrors.labelZh}>
          {(p) => <TextInput {...p} name="labelZh" lang="zh-Hans" value={form.labelZh} maxLength={100} onChange={(e) => set('labelZh', e.target.value)} />}
        </Field>
      </div>
      {form.type === 'SELECT' && (
        <Field label={labels.options} hint={t('fields.optionsHint')} error={fieldErrors.options}>
          {(p) => <TextArea {...p} name="options" rows={4} value={form.options} onChange={(e) => set('options', e.target.value)} />}
        </Field>
      )}
      <div className="form-row">
        <Field label={labels.position} hint={t('fields.positionHint')} error={fieldErrors.position}>
          {(p) => <TextInput {...p} name="position" inputMode="numeric" value={form.position} onChange={(e) => set('position', e.target.value)} />}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="required" checked={form.required} onChange={(e) => set('required', e.target.checked)} /> {labels.required}
      </label>
      <p className="field-hint">{t('fields.requiredHint')}</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('common.saving') : existing ? t('common.save') : t('fields.create')}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
