// Noticing that nobody is using the window, for the lock of a passphrase database.

import { useEffect, useEffectEvent } from 'react';

/** What counts as someone using the window. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle time is checked; the lock may come this much later than chosen. */
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` once `minutes` have passed without activity in the window; `0` never does.
 * Timers are checked against the clock, so a laptop waking from sleep locks at once.
 */
export function useIdle(minutes: number, onIdle: () => void, target: Window = window): void {
  const fire = useEffectEvent(onIdle);
  useEffect(() => {
    if (minutes <= 0) return;
    let last = Date.now();
    let fired = false;
    const active = () => {
      last = Date.now();
    };
    const check = () => {
      if (!fired && Date.now() - last >= minutes * 60_000) {
        fired = true;
        fire();
      }
    };
    for (const type of ACTIVITY) target.addEventListener(type, active, { passive: true });
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) target.removeEventListener(type, active);
    };
  }, [minutes, target]);
}
