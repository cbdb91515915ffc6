// What every screen shares: the app's status, the "as of" day, the customer list (kept between
// visits, it can be 100 000 rows) and what to do when a command fails because no database is open.

import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiError, AppStatusDto, CustomerRowDto, IsoDate } from '../api';
import { api } from '../api';
import { todayIso } from '../format/format';
import { useIdle } from './idle';

export interface CustomersView {
  search: string;
  sort: SortKey;
  country: string;
  owner: string;
  selectedId: number | null;
  scrollOffset: number;
}

export type SortKey = 'overdue' | 'balance' | 'name' | 'days';

export const DEFAULT_CUSTOMERS_VIEW: CustomersView = {
  search: '',
  sort: 'overdue',
  country: '',
  owner: '',
  selectedId: null,
  scrollOffset: 0,
};

export interface Session {
  status: AppStatusDto;
  /** The day the figures are computed for; `null` is today (the backend's today). */
  asOf: IsoDate | null;
  /** `asOf`, or today on this computer, for display. */
  asOfDay: IsoDate;
  setAsOf: (day: IsoDate | null) => void;
  /** Reads the status again (after `not_ready`, the app falls back to the start screen). */
  refreshStatus: () => void;
  /** Every failed command passes here; `not_ready` sends the user back to the start screen. */
  reportError: (error: ApiError) => void;
  /** The customer list for the current day, fetched once and shared. */
  customerRows: () => Promise<CustomerRowDto[]>;
  /** Forget the cached list (after a write that changes it). */
  invalidateCustomers: () => void;
  /** The customer list's search, sort and scroll, kept while the user visits a customer. */
  customersView: React.RefObject<CustomersView>;
  /** Closes a passphrase database; the start screen then asks for the passphrase. */
  lock: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({
  status,
  onStatus,
  children,
}: {
  status: AppStatusDto;
  onStatus: (status: AppStatusDto) => void;
  children: ReactNode;
}) {
  const [asOf, setAsOfState] = useState<IsoDate | null>(null);
  const cache = useRef<{ key: string; rows: Promise<CustomerRowDto[]> } | null>(null);
  const customersView = useRef<CustomersView>({ ...DEFAULT_CUSTOMERS_VIEW });

  const refreshStatus = useCallback(() => {
    api.appStatus().then(onStatus, () => undefined);
  }, [onStatus]);

  const reportError = useCallback(
    (error: ApiError) => {
      if (error.code === 'not_ready') refreshStatus();
    },
    [refreshStatus],
  );

  const lock = useCallback(() => {
    // Whatever the answer, the status read afterwards tells where the database stands.
    api.lock().then(onStatus, () => refreshStatus());
  }, [onStatus, refreshStatus]);

  // A passphrase database locks after the idle time the user chose (Settings).
  useIdle(status.passphrase_protected ? status.idle_lock_minutes : 0, lock);

  const setAsOf = useCallback((day: IsoDate | null) => {
    setAsOfState(day === todayIso() ? null : day);
  }, []);

  const customerRows = useCallback(() => {
    const key = asOf ?? 'today';
    if (!cache.current || cache.current.key !== key) {
      const rows = api.customers(asOf);
      cache.current = { key, rows };
      // A failed load is not kept: the next visit asks again.
      rows.catch(() => {
        if (cache.current?.rows === rows) cache.current = null;
      });
    }
    return cache.current.rows;
  }, [asOf]);

  const invalidateCustomers = useCallback(() => {
    cache.current = null;
  }, []);

  const value = useMemo<Session>(
    () => ({
      status,
      asOf,
      asOfDay: asOf ?? todayIso(),
      setAsOf,
      refreshStatus,
      reportError,
      customerRows,
      invalidateCustomers,
      customersView,
      lock,
    }),
    [status, asOf, setAsOf, refreshStatus, reportError, customerRows, invalidateCustomers, lock],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
