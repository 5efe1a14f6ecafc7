// Scales for the chart components: plain functions, no dependencies.

/** A linear map from data values to pixels, with "nice" tick values. */
export interface LinearScale {
  (value: number): number;
  /** The (nice) domain the range maps: [lo, hi], lo ≤ 0 ≤ hi when includeZero. */
  domain: [number, number];
  ticks: number[];
}

/** The step of about `count` ticks across `span`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A scale over `values` (nulls and non-finite values ignored) onto `range`
 * ([bottom, top] for a y axis, [left, right] for x). Zero is always inside
 * the domain unless `includeZero` is false, so bars start at zero and
 * negative values fall on the other side of it. No data, or only zeros,
 * gives the domain [0, 1].
 */
export function linearScale(
  values: readonly (number | null | undefined)[],
  range: [number, number],
  opts: { count?: number; includeZero?: boolean; min?: number; max?: number } = {},
): LinearScale {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const includeZero = opts.includeZero ?? true;
  let min = opts.min ?? (nums.length ? Math.min(...nums) : 0);
  let max = opts.max ?? (nums.length ? Math.max(...nums) : 1);
  if (includeZero) {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  if (min === max) {
    if (max === 0) max = 1;
    else if (max > 0) min = includeZero ? 0 : max - 1;
    else max = includeZero ? 0 : min + 1;
  }
  const step = niceStep(max - min, opts.count ?? 5);
  // `|| 0` turns −0 into 0.
  const lo = opts.min ?? (Math.floor(min / step + 1e-9) * step || 0);
  const hi = opts.max ?? (Math.ceil(max / step - 1e-9) * step || 0);
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - lo) / (hi - lo)) * (r1 - r0)) as LinearScale;
  scale.domain = [lo, hi];
  scale.ticks = ticks;
  return scale;
}

/** Evenly spaced bands for `n` items across [start, end]: the start of item i and the band's width. */
export function bandScale(n: number, range: [number, number], padding = 0.2): { x(i: number): number; bandwidth: number } {
  const [a, b] = range;
  const step = n > 0 ? (b - a) / n : 0;
  const bandwidth = step * (1 - padding);
  return { x: (i: number) => a + i * step + (step - bandwidth) / 2, bandwidth };
}

/**
 * Which of `n` axis labels to show so that shown labels are at least
 * `minGap` pixels apart over `width`: every k-th, always the first.
 */
export function labelEvery(n: number, width: number, minGap: number): number {
  if (n <= 1 || width <= 0) return 1;
  return Math.max(1, Math.ceil((n * minGap) / width));
}

/** The y of a cumulative curve at x, by linear interpolation between points sorted by x (0 before the first). */
export function valueAt(points: readonly { x: number; y: number }[], x: number): number {
  let prev = { x: 0, y: 0 };
  for (const p of points) {
    if (p.x >= x) {
      if (p.x === prev.x) return p.y;
      return prev.y + ((x - prev.x) / (p.x - prev.x)) * (p.y - prev.y);
    }
    prev = p;
  }
  return prev.y;
}
