// Wording of a behaviour profile in the user's language: the reasons of a segment are worded
// here from their code, the measured value and the rule's threshold (never the English `text`).

import type { MoneyDto, ReasonDto } from '../../api';
import type { I18n } from '../../i18n/I18nProvider';

/** The core writes money as "1234.50 EUR" in a reason. */
export function moneyOf(text: string): MoneyDto | null {
  const m = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(text.trim());
  return m ? { amount: m[1]!, currency: m[2]! } : null;
}

/** A statistic as the core wrote it ("12.3", "40"); shown as it came when it is not a number. */
function numberText(text: string, i18n: Pick<I18n, 'num'>): string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? i18n.num(n) : text;
}

function percentText(text: string, i18n: Pick<I18n, 'percent'>): string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? i18n.percent(n / 100) : text;
}

function moneyText(text: string, i18n: Pick<I18n, 'money'>): string {
  const m = moneyOf(text);
  return m ? i18n.money(m) : text;
}

/** One reason, worded for the user: "40 % of its late invoices paid right after a reminder (at least 30 %)". */
export function reasonText(reason: ReasonDto, i18n: Pick<I18n, 't' | 'num' | 'percent' | 'money'>): string {
  const { code, value, threshold } = reason;
  switch (code) {
    case 'disputes':
    case 'partial_payments':
    case 'pays_after_reminders':
      return i18n.t(`reason.${code}`, { value: percentText(value, i18n), threshold: percentText(threshold, i18n) });
    case 'over_credit_limit':
      return i18n.t(`reason.${code}`, { value: moneyText(value, i18n), threshold: moneyText(threshold, i18n) });
    case 'set_by_hand':
      return i18n.t(`reason.${code}`, { value });
    default:
      return i18n.t(`reason.${code}`, { value: numberText(value, i18n), threshold: numberText(threshold, i18n) });
  }
}
