import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { api, call, isApiError, toApiError } from '.';
import type { ImportRequest, RecordRequest } from '.';

/** Records every invoke and answers with `answer(cmd)`. */
function spy(answer: (cmd: string, args: unknown) => unknown = () => null) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answer(cmd, args);
  });
  return calls;
}

describe('the facade calls the right command with the right arguments', () => {
  it('status and setup', async () => {
    const calls = spy();
    await api.appStatus();
    await api.createDatabase(null);
    await api.createDatabase('correct horse battery');
    await api.unlock('correct horse battery');
    await api.loadDemo();
    expect(calls).toEqual([
      { cmd: 'app_status', args: {} },
      { cmd: 'create_database', args: { passphrase: null } },
      { cmd: 'create_database', args: { passphrase: 'correct horse battery' } },
      { cmd: 'unlock', args: { passphrase: 'correct horse battery' } },
      { cmd: 'load_demo', args: {} },
    ]);
  });

  it('portfolio reads pass asOf (camelCase), null meaning today', async () => {
    const calls = spy();
    await api.overview(null);
    await api.overview('2026-10-31');
    await api.customers(null);
    await api.customer(164, '2026-11-23');
    await api.timeline({ customer_id: 164, kinds: ['promise', 'call'], offset: 25, limit: 25 }, null);
    expect(calls).toEqual([
      { cmd: 'overview', args: { asOf: null } },
      { cmd: 'overview', args: { asOf: '2026-10-31' } },
      { cmd: 'customers', args: { asOf: null } },
      { cmd: 'customer', args: { id: 164, asOf: '2026-11-23' } },
      { cmd: 'timeline', args: { request: { customer_id: 164, kinds: ['promise', 'call'], offset: 25, limit: 25 }, asOf: null } },
    ]);
  });

  it('record sends the tagged request untouched, the amount as a decimal string', async () => {
    const calls = spy();
    const promise: RecordRequest = { kind: 'promise', customer_id: 164, date: '2026-11-23', amount: '5392.95', due: '2026-11-30', text: '' };
    const dispute: RecordRequest = { kind: 'dispute', customer_id: 164, date: '2026-11-23', invoice_id: 4241, reason: 'Goods damaged' };
    await expect(api.record(promise)).resolves.toBeNull();
    await api.record(dispute);
    expect(calls).toEqual([
      { cmd: 'record', args: { request: promise } },
      { cmd: 'record', args: { request: dispute } },
    ]);
  });

  it('imports send the request as built, and the file dialog opens one file of the supported kinds', async () => {
    const calls = spy((cmd) => (cmd === 'plugin:dialog|open' ? '/home/amelie/klanten.xlsx' : null));
    const request: ImportRequest = {
      kind: 'invoices',
      path: '/home/amelie/facturen.csv',
      mapping: [{ field: 'due_date', column: 'Vervaldatum' }],
      date_format: '%d/%m/%Y',
      create_missing_customers: true,
    };
    await api.importPreview(request);
    await api.importFile(request);
    await expect(api.pickImportFile()).resolves.toBe('/home/amelie/klanten.xlsx');
    expect(calls.slice(0, 2)).toEqual([
      { cmd: 'import_preview', args: { request } },
      { cmd: 'import_file', args: { request } },
    ]);
    const dialog = calls[2]?.args as { options: { multiple: boolean; directory: boolean; filters: { extensions: string[] }[] } };
    expect(calls[2]?.cmd).toBe('plugin:dialog|open');
    expect(dialog.options).toMatchObject({ multiple: false, directory: false });
    expect(dialog.options.filters[0]?.extensions).toEqual(expect.arrayContaining(['csv', 'xlsx']));
  });

  it('lock, preferences and backup', async () => {
    const calls = spy();
    await api.lock();
    await api.preferences();
    await api.savePreferences({ idle_lock_minutes: 5 });
    await api.backup('/media/usb/creditdesk.creditdesk', 'keep it somewhere safe');
    expect(calls).toEqual([
      { cmd: 'lock', args: {} },
      { cmd: 'preferences', args: {} },
      { cmd: 'save_preferences', args: { preferences: { idle_lock_minutes: 5 } } },
      { cmd: 'backup', args: { path: '/media/usb/creditdesk.creditdesk', passphrase: 'keep it somewhere safe' } },
    ]);
  });

  it('a cancelled file dialog is null', async () => {
    spy(() => null);
    await expect(api.pickImportFile()).resolves.toBeNull();
  });

  it('returns what the command answers', async () => {
    spy(() => ({ total: 0, offset: 0, events: [] }));
    await expect(api.timeline({ customer_id: 1, kinds: [], offset: 0, limit: 10 }, null)).resolves.toEqual({ total: 0, offset: 0, events: [] });
  });
});

describe('rejections become ApiError', () => {
  it('keeps the backend error as it is', async () => {
    mockIPC(() => {
      throw { code: 'wrong_key', message: 'the passphrase does not open this database' };
    });
    await expect(api.unlock('nope nope')).rejects.toEqual({ code: 'wrong_key', message: 'the passphrase does not open this database' });
  });

  it('turns Tauri’s string rejections and stray errors into internal', async () => {
    mockIPC(() => {
      throw 'command overveiw not found';
    });
    await expect(api.overview(null)).rejects.toEqual({ code: 'internal', message: 'command overveiw not found' });
    mockIPC(() => {
      throw new TypeError('boom');
    });
    await expect(api.customers(null)).rejects.toEqual({ code: 'internal', message: 'boom' });
  });

  it('does not trust an unknown code', () => {
    expect(isApiError({ code: 'teapot', message: 'x' })).toBe(false);
    expect(toApiError({ code: 'teapot', message: 'I am a teapot' })).toEqual({ code: 'internal', message: 'I am a teapot' });
    expect(toApiError(42)).toMatchObject({ code: 'internal' });
    expect(toApiError(null)).toMatchObject({ code: 'internal' });
  });
});

describe('the command map is checked by the compiler', () => {
  it('rejects a misspelt command or a wrong argument (tsc fails otherwise)', () => {
    spy();
    const never = false;
    if (never) {
      // @ts-expect-error: no such command
      void call('overveiw', { asOf: null });
      // @ts-expect-error: snake_case argument; Tauri wants camelCase
      void call('overview', { as_of: null });
      // @ts-expect-error: the id is a number
      void call('customer', { id: '164', asOf: null });
      // @ts-expect-error: a promise needs its due date
      void api.record({ kind: 'promise', customer_id: 1, date: '2026-11-23', amount: '10.00', text: '' });
    }
    expect(never).toBe(false);
  });
});
