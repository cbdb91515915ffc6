import { describe, expect, it } from 'vitest';
import type { WorkEntryDto } from '../../api';
import worklist from '../../api/fixtures/worklist.json';
import { translate } from '../../i18n/messages';
import { draftOf, draftsOf, effectiveAction, fileName, nextStep, pauseText, policyOf, reviewSummary, sameDrafts } from './model';

const entries = structuredClone(worklist.customers) as WorkEntryDto[];

function entry(id: number, action: WorkEntryDto['action'], alerts = 0): WorkEntryDto {
  const base = structuredClone(entries[0]!);
  const alert = { kind: 'broken_promise' as const, made_on: '2026-10-27', due: '2026-11-08', promised: { amount: '100.00', currency: 'EUR' }, received: { amount: '0.00', currency: 'EUR' } };
  return { ...base, customer_id: id, action, alerts: Array.from({ length: alerts }, () => alert) };
}

const step = (action: 'email' | 'letter' | 'call' | 'escalation', email_missing = false) => ({
  step: 1,
  steps_in_policy: 4,
  action,
  template: 'reminder' as const,
  fee: null,
  claim_interest: false,
  offset_days: 3,
  email_missing,
});

describe('the review', () => {
  it('counts what will happen for the selected entries only, an e-mail without address as a letter', () => {
    const list = [entry(1, step('email')), entry(2, step('email', true)), entry(3, step('letter')), entry(4, step('call'), 2), entry(5, step('escalation')), entry(6, null, 1), entry(7, step('email'))];
    const summary = reviewSummary(list, new Set([1, 2, 3, 4, 5, 6]));
    expect(summary.customers.map((e) => e.customer_id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary).toMatchObject({ letters: 2, emails: 1, calls: 1, escalations: 1, alerts: 3 });
    expect(effectiveAction(list[1]!)).toBe('letter');
    expect(effectiveAction(list[5]!)).toBeNull();
    expect(reviewSummary(list, new Set()).customers).toHaveLength(0);
    // Nothing to do for an entry listed only because it is overdue: it is not counted.
    expect(reviewSummary([entry(8, null)], new Set([8])).customers).toHaveLength(0);
  });

  it('the demo worklist has entries with actions to review', () => {
    const all = new Set(entries.map((e) => e.customer_id));
    const s = reviewSummary(entries, all);
    expect(s.customers).toHaveLength(entries.length);
    expect(s.emails + s.letters + s.calls + s.escalations).toBe(entries.filter((e) => e.action).length);
  });
});

describe('pauses', () => {
  const i18n = {
    t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('fr', key, vars),
    date: (iso: string) => iso.split('-').reverse().join('/'),
    money: (m: { amount: string; currency: string }) => `${m.amount} ${m.currency}`,
  };
  it('says why an item waits, in the user’s language', () => {
    expect(pauseText({ kind: 'disputed' }, i18n)).toBe('contestée');
    expect(pauseText({ kind: 'stopped', since: '2026-11-20', reason: 'plan' }, i18n)).toBe('arrêtée le 20/11/2026 : plan');
    expect(pauseText({ kind: 'promise', amount: { amount: '500.00', currency: 'EUR' }, due: '2026-11-30' }, i18n)).toBe('promesse de payer 500.00 EUR d’ici le 30/11/2026');
  });
});

describe('a policy in the form', () => {
  const policy = {
    segment: 'forgetful' as const,
    steps: [
      { offset_days: -3, action: 'email' as const, template: 'reminder' as const, fee: null, claim_interest: false },
      { offset_days: 14, action: 'letter' as const, template: 'second_reminder' as const, fee: '7.50', claim_interest: true },
    ],
  };

  it('shows days before or after the due date, and the fee in the user’s notation', () => {
    expect(draftOf(policy.steps[0]!, ',')).toEqual({ days: '3', when: 'before', action: 'email', template: 'reminder', fee: '', claimInterest: false });
    expect(draftOf(policy.steps[1]!, ',').fee).toBe('7,50');
    expect(draftOf(policy.steps[1]!, '.').fee).toBe('7.50');
  });

  it('gives back the same policy, and reads what the user typed', () => {
    const drafts = draftsOf(policy, ',');
    expect(policyOf('forgetful', drafts, ',')).toEqual({ policy });
    const edited = drafts.map((d, i) => (i === 0 ? { ...d, days: '2' } : { ...d, fee: '12,5' }));
    const built = policyOf('forgetful', edited, ',');
    expect('policy' in built && built.policy.steps.map((s) => [s.offset_days, s.fee])).toEqual([
      [-2, null],
      [14, '12.50'],
    ]);
    expect(sameDrafts(drafts, draftsOf(policy, ','))).toBe(true);
    expect(sameDrafts(drafts, edited)).toBe(false);
  });

  it('leaves a fee it cannot read for the backend to refuse, and refuses days that are not a whole number', () => {
    const drafts = draftsOf(policy, '.');
    const built = policyOf('forgetful', [drafts[0]!, { ...drafts[1]!, fee: 'seven' }], '.');
    expect('policy' in built && built.policy.steps[1]!.fee).toBe('seven');
    expect(policyOf('forgetful', [{ ...drafts[0]!, days: '2.5' }], '.')).toEqual({ badDays: 1 });
    expect(policyOf('forgetful', [drafts[0]!, { ...drafts[1]!, days: '' }], '.')).toEqual({ badDays: 2 });
  });

  it('adds a step two weeks after the last one', () => {
    const drafts = draftsOf(policy, '.');
    expect(nextStep(drafts)).toMatchObject({ days: '28', when: 'after', action: 'letter' });
    expect(nextStep([{ ...drafts[0]!, days: '20' }])).toMatchObject({ days: '6', when: 'before' });
    expect(nextStep([])).toMatchObject({ days: '14', when: 'after' });
  });
});

describe('files', () => {
  it('names a letter by its file name', () => {
    expect(fileName('/home/a/letters/2026-11-23/400164-2026-11-23.pdf')).toBe('400164-2026-11-23.pdf');
    expect(fileName('C:\\Users\\a\\letters\\x.pdf')).toBe('x.pdf');
  });
});
