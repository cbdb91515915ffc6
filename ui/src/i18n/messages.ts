// The translation tables and the pure lookup, kept apart from React so tests can use them.

import type { Language } from '../format/format';
import { LANGUAGES } from '../format/format';
import { de } from './de';
import { en } from './en';
import type { MessageKey, Messages } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { MessageKey, Messages };

export const MESSAGES: Record<Language, Messages> = { en, fr, nl, de };

/** Each language's name in itself, for the language picker. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
};

export type Vars = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const text = MESSAGES[language][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

const STORAGE_KEY = 'creditdesk.language';

/** The saved choice, else the first of the system's languages we have, else English. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | null, preferred: readonly string[]): Language {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage may be unavailable; fall through to the system language.
  }
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function saveLanguage(storage: Pick<Storage, 'setItem'> | null, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not saved: the choice lasts for this session.
  }
}
