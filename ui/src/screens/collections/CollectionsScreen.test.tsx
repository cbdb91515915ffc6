import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { CollectionsScreen } from './CollectionsScreen';

function Collections() {
  return (
    <Routes>
      <Route index element={<CollectionsScreen tab="worklist" />} />
      <Route path="policies" element={<CollectionsScreen tab="policies" />} />
    </Routes>
  );
}

const entries = () => screen.getAllByTestId('worklist-entry');

describe('worklist', () => {
  it('groups the day’s actions by customer, with items, pauses, alerts and paused customers', async () => {
    withMockBackend();
    renderScreen(<Collections />, { path: '/collections/*', route: '/collections' });
    await screen.findAllByTestId('worklist-entry');
    expect(entries()).toHaveLength(108);
    expect(screen.getByTestId('worklist-summary').textContent).toBe('108 customers to chase, 23 paused');
    const first = entries()[0]!;
    expect(within(first).getByTestId('entry-customer').textContent).toBe('Wood Construction Ltd');
    expect(within(first).getByTestId('entry-action').textContent).toContain('Call · Reminder · Step 1 of 4');
    expect(within(first).getAllByTestId('entry-item')[0]!.textContent).toContain('2026-000853');
    expect(within(first).getByTestId('entry-alert').textContent).toMatch(/^Broken promise: £11,673.11 by 08\/11\/2026/);
    expect(screen.getAllByTestId('entry-paused-item').length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('paused-customer')).toHaveLength(23);

    // Another day: shown in the user's language, the list asked for that day.
    fireEvent.change(screen.getByTestId('worklist-day'), { target: { value: '2026-11-30' } });
    expect(screen.getByTestId('worklist-day-display').textContent).toBe('30 Nov 2026');
    await waitFor(() => expect(screen.getByTestId('worklist').getAttribute('aria-busy')).toBe('false'));
  }, 15_000);

  it('does nothing before the review is confirmed, then shows what was done and refreshes the list', async () => {
    withMockBackend();
    renderScreen(<Collections />, { path: '/collections/*', route: '/collections' });
    await screen.findAllByTestId('worklist-entry');
    const review = screen.getByTestId<HTMLButtonElement>('worklist-review');
    expect(review.disabled).toBe(true);

    fireEvent.click(screen.getByTestId('worklist-select-all'));
    expect(screen.getByTestId('worklist-selected').textContent).toBe('108 selected');
    fireEvent.click(screen.getByTestId('worklist-select-none'));
    expect(screen.getByTestId('worklist-selected').textContent).toBe('0 selected');

    const checks = screen.getAllByTestId('entry-select');
    fireEvent.click(checks[0]!);
    fireEvent.click(checks[1]!);
    fireEvent.click(review);
    const summary = await screen.findByTestId('review');
    expect(within(summary).getByTestId('review-calls').textContent).toBe('Calls to make1');
    expect(within(summary).getByTestId('review-emails').textContent).toBe('E-mails1');
    expect(within(summary).getByTestId('review-alerts').textContent).toBe('Alerts acknowledged1');
    expect(within(summary).getAllByTestId('review-customer').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Wood Construction Ltd'),
      expect.stringContaining('Bakkerij Peters B.V.'),
    ]);

    // Back: nothing was done, the selection is kept.
    fireEvent.click(screen.getByTestId('review-back'));
    await screen.findAllByTestId('worklist-entry');
    expect(within(entries()[0]!).getByTestId('entry-action')).toBeTruthy();
    expect(screen.getByTestId('worklist-selected').textContent).toBe('2 selected');

    fireEvent.click(screen.getByTestId('worklist-review'));
    fireEvent.click(await screen.findByTestId('review-confirm'));
    const result = await screen.findByTestId('run-result');
    expect(within(result).getAllByTestId('result-customer').map((a) => a.textContent)).toEqual(['Wood Construction Ltd', 'Bakkerij Peters B.V.']);
    expect(within(result).getAllByTestId('result-customer')[0]!.getAttribute('href')).toBe('/customers/164');
    expect(within(result).getAllByTestId('result-letter').map((l) => l.textContent?.trim())).toEqual(['400020-2026-11-23.pdf']);
    expect(within(result).getByTestId('result-emails').textContent).toContain('1 e-mail queued in the outbox');
    fireEvent.click(within(result).getByTestId('result-open-batch'));

    // The list is asked again: the customers done have no action left today.
    await waitFor(() => expect(within(entries()[0]!).queryByTestId('entry-action')).toBeNull());
    expect(entries()[0]!.textContent).toContain('No step due today');
    expect(screen.getByTestId('worklist-selected').textContent).toBe('0 selected');
    expect(screen.queryByTestId('error')).toBeNull();
  }, 30_000);
});

describe('policies', () => {
  it('edits a step, shows unsaved changes, saves, and keeps it after switching tabs', async () => {
    withMockBackend();
    renderScreen(<Collections />, { path: '/collections/*', route: '/collections/policies' });
    const days = await screen.findByTestId<HTMLInputElement>('policy-forgetful-step-0-days');
    expect(days.value).toBe('3');
    expect(screen.getByTestId<HTMLSelectElement>('policy-forgetful-step-0-when').value).toBe('before');
    expect(screen.queryByTestId('policy-forgetful-unsaved')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('policy-forgetful-save').disabled).toBe(true);

    fireEvent.change(days, { target: { value: '2' } });
    expect(screen.getByTestId('policy-forgetful-unsaved')).toBeTruthy();
    fireEvent.click(screen.getByTestId('policy-forgetful-save'));
    await screen.findByTestId('policy-forgetful-saved');
    expect(screen.queryByTestId('policy-forgetful-unsaved')).toBeNull();

    fireEvent.click(screen.getByTestId('collections-tab-worklist'));
    await screen.findAllByTestId('worklist-entry');
    fireEvent.click(screen.getByTestId('collections-tab-policies'));
    expect((await screen.findByTestId<HTMLInputElement>('policy-forgetful-step-0-days')).value).toBe('2');
  }, 15_000);

  it('shows the backend’s refusal next to the policy, adds and removes steps, resets', async () => {
    withMockBackend();
    renderScreen(<Collections />, { path: '/collections/*', route: '/collections/policies' });
    await screen.findByTestId('policy-punctual');
    fireEvent.change(screen.getByTestId('policy-punctual-step-0-fee'), { target: { value: 'seven' } });
    fireEvent.click(screen.getByTestId('policy-punctual-save'));
    expect((await screen.findByTestId('policy-punctual-error')).textContent).toBe("Please check what you entered: step 1: the fee 'seven' is not an amount");

    fireEvent.change(screen.getByTestId('policy-punctual-step-0-fee'), { target: { value: '7.5' } });
    fireEvent.change(screen.getByTestId('policy-punctual-step-1-days'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('policy-punctual-save'));
    expect((await screen.findByTestId('policy-punctual-error-detail')).textContent).toBe('step 2 (5 days) must come after step 1 (7 days)');

    fireEvent.click(screen.getByTestId('policy-punctual-step-1-remove'));
    fireEvent.click(screen.getByTestId('policy-punctual-add'));
    const steps = screen.getAllByTestId('policy-punctual-step');
    expect(steps).toHaveLength(4);
    expect(screen.getByTestId<HTMLInputElement>('policy-punctual-step-3-days').value).toBe('74');
    fireEvent.click(screen.getByTestId('policy-punctual-save'));
    await screen.findByTestId('policy-punctual-saved');
    expect(screen.getByTestId<HTMLInputElement>('policy-punctual-step-0-fee').value).toBe('7.50');

    fireEvent.click(screen.getByTestId('policy-punctual-reset'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('policy-punctual-step-0-fee').value).toBe(''));
    expect(screen.getAllByTestId('policy-punctual-step')).toHaveLength(4);
    expect(screen.getByTestId<HTMLInputElement>('policy-punctual-step-1-days').value).toBe('21');
  });
});
