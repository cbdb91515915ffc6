import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { DashboardScreen } from './DashboardScreen';

// ECharts draws on a canvas, which jsdom has not: the chart itself is left out here.
vi.mock('./AgeingChart', () => ({ AgeingChart: () => <div data-testid="dashboard-ageing-chart" /> }));

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

  it('shows the error and its message when the command fails', async () => {
    withMockBackend({ fail: 'overview' });
    renderScreen(<DashboardScreen />);
    const error = await screen.findByTestId('error');
    expect(error.getAttribute('data-code')).toBe('storage');
    expect(error.textContent).toContain('disk I/O error');
  });
});
