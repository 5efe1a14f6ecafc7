import { describe, expect, it } from 'vitest';
import { defaultRange, monthStart, periodLabel, rangeFromSearch, rangeInstants, rangeToSearch, zoneOffset } from './insightsRange';

const q = (n: number, y: number) => `Q${n} ${y}`;

describe('insights range', () => {
  it('finds month starts in the time zone', () => {
    expect(monthStart(2025, 2, 'Asia/Shanghai').toISOString()).toBe('2025-01-31T16:00:00.000Z');
    expect(monthStart(2025, 1, 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // Daylight saving: New York is UTC−4 in April, UTC−5 in January.
    expect(monthStart(2025, 4, 'America/New_York').toISOString()).toBe('2025-04-01T04:00:00.000Z');
    expect(monthStart(2025, 1, 'America/New_York').toISOString()).toBe('2025-01-01T05:00:00.000Z');
    expect(zoneOffset(new Date('2025-06-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3600 * 1000);
  });

  it('defaults to the last 12 months in the time zone', () => {
    // 20:00 UTC on 31 Dec is already January in Shanghai.
    expect(defaultRange(new Date('2025-12-31T20:00:00Z'), 'Asia/Shanghai')).toEqual({ from: '2025-02', to: '2026-01', period: 'MONTH' });
    expect(defaultRange(new Date('2025-12-31T20:00:00Z'), 'UTC')).toEqual({ from: '2025-01', to: '2025-12', period: 'MONTH' });
  });

  it('reads the URL, ignoring what is malformed', () => {
    const now = new Date('2025-06-15T00:00:00Z');
    expect(rangeFromSearch('?from=2024-01&to=2024-06&period=QUARTER', now, 'UTC')).toEqual({ from: '2024-01', to: '2024-06', period: 'QUARTER' });
    expect(rangeFromSearch('?from=2024-13&period=WEEK', now, 'UTC')).toEqual({ from: '2024-07', to: '2025-06', period: 'MONTH' });
    expect(rangeToSearch({ from: '2024-01', to: '2024-06', period: 'YEAR' })).toBe('?from=2024-01&to=2024-06&period=YEAR');
  });

  it('turns inclusive months into [from, to) instants', () => {
    expect(rangeInstants({ from: '2025-01', to: '2025-03', period: 'MONTH' }, 'Asia/Shanghai')).toEqual({
      from: '2024-12-31T16:00:00.000Z',
      to: '2025-03-31T16:00:00.000Z',
    });
    expect(rangeInstants({ from: '2025-12', to: '2025-12', period: 'MONTH' }, 'UTC')).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(rangeInstants({ from: '2025-04', to: '2025-03', period: 'MONTH' }, 'UTC')).toBeNull();
  });

  it('labels periods in the time zone and language', () => {
    const feb = '2025-01-31T16:00:00Z'; // 1 Feb in Shanghai, still January in UTC
    expect(periodLabel(feb, 'MONTH', 'en', 'Asia/Shanghai', q)).toBe('Feb 2025');
    expect(periodLabel(feb, 'MONTH', 'en', 'UTC', q)).toBe('Jan 2025');
    expect(periodLabel(feb, 'MONTH', 'zh-Hans', 'Asia/Shanghai', q)).toBe('2025年2月');
    expect(periodLabel('2025-03-31T16:00:00Z', 'QUARTER', 'en', 'Asia/Shanghai', q)).toBe('Q2 2025');
    expect(periodLabel('2024-12-31T16:00:00Z', 'YEAR', 'en', 'Asia/Shanghai', q)).toBe('2025');
  });
});
