import { NavLink } from 'react-router';
import { useSession } from '../../app/session';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { BackupSection } from './BackupSection';
import { CompanySection } from './CompanySection';
import { InterestSection } from './InterestSection';
import { LanguageSelect } from './LanguageSelect';
import { LettersSection } from './LettersSection';
import { LockSection } from './LockSection';
import { OutboxSection } from './OutboxSection';
import { SmtpSection } from './SmtpSection';

export type SettingsTab = 'general' | 'interest' | 'letters' | 'mail' | 'outbox';

/** The sub-pages of Settings, each at its own address (`/settings`, `/settings/interest`, …). */
const TABS: { tab: SettingsTab; to: string; label: MessageKey }[] = [
  { tab: 'general', to: '/settings', label: 'settings.tabGeneral' },
  { tab: 'interest', to: '/settings/interest', label: 'settings.tabInterest' },
  { tab: 'letters', to: '/settings/letters', label: 'settings.tabLetters' },
  { tab: 'mail', to: '/settings/mail', label: 'settings.tabMail' },
  { tab: 'outbox', to: '/settings/outbox', label: 'settings.tabOutbox' },
];

export function SettingsScreen({ tab = 'general' }: { tab?: SettingsTab }) {
  const { t } = useI18n();
  return (
    <div className={tab === 'general' ? 'page page--narrow settings' : 'page page--medium settings'} data-testid="settings-screen" data-tab={tab}>
      <div className="page__head settings__head">
        <h1 className="page__title">{t('settings.title')}</h1>
        <nav className="tabs tabs--page" aria-label={t('settings.title')}>
          {TABS.map((x) => (
            <NavLink key={x.tab} to={x.to} end className={({ isActive }) => 'tab' + (isActive || x.tab === tab ? ' tab--on' : '')} data-testid={`settings-tab-${x.tab}`}>
              {t(x.label)}
            </NavLink>
          ))}
        </nav>
      </div>
      {tab === 'general' && <General />}
      {tab === 'interest' && <InterestSection />}
      {tab === 'letters' && <LettersSection />}
      {tab === 'mail' && <SmtpSection />}
      {tab === 'outbox' && <OutboxSection />}
    </div>
  );
}

/** Language, the company, where the data lives, locking and backups. */
function General() {
  const { t } = useI18n();
  const { status } = useSession();
  return (
    <>

      <section className="card settings-section">
        <div className="settings-section__head">
          <Icon name="globe" />
          <div>
            <h2 className="card__title">{t('settings.language')}</h2>
            <p className="muted">{t('settings.languageHint')}</p>
          </div>
        </div>
        <LanguageSelect />
      </section>

      <CompanySection />

      <section className="card settings-section">
        <div className="settings-section__head">
          <Icon name="database" />
          <div>
            <h2 className="card__title">{t('settings.database')}</h2>
            <p className="muted">{t('settings.databaseHint')}</p>
          </div>
        </div>
        <dl className="facts facts--wide">
          <dt>{t('settings.company')}</dt>
          <dd data-testid="settings-company">{status.company_name}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd>
            <code className="path" data-testid="settings-data-dir">
              {status.data_dir}
            </code>
          </dd>
          <dt>{t('settings.dbPath')}</dt>
          <dd>
            <code className="path" data-testid="settings-database-path">
              {status.database_path}
            </code>
          </dd>
        </dl>
      </section>

      <LockSection />
      <BackupSection />
    </>
  );
}
