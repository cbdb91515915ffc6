import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../format/format';
import { renderScreen, withMockBackend } from '../../test/render';
import { CustomerScreen } from './CustomerScreen';

describe('customer', () => {
  it('shows the header, the open invoices and the timeline, and records a promise', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    expect((await screen.findByTestId('customer-name')).textContent).toBe('Wood Construction Ltd');
    expect(screen.getByTestId('customer-balance').textContent).toBe('£85,952.14');
    expect(screen.getByTestId('customer-channel').textContent).toBe('Phone');
    const contacts = screen.getAllByTestId('customer-contact');
    expect(within(contacts[0]!).getByText('Billing')).toBeTruthy();
    expect(screen.getAllByTestId('customer-invoice')).toHaveLength(8);

    const events = await screen.findAllByTestId('customer-timeline-event');
    expect(events).toHaveLength(25);
    expect(screen.getByTestId('timeline-count').textContent).toBe('25 of 43 events');
    fireEvent.click(screen.getByTestId('timeline-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('customer-timeline-event')).toHaveLength(43));

    fireEvent.click(screen.getByTestId('record-tab-promise'));
    expect(screen.getByTestId<HTMLInputElement>('promise-due').value).toBe(todayIso());
    fireEvent.change(screen.getByTestId('promise-amount'), { target: { value: '5,392.95' } });
    const due = todayIso();
    fireEvent.change(screen.getByTestId('promise-text'), { target: { value: 'Pays 2026-000853 on Monday' } });
    fireEvent.click(screen.getByTestId('promise-submit'));
    await screen.findByTestId('record-saved');
    await waitFor(() => {
      const first = screen.getAllByTestId('customer-timeline-event')[0]!;
      expect(first.getAttribute('data-kind')).toBe('promise');
      expect(first.textContent).toContain('£5,392.95');
      expect(first.textContent).toContain('Pays 2026-000853 on Monday');
    });
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses an amount it cannot read, and filters the timeline by kind', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    await screen.findAllByTestId('customer-timeline-event');
    fireEvent.click(screen.getByTestId('record-tab-promise'));
    fireEvent.change(screen.getByTestId('promise-amount'), { target: { value: 'twelve' } });
    fireEvent.click(screen.getByTestId('promise-submit'));
    expect(await screen.findByText(/Enter a positive amount/)).toBeTruthy();

    fireEvent.click(screen.getByTestId('timeline-filter-call'));
    await waitFor(() => {
      const kinds = screen.getAllByTestId('customer-timeline-event').map((e) => e.getAttribute('data-kind'));
      expect(new Set(kinds)).toEqual(new Set(['call']));
    });
  });

  it('records a dispute on an open invoice', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    await screen.findAllByTestId('customer-timeline-event');
    fireEvent.click(screen.getByTestId('record-tab-dispute'));
    fireEvent.change(screen.getByTestId('dispute-invoice'), { target: { value: '4241' } });
    fireEvent.change(screen.getByTestId('dispute-reason'), { target: { value: 'Delivered cable was the wrong gauge' } });
    fireEvent.click(screen.getByTestId('dispute-submit'));
    await waitFor(() => expect(screen.getAllByTestId('customer-timeline-event')[0]!.getAttribute('data-kind')).toBe('dispute'));
    await waitFor(() => expect(screen.getAllByTestId('invoice-disputed')).toHaveLength(1));
  });
});
