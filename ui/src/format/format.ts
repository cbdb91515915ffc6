// Display of money, dates and numbers for the chosen language. Amounts stay decimal strings:
// Intl.NumberFormat formats the string itself (ES2023 treats it as an exact decimal).

import type { MoneyDto } from '../api';
import { isDecimal } from './decimal';

export type Language = 'en' | 'fr' | 'nl' | 'de';

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'nl', 'de'];

/** The formatting locale of each UI language: a Belgian company's credit desk. */
export const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  fr: 'fr-BE',
  nl: 'nl-BE',
  de: 'de-DE',
};

// Building a formatter is the slow part (milliseconds in WebKit): one per locale and options.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = 'n' + locale + JSON.stringify(options);
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = 'd' + locale + JSON.stringify(options);
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

function currencyFormat(locale: string, currency: string, compact: boolean): Intl.NumberFormat {
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      ...(compact ? { notation: 'compact', maximumSignificantDigits: 3 } : {}),
    });
  } catch {
    // Not an ISO currency code: show the code after the number.
    return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/** "1 234,50 €" (fr-BE), "€1,234.50" (en-GB). A malformed amount is shown as it came. */
export function formatMoney(money: MoneyDto, locale: string, options: { compact?: boolean } = {}): string {
  const { amount, currency } = money;
  if (!isDecimal(amount)) return `${amount} ${currency}`;
  const f = currencyFormat(locale, currency, options.compact ?? false);
  const text = f.format(amount as `${number}`);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** The currency's symbol in this locale ("€", "£"), for labels next to an input. */
export function currencySymbol(currency: string, locale: string): string {
  try {
    const part = currencyFormat(locale, currency, false)
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

/** The locale's decimal separator, to read typed amounts. */
export function decimalSeparator(locale: string): ',' | '.' {
  const part = numberFormat(locale, {}).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

export function formatInteger(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A statistic, not money (days late on average): "12,3" (fr-BE), at most `maxDecimals` decimals. */
export function formatNumber(value: number, locale: string, maxDecimals = 1): string {
  return numberFormat(locale, { maximumFractionDigits: maxDecimals }).format(value);
}

/** 0.391 → "39,1 %". */
export function formatPercent(share: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(share);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

export type DateStyle = 'short' | 'medium' | 'long';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { day: '2-digit', month: '2-digit', year: 'numeric' },
  medium: { day: 'numeric', month: 'short', year: 'numeric' },
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
};

/** A `YYYY-MM-DD` day for display; not a date → shown as it came. */
export function formatDate(iso: string, locale: string, style: DateStyle = 'short'): string {
  const d = utcDate(iso);
  return d ? dateFormat(locale, DATE_STYLES[style]).format(d) : iso;
}

/** Today on this computer's calendar, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isIsoDate(text: string): boolean {
  return utcDate(text) !== null && utcDate(text)?.toISOString().slice(0, 10) === text;
}

function regionNames(locale: string): Intl.DisplayNames {
  const key = 'r' + locale;
  let f = cache.get(key) as Intl.DisplayNames | undefined;
  if (!f) {
    f = new Intl.DisplayNames([locale], { type: 'region' });
    cache.set(key, f);
  }
  return f;
}

/** A country's name in the UI language ("BE" → "Belgique"). */
export function countryName(code: string, locale: string): string {
  try {
    return regionNames(locale).of(code) ?? code;
  } catch {
    return code;
  }
}
