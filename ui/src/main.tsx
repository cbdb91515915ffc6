import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchOverview } from './app/prefetch';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

async function start() {
  // In a plain browser (`npm run dev:mock`), a mock backend answers the commands. The branch is
  // dropped from production builds: VITE_MOCK is a build-time constant.
  if (import.meta.env.VITE_MOCK === '1') {
    const { installMockBackend } = await import('./dev/mockBackend');
    installMockBackend();
  }
  prefetchOverview();
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
