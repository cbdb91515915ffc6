import { useSession } from '../../app/session';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { BackupSection } from './BackupSection';
import { CompanySection } from './CompanySection';
import { LanguageSelect } from './LanguageSelect';
import { LockSection } from './LockSection';

export function SettingsScreen() {
  const { t } = useI18n();
  const { status } = useSession();
  return (
    <div className="page page--narrow" data-testid="settings-screen">
      <h1 className="page__title">{t('settings.title')}</h1>

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
    </div>
  );
}
