import { describe, expect, it } from 'vitest';
import { camelField, describeChangeValue, fieldLabelKey, parseChangeValue } from './history';
import { translate } from './i18n';
import en from './i18n/en';

const fmt = {
  t: (k: keyof typeof en) => translate('en', k),
  has: (k: string) => k in en,
  formatDate: (iso: string) => `D(${iso.slice(0, 10)})`,
  formatDateTime: (iso: string) => `DT(${iso})`,
};

describe('change history values', () => {
  it('maps ent field names to labels', () => {
    expect(camelField('business_status')).toBe('businessStatus');
    expect(camelField('owner_id')).toBe('owner');
    expect(fieldLabelKey('risk_level', fmt.has)).toBe('customer.field.riskLevel');
    expect(fieldLabelKey('mystery_field', fmt.has)).toBeNull();
  });

  it('parses JSON text and keeps text that is not JSON', () => {
    expect(parseChangeValue('"上海"')).toBe('上海');
    expect(parseChangeValue('["vip","b2b"]')).toEqual(['vip', 'b2b']);
    expect(parseChangeValue('null')).toBeNull();
    expect(parseChangeValue(null)).toBeNull();
    expect(parseChangeValue('not json')).toBe('not json');
  });

  it('describes values for people', () => {
    expect(describeChangeValue('region', '"上海"', fmt)).toBe('上海');
    expect(describeChangeValue('region', 'null', fmt)).toBeNull();
    expect(describeChangeValue('region', '""', fmt)).toBeNull();
    expect(describeChangeValue('tags', '["vip","b2b"]', fmt)).toBe('vip, b2b');
    expect(describeChangeValue('tags', '[]', fmt)).toBeNull();
    expect(describeChangeValue('risk_level', '"WATCH"', fmt)).toBe('Watch');
    expect(describeChangeValue('value_tier', '"MVC"', fmt)).toBe('Most valuable (MVC)');
    expect(describeChangeValue('kind', '"ORGANISATION"', fmt)).toBe('Organisation');
    expect(describeChangeValue('blacklisted', 'true', fmt)).toBe('Yes');
    expect(describeChangeValue('founded_on', '"2019-05-01T00:00:00Z"', fmt)).toBe('D(2019-05-01)');
    expect(describeChangeValue('updated_at', '"2025-01-02T03:04:05Z"', fmt)).toBe('DT(2025-01-02T03:04:05Z)');
    expect(describeChangeValue('custom_fields', '{"size":"L","n":2}', fmt)).toBe('size: L; n: 2');
  });
});
