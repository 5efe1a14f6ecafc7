import { useQuery } from 'urql';
import type { CustomFieldDefinitionFieldsFragment, CustomFieldPredicate, CustomFieldType } from './gql/graphql';
import type { Locale, MessageKey } from './i18n';
import { CustomFieldDefinitionsQuery } from './operations';

// Custom fields of the customer file. Admins define them (key, type, English
// and Chinese labels, required); a customer holds the values in
// customFields under each key, as JSON: strings for TEXT, SELECT and DATE
// ("YYYY-MM-DD"), numbers, booleans. These helpers turn definitions and
// values into labels, form values, update patches and list filters.

export type FieldDef = CustomFieldDefinitionFieldsFragment;

export const FIELD_TYPES: CustomFieldType[] = ['TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT'];

/** The definitions (archived ones too when asked), in display order. */
export function useFieldDefinitions(includeArchived = false, pause = false): FieldDef[] {
  const [{ data }] = useQuery({ query: CustomFieldDefinitionsQuery, variables: { includeArchived }, pause });
  return data?.customFieldDefinitions ?? [];
}

/** The field's label in the UI language. */
export function fieldLabel(def: Pick<FieldDef, 'labelEn' | 'labelZh'>, locale: Locale): string {
  return locale === 'zh-Hans' ? def.labelZh || def.labelEn : def.labelEn || def.labelZh;
}

/** The field of a server error about a custom field value (extensions.field). */
export const fieldPath = (key: string) => `customFields.${key}`;

/** The key a history row of a custom field names (`custom_fields.budget` → `budget`), or null. */
export function historyKey(field: string): string | null {
  return field.startsWith('custom_fields.') ? field.slice('custom_fields.'.length) : null;
}

export interface ValueFormat {
  locale: Locale;
  t(key: MessageKey): string;
}

/** A stored value as text for people; null for no value. */
export function formatCustomValue(type: CustomFieldType | undefined, v: unknown, fmt: ValueFormat): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return fmt.t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'number') return new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: 6 }).format(v);
  if (typeof v === 'string') {
    if (type === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      // A date without a time: shown in UTC, so no time zone moves it a day.
      return new Intl.DateTimeFormat(fmt.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${v}T00:00:00Z`));
    }
    return v;
  }
  return JSON.stringify(v);
}

/** The customer's values as the strings form controls hold. */
export function customFormValues(defs: readonly FieldDef[], values: unknown): Record<string, string> {
  const cf = values && typeof values === 'object' ? (values as Record<string, unknown>) : {};
  const out: Record<string, string> = {};
  for (const d of defs) {
    const v = cf[d.key];
    out[d.key] = v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : String(v);
  }
  return out;
}

/** Reads a form string as a value of the type; undefined when it is not one. */
export function parseFormValue(type: CustomFieldType, s: string): string | number | boolean | null | undefined {
  const v = s.trim();
  if (v === '') return null;
  switch (type) {
    case 'NUMBER': {
      const n = Number(v.replace(/[,，\s]/g, ''));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'BOOLEAN':
      return v === 'true' ? true : v === 'false' ? false : undefined;
    case 'DATE':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
    default:
      return v;
  }
}

export type FieldErrors = Record<string, MessageKey>;

/**
 * The customFields patch of an update: only changed keys, null for a value
 * removed. Errors (by key) for what the server would refuse anyway: a value
 * that is not of the type, a required value removed.
 */
export function customFieldsPatch(
  defs: readonly FieldDef[],
  before: Record<string, string>,
  after: Record<string, string>,
): { patch: Record<string, unknown>; errors: FieldErrors } {
  const patch: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const d of defs) {
    const a = (after[d.key] ?? '').trim();
    const b = (before[d.key] ?? '').trim();
    if (a === b) continue;
    const v = parseFormValue(d.type, a);
    if (v === undefined) {
      errors[d.key] = d.type === 'NUMBER' ? 'customField.notANumber' : 'error.badInput';
      continue;
    }
    if (v === null && d.required) {
      errors[d.key] = 'customField.required';
      continue;
    }
    patch[d.key] = v;
  }
  return { patch, errors };
}

// ---------------------------------------------------------------------------
// The customer list's filter: one condition on one custom field.

export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'isNil' | 'hasValue';

/** The operators offered for each type (the server allows these and more). */
export const OPS_BY_TYPE: Record<CustomFieldType, FilterOp[]> = {
  TEXT: ['contains', 'eq', 'hasValue', 'isNil'],
  NUMBER: ['eq', 'gt', 'gte', 'lt', 'lte', 'hasValue', 'isNil'],
  DATE: ['eq', 'gt', 'lt', 'hasValue', 'isNil'],
  BOOLEAN: ['eq', 'hasValue', 'isNil'],
  SELECT: ['eq', 'neq', 'hasValue', 'isNil'],
};

export interface CustomFilter {
  key: string;
  op: FilterOp;
  value: string;
}

/** Whether the operator takes a value (isNil and hasValue do not). */
export const opTakesValue = (op: FilterOp) => op !== 'isNil' && op !== 'hasValue';

/** The CustomFieldPredicate of a filter; null while it is incomplete or its value is not of the type. */
export function filterPredicate(defs: readonly FieldDef[], f: CustomFilter | null): CustomFieldPredicate | null {
  if (!f) return null;
  const def = defs.find((d) => d.key === f.key);
  if (!def) return null;
  if (f.op === 'isNil') return { key: f.key, isNil: true };
  if (f.op === 'hasValue') return { key: f.key, isNil: false };
  const v = parseFormValue(def.type, f.value);
  if (v === undefined || v === null) return null;
  if (f.op === 'contains') return typeof v === 'string' ? { key: f.key, contains: v } : null;
  return { key: f.key, [f.op]: v };
}

/** The filter a stored predicate stands for (saved views); null when it is not one the list builds. */
export function predicateFilter(p: unknown): CustomFilter | null {
  if (!p || typeof p !== 'object') return null;
  const pred = p as Record<string, unknown>;
  if (typeof pred.key !== 'string') return null;
  if (pred.isNil === true) return { key: pred.key, op: 'isNil', value: '' };
  if (pred.isNil === false) return { key: pred.key, op: 'hasValue', value: '' };
  for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains'] as const) {
    const v = pred[op];
    if (v !== undefined && v !== null) return { key: pred.key, op, value: String(v) };
  }
  return null;
}
