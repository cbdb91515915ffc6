import { NavLink } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { Policies } from './Policies';
import { Worklist } from './Worklist';

/** `/collections` (the worklist) and `/collections/policies`. */
export function CollectionsScreen({ tab }: { tab: 'worklist' | 'policies' }) {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="collections-screen">
      <div className="page__head">
        <h1 className="page__title">{t('collections.title')}</h1>
        <nav className="tabs tabs--page" aria-label={t('collections.title')}>
          <NavLink to="/collections" end className={({ isActive }) => 'tab' + (isActive ? ' tab--on' : '')} data-testid="collections-tab-worklist">
            {t('collections.worklist')}
          </NavLink>
          <NavLink to="/collections/policies" className={({ isActive }) => 'tab' + (isActive ? ' tab--on' : '')} data-testid="collections-tab-policies">
            {t('collections.policies')}
          </NavLink>
        </nav>
      </div>
      {tab === 'worklist' ? <Worklist /> : <Policies />}
    </div>
  );
}
