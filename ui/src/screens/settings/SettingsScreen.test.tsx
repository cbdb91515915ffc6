import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import type { AppStatusDto } from '../../api';
import appStatus from '../../api/fixtures/app_status.json';
import { SettingsScreen } from './SettingsScreen';

describe('settings', () => {
  it('switches the language, remembers it, and shows where the data lives', () => {
    withMockBackend();
    renderScreen(<SettingsScreen />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    expect(screen.getByTestId('settings-database-path').textContent).toBe('/tmp/.tmpMgKBVE/creditdesk.db');
    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'nl' } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Instellingen');
    expect(window.localStorage.getItem('creditdesk.language')).toBe('nl');
    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'de' } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Einstellungen');
    expect(document.documentElement.lang).toBe('de');
  });

  it('edits the company, shows what was kept, and names what is wrong', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen />);
    const name = await screen.findByTestId('company-name');
    expect((name as HTMLInputElement).value).toBe('Brightwave Supplies NV');
    fireEvent.change(screen.getByTestId('company-iban'), { target: { value: 'be71 7350 4128 9371' } });
    fireEvent.click(screen.getByTestId('company-submit'));
    await screen.findByTestId('company-saved');
    expect(screen.getByTestId<HTMLInputElement>('company-iban').value).toBe('BE71735041289371');

    fireEvent.change(screen.getByTestId('company-name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('company-submit'));
    await waitFor(() => expect(screen.getByTestId('company-error').textContent).toContain('the company needs a name'));
    expect(screen.queryByTestId('company-saved')).toBeNull();
  });

  it('a keychain database explains why it does not lock', () => {
    withMockBackend();
    renderScreen(<SettingsScreen />);
    expect(screen.getByTestId('settings-lock-section').textContent).toContain('system keychain');
    expect(screen.queryByTestId('settings-lock-now')).toBeNull();
  });

  it('a passphrase database chooses its idle time and locks now', async () => {
    withMockBackend({ passphrase: true });
    const statuses: AppStatusDto[] = [];
    const status = { ...(appStatus as AppStatusDto), passphrase_protected: true, idle_lock_minutes: 15 };
    renderScreen(<SettingsScreen />, { status, onStatus: (s) => statuses.push(s) });
    expect(screen.getByTestId<HTMLSelectElement>('settings-lock-minutes').value).toBe('15');
    fireEvent.change(screen.getByTestId('settings-lock-minutes'), { target: { value: '5' } });
    await screen.findByTestId('settings-lock-saved');
    await waitFor(() => expect(statuses.at(-1)?.idle_lock_minutes).toBe(5));
    fireEvent.click(screen.getByTestId('settings-lock-now'));
    await waitFor(() => expect(statuses.at(-1)?.setup).toBe('needs_passphrase'));
  });

  it('saves a backup where the user chose, under a passphrase of 8 characters or more', async () => {
    withMockBackend();
    renderScreen(<SettingsScreen />);
    fireEvent.click(screen.getByTestId('backup-choose'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('backup-path').value).toBe('/home/amelie/backups/creditdesk-2026-11-23.creditdesk'));
    fireEvent.change(screen.getByTestId('backup-passphrase'), { target: { value: 'short' } });
    expect(screen.getByTestId<HTMLButtonElement>('backup-run').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('backup-passphrase'), { target: { value: 'keep it somewhere safe' } });
    fireEvent.click(screen.getByTestId('backup-run'));
    const done = await screen.findByTestId('backup-done');
    expect(done.textContent).toBe(
      'Backup saved: /home/amelie/backups/creditdesk-2026-11-23.creditdesk (2.5 MB), with its key salt in /home/amelie/backups/creditdesk-2026-11-23.creditdesk.salt.',
    );
    expect(screen.getByTestId<HTMLInputElement>('backup-passphrase').value).toBe('');
  });
});
