// The Insights pages' date range: whole months in the settings' time zone
// (the server cuts periods there), kept in the URL as ?from=YYYY-MM&to=YYYY-MM
// (both inclusive) and &period=MONTH|QUARTER|YEAR.

export type InsightPeriod = 'MONTH' | 'QUARTER' | 'YEAR';
export const PERIODS: readonly InsightPeriod[] = ['MONTH', 'QUARTER', 'YEAR'];

export interface Range {
  from: string; // YYYY-MM, inclusive
  to: string; // YYYY-MM, inclusive
  period: InsightPeriod;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The wall-clock parts of instant t in time zone tz. */
export function zonedParts(t: Date, tz: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second };
}

/** tz's offset from UTC at instant t, in milliseconds (east positive). */
export function zoneOffset(t: Date, tz: string): number {
  const p = zonedParts(t, tz);
  const asUTC = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUTC - Math.floor(t.getTime() / 1000) * 1000;
}

/** The instant of 00:00 on the first of month (1–12) of year in tz. */
export function monthStart(year: number, month: number, tz: string): Date {
  const guess = Date.UTC(year, month - 1, 1);
  let t = guess - zoneOffset(new Date(guess), tz);
  // Once more in case the offset differs at the result (a DST change between).
  t = guess - zoneOffset(new Date(t), tz);
  return new Date(t);
}

export function parseMonth(s: string | null | undefined): { year: number; month: number } | null {
  const m = MONTH_RE.exec(s ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const i = year * 12 + (month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The last 12 months up to and including the current one in tz, by month. */
export function defaultRange(now: Date, tz: string): Range {
  const p = zonedParts(now, tz);
  const start = addMonths(p.year, p.month, -11);
  return { from: formatMonth(start.year, start.month), to: formatMonth(p.year, p.month), period: 'MONTH' };
}

/** The range in the URL's search, falling back to the default for what is missing or malformed. */
export function rangeFromSearch(search: string, now: Date, tz: string): Range {
  const q = new URLSearchParams(search);
  const d = defaultRange(now, tz);
  const period = q.get('period');
  return {
    from: parseMonth(q.get('from')) ? (q.get('from') as string) : d.from,
    to: parseMonth(q.get('to')) ? (q.get('to') as string) : d.to,
    period: (PERIODS as readonly string[]).includes(period ?? '') ? (period as InsightPeriod) : d.period,
  };
}

export function rangeToSearch(r: Range): string {
  return `?${new URLSearchParams({ from: r.from, to: r.to, period: r.period }).toString()}`;
}

/** The instants [from, to) the queries take: the start of the first month and the start of the month after the last. Null when from is after to. */
export function rangeInstants(r: Range, tz: string): { from: string; to: string } | null {
  const a = parseMonth(r.from);
  const b = parseMonth(r.to);
  if (!a || !b || a.year * 12 + a.month > b.year * 12 + b.month) return null;
  const end = addMonths(b.year, b.month, 1);
  return { from: monthStart(a.year, a.month, tz).toISOString(), to: monthStart(end.year, end.month, tz).toISOString() };
}

/** A period's label from its start: "Jan 2025" / "2025年1月", "Q1 2025", "2025", in tz. */
export function periodLabel(startIso: string, period: InsightPeriod, locale: string, tz: string, quarter: (q: number, year: number) => string): string {
  const d = new Date(startIso);
  if (Number.isNaN(d.getTime())) return startIso;
  if (period === 'QUARTER') {
    const p = zonedParts(d, tz);
    return quarter(Math.floor((p.month - 1) / 3) + 1, p.year);
  }
  const opts: Intl.DateTimeFormatOptions = period === 'YEAR' ? { year: 'numeric', timeZone: tz } : { year: 'numeric', month: 'short', timeZone: tz };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}
