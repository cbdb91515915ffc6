// What the collections screen computes itself: the review's counts (no money), and a policy's
// steps as the form edits them. Amounts stay strings; the backend validates the policy.

import type { DunningActionDto, DunningPolicyDto, DunningStepDto, PauseDto, TemplateDto, WorkEntryDto } from '../../api';
import { parseAmountInput } from '../../format/decimal';
import type { I18n } from '../../i18n/I18nProvider';

export interface ReviewSummary {
  customers: WorkEntryDto[];
  letters: number;
  emails: number;
  calls: number;
  escalations: number;
  alerts: number;
}

/** The action an entry will really take: an e-mail to a customer without an address is a letter. */
export function effectiveAction(entry: WorkEntryDto): DunningActionDto | null {
  const a = entry.action;
  if (!a) return null;
  return a.action === 'email' && a.email_missing ? 'letter' : a.action;
}

/** An entry the run would do something for: an action due, or a broken promise to acknowledge. */
export function actionable(entry: WorkEntryDto): boolean {
  return entry.action !== null || entry.alerts.length > 0;
}

/** What running the selected entries will do, counted before anything is done. */
export function reviewSummary(entries: readonly WorkEntryDto[], selected: ReadonlySet<number>): ReviewSummary {
  const customers = entries.filter((e) => selected.has(e.customer_id) && actionable(e));
  const count = (action: DunningActionDto) => customers.filter((e) => effectiveAction(e) === action).length;
  return {
    customers,
    letters: count('letter'),
    emails: count('email'),
    calls: count('call'),
    escalations: count('escalation'),
    alerts: customers.reduce((n, e) => n + e.alerts.length, 0),
  };
}

/** Why an item or a customer waits, in the user's language. */
export function pauseText(why: PauseDto, i18n: Pick<I18n, 't' | 'date' | 'money'>): string {
  switch (why.kind) {
    case 'disputed':
      return i18n.t('pause.disputed');
    case 'stopped':
    case 'customer_stopped':
      return i18n.t(`pause.${why.kind}`, { date: i18n.date(why.since), reason: why.reason });
    case 'promise':
      return i18n.t('pause.promise', { amount: i18n.money(why.amount), date: i18n.date(why.due) });
  }
}

/** The name of a file from its path ("/…/letters/2026-11-23/C1001.pdf" → "C1001.pdf"). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// --- a policy as the form edits it ---

export type When = 'before' | 'after';

export interface StepDraft {
  /** Days from the due date, as typed (a whole number, 0 or more). */
  days: string;
  when: When;
  action: DunningActionDto;
  template: TemplateDto;
  /** The fee as typed, in the user's notation ("7,50"); empty for none. */
  fee: string;
  claimInterest: boolean;
}

export function draftOf(step: DunningStepDto, decimalSeparator: ',' | '.'): StepDraft {
  return {
    days: String(Math.abs(step.offset_days)),
    when: step.offset_days < 0 ? 'before' : 'after',
    action: step.action,
    template: step.template,
    // The decimal string with the user's separator: a change of notation, not arithmetic.
    fee: step.fee === null ? '' : decimalSeparator === ',' ? step.fee.replace('.', ',') : step.fee,
    claimInterest: step.claim_interest,
  };
}

export function draftsOf(policy: DunningPolicyDto, decimalSeparator: ',' | '.'): StepDraft[] {
  return policy.steps.map((s) => draftOf(s, decimalSeparator));
}

/** The step to send, or the index (from 1) of the first step whose days are not a whole number. */
export function policyOf(
  segment: DunningPolicyDto['segment'],
  drafts: readonly StepDraft[],
  decimalSeparator: ',' | '.',
): { policy: DunningPolicyDto } | { badDays: number } {
  const steps: DunningStepDto[] = [];
  for (const [index, d] of drafts.entries()) {
    const text = d.days.trim();
    if (!/^\d{1,4}$/.test(text)) return { badDays: index + 1 };
    const days = Number(text);
    const fee = d.fee.trim();
    steps.push({
      offset_days: d.when === 'before' ? -days : days,
      action: d.action,
      template: d.template,
      // What the user typed, read in their notation; anything else goes as typed, and the
      // backend's refusal names the step.
      fee: fee === '' ? null : (parseAmountInput(fee, decimalSeparator) ?? fee),
      claim_interest: d.claimInterest,
    });
  }
  return { policy: { segment, steps } };
}

/** A new step after the last one: two weeks later, a letter. */
export function nextStep(drafts: readonly StepDraft[]): StepDraft {
  const last = drafts[drafts.length - 1];
  const lastOffset = last && /^\d+$/.test(last.days.trim()) ? (last.when === 'before' ? -1 : 1) * Number(last.days) : 0;
  const offset = lastOffset + 14;
  return {
    days: String(Math.abs(offset)),
    when: offset < 0 ? 'before' : 'after',
    action: 'letter',
    template: last?.template ?? 'reminder',
    fee: '',
    claimInterest: last?.claimInterest ?? false,
  };
}

export function sameDrafts(a: readonly StepDraft[], b: readonly StepDraft[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
