import { fireEvent, screen } from '@testing-library/react';
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
});
