import { useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { isIsoDate } from '../format/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useSession } from './session';

const NAV: { to: string; label: MessageKey; icon: IconName; testId: string }[] = [
  { to: '/dashboard', label: 'nav.dashboard', icon: 'dashboard', testId: 'nav-dashboard' },
  { to: '/kpis', label: 'nav.kpis', icon: 'chart', testId: 'nav-kpis' },
  { to: '/forecast', label: 'nav.forecast', icon: 'forecast', testId: 'nav-forecast' },
  { to: '/customers', label: 'nav.customers', icon: 'customers', testId: 'nav-customers' },
  { to: '/collections', label: 'nav.collections', icon: 'collections', testId: 'nav-collections' },
  { to: '/reconciliation', label: 'nav.reconciliation', icon: 'bank', testId: 'nav-reconciliation' },
  { to: '/import', label: 'nav.import', icon: 'upload', testId: 'nav-import' },
  { to: '/settings', label: 'nav.settings', icon: 'settings', testId: 'nav-settings' },
];

function sectionOf(pathname: string): MessageKey {
  if (pathname.startsWith('/customer')) return 'nav.customers';
  if (pathname.startsWith('/collections')) return 'nav.collections';
  if (pathname.startsWith('/settings')) return 'nav.settings';
  if (pathname.startsWith('/import')) return 'nav.import';
  if (pathname.startsWith('/reconciliation')) return 'nav.reconciliation';
  if (pathname.startsWith('/kpis')) return 'nav.kpis';
  if (pathname.startsWith('/forecast')) return 'nav.forecast';
  return 'nav.dashboard';
}

export function Shell() {
  const { t } = useI18n();
  const { status } = useSession();
  const { pathname } = useLocation();

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            C
          </span>
          <div className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__company" data-testid="company-name" title={status.company_name}>
              {status.company_name}
            </span>
          </div>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  data-testid={item.testId}
                  className={({ isActive }) =>
                    'nav__link' + (isActive || (item.to === '/customers' && pathname.startsWith('/customer')) ? ' nav__link--active' : '')
                  }
                >
                  <Icon name={item.icon} />
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__foot">
          <Icon name="shield" size={14} />
          <span>{t('settings.databaseHint')}</span>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="topbar__section">{t(sectionOf(pathname))}</span>
          <AsOfPicker />
        </header>
        <main className="content" id="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

function AsOfPicker() {
  const { t, date } = useI18n();
  const { asOf, asOfDay, setAsOf } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [typing, setTyping] = useState(false);

  const open = () => {
    const el = input.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      // No native picker here (or not allowed): let the user type the date.
      setTyping(true);
      el.focus();
    }
  };

  return (
    <div className={'asof' + (asOf ? ' asof--past' : '')} title={asOf ? t('topbar.pastDate') : undefined}>
      <span className="asof__label" id="as-of-label">
        {t('topbar.asOf')}
      </span>
      <button type="button" className="asof__button" onClick={open} aria-labelledby="as-of-label as-of-display" hidden={typing}>
        <Icon name="calendar" size={14} />
        <span id="as-of-display" data-testid="as-of-display">
          {date(asOfDay, 'medium')}
        </span>
      </button>
      <input
        ref={input}
        className={typing ? 'asof__input' : 'asof__input asof__input--hidden'}
        type="date"
        data-testid="as-of"
        aria-labelledby="as-of-label"
        value={asOfDay}
        max="9999-12-31"
        tabIndex={typing ? 0 : -1}
        onBlur={() => setTyping(false)}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') setAsOf(null);
          else if (isIsoDate(v)) setAsOf(v);
        }}
      />
      {asOf ? (
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setAsOf(null)} data-testid="as-of-today">
          {t('topbar.backToToday')}
        </button>
      ) : (
        <span className="asof__today">{t('topbar.today')}</span>
      )}
    </div>
  );
}
