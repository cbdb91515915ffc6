import { Suspense, lazy } from 'react';
import { Link } from 'react-router';
import type { KpisDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { useI18n } from '../../i18n/I18nProvider';
import { KPI_NAMES, formulaKey, labelKey, valueOf } from '../kpi/model';
import type { KpiName } from '../kpi/model';
import { useKpiText } from '../kpi/useKpiText';

// ECharts comes after the figures, as for the ageing chart.
const Sparkline = lazy(() => import('../kpi/charts').then((m) => ({ default: m.Sparkline })));

/** The receivables KPIs of the day, each with its last 12 month ends as a sparkline and its formula on hover. */
export function KpiTiles() {
  const { t } = useI18n();
  const { asOf } = useSession();
  const trend = useLoad(`kpi-trend:${asOf ?? ''}`, () => api.kpiTrend(asOf));
  return (
    <section className="card kpi-tiles" data-testid="dashboard-kpis" aria-busy={trend.loading}>
      <header className="card__head">
        <h2 className="card__title">{t('kpi.tiles')}</h2>
        <span className="card__note">{t('kpi.tilesNote')}</span>
        <Link className="card__link" to="/kpis" data-testid="dashboard-kpis-link">
          {t('kpi.allKpis')} →
        </Link>
      </header>
      {trend.error && <ErrorNotice error={trend.error} onRetry={trend.reload} />}
      {trend.data ? <Tiles trend={trend.data} /> : !trend.error && <Loading />}
    </section>
  );
}

function Tiles({ trend }: { trend: KpisDto[] }) {
  const today = trend[trend.length - 1];
  if (!today) return null;
  return (
    <div className="kpi-tiles__grid">
      {KPI_NAMES.map((name) => (
        <Tile key={name} name={name} today={today} trend={trend} />
      ))}
    </div>
  );
}

function Tile({ name, today, trend }: { name: KpiName; today: KpisDto; trend: KpisDto[] }) {
  const { t } = useI18n();
  const text = useKpiText();
  const value = valueOf(today, name);
  const missing = value.unit !== 'money' && value.value === null;
  return (
    <div className="kpi-tile" data-testid={`kpi-tile-${name}`} title={t(formulaKey(name))}>
      <span className="kpi__label">{t(labelKey(name))}</span>
      <span className={'kpi-tile__value' + (name === 'overdue' ? ' text-red' : '')} data-testid={`kpi-value-${name}`} title={missing ? t('kpi.noData') : undefined}>
        {text(value)}
      </span>
      <Suspense fallback={<div className="sparkline" aria-hidden="true" />}>
        <Sparkline trend={trend} name={name} label={t(labelKey(name))} />
      </Suspense>
    </div>
  );
}
