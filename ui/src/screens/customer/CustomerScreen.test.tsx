import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { todayIso } from '../../format/format';
import { renderScreen, withMockBackend } from '../../test/render';
import { CustomerScreen } from './CustomerScreen';

// ECharts draws on a canvas, which jsdom has not: the evidence chart is left out here.
vi.mock('./LatenessChart', () => ({ LatenessChart: () => <div data-testid="behaviour-chart" /> }));

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

  it('shows each open invoice’s expected payment date and range, and why on hover', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    const cells = await screen.findAllByTestId('invoice-expected');
    expect(cells).toHaveLength(8);
    const row = screen.getAllByTestId('customer-invoice').find((r) => r.getAttribute('data-invoice') === '2026-000853')!;
    const expected = within(row).getByTestId('invoice-expected');
    expect(expected.getAttribute('data-expected')).toBe('2026-12-08');
    expect(expected.textContent).toBe('08/12/202601/12/2026 – 16/01/2027');
    expect(expected.getAttribute('title')).toBe(
      'Between 01/12/2026 and 16/01/2027. Open 186 days past due, longer than any invoice paid so far: a guess of two weeks; partly paid already',
    );
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

  it('shows the behaviour: segment, reasons in the user’s language, figures with what they rest on, the evidence', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164', language: 'fr' });
    const segment = await screen.findByTestId('behaviour-segment');
    expect(segment.textContent).toBe('En difficulté');
    const reasons = screen.getAllByTestId('behaviour-reason');
    expect(reasons.map((r) => r.getAttribute('data-code'))).toEqual(['broken_promises']);
    expect(reasons[0]!.textContent).toBe('3 promesses de paiement non tenues (au moins 2, moins de la moitié tenues)');
    expect(screen.getByTestId('figure-after-reminder').textContent).toMatch(/\d+ factures en retard sur \d+/);
    expect(screen.getByTestId('figure-disputed').textContent).toMatch(/\d+ factures sur \d+/);
    expect(screen.getByTestId('figure-promises').textContent).toMatch(/\d+ sur \d+/);
    expect(await screen.findByTestId('behaviour-chart')).toBeTruthy();
    expect(screen.queryByTestId('behaviour-manual')).toBeNull();
  });

  it('sets the segment by hand with a note, shows what the rules say, and goes back to the rules', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    fireEvent.click(await screen.findByTestId('segment-change'));
    fireEvent.change(screen.getByTestId('segment-select'), { target: { value: 'forgetful' } });
    fireEvent.change(screen.getByTestId('segment-note'), { target: { value: 'Payment plan agreed with the owner' } });
    fireEvent.click(screen.getByTestId('segment-save'));
    await waitFor(() => expect(screen.getByTestId('behaviour-segment').textContent).toBe('Forgetful'));
    expect(screen.getByTestId('behaviour-manual').textContent).toBe('Set by hand');
    expect(screen.getByTestId('behaviour-manual-note').textContent).toContain('Payment plan agreed with the owner');
    expect(screen.getByTestId('behaviour-rules-say').textContent).toBe('The rules would say: Struggling');
    fireEvent.click(screen.getByTestId('segment-rules'));
    await waitFor(() => expect(screen.getByTestId('behaviour-segment').textContent).toBe('Struggling'));
    expect(screen.queryByTestId('behaviour-manual')).toBeNull();
  });

  it('stops dunning for the customer and for one invoice, lists the stops and lifts them', async () => {
    withMockBackend();
    renderScreen(<CustomerScreen />, { path: '/customers/:id', route: '/customers/164' });
    fireEvent.click(await screen.findByTestId('stop-customer'));
    fireEvent.change(screen.getByTestId('stop-customer-reason'), { target: { value: 'Talks with the receiver' } });
    fireEvent.click(screen.getByTestId('stop-customer-submit'));
    await waitFor(() => expect(screen.getAllByTestId('stop')).toHaveLength(1));
    expect(screen.getByTestId('stop').textContent).toContain('Whole customer');
    expect(screen.getByTestId('stop').textContent).toContain('Talks with the receiver');

    fireEvent.click(screen.getAllByTestId('invoice-stop')[0]!);
    fireEvent.change(screen.getByTestId('invoice-stop-reason'), { target: { value: 'Credit note coming' } });
    fireEvent.click(screen.getByTestId('invoice-stop-submit'));
    await waitFor(() => expect(screen.getAllByTestId('stop')).toHaveLength(2));
    expect(screen.getAllByTestId('invoice-stopped')).toHaveLength(1);
    expect(screen.getAllByTestId('stop')[1]!.textContent).toMatch(/Invoice 20\d\d-\d+/);

    fireEvent.click(screen.getAllByTestId('stop-lift')[0]!);
    await waitFor(() => expect(screen.getAllByTestId('stop')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('stop-lift'));
    await waitFor(() => expect(screen.queryAllByTestId('stop')).toHaveLength(0));
    expect(screen.queryAllByTestId('invoice-stopped')).toHaveLength(0);
  });
});
