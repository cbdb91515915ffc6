import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KpisDto } from '../../api';
import { renderScreen, withMockBackend } from '../../test/render';
import { KpiScreen } from './KpiScreen';

// ECharts draws on a canvas, which jsdom has not: the charts show what they were given.
vi.mock('./charts', () => ({
  DsoTrendChart: ({ trend }: { trend: KpisDto[] }) => <div data-testid="kpi-dso-chart" data-points={trend.map((k) => k.as_of).join(' ')} />,
  AgeingTrendChart: ({ trend }: { trend: KpisDto[] }) => <div data-testid="kpi-ageing-chart" data-points={trend.length} />,
}));

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const SEGMENT_GROUPS = ['punctual', 'forgetful', 'systematic_late', 'struggling', 'disputing', 'new'];

describe('KPI page', () => {
  it('draws the last 12 month ends and today, and every KPI per segment with the portfolio below', async () => {
    withMockBackend();
    renderScreen(<KpiScreen />);
    const dso = await screen.findByTestId('kpi-dso-chart');
    const points = dso.getAttribute('data-points')!.split(' ');
    expect(points).toHaveLength(13);
    expect(points[0]).toBe('2025-11-30');
    expect(points[12]).toBe('2026-11-23');
    const ageing = await screen.findByTestId('kpi-ageing-chart');
    expect(ageing.getAttribute('data-points')).toBe('13');

    const rows = await screen.findAllByTestId('kpi-group');
    expect(rows.map((r) => r.getAttribute('data-group'))).toEqual(SEGMENT_GROUPS);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(rows[0]!)).toEqual(['Punctual', '€348,097.78', '37 days', '38.6 days', '37.2 days', '1.4 days', '95.7%', '€12,530.68', '96.4%']);
    expect(cells(rows[3]!)).toEqual(['Struggling', '€289,860.47', '137.7 days', '133.3 days', '35.4 days', '97.9 days', '13.6%', '€212,854.01', '26.6%']);
    expect(cells(screen.getByTestId('kpi-group-total'))).toEqual([
      'Whole portfolio',
      '€1,887,277.39',
      '60.3 days',
      '63.1 days',
      '38.7 days',
      '24.4 days',
      '54.1%',
      '€729,674.90',
      '61.3%',
    ]);
    // Each column's formula on hover.
    expect(screen.getByTestId('kpi-col-dso_standard').getAttribute('title')).toBe('Standard DSO = receivables ÷ credit sales of the last 90 days × 90');
    expect(screen.getByTestId('kpi-col-add').getAttribute('title')).toBe('Average days delinquent = standard DSO − best possible DSO');
  });

  it('switches to owners and countries', async () => {
    withMockBackend();
    renderScreen(<KpiScreen />, { language: 'fr' });
    await screen.findAllByTestId('kpi-group');
    fireEvent.click(screen.getByTestId('kpi-dimension-country'));
    await waitFor(() => expect(screen.getAllByTestId('kpi-group').map((r) => r.getAttribute('data-group'))).toEqual(['BE', 'DE', 'FR', 'NL']));
    const belgium = within(screen.getAllByTestId('kpi-group')[0]!).getAllByRole('cell');
    expect(belgium.slice(0, 3).map((c) => c.textContent)).toEqual(['Belgique', `763${NNBSP}406,51${NBSP}€`, '64,9 jours']);
    expect(screen.getByTestId('kpi-col-bpdso').getAttribute('title')).toBe('DSO optimal = encours non échu ÷ ventes à crédit des 90 derniers jours × 90');
    fireEvent.click(screen.getByTestId('kpi-dimension-owner'));
    await waitFor(() => expect(screen.getAllByTestId('kpi-group').map((r) => r.getAttribute('data-group'))).toEqual(['Amélie Dubois', 'Jeroen Claes', 'Sofie Verbeke']));
    expect(within(screen.getByTestId('kpi-group-total')).getAllByRole('cell')[0]!.textContent).toBe('Portefeuille entier');
  });

  it('shows the error when the command fails', async () => {
    withMockBackend({ fail: 'kpi_trend' });
    renderScreen(<KpiScreen />);
    expect((await screen.findByTestId('error')).getAttribute('data-code')).toBe('storage');
  });
});
