import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { prefetchOverview, takeEarlyOverview } from './prefetch';

describe('the overview asked at start', () => {
  it('is taken once by the first dashboard', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return { as_of: '2026-11-23' };
    });
    prefetchOverview();
    await expect(takeEarlyOverview()).resolves.toEqual({ as_of: '2026-11-23' });
    expect(takeEarlyOverview()).toBeNull();
    expect(calls).toEqual(['overview']);
  });

  it('is asked again when it failed because no database was open yet', async () => {
    let asked = 0;
    mockIPC(() => {
      asked += 1;
      if (asked === 1) throw { code: 'not_ready', message: 'no database is open' };
      return { as_of: '2026-11-23' };
    });
    prefetchOverview();
    await expect(takeEarlyOverview()).resolves.toEqual({ as_of: '2026-11-23' });
    expect(asked).toBe(2);
  });
});
