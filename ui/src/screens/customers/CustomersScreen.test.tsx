import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { CustomersScreen } from './CustomersScreen';

// jsdom lays nothing out; give the list a height so the virtualiser renders rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 720 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

describe('customers', () => {
  it('lists, searches, and opens with the keyboard', async () => {
    withMockBackend({ rows: 100_000 });
    renderScreen(<CustomersScreen />, { path: '/customers', route: '/customers' });
    await screen.findAllByTestId('customers-row');
    expect(screen.getByTestId('customers-count').textContent).toBe('100,000 of 100,000 customers');
    // Virtualised: a screenful of rows in the DOM, not 100 000.
    expect(screen.getAllByTestId('customers-row').length).toBeLessThan(60);
    expect(screen.getAllByTestId('customers-row')[0]!.textContent).toContain('Wood Construction Ltd');

    fireEvent.keyDown(window, { key: '/' });
    const search = screen.getByTestId('customers-search');
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: '400045' } });
    await waitFor(() => expect(screen.getByTestId('customers-count').textContent).toBe('1 of 100,000 customers'));
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('customers-row')[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(search, { key: 'Enter' });
    await screen.findByTestId('navigated-away');
  });

  it('colours days overdue from 30 and 60', async () => {
    withMockBackend();
    renderScreen(<CustomersScreen />, { path: '/customers', route: '/customers' });
    const rows = await screen.findAllByTestId('customers-row');
    const first = rows[0]!; // Wood Construction, 185 days
    expect(first.querySelector('.days--red')?.textContent).toBe('185');
    fireEvent.change(screen.getByTestId('customers-country'), { target: { value: 'BE' } });
    await waitFor(() => expect(screen.getAllByTestId('customers-row')[0]!.textContent).toContain('Transport Devos BV'));
    expect(screen.getAllByTestId('customers-row')[0]!.querySelector('.days--orange')?.textContent).toBe('31');
  });
});
