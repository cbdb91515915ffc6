// The dashboard is the first screen of every start but the first: its figures are asked for at
// once, beside the app's status, instead of after the shell's first paint. Only today's
// overview is fetched early, and only the first dashboard takes it.

import type { OverviewDto } from '../api';
import { api } from '../api';

let early: Promise<OverviewDto> | null = null;

export function prefetchOverview(): void {
  early = api.overview(null);
  // Before a database is open (first start, locked) this fails; the dashboard asks again.
  early.catch(() => undefined);
}

/**
 * The early answer for today's overview, once; `null` when there is none (any more). An early
 * call that failed (no database was open yet) is asked again.
 */
export function takeEarlyOverview(): Promise<OverviewDto> | null {
  const taken = early;
  early = null;
  return taken ? taken.catch(() => api.overview(null)) : null;
}
