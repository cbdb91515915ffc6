import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { WeekForecastDto } from '../../api';
import { renderScreen, withMockBackend } from '../../test/render';
import { ForecastScreen } from './ForecastScreen';

// ECharts draws on a canvas, which jsdom has not: the chart is a bar per week to click.
vi.mock('./ForecastChart', () => ({
  ForecastChart: ({ weeks, selected, onSelect }: { weeks: WeekForecastDto[]; selected: string | null; onSelect: (week: string) => void }) => (
    <div data-testid="forecast-chart" data-selected={selected ?? ''}>
      {weeks.map((w) => (
        <button key={w.week_start} type="button" data-testid="forecast-bar" onClick={() => onSelect(w.week_start)}>
          {w.week_start} {w.low.amount}–{w.high.amount}
        </button>
      ))}
    </div>
  ),
}));

const rows = () => screen.getAllByTestId('forecast-invoice');
const expectedDates = () => rows().map((r) => r.getAttribute('data-expected')!);

describe('forecast', () => {
  it('shows 13 weeks with bands, the later amount, the backtest sentence, and every invoice with its reason', async () => {
    withMockBackend();
    renderScreen(<ForecastScreen />);
    const weeks = await screen.findAllByTestId('forecast-week');
    expect(weeks.map((w) => w.getAttribute('data-week'))).toEqual([
      '2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28',
      '2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08', '2027-02-15',
    ]);
    expect(weeks[1]!.textContent).toBe('30 Nov€265k99 inv.');
    expect(weeks[1]!.getAttribute('title')).toBe('Expected in the week of 30/11/2026: €265,412.19 (€218,368.38 – €312,456.00)');
    expect((await screen.findAllByTestId('forecast-bar'))[1]!.textContent).toBe('2026-11-30 218368.38–312456.00');
    expect(screen.getByTestId('forecast-later').textContent).toBe('€77,079.48');
    expect((await screen.findByTestId('forecast-backtest')).textContent).toBe(
      "Over the last 6 months this forecast was off by 7.9 days on average; the due date by 18.1, the customer's usual delay by 8.3.",
    );
    expect(screen.getByTestId('forecast-backtest-range').textContent).toBe('77.5% of the real payment dates fell inside the low–high range (1,215 invoices paid in the period).');

    expect(screen.getByTestId('forecast-invoices-title').textContent).toBe('Every open invoice');
    expect(screen.getByTestId('forecast-shown').textContent).toBe('100 of 740');
    const first = within(rows()[1]!).getAllByRole('cell').map((c) => c.textContent);
    expect(first).toEqual([
      'Van den Heuvel & Vink V.O.F.',
      '2026-002780',
      '€5,005.35',
      '14/10/2026',
      '24/11/2026',
      '24/11/2026 – 14/12/2026',
      "Customer's history Pays 39 days after the due date as a rule (its 21 paid invoices, recent ones weighing most)",
    ]);
    expect(within(rows()[1]!).getByTestId('forecast-customer-link').getAttribute('href')).toBe('/customers/252');
    const sorted = [...expectedDates()].sort();
    expect(expectedDates()).toEqual(sorted);
  });

  it('drills a week down to its invoices (from the table or the chart), pages on, and searches', async () => {
    withMockBackend();
    renderScreen(<ForecastScreen />);
    fireEvent.click((await screen.findAllByTestId('forecast-week'))[1]!);
    await waitFor(() => expect(screen.getByTestId('forecast-invoices-title').textContent).toBe('Expected in the week of 30/11/2026'));
    await waitFor(() => expect(screen.getByTestId('forecast-shown').textContent).toBe('100 of 110'));
    expect(expectedDates().every((d) => d >= '2026-11-30' && d < '2026-12-07')).toBe(true);
    expect(screen.getAllByTestId('forecast-week')[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('forecast-chart').getAttribute('data-selected')).toBe('2026-11-30');
    fireEvent.click(screen.getByTestId('forecast-more'));
    await waitFor(() => expect(rows()).toHaveLength(110));
    expect(screen.queryByTestId('forecast-more')).toBeNull();

    // A bar of the chart selects its week; "All weeks" goes back to every invoice.
    fireEvent.click(screen.getAllByTestId('forecast-bar')[12]!);
    await waitFor(() => expect(screen.getByTestId('forecast-shown').textContent).toMatch(/ of \d+$/));
    await waitFor(() => expect(expectedDates().every((d) => d >= '2027-02-15' && d < '2027-02-22')).toBe(true));
    fireEvent.click(screen.getByTestId('forecast-all-weeks'));
    await waitFor(() => expect(screen.getByTestId('forecast-shown').textContent).toBe('100 of 740'));

    fireEvent.change(screen.getByTestId('forecast-search'), { target: { value: 'JACOBS & VOS' } });
    await waitFor(() => expect(rows().every((r) => within(r).getByTestId('forecast-customer-link').textContent === 'Jacobs & Vos V.O.F.')).toBe(true));
    expect(rows().length).toBeGreaterThan(1);
    fireEvent.change(screen.getByTestId('forecast-search'), { target: { value: 'no such customer' } });
    expect(await screen.findByText('No open invoice matches.')).toBeTruthy();
    // Many renders of a long list: more than the default 5 s on a busy machine.
  }, 15_000);

  it('speaks French', async () => {
    withMockBackend();
    renderScreen(<ForecastScreen />, { language: 'fr' });
    expect((await screen.findByTestId('forecast-backtest')).textContent).toBe(
      'Sur les 6 derniers mois, cette prévision s’est trompée de 7,9 jours en moyenne ; l’échéance de 18,1, le retard habituel du client de 8,3.'.replace(/’/g, "'"),
    );
  });

  it('shows the error when the forecast fails', async () => {
    withMockBackend({ fail: 'forecast' });
    renderScreen(<ForecastScreen />);
    expect((await screen.findByTestId('error')).getAttribute('data-code')).toBe('storage');
  });
});
