import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en, { type MessageKey, type Messages } from './en';
import zhHans from './zh-Hans';

export type { MessageKey, Messages };

export const LOCALES = ['en', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in that language, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-Hans': '中文' };

export const catalogs: Record<Locale, Messages> = { en, 'zh-Hans': zhHans };

export const STORAGE_KEY = 'kith.locale';

type Vars = Record<string, string | number>;

/** Keys that come in plural forms: `foo_one`, `foo_other` → `foo`. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return interpolate(catalogs[locale][key] ?? en[key] ?? key, vars);
}

export function translatePlural(locale: Locale, base: PluralBase, count: number, vars?: Vars): string {
  const rule = new Intl.PluralRules(locale).select(count);
  const key = (rule === 'one' ? `${base}_one` : `${base}_other`) as MessageKey;
  const all = { count: new Intl.NumberFormat(locale).format(count), ...vars };
  return translate(locale, key, all);
}

/** The saved choice, else the browser's preference, else English. */
export function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode, sandboxed frames)
  }
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return langs.some((l) => /^zh\b/i.test(l)) ? 'zh-Hans' : 'en';
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  tn(base: PluralBase, count: number, vars?: Vars): string;
  formatDateTime(iso: string): string;
  formatDate(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched for this page
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const safe = (f: Intl.DateTimeFormat, iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : f.format(d);
    };
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      tn: (base, count, vars) => translatePlural(locale, base, count, vars),
      formatDateTime: (iso) => safe(dateTime, iso),
      formatDate: (iso) => safe(date, iso),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
