import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { ReconciliationScreen } from './ReconciliationScreen';
import { commandOf, offersIban } from './model';
import type { BankEntriesDto, OpenItemDto } from '../../api';
import waitingFixture from '../../api/fixtures/bank_entries.json';
import openItemsFixture from '../../api/fixtures/open_items.json';

// The demo's statement as the backend lists it before a run (newest first).
const waiting = waitingFixture as BankEntriesDto;
const ALL = waiting.entries.length;
const countIn = (status: string) => waiting.counts.find((c) => c.status === status)!.count;
const cents = (amount: string) => Math.round(Number(amount) * 100);

const rows = () => screen.getAllByTestId('recon-entry');
const tabCount = (id: string) => Number(screen.getByTestId(`recon-tab-${id}`).dataset.count);
const selectedRow = () => rows().find((r) => r.getAttribute('aria-selected') === 'true');
const key = (k: string, target: Window | Element = window) => fireEvent.keyDown(target, { key: k });

async function matched() {
  withMockBackend();
  renderScreen(<ReconciliationScreen />);
  await waitFor(() => expect(rows()).toHaveLength(ALL));
  fireEvent.click(screen.getByTestId('recon-match'));
  const result = await screen.findByTestId('recon-run-result');
  // After the run, the list shows what is to review.
  await waitFor(() => expect(screen.getByTestId('recon-tab-review').getAttribute('aria-selected')).toBe('true'));
  await waitFor(() => expect(rows().every((r) => r.dataset.status === 'suggested')).toBe(true));
  return result;
}

describe('reconciliation screen', () => {
  it('lists the statement with counts per status, and filters by status', async () => {
    withMockBackend();
    renderScreen(<ReconciliationScreen />);
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    expect(tabCount('all')).toBe(ALL);
    expect(tabCount('unmatched')).toBe(countIn('unmatched'));
    expect(tabCount('outgoing')).toBe(2);
    expect(tabCount('review')).toBe(0);
    const first = rows()[0]!;
    expect(first.dataset.entry).toBe(waiting.entries[0]!.entry);
    expect(first.textContent).toContain(waiting.entries[0]!.name);
    expect(screen.getByTestId('recon-shortcuts').textContent).toContain('accept');

    fireEvent.click(screen.getByTestId('recon-tab-outgoing'));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().map((r) => r.dataset.status)).toEqual(['outgoing', 'outgoing']);
    expect(screen.getByTestId('recon-detail').textContent).toContain('Money out');

    fireEvent.click(screen.getByTestId('recon-tab-review'));
    expect((await screen.findByTestId('recon-empty')).textContent).toContain('Match now');
  });

  it('“Match now” gives the run’s counts; suggestions show confidence, invoices and reason', async () => {
    const result = await matched();
    const suggested = tabCount('review');
    const auto = tabCount('auto');
    expect(suggested).toBeGreaterThan(0);
    expect(auto).toBeGreaterThan(0);
    expect(result.textContent).toBe(`${countIn('unmatched')} entries matched: ${auto} applied automatically, ${suggested} to review, ${tabCount('unmatched')} without a match`);
    const row = rows()[0]!;
    expect(within(row).getByTestId('entry-confidence').textContent).toMatch(/\d+%/);
    const detail = screen.getByTestId('recon-detail');
    expect(within(detail).getByTestId('detail-reason').textContent).toMatch(/\w+/);
    expect(within(detail).getAllByTestId('detail-proposed').length).toBeGreaterThan(0);
  });

  it('the keyboard moves the selection, accepts with A and rejects with R', async () => {
    await matched();
    const before = tabCount('review');
    const confirmedBefore = tabCount('confirmed');
    const first = rows()[0]!.dataset.id;
    expect(selectedRow()?.dataset.id).toBe(first);
    key('j');
    expect(selectedRow()?.dataset.id).toBe(rows()[1]!.dataset.id);
    key('ArrowUp');
    expect(selectedRow()?.dataset.id).toBe(first);

    key('a');
    expect((await screen.findByTestId('recon-done')).textContent).toContain('accepted');
    await waitFor(() => expect(tabCount('review')).toBe(before - 1));
    expect(tabCount('confirmed')).toBe(confirmedBefore + 1);
    expect(rows().some((r) => r.dataset.id === first)).toBe(false);

    const next = selectedRow()!.dataset.id;
    const unmatchedBefore = tabCount('unmatched');
    key('r');
    await waitFor(() => expect(tabCount('review')).toBe(before - 2));
    expect(tabCount('unmatched')).toBe(unmatchedBefore + 1);
    expect(screen.getByTestId('recon-done').textContent).toContain('rejected');
    expect(rows().some((r) => r.dataset.id === next)).toBe(false);
  });

  it('typing in a field does not trigger a shortcut', async () => {
    await matched();
    const before = tabCount('review');
    fireEvent.click(screen.getByTestId('recon-settings-toggle'));
    const threshold = await screen.findByTestId('recon-threshold');
    key('a', threshold);
    key('r', threshold);
    expect(commandOf({ key: 'a', ctrlKey: false, metaKey: false, altKey: false, target: threshold })).toBeNull();
    expect(commandOf({ key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, target: document.createElement('button') })).toBeNull();
    expect(commandOf({ key: 'Escape', ctrlKey: false, metaKey: false, altKey: false, target: threshold })).toBe('close');
    await new Promise((r) => setTimeout(r, 20));
    expect(tabCount('review')).toBe(before);
    expect(screen.queryByTestId('recon-done')).toBeNull();
  });

  it('the payer’s IBAN is remembered only when asked: a checkbox, off by default', async () => {
    const entry = waiting.entries[0]!;
    const suggested = { ...entry, status: 'suggested' as const, suggestion: { customer: null, allocations: [], write_offs: [], confidence: 0.7, reason: '' } };
    expect(offersIban(suggested)).toBe(entry.iban !== '');
    expect(offersIban({ ...suggested, iban_known: true })).toBe(false);
    expect(offersIban({ ...suggested, iban: '' })).toBe(false);

    withMockBackend();
    renderScreen(<ReconciliationScreen />);
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    // The first entry: money in from an IBAN no customer is known to pay from.
    expect(entry.iban).not.toBe('');
    key('s');
    const form = await screen.findByTestId('split-form');
    const box = within(form).getByTestId<HTMLInputElement>('split-remember-iban');
    expect(box.checked).toBe(false);
    expect(box.parentElement!.textContent).toContain(entry.iban);
  });

  it('undo of an automatic match: the allocations stay, struck, with the day they were undone', async () => {
    await matched();
    fireEvent.click(screen.getByTestId('recon-tab-all'));
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    const auto = rows().find((r) => r.dataset.status === 'auto')!;
    fireEvent.click(auto);
    const detail = screen.getByTestId('recon-detail');
    expect(within(detail).getAllByTestId('detail-allocation').every((a) => a.dataset.undone === 'no')).toBe(true);
    key('u');
    expect((await screen.findByTestId('recon-done')).textContent).toContain('undone');
    await waitFor(() => expect(screen.getByTestId('recon-detail').dataset.status).toBe('unmatched'));
    const undone = within(screen.getByTestId('recon-detail')).getAllByTestId('detail-allocation');
    expect(undone.every((a) => a.dataset.undone === 'yes')).toBe(true);
    expect(undone[0]!.textContent).toContain('undone on 23/11/2026');
  });

  it('a split by hand: search, add parts, the backend’s refusal next to the form, then applied', async () => {
    const entry = waiting.entries[0]!;
    // An open item worth more than the entry: its open amount as the part is refused.
    const item = (openItemsFixture as OpenItemDto[]).find((i) => cents(i.open.amount) > cents(entry.amount.amount))!;
    withMockBackend();
    renderScreen(<ReconciliationScreen />);
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    expect(selectedRow()!.dataset.entry).toBe(entry.entry);
    expect(selectedRow()!.dataset.status).toBe('unmatched');
    key('s');
    const form = await screen.findByTestId('split-form');
    expect(within(form).getByTestId('split-no-parts')).toBeTruthy();
    fireEvent.change(within(form).getByTestId('split-search'), { target: { value: item.customer.name } });
    fireEvent.click(within(form).getByTestId('split-search-run'));
    const items = await within(form).findAllByTestId('split-item');
    expect(items.every((i) => i.textContent.includes(item.customer.name))).toBe(true);
    fireEvent.click(within(items.find((i) => i.dataset.invoice === item.invoice)!).getByTestId('split-add'));
    const part = within(form).getByTestId('split-part');
    const amount = within(part).getByTestId<HTMLInputElement>('split-amount');
    expect(amount.value).toBe(item.open.amount);
    fireEvent.click(within(form).getByTestId('split-confirm'));
    const error = await within(form).findByTestId('split-error');
    expect(error.dataset.code).toBe('invalid_input');
    expect(error.textContent).toMatch(/more than/);

    fireEvent.change(amount, { target: { value: '100.00' } });
    fireEvent.click(within(form).getByTestId('split-confirm'));
    expect((await screen.findByTestId('recon-done')).textContent).toContain('split by hand');
    await waitFor(() => expect(screen.getByTestId('recon-detail').dataset.status).toBe('confirmed'));
    const allocation = within(screen.getByTestId('recon-detail')).getByTestId('detail-allocation');
    expect(allocation.textContent).toContain(item.invoice);
    expect(allocation.textContent).toContain('€100.00');
  });

  it('imports a statement: the result, then again nothing added; a wrong file is refused with its name', async () => {
    withMockBackend();
    renderScreen(<ReconciliationScreen />, { language: 'fr' });
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    fireEvent.click(screen.getByTestId('statement-browse'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('statement-path').value).toBe('/home/amelie/bank/camt053-2026-11-23.xml'));
    fireEvent.click(screen.getByTestId('statement-import'));
    const result = await screen.findByTestId('statement-result');
    expect(result.textContent).toContain('camt053-2026-11-23.xml (camt053) : 12 mouvements, 10 ajoutés, 2 déjà importés');
    await waitFor(() => expect(rows()).toHaveLength(ALL + 10));

    fireEvent.click(screen.getByTestId('statement-import'));
    await waitFor(() => expect(screen.getByTestId('statement-result').dataset.added).toBe('0'));
    expect(screen.getByTestId('statement-result').dataset.already).toBe('12');

    fireEvent.change(screen.getByTestId('statement-path'), { target: { value: '/home/amelie/bank/camt053-wrong.xml' } });
    fireEvent.click(screen.getByTestId('statement-import'));
    const error = await screen.findByTestId('statement-error');
    expect(error.dataset.code).toBe('import_failed');
    expect(error.textContent).toContain('camt053-wrong.xml');
    expect(screen.queryByTestId('statement-result')).toBeNull();
  });

  it('says which entries were left out as not booked, and what the file does not add up', async () => {
    withMockBackend();
    renderScreen(<ReconciliationScreen />);
    await waitFor(() => expect(rows()).toHaveLength(ALL));
    fireEvent.change(screen.getByTestId('statement-path'), { target: { value: '/home/amelie/bank/kbc-2026-11-22.cod' } });
    fireEvent.click(screen.getByTestId('statement-import'));
    const result = await screen.findByTestId('statement-result');
    expect(result.textContent).toContain('3 entries, 2 added, 0 already imported');
    expect(result.textContent).toContain('(1 not booked yet by the bank: left out)');
    expect(screen.getByTestId('statement-warnings').textContent).toContain(
      "Check with the bank: kbc-2026-11-22.cod, line 6, column 'credit total': the trailer says 80.00",
    );
  });

  it('the matching settings are saved through the backend, which refuses a threshold out of range', async () => {
    withMockBackend();
    renderScreen(<ReconciliationScreen />);
    fireEvent.click(screen.getByTestId('recon-settings-toggle'));
    const threshold = await screen.findByTestId<HTMLInputElement>('recon-threshold');
    expect(threshold.value).toBe('0.90');
    fireEvent.change(threshold, { target: { value: '0.5' } });
    fireEvent.click(screen.getByTestId('recon-settings-save'));
    expect((await screen.findByTestId('recon-settings-error')).textContent).toContain('between 0.8 and 1');
    fireEvent.change(threshold, { target: { value: '0.95' } });
    fireEvent.click(screen.getByTestId('recon-settings-save'));
    await screen.findByTestId('recon-settings-saved');
    expect(screen.getByTestId<HTMLInputElement>('recon-threshold').value).toBe('0.95');
  });
});
