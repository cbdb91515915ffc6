import { useCallback, useEffect, useState } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import type { ApiError, AppStatusDto } from './api';
import { api } from './api';
import { SessionProvider } from './app/session';
import { Shell } from './app/Shell';
import { ErrorNotice, Loading } from './components/Feedback';
import { CollectionsScreen } from './screens/collections/CollectionsScreen';
import { CustomerScreen } from './screens/customer/CustomerScreen';
import { CustomersScreen } from './screens/customers/CustomersScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { ForecastScreen } from './screens/forecast/ForecastScreen';
import { ImportPage } from './screens/import/ImportScreen';
import { KpiScreen } from './screens/kpi/KpiScreen';
import { ReconciliationScreen } from './screens/reconciliation/ReconciliationScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { StartScreen } from './screens/start/StartScreen';

/**
 * Asks the backend where it stands, then shows either the start screen (no database, locked,
 * or empty) or the app. A later `not_ready` anywhere brings the start screen back.
 */
export function App() {
  const [status, setStatus] = useState<AppStatusDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.appStatus().then(
      (s) => {
        if (live) {
          setStatus(s);
          setError(null);
        }
      },
      (e: ApiError) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (!status) {
    return (
      <div className="boot">
        {error ? <ErrorNotice error={error} onRetry={retry} testId="boot-error" /> : <Loading />}
      </div>
    );
  }

  if (status.setup !== 'ready' || status.empty) {
    return <StartScreen status={status} onStatus={setStatus} />;
  }

  return (
    <SessionProvider status={status} onStatus={setStatus}>
      <HashRouter>
        <Routes>
          <Route element={<Shell />}>
            <Route path="/" element={<Navigate to="/dashboard" replace />} />
            <Route path="/dashboard" element={<DashboardScreen />} />
            <Route path="/kpis" element={<KpiScreen />} />
            <Route path="/forecast" element={<ForecastScreen />} />
            <Route path="/customers" element={<CustomersScreen />} />
            <Route path="/customers/:id" element={<CustomerScreen />} />
            <Route path="/customer-number/:number" element={<CustomerScreen byNumber />} />
            <Route path="/collections" element={<CollectionsScreen tab="worklist" />} />
            <Route path="/collections/policies" element={<CollectionsScreen tab="policies" />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/reconciliation" element={<ReconciliationScreen />} />
            <Route path="/settings" element={<SettingsScreen />} />
            <Route path="/settings/interest" element={<SettingsScreen tab="interest" />} />
            <Route path="/settings/letters" element={<SettingsScreen tab="letters" />} />
            <Route path="/settings/mail" element={<SettingsScreen tab="mail" />} />
            <Route path="/settings/outbox" element={<SettingsScreen tab="outbox" />} />
            <Route path="*" element={<Navigate to="/dashboard" replace />} />
          </Route>
        </Routes>
      </HashRouter>
    </SessionProvider>
  );
}
