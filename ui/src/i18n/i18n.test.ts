import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../format/format';
import { TIMELINE_KINDS } from '../components/kinds';
import { en } from './en';
import type { MessageKey } from './en';
import { MESSAGES, initialLanguage, translate } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('every language has exactly the English keys, none empty', () => {
    const keys = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      const table = MESSAGES[language];
      expect(Object.keys(table).sort(), language).toEqual(keys);
      for (const key of keys) expect(table[key as MessageKey].trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('every language uses the same placeholders as English', () => {
    for (const language of LANGUAGES) {
      for (const key of Object.keys(en) as MessageKey[]) {
        expect(placeholders(MESSAGES[language][key]), `${language} ${key}`).toEqual(placeholders(en[key]));
      }
    }
  });

  it('every timeline kind has a label in every language', () => {
    for (const language of LANGUAGES) {
      for (const kind of TIMELINE_KINDS) expect(MESSAGES[language][`kind.${kind}`]).toBeTruthy();
    }
  });

  it('uses the words of the trade', () => {
    expect(translate('fr', 'dashboard.totalOpen')).toBe('Encours total');
    expect(translate('fr', 'dashboard.overdue')).toBe('Échu');
    expect(translate('nl', 'dashboard.totalOpen')).toBe('Totaal openstaand');
    expect(translate('nl', 'dashboard.overdue')).toBe('Vervallen');
    expect(translate('de', 'dashboard.totalOpen')).toBe('Offene Posten gesamt');
    expect(translate('de', 'dashboard.overdue')).toBe('Überfällig');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'customers.count', { shown: '12', total: '300' })).toBe('12 of 300 customers');
    expect(translate('de', 'customer.termsDays', { days: 30 })).toBe('30 Tage');
    expect(translate('en', 'customer.termsDays')).toBe('{days} days');
  });
});

describe('choosing the language', () => {
  const storage = (value: string | null) => ({ getItem: () => value });
  it('takes the saved choice first', () => {
    expect(initialLanguage(storage('nl'), ['fr-BE'])).toBe('nl');
  });
  it('else the first system language it has', () => {
    expect(initialLanguage(storage(null), ['fr-BE', 'en-US'])).toBe('fr');
    expect(initialLanguage(storage(null), ['es-ES', 'de-AT'])).toBe('de');
    expect(initialLanguage(storage('xx'), ['NL'])).toBe('nl');
  });
  it('else English', () => {
    expect(initialLanguage(null, ['ja-JP'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
