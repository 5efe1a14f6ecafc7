import type { ReactNode } from 'react';
import {
  fieldLabel,
  fieldPath,
  formatCustomValue,
  opTakesValue,
  OPS_BY_TYPE,
  type CustomFilter,
  type FieldDef,
  type FilterOp,
} from '../customFields';
import { useI18n, type MessageKey } from '../i18n';
import { Field, TextInput } from './ui';

// The custom fields of a customer file: the facts on the 360 page, their
// form controls in the profile editor, and the customer list's filter.

/**
 * The customer's custom field values: every active field (empty ones too),
 * archived fields the customer still holds a value of, and values of keys no
 * definition names any more.
 */
export function CustomFieldFacts({ defs, values }: { defs: readonly FieldDef[]; values: unknown }) {
  const { t, locale } = useI18n();
  const cf = values && typeof values === 'object' ? (values as Record<string, unknown>) : {};
  const none = <span className="muted">{t('common.none')}</span>;
  const known = new Set(defs.map((d) => d.key));
  const rows: { key: string; label: ReactNode; value: string | null }[] = [];
  for (const d of defs) {
    if (d.archived && (cf[d.key] === undefined || cf[d.key] === null)) continue;
    rows.push({
      key: d.key,
      label: d.archived ? (
        <>
          {fieldLabel(d, locale)} <span className="muted">{t('customField.archivedMark')}</span>
        </>
      ) : (
        fieldLabel(d, locale)
      ),
      value: formatCustomValue(d.type, cf[d.key], { locale, t }),
    });
  }
  for (const [k, v] of Object.entries(cf)) {
    if (!known.has(k)) rows.push({ key: k, label: k, value: formatCustomValue(undefined, v, { locale, t }) });
  }
  if (rows.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <dl className="facts">
      {rows.map((r) => (
        <div key={r.key} className="fact" data-field={fieldPath(r.key)}>
          <dt>{r.label}</dt>
          <dd>{r.value ?? none}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One form control per active field, the right kind for its type. */
export function CustomFieldControls({
  defs,
  values,
  errors,
  onChange,
}: {
  defs: readonly FieldDef[];
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  onChange: (key: string, value: string) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      {defs
        .filter((d) => !d.archived)
        .map((d) => {
          const label = d.required ? `${fieldLabel(d, locale)} *` : fieldLabel(d, locale);
          const name = fieldPath(d.key);
          const value = values[d.key] ?? '';
          const set = (e: { target: { value: string } }) => onChange(d.key, e.target.value);
          return (
            <Field key={d.key} label={label} error={errors[d.key]}>
              {(p) => {
                switch (d.type) {
                  case 'BOOLEAN':
                    return (
                      <select {...p} name={name} className="input" value={value} onChange={set} required={d.required}>
                        <option value="">{t('customField.unset')}</option>
                        <option value="true">{t('common.yes')}</option>
                        <option value="false">{t('common.no')}</option>
                      </select>
                    );
                  case 'SELECT':
                    return (
                      <select {...p} name={name} className="input" value={value} onChange={set} required={d.required}>
                        <option value="">{t('customField.choose')}</option>
                        {/* A value no longer among the options stays visible until changed. */}
                        {value && !(d.options ?? []).includes(value) && <option value={value}>{value}</option>}
                        {(d.options ?? []).map((o) => (
                          <option key={o} value={o}>
                            {o}
                          </option>
                        ))}
                      </select>
                    );
                  default:
                    return (
                      <TextInput
                        {...p}
                        name={name}
                        type={d.type === 'DATE' ? 'date' : 'text'}
                        inputMode={d.type === 'NUMBER' ? 'decimal' : undefined}
                        value={value}
                        onChange={set}
                        required={d.required}
                        autoComplete="off"
                      />
                    );
                }
              }}
            </Field>
          );
        })}
    </>
  );
}

/** The words of an operator for a type: dates are "after" and "before". */
export function opLabel(type: FieldDef['type'], op: FilterOp): MessageKey {
  if (type === 'DATE' && op === 'gt') return 'customFilter.op.after';
  if (type === 'DATE' && op === 'lt') return 'customFilter.op.before';
  return `customFilter.op.${op}` as MessageKey;
}

/** The customer list's filter by one custom field: field, condition, value. */
export function CustomFieldFilter({
  defs,
  filter,
  onChange,
}: {
  defs: readonly FieldDef[];
  filter: CustomFilter | null;
  onChange: (f: CustomFilter | null) => void;
}) {
  const { t, locale } = useI18n();
  const active = defs.filter((d) => !d.archived);
  if (active.length === 0) return null;
  const def = filter ? defs.find((d) => d.key === filter.key) : undefined;
  const ops = def ? OPS_BY_TYPE[def.type] : [];
  const pickField = (key: string) => {
    const d = defs.find((x) => x.key === key);
    onChange(d ? { key, op: OPS_BY_TYPE[d.type][0], value: '' } : null);
  };
  return (
    <div className="toolbar-row custom-filter" role="group" aria-label={t('customFilter.field')}>
      <Field label={t('customFilter.field')}>
        {(p) => (
          <select {...p} className="input" value={filter?.key ?? ''} onChange={(e) => pickField(e.target.value)}>
            <option value="">{t('customFilter.noField')}</option>
            {active.map((d) => (
              <option key={d.key} value={d.key}>
                {fieldLabel(d, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {def && filter && (
        <>
          <Field label={t('customFilter.op')}>
            {(p) => (
              <select {...p} className="input" value={filter.op} onChange={(e) => onChange({ ...filter, op: e.target.value as FilterOp })}>
                {ops.map((op) => (
                  <option key={op} value={op}>
                    {t(opLabel(def.type, op))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {opTakesValue(filter.op) && (
            <Field label={t('customFilter.value')}>
              {(p) =>
                def.type === 'SELECT' || def.type === 'BOOLEAN' ? (
                  <select {...p} className="input" value={filter.value} onChange={(e) => onChange({ ...filter, value: e.target.value })}>
                    <option value="">{t('customField.choose')}</option>
                    {def.type === 'BOOLEAN' ? (
                      <>
                        <option value="true">{t('common.yes')}</option>
                        <option value="false">{t('common.no')}</option>
                      </>
                    ) : (
                      (def.options ?? []).map((o) => (
                        <option key={o} value={o}>
                          {o}
                        </option>
                      ))
                    )}
                  </select>
                ) : (
                  <TextInput
                    {...p}
                    type={def.type === 'DATE' ? 'date' : 'text'}
                    inputMode={def.type === 'NUMBER' ? 'decimal' : undefined}
                    value={filter.value}
                    onChange={(e) => onChange({ ...filter, value: e.target.value })}
                    autoComplete="off"
                  />
                )
              }
            </Field>
          )}
          <button type="button" className="button button-quiet" onClick={() => onChange(null)} aria-label={t('customFilter.clear')}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
