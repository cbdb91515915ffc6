import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LetterTemplatesDto, OutboxMessageDto, ReferenceRatesDto } from '../../api';
import { api } from '../../api';
import letterTemplates from '../../api/fixtures/letter_templates.json';
import outboxFixture from '../../api/fixtures/outbox.json';
import referenceRates from '../../api/fixtures/reference_rates.json';
import { renderScreen, withMockBackend } from '../../test/render';
import { SettingsScreen } from './SettingsScreen';

const rates = referenceRates as ReferenceRatesDto;
const templates = letterTemplates as LetterTemplatesDto;
const outbox = outboxFixture as OutboxMessageDto[];

describe('settings: legal interest', () => {
  it('shows the company’s rule and every series’ table, newest first', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="interest" />);
    const rule = await screen.findByTestId('interest-rule');
    expect(rates.company_country).toBe('BE');
    expect(within(rule).getByTestId('interest-rule-points').textContent).toBe('+ 8 points above the reference rate');
    expect(within(rule).getByTestId('interest-rule-compensation').textContent).toContain('€40 per invoice');
    expect(within(rule).getByTestId('interest-rule-series').textContent).toBe(rates.series.find((s) => s.series === 'ecb_mro')!.title);
    for (const series of rates.series) {
      const table = screen.getByTestId(`rates-${series.series}`);
      const shown = within(table).getAllByTestId('rate-row');
      expect(shown.length).toBe(Math.min(5, series.rows.length));
      expect(shown[0]!.getAttribute('data-from')).toBe(series.rows.at(-1)!.valid_from);
      expect(shown.every((r) => r.getAttribute('data-origin') === 'shipped')).toBe(true);
    }
    const ecb = screen.getByTestId('rates-ecb_mro');
    fireEvent.click(within(ecb).getByTestId('rates-ecb_mro-all'));
    expect(within(ecb).getAllByTestId('rate-row').length).toBe(rates.series[0]!.rows.length);
  });

  it('adds a user rate, shows the backend’s refusal next to the form, and removes it', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="interest" />);
    await screen.findByTestId('rate-form');
    fireEvent.change(screen.getByTestId('rate-rate'), { target: { value: '425' } });
    fireEvent.click(screen.getByTestId('rate-save'));
    const refusal = await screen.findByTestId('rate-error');
    expect(refusal.getAttribute('data-code')).toBe('invalid_input');
    expect(refusal.textContent).toContain('between -5 and 50');

    fireEvent.change(screen.getByTestId('rate-rate'), { target: { value: '2,15' } });
    fireEvent.change(screen.getByTestId('rate-source'), { target: { value: 'ECB press release' } });
    fireEvent.click(screen.getByTestId('rate-save'));
    await screen.findByTestId('rate-saved');
    expect(screen.queryByTestId('rate-error')).toBeNull();
    const ecb = screen.getByTestId('rates-ecb_mro');
    const mine = within(ecb).getAllByTestId('rate-row')[0]!;
    expect(mine.getAttribute('data-origin')).toBe('user');
    expect(mine.textContent).toContain('2.15 %');
    expect(mine.textContent).toContain('ECB press release');
    // The form is empty again for the next rate.
    expect(screen.getByTestId<HTMLInputElement>('rate-rate').value).toBe('');

    fireEvent.click(within(mine).getByTestId('rate-remove'));
    await waitFor(() => expect(screen.getByTestId('rate-saved').textContent).toBe('Rate removed.'));
    expect(within(ecb).getAllByTestId('rate-row').every((r) => r.getAttribute('data-origin') === 'shipped')).toBe(true);
  });

  it('overriding a shipped row keeps the shipped rate beside it, and removing it brings it back', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="interest" />);
    const ecb = await screen.findByTestId('rates-ecb_mro');
    const latest = rates.series[0]!.rows.at(-1)!;
    fireEvent.click(within(within(ecb).getAllByTestId('rate-row')[0]!).getByTestId('rate-override'));
    expect(screen.getByTestId<HTMLInputElement>('rate-rate').value).toBe(latest.rate);
    fireEvent.change(screen.getByTestId('rate-rate'), { target: { value: '1.75' } });
    fireEvent.click(screen.getByTestId('rate-save'));
    await screen.findByTestId('rate-saved');
    const row = within(ecb).getAllByTestId('rate-row')[0]!;
    expect(row.getAttribute('data-from')).toBe(latest.valid_from);
    expect(row.getAttribute('data-origin')).toBe('user');
    expect(row.textContent).toContain(`replaces ${latest.rate} %`);
    fireEvent.click(within(row).getByTestId('rate-remove'));
    await waitFor(() => expect(within(ecb).getAllByTestId('rate-row')[0]!.getAttribute('data-origin')).toBe('shipped'));
  });

  it('the calculator answers days, interest per period and compensation from the backend', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="interest" />);
    await screen.findByTestId('interest-calculator');
    fireEvent.change(screen.getByTestId('calc-amount'), { target: { value: 'twelve' } });
    fireEvent.click(screen.getByTestId('calc-run'));
    expect(screen.getByTestId('calc-bad-amount')).toBeTruthy();
    fireEvent.change(screen.getByTestId('calc-amount'), { target: { value: '1000' } });
    fireEvent.change(screen.getByTestId('calc-currency'), { target: { value: 'gbp' } });
    fireEvent.click(screen.getByTestId('calc-run'));
    expect((await screen.findByTestId('calc-error')).getAttribute('data-code')).toBe('currency_mismatch');
    fireEvent.change(screen.getByTestId('calc-currency'), { target: { value: 'EUR' } });
    fireEvent.click(screen.getByTestId('calc-run'));
    const result = await screen.findByTestId('calc-result');
    expect(within(result).getAllByTestId('calc-period').length).toBeGreaterThan(0);
    expect(screen.getByTestId('calc-compensation').textContent).toBe('€40.00');
    expect(screen.getByTestId('calc-days').textContent).toMatch(/^\d+$/);
  });

  it('the fixture debt shows the real backend’s half-year periods', async () => {
    // The numbers the core computed for the fixture (ui_fixtures.rs): the mock answers them as they are.
    const real = await (withMockBackend(), api.legalInterest({ amount: '12500.00', currency: 'EUR', due: '2026-01-10', as_of: '2026-11-23' }));
    expect(real.periods.length).toBeGreaterThanOrEqual(2);
    expect(real.days).toBe(317);
    expect(real.compensation).toEqual({ amount: '40.00', currency: 'EUR' });
  });
});

describe('settings: letters', () => {
  it('edits a template, inserts a placeholder, names an unknown one, saves and resets', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="letters" />);
    const editor = await screen.findByTestId('letters-editor');
    expect(editor.getAttribute('data-customized')).toBe('no');
    fireEvent.change(screen.getByTestId('letters-language'), { target: { value: 'fr' } });
    fireEvent.click(screen.getByTestId('letters-tone-formal_notice'));
    const shipped = templates.templates.find((x) => x.language === 'fr' && x.tone === 'formal_notice')!;
    expect(screen.getByTestId<HTMLInputElement>('letters-subject').value).toBe(shipped.subject);
    expect(screen.getAllByTestId('letters-placeholder').length).toBe(templates.placeholders.length);

    // A placeholder goes where the caret is, in the block last focused.
    const subject = screen.getByTestId<HTMLInputElement>('letters-subject');
    fireEvent.change(subject, { target: { value: 'Mise en demeure – ' } });
    fireEvent.focus(subject);
    subject.setSelectionRange(subject.value.length, subject.value.length);
    fireEvent.click(screen.getAllByTestId('letters-placeholder').find((b) => b.getAttribute('data-name') === 'customer_number')!);
    expect(subject.value).toBe('Mise en demeure – {customer_number}');
    expect(screen.getByTestId('letters-unsaved')).toBeTruthy();

    fireEvent.change(screen.getByTestId('letters-body'), { target: { value: 'Payez {montant}.' } });
    fireEvent.click(screen.getByTestId('letters-save'));
    const refusal = await screen.findByTestId('letters-error');
    expect(refusal.textContent).toContain('{montant}');

    fireEvent.change(screen.getByTestId('letters-body'), { target: { value: 'Veuillez payer {total} sans délai.' } });
    fireEvent.click(screen.getByTestId('letters-save'));
    await waitFor(() => expect(screen.getByTestId('letters-editor').getAttribute('data-customized')).toBe('yes'));
    expect(screen.getByTestId('letters-customized').textContent).toBe('Customized');
    expect(screen.getByTestId<HTMLInputElement>('letters-subject').value).toBe('Mise en demeure – {customer_number}');
    // The other tones of the language are untouched.
    fireEvent.click(screen.getByTestId('letters-tone-reminder'));
    expect(screen.getByTestId('letters-editor').getAttribute('data-customized')).toBe('no');
    fireEvent.click(screen.getByTestId('letters-tone-formal_notice'));

    fireEvent.click(screen.getByTestId('letters-reset'));
    await waitFor(() => expect(screen.getByTestId('letters-editor').getAttribute('data-customized')).toBe('no'));
    expect(screen.getByTestId<HTMLInputElement>('letters-subject').value).toBe(shipped.subject);
    expect(screen.getByTestId('letters-done').textContent).toBe('The shipped text is back.');
  });
});

describe('settings: e-mail server', () => {
  it('starts empty, saves a server with a write-only password, keeps, changes and removes it', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="mail" />);
    await screen.findByTestId('smtp-none');
    expect(screen.getByTestId('smtp-password-state').textContent).toBe('Not set');
    fireEvent.change(screen.getByTestId('smtp-host'), { target: { value: 'smtp.brightwave-supplies.be' } });
    fireEvent.change(screen.getByTestId('smtp-security'), { target: { value: 'tls' } });
    expect(screen.getByTestId<HTMLInputElement>('smtp-port').value).toBe('465');
    fireEvent.change(screen.getByTestId('smtp-username'), { target: { value: 'credit' } });
    fireEvent.change(screen.getByTestId('smtp-from-address'), { target: { value: 'not an address' } });
    fireEvent.click(screen.getByTestId('smtp-password-change'));
    fireEvent.change(screen.getByTestId('smtp-password-input'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByTestId('smtp-save'));
    expect((await screen.findByTestId('smtp-error')).textContent).toContain("'not an address' is not an e-mail address");

    fireEvent.change(screen.getByTestId('smtp-from-address'), { target: { value: 'credit@brightwave-supplies.be' } });
    fireEvent.change(screen.getByTestId('smtp-from-name'), { target: { value: 'Brightwave credit department' } });
    fireEvent.click(screen.getByTestId('smtp-save'));
    await screen.findByTestId('smtp-saved');
    expect(screen.queryByTestId('smtp-none')).toBeNull();
    expect(screen.getByTestId('smtp-password-state').textContent).toBe('Set');
    expect(screen.queryByTestId('smtp-password-input')).toBeNull();
    expect(await api.smtpSettings()).toEqual({
      host: 'smtp.brightwave-supplies.be',
      port: 465,
      security: 'tls',
      username: 'credit',
      from_address: 'credit@brightwave-supplies.be',
      from_name: 'Brightwave credit department',
      password_set: true,
    });

    // Saving again without touching the password keeps it.
    fireEvent.change(screen.getByTestId('smtp-port'), { target: { value: '2465' } });
    fireEvent.click(screen.getByTestId('smtp-save'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('smtp-port').value).toBe('2465'));
    expect((await api.smtpSettings())?.password_set).toBe(true);

    fireEvent.click(screen.getByTestId('smtp-password-remove'));
    expect(screen.getByTestId('smtp-password-state').textContent).toBe('Removed on save');
    fireEvent.click(screen.getByTestId('smtp-save'));
    await waitFor(() => expect(screen.getByTestId('smtp-password-state').textContent).toBe('Not set'));

    fireEvent.change(screen.getByTestId('smtp-port'), { target: { value: '99999' } });
    fireEvent.click(screen.getByTestId('smtp-save'));
    expect(screen.getByTestId('smtp-bad-port')).toBeTruthy();
  });
});

describe('settings: outbox', () => {
  it('lists the queued e-mails with their attachment, and "send now" reports why they wait', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="outbox" />);
    await waitFor(() => expect(screen.getAllByTestId('outbox-message').length).toBe(outbox.length));
    const first = screen.getAllByTestId('outbox-message')[0]!;
    expect(first.getAttribute('data-state')).toBe('queued');
    expect(within(first).getByTestId('outbox-state').textContent).toBe('Queued');
    expect(within(first).getByTestId('outbox-attachment').textContent).toContain(outbox[0]!.attachment_name!);
    expect(within(first).getByTestId('outbox-subject').textContent).toBe(outbox[0]!.subject);
    expect(within(first).getByTestId('outbox-to').textContent).toBe(outbox[0]!.to_address);

    fireEvent.click(screen.getByTestId('outbox-send'));
    const report = await screen.findByTestId('outbox-report');
    expect(report.textContent).toContain('Sent: 0');
    expect(screen.getByTestId('outbox-unreachable').textContent).toBe('The rest waits: no SMTP server is set in Settings');
  });

  it('with a server, "send now" sends and the list shows them sent', async () => {
    withMockBackend();
    await api.saveSmtpSettings({ host: 'smtp.example.com', port: 587, security: 'starttls', username: '', from_address: 'credit@example.com', from_name: '', password: null });
    renderScreen(<SettingsScreen tab="outbox" />);
    await screen.findAllByTestId('outbox-message');
    fireEvent.click(screen.getByTestId('outbox-send'));
    const report = await screen.findByTestId('outbox-report');
    expect(report.textContent).toContain(`Sent: ${outbox.length}`);
    await waitFor(() => expect(screen.getAllByTestId('outbox-message').every((m) => m.getAttribute('data-state') === 'sent')).toBe(true));
    expect(screen.getByTestId<HTMLButtonElement>('outbox-send').disabled).toBe(true);
  });
});

describe('settings: sub-pages', () => {
  it('each sub-page has its tab, and General keeps the language and the company', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen />);
    expect(screen.getByTestId('settings-tab-general').className).toContain('tab--on');
    expect(screen.getByTestId('settings-tab-interest').getAttribute('href')).toBe('/settings/interest');
    expect(screen.getByTestId('settings-tab-outbox').getAttribute('href')).toBe('/settings/outbox');
    await screen.findByTestId('company-name');
  });

  it('every sub-page reads in French', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen tab="outbox" />, { language: 'fr' });
    expect(screen.getByTestId('settings-tab-interest').textContent).toBe('Intérêts légaux');
    await screen.findAllByTestId('outbox-message');
    expect(screen.getAllByTestId('outbox-state')[0]!.textContent).toBe('En attente');
  });
});
