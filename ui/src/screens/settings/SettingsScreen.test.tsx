import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
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
});
