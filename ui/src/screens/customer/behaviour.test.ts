import { describe, expect, it } from 'vitest';
import type { ReasonDto } from '../../api';
import { LOCALES, formatMoney, formatNumber, formatPercent } from '../../format/format';
import type { Language } from '../../format/format';
import { translate } from '../../i18n/messages';
import { moneyOf, reasonText } from './behaviour';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

function i18n(language: Language) {
  const locale = LOCALES[language];
  return {
    t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(language, key, vars),
    num: (n: number) => formatNumber(n, locale),
    percent: (share: number) => formatPercent(share, locale),
    money: (m: { amount: string; currency: string }) => formatMoney(m, locale),
  };
}

const reason = (code: ReasonDto['code'], value: string, threshold: string): ReasonDto => ({ code, value, threshold, text: 'English text never shown' });

describe('reasons', () => {
  it('are worded from code, value and threshold, not the English text', () => {
    expect(reasonText(reason('late_on_average', '23.4', '20'), i18n('en'))).toBe('23.4 days late on average (at least 20)');
    expect(reasonText(reason('late_on_average', '23.4', '20'), i18n('fr'))).toBe('23,4 jours de retard en moyenne (au moins 20)');
    expect(reasonText(reason('pays_after_reminders', '64', '50'), i18n('de'))).toBe(`64${NBSP}% der verspäteten Rechnungen direkt nach einer Mahnung bezahlt (mindestens 50${NBSP}%)`);
    expect(reasonText(reason('few_invoices', '3', '5'), i18n('nl'))).toBe('Slechts 3 facturen om op te oordelen (minder dan 5)');
    expect(reasonText(reason('set_by_hand', 'pays by plan', ''), i18n('en'))).toBe('Set by hand: pays by plan');
  });

  it('formats the amounts of a credit limit reason', () => {
    expect(moneyOf('12500.00 EUR')).toEqual({ amount: '12500.00', currency: 'EUR' });
    expect(moneyOf('12 500 EUR')).toBeNull();
    expect(reasonText(reason('over_credit_limit', '12500.00 EUR', '10000.00 EUR'), i18n('fr'))).toBe(
      `L’échu de 12${NNBSP}500,00${NBSP}€ dépasse sa limite de crédit de 10${NNBSP}000,00${NBSP}€`,
    );
  });

  it('has every reason code worded in every language', () => {
    const codes: ReasonDto['code'][] = [
      'few_invoices',
      'recent_customer',
      'disputes',
      'over_credit_limit',
      'getting_later',
      'broken_promises',
      'partial_payments',
      'late_on_average',
      'pays_after_reminders',
      'somewhat_late',
      'on_time',
      'set_by_hand',
    ];
    for (const language of ['en', 'fr', 'nl', 'de'] as const) {
      for (const code of codes) expect(reasonText(reason(code, '5', '3'), i18n(language))).not.toMatch(/\{|English/);
    }
  });
});
