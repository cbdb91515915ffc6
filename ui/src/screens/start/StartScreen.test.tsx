import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import type { AppStatusDto } from '../../api';
import { I18nProvider } from '../../i18n/I18nProvider';
import { StartScreen } from './StartScreen';

const base: AppStatusDto = {
  setup: 'needs_database',
  data_dir: '/data',
  database_path: '/data/creditdesk.db',
  keychain_available: true,
  empty: true,
  company_name: '',
  passphrase_protected: false,
  idle_lock_minutes: 0,
};

function setup(status: AppStatusDto, answer: (cmd: string, args: unknown) => unknown = () => ({ ...base, setup: 'ready' })) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answer(cmd, args);
  });
  const onStatus = vi.fn();
  render(
    <I18nProvider language="en">
      <StartScreen status={status} onStatus={onStatus} />
    </I18nProvider>,
  );
  return { calls, onStatus };
}

describe('start screen', () => {
  it('creates the database with the key in the keychain', async () => {
    const { calls, onStatus } = setup(base);
    expect(screen.getByText(/encrypted database on this laptop/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('start-create'));
    await waitFor(() => expect(onStatus).toHaveBeenCalled());
    expect(calls).toEqual([{ cmd: 'create_database', args: { passphrase: null } }]);
  });

  it('without a keychain, asks for a passphrase of 8 characters, typed twice', async () => {
    const { calls, onStatus } = setup({ ...base, keychain_available: false });
    fireEvent.change(screen.getByTestId('start-passphrase'), { target: { value: 'short' } });
    fireEvent.change(screen.getByTestId('start-passphrase-repeat'), { target: { value: 'short' } });
    fireEvent.click(screen.getByTestId('start-create'));
    expect(screen.getByTestId('start-passphrase-problem').textContent).toMatch(/at least 8/);
    fireEvent.change(screen.getByTestId('start-passphrase'), { target: { value: 'correct horse' } });
    expect(screen.getByTestId('start-passphrase-problem').textContent).toMatch(/different/);
    fireEvent.change(screen.getByTestId('start-passphrase-repeat'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByTestId('start-create'));
    await waitFor(() => expect(onStatus).toHaveBeenCalled());
    expect(calls).toEqual([{ cmd: 'create_database', args: { passphrase: 'correct horse' } }]);
  });

  it('with a keychain, a passphrase may still be chosen', async () => {
    const { calls, onStatus } = setup(base);
    fireEvent.click(screen.getByTestId('start-use-passphrase'));
    fireEvent.change(screen.getByTestId('start-passphrase'), { target: { value: 'correct horse' } });
    fireEvent.change(screen.getByTestId('start-passphrase-repeat'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByTestId('start-create'));
    await waitFor(() => expect(onStatus).toHaveBeenCalled());
    expect(calls).toEqual([{ cmd: 'create_database', args: { passphrase: 'correct horse' } }]);
  });

  it('says "wrong passphrase" on wrong_key', async () => {
    setup({ ...base, setup: 'needs_passphrase' }, () => {
      throw { code: 'wrong_key', message: 'file is not a database' };
    });
    fireEvent.change(screen.getByTestId('start-unlock-passphrase'), { target: { value: 'not the one' } });
    fireEvent.click(screen.getByTestId('start-unlock'));
    expect((await screen.findByTestId('start-wrong-passphrase')).textContent).toBe('Wrong passphrase. Please try again.');
  });

  it('on an empty database offers the demo, or the import screen and back', async () => {
    const { calls, onStatus } = setup({ ...base, setup: 'ready' }, (cmd) =>
      cmd === 'load_demo' ? { customers: 300, invoices: 3651, payments: 2975, interactions: 420 } : { ...base, setup: 'ready', empty: false },
    );
    fireEvent.click(screen.getByTestId('start-import'));
    expect(screen.getByTestId('import-screen')).toBeTruthy();
    fireEvent.click(screen.getByTestId('start-import-back'));
    fireEvent.click(screen.getByTestId('start-demo'));
    await waitFor(() => expect(onStatus).toHaveBeenCalledWith(expect.objectContaining({ empty: false })));
    expect(calls.map((c) => c.cmd)).toEqual(['load_demo', 'app_status']);
  });
});
