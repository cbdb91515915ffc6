// Renders a screen the way the app does (language, session, router) against the mock backend,
// so component tests go through the real facade and `mockIPC`.

import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { AppStatusDto } from '../api';
import { SessionProvider } from '../app/session';
import type { MockOptions } from '../dev/mockBackend';
import { installMockBackend } from '../dev/mockBackend';
import appStatus from '../api/fixtures/app_status.json';
import type { Language } from '../format/format';
import { I18nProvider } from '../i18n/I18nProvider';

export const MOCK_READY: MockOptions = { setup: 'ready', keychain: true, empty: false, rows: 0, latency: 0, fail: null };

export function withMockBackend(options: Partial<MockOptions> = {}): void {
  installMockBackend({ ...MOCK_READY, ...options });
}

export function renderScreen(
  element: ReactElement,
  {
    path = '/',
    route = '/',
    language = 'en',
    status = appStatus as AppStatusDto,
    onStatus = () => undefined,
  }: { path?: string; route?: string; language?: Language; status?: AppStatusDto; onStatus?: (status: AppStatusDto) => void } = {},
) {
  return render(
    <I18nProvider language={language}>
      <SessionProvider status={status} onStatus={onStatus}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={element} />
            <Route path="*" element={<p data-testid="navigated-away">elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}
