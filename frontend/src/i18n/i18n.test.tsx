import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LanguageSwitch } from '../components/LanguageSwitch';
import {
  catalogs,
  I18nProvider,
  initialLocale,
  interpolate,
  LOCALES,
  STORAGE_KEY,
  translate,
  translatePlural,
  useI18n,
} from '.';
import en from './en';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const enKeys = Object.keys(en).sort();

  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(enKeys);
  });

  it.each(LOCALES)('%s has no empty messages', (locale) => {
    for (const [key, value] of Object.entries(catalogs[locale])) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (locale) => {
    for (const key of enKeys) {
      const k = key as keyof typeof en;
      expect(placeholders(catalogs[locale][k]), key).toEqual(placeholders(en[k]));
    }
  });

  it('has both plural forms for every plural message', () => {
    for (const key of enKeys) {
      const m = /^(.*)_(one|other)$/.exec(key);
      if (m) expect(enKeys, key).toContain(`${m[1]}_${m[2] === 'one' ? 'other' : 'one'}`);
    }
  });

  it('really translates: Chinese differs from English for most keys', () => {
    const same = enKeys.filter((k) => catalogs['zh-Hans'][k as keyof typeof en] === en[k as keyof typeof en]);
    // only brand names and punctuation-only strings may stay the same
    expect(same.sort()).toEqual(['app.name', 'common.none']);
  });
});

describe('translate', () => {
  it('interpolates placeholders and leaves unknown ones', () => {
    expect(interpolate('Hi {name}, {x}', { name: 'Mei' })).toBe('Hi Mei, {x}');
  });

  it('picks plural forms per language', () => {
    expect(translatePlural('en', 'board.posts', 1)).toBe('1 post');
    expect(translatePlural('en', 'board.posts', 1234)).toBe('1,234 posts');
    expect(translatePlural('zh-Hans', 'board.posts', 1)).toBe('1 篇帖子');
  });

  it('translates a key', () => {
    expect(translate('zh-Hans', 'nav.logIn')).toBe('登录');
    expect(translate('en', 'customers.range', { from: 1, to: 20, total: 99 })).toBe('Showing 1–20 of 99');
  });
});

describe('initial locale', () => {
  it('prefers the saved choice', () => {
    window.localStorage.setItem(STORAGE_KEY, 'zh-Hans');
    expect(initialLocale()).toBe('zh-Hans');
  });

  it('ignores garbage in storage', () => {
    window.localStorage.setItem(STORAGE_KEY, 'klingon');
    expect(LOCALES).toContain(initialLocale());
  });
});

function Probe() {
  const { t } = useI18n();
  return <p>{t('nav.boards')}</p>;
}

describe('language switch', () => {
  it('flips visible text, sets <html lang> and remembers the choice', () => {
    window.localStorage.setItem(STORAGE_KEY, 'en');
    render(
      <I18nProvider>
        <LanguageSwitch />
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Boards')).toBeTruthy();
    const zh = screen.getByRole('button', { name: '中文' });
    expect(zh.getAttribute('aria-pressed')).toBe('false');
    act(() => zh.click());
    expect(screen.getByText('版块')).toBeTruthy();
    expect(zh.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe('zh-Hans');
    expect(screen.getByRole('group', { name: '语言' })).toBeTruthy();
  });
});
