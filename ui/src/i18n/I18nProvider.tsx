import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { MoneyDto } from '../api';
import type { DateStyle, Language } from '../format/format';
import { LOCALES, countryName, formatDate, formatInteger, formatMoney, formatNumber, formatPercent } from '../format/format';
import type { MessageKey, Vars } from './messages';
import { initialLanguage, saveLanguage, translate } from './messages';

export interface I18n {
  language: Language;
  /** The Intl locale the language formats with ("fr-BE"). */
  locale: string;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  money: (money: MoneyDto, options?: { compact?: boolean }) => string;
  date: (iso: string, style?: DateStyle) => string;
  int: (value: number) => string;
  /** A statistic with at most one decimal ("12,3"); never an amount. */
  num: (value: number) => string;
  percent: (share: number) => string;
  country: (code: string | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(
    () => fixed ?? initialLanguage(browserStorage(), navigator.languages.length ? navigator.languages : [navigator.language]),
  );

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(browserStorage(), next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const locale = LOCALES[language];
    return {
      language,
      locale,
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
      money: (money, options) => formatMoney(money, locale, options),
      date: (iso, style) => formatDate(iso, locale, style),
      int: (value) => formatInteger(value, locale),
      num: (value) => formatNumber(value, locale),
      percent: (share) => formatPercent(share, locale),
      country: (code) => (code ? countryName(code, locale) : '—'),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
