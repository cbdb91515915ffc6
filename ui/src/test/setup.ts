import { cleanup } from '@testing-library/react';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, vi } from 'vitest';

// The mock backend's fixtures are as of Monday 2026-11-23, the day they were recorded: the
// screens' "today" must be that day too, or a test run after midnight asks the mock about
// another day than its fixtures (a worklist of the 23rd run as of the 24th). Only the date is
// set; it still moves with the real time, and timers stay real.
const FIXTURES_DAY = new Date(2026, 10, 23, 10, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ now: FIXTURES_DAY, toFake: ['Date'], shouldAdvanceTime: true });
});

afterEach(() => {
  cleanup();
  clearMocks();
  window.localStorage.clear();
  vi.useRealTimers();
});
