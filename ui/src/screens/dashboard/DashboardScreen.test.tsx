import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { DashboardScreen } from './DashboardScreen';

// ECharts draws on a canvas, which jsdom has not: the chart itself is left out here.
vi.mock('./AgeingChart', () => ({ AgeingChart: () => <div data-testid="dashboard-ageing-chart" /> }));
vi.mock('../kpi/charts', () => ({
  Sparkline: ({ trend, name }: { trend: unknown[]; name: string }) => <div data-testid={`kpi-sparkline-${name}`} data-points={trend.length} />,
}));

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('dashboard', () => {
  it('shows the demo company’s figures, formatted for the language', async () => {
    withMockBackend();
    renderScreen(<DashboardScreen />, { language: 'fr' });
    expect((await screen.findByTestId('dashboard-total-open')).textContent).toBe(`1${NNBSP}887${NNBSP}277,39${NBSP}€`);
    expect(screen.getByTestId('dashboard-overdue').textContent).toBe(`737${NNBSP}782,14${NBSP}€`);
    expect(screen.getByTestId('dashboard-overdue-share').textContent).toBe(`39,1${NBSP}% de l’encours total`);
    expect(screen.getByTestId('dashboard-overdue-invoices').textContent).toBe('248');
    expect(screen.getAllByTestId('dashboard-biggest-row')).toHaveLength(10);
    expect(screen.getAllByTestId('dashboard-recent-event').length).toBeGreaterThan(0);
    expect(screen.getByTestId('dashboard-other-currencies').textContent).toContain('£');
    expect(screen.getByText('Balance âgée')).toBeTruthy();
  });

  it('shows all six segments: customers, customers with overdue, overdue amount', async () => {
    withMockBackend();
    renderScreen(<DashboardScreen />);
    const rows = await screen.findAllByTestId('dashboard-segment');
    expect(rows.map((r) => r.getAttribute('data-segment'))).toEqual(['punctual', 'forgetful', 'systematic_late', 'struggling', 'disputing', 'new']);
    expect(rows[2]!.textContent).toBe('Systematic late payer59 of 70€395,489.75');
    expect(rows.map((r) => r.getAttribute('data-customers'))).toEqual(['105', '56', '70', '25', '22', '22']);
  });

  it('shows the KPI tiles of the day, each with its 13-point trend and its formula on hover', async () => {
    withMockBackend();
    renderScreen(<DashboardScreen />);
    expect((await screen.findByTestId('kpi-value-dso_countback')).textContent).toBe('60.3 days');
    const values = ['dso_standard', 'bpdso', 'add', 'cei', 'overdue', 'share_current'].map((name) => screen.getByTestId(`kpi-value-${name}`).textContent);
    expect(values).toEqual(['63.1 days', '38.7 days', '24.4 days', '54.1%', '€729,674.90', '61.3%']);
    expect(screen.getByTestId('kpi-tile-bpdso').getAttribute('title')).toBe('Best possible DSO = receivables not yet due ÷ credit sales of the last 90 days × 90');
    expect(screen.getByTestId('kpi-tile-cei').getAttribute('title')).toMatch(/^CEI = \(receivables 30 days ago/);
    expect(screen.getByTestId('kpi-tile-dso_countback').getAttribute('title')).toMatch(/^Countback DSO: from the latest month back/);
    const sparklines = await screen.findAllByTestId(/^kpi-sparkline-/);
    expect(sparklines).toHaveLength(7);
    expect(sparklines.every((s) => s.getAttribute('data-points') === '13')).toBe(true);
  });

  it('names the KPIs and their formulas in German', async () => {
    withMockBackend();
    renderScreen(<DashboardScreen />, { language: 'de' });
    expect((await screen.findByTestId('kpi-value-dso_standard')).textContent).toBe('63,1 Tage');
    expect(screen.getByTestId('kpi-tile-add').textContent).toContain('Durchschnittlicher Zahlungsverzug');
    expect(screen.getByTestId('kpi-tile-add').getAttribute('title')).toBe('Durchschnittlicher Zahlungsverzug = Standard-DSO − bestmöglicher DSO');
  });

  it('shows the error and its message when the command fails', async () => {
    withMockBackend({ fail: 'overview' });
    renderScreen(<DashboardScreen />);
    const error = await screen.findByTestId('error');
    expect(error.getAttribute('data-code')).toBe('storage');
    expect(error.textContent).toContain('disk I/O error');
  });
});
