import type { MessageKey } from './i18n';

// A customer's change history (動態管理) stores each field under its ent name
// (business_status) with the old and new values as JSON text. These helpers
// turn that into words for the page.

/** `business_status` → `businessStatus`; `owner_id` → `owner`. */
export function camelField(field: string): string {
  const f = field.replace(/_id$/, '');
  return f.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The translation key for a field's label, when there is one. */
export function fieldLabelKey(field: string, has: (key: string) => boolean): MessageKey | null {
  const key = `customer.field.${camelField(field)}`;
  return has(key) ? (key as MessageKey) : null;
}

/** JSON text → value; text that is not JSON is kept as it is. */
export function parseChangeValue(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Fields whose values are enum constants with translations. */
const ENUM_KEYS: Record<string, string> = {
  kind: 'customers.kind.',
  riskLevel: 'customer.risk.',
  valueTier: 'customer.tier.',
};

/** Fields that hold a date without a meaningful time. */
const DATE_ONLY = new Set(['foundedOn']);

export interface ValueFormat {
  t(key: MessageKey): string;
  has(key: string): boolean;
  formatDate(iso: string): string;
  formatDateTime(iso: string): string;
}

/** One side of a change as display text; null for "no value". */
export function describeChangeValue(field: string, raw: string | null | undefined, fmt: ValueFormat): string | null {
  const name = camelField(field);
  const show = (v: unknown): string | null => {
    if (v === null || v === undefined || v === '') return null;
    if (Array.isArray(v)) {
      const items = v.map(show).filter((s): s is string => s !== null);
      return items.length ? items.join(', ') : null;
    }
    if (typeof v === 'boolean') return fmt.t(v ? 'common.yes' : 'common.no');
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') {
      const prefix = ENUM_KEYS[name];
      if (prefix && fmt.has(prefix + v)) return fmt.t((prefix + v) as MessageKey);
      if (ISO_DATE_TIME.test(v)) return DATE_ONLY.has(name) ? fmt.formatDate(v) : fmt.formatDateTime(v);
      return v;
    }
    if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      return entries.length ? entries.map(([k, x]) => `${k}: ${show(x) ?? '—'}`).join('; ') : null;
    }
    return String(v);
  };
  return show(parseChangeValue(raw));
}
