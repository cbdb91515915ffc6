import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiError } from '../api';
import { toApiError } from '../api';
import { useSession } from './session';

export interface Loaded<T> {
  /** The latest answer; while a new one loads, the previous one stays (no flicker). */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fetcher` whenever `key` changes (and on `reload()`), keeping only the answer for the
 * latest key. Errors are reported to the session (`not_ready` → start screen) and returned.
 */
export function useLoad<T>(key: string, fetcher: () => Promise<T>): Loaded<T> {
  const { reportError } = useSession();
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ key: string; data?: T; error?: ApiError }>({ key: '' });
  const current = `${key}#${nonce}`;
  const run = useEffectEvent(fetcher);
  const report = useEffectEvent(reportError);

  useEffect(() => {
    let live = true;
    run().then(
      (data) => {
        if (live) setState({ key: current, data });
      },
      (reason: unknown) => {
        if (!live) return;
        const error = toApiError(reason);
        setState((previous) => ({ key: current, data: previous.data, error }));
        report(error);
      },
    );
    return () => {
      live = false;
    };
  }, [current]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const loading = state.key !== current;
  return { data: state.data, error: loading ? undefined : state.error, loading, reload };
}
