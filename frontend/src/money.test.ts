import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, totalsByCurrency } from './money';

describe('money', () => {
  it('turns minor units into the currency’s own decimals', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(formatMoney(123456, 'CNY', 'en')).toBe('CN¥1,234.56');
    expect(formatMoney(123456, 'CNY', 'zh-Hans')).toBe('¥1,234.56');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234/);
    expect(formatMoney(-250, 'usd', 'en')).toBe('-$2.50');
  });

  it('falls back for a code Intl does not accept', () => {
    expect(formatMoney(1050, 'POINTS', 'en')).toBe('10.50 POINTS');
  });

  it('totals per currency', () => {
    expect(totalsByCurrency([
      { amount: 100, currency: 'CNY' },
      { amount: 5, currency: 'usd' },
      { amount: 250, currency: 'CNY' },
    ])).toEqual([
      { currency: 'CNY', amount: 350 },
      { currency: 'USD', amount: 5 },
    ]);
  });
});
