// Money arrives in minor units (fen, cents) with an ISO 4217 code. The number
// of minor digits comes from Intl, so JPY (0) and KWD (3) come out right.

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (2 when Intl does not know it). */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let d = digitsCache.get(code);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(code, d);
  }
  return d;
}

/** An amount in minor units as the locale writes it, e.g. 123456 CNY → "CN¥1,234.56" / "¥1,234.56". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const value = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(value);
  } catch {
    // Not an ISO code Intl accepts: the number and the code as given.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${currency}`;
  }
}

/** Sums amounts per currency (orders may be in several), in first-seen order. */
export function totalsByCurrency(items: readonly { amount: number; currency: string }[]): { currency: string; amount: number }[] {
  const totals = new Map<string, number>();
  for (const it of items) {
    const code = it.currency.toUpperCase();
    totals.set(code, (totals.get(code) ?? 0) + it.amount);
  }
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}

/** A typed amount ("1,234.5") in minor units of currency; null when it is not a positive amount with at most the currency's digits. */
export function toMinor(text: string, currency: string): number | null {
  const s = text.trim().replace(/[,\s]/g, '');
  const digits = minorDigits(currency);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] ?? '').length > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}
