import { Suspense, lazy, useState } from 'react';
import type { KpiDimensionDto, KpisDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { SEGMENTS, isSegment } from '../../components/segments';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { KPI_NAMES, formulaKey, labelKey, valueOf } from './model';
import { useKpiText } from './useKpiText';

// ECharts is loaded after the figures show, once for both charts.
let charts: Promise<typeof import('./charts')> | null = null;
const loadCharts = () => (charts ??= import('./charts'));
const DsoTrendChart = lazy(() => loadCharts().then((m) => ({ default: m.DsoTrendChart })));
const AgeingTrendChart = lazy(() => loadCharts().then((m) => ({ default: m.AgeingTrendChart })));

const DIMENSIONS: readonly Exclude<KpiDimensionDto, 'portfolio'>[] = ['segment', 'owner', 'country'];

/** The receivables KPIs: DSO by month, ageing over time, and every KPI per segment, owner or country. */
export function KpiScreen() {
  const { t } = useI18n();
  const { asOf } = useSession();
  const trend = useLoad(`kpi-trend:${asOf ?? ''}`, () => api.kpiTrend(asOf));
  const currency = trend.data?.[0]?.currency;
  return (
    <div className="page" data-testid="kpi-screen" aria-busy={trend.loading}>
      <div className="page__head">
        <h1 className="page__title">{t('kpi.title')}</h1>
        {currency && <span className="muted">{t('dashboard.inCurrency', { currency })}</span>}
      </div>
      {trend.error && <ErrorNotice error={trend.error} onRetry={trend.reload} />}
      {trend.data ? (
        <div className="grid--two">
          <section className="card">
            <header className="card__head">
              <h2 className="card__title">{t('kpi.dsoTrend')}</h2>
              <span className="card__note">{t('kpi.dsoTrendNote')}</span>
            </header>
            <Suspense fallback={<div className="chart__canvas" aria-hidden="true" />}>
              <DsoTrendChart trend={trend.data} />
            </Suspense>
          </section>
          <section className="card">
            <header className="card__head">
              <h2 className="card__title">{t('kpi.ageingTrend')}</h2>
              <span className="card__note">{t('kpi.ageingTrendNote')}</span>
            </header>
            <Suspense fallback={<div className="chart__canvas" aria-hidden="true" />}>
              <AgeingTrendChart trend={trend.data} />
            </Suspense>
          </section>
        </div>
      ) : (
        !trend.error && <Loading />
      )}
      <GroupsCard portfolio={trend.data?.[trend.data.length - 1]} />
    </div>
  );
}

function GroupsCard({ portfolio }: { portfolio: KpisDto | undefined }) {
  const { t } = useI18n();
  const { asOf } = useSession();
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number]>('segment');
  const groups = useLoad(`kpis:${dimension}:${asOf ?? ''}`, () => api.kpis(asOf, dimension));
  return (
    <section className="card card--flush" data-testid="kpi-groups" aria-busy={groups.loading}>
      <header className="card__head">
        <h2 className="card__title">{t('kpi.byGroup')}</h2>
        <div className="tabs tabs--page kpi-table__switch" role="tablist" aria-label={t('kpi.dimension')}>
          {DIMENSIONS.map((d) => (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={d === dimension}
              className={'tab' + (d === dimension ? ' tab--on' : '')}
              onClick={() => setDimension(d)}
              data-testid={`kpi-dimension-${d}`}
            >
              {t(`kpi.dimension.${d}` as MessageKey)}
            </button>
          ))}
        </div>
      </header>
      {groups.error && <ErrorNotice error={groups.error} onRetry={groups.reload} />}
      {groups.data ? <GroupsTable dimension={dimension} groups={groups.data} portfolio={portfolio} /> : !groups.error && <Loading />}
    </section>
  );
}

function GroupsTable({ dimension, groups, portfolio }: { dimension: (typeof DIMENSIONS)[number]; groups: KpisDto[]; portfolio: KpisDto | undefined }) {
  const { t, money, country } = useI18n();
  const text = useKpiText();
  const groupName = (group: string) => {
    if (group === '') return t('kpi.noGroup');
    if (dimension === 'segment' && isSegment(group)) return t(`segment.${group}`);
    if (dimension === 'country') return country(group);
    return group;
  };
  // Segments in the product's order; owners and countries as the backend sorts them.
  const rank = (group: string) => (dimension === 'segment' && isSegment(group) ? SEGMENTS.indexOf(group) : 0);
  const ordered = [...groups].sort((a, b) => rank(a.group) - rank(b.group));
  const row = (k: KpisDto, name: string, total: boolean) => (
    <tr key={total ? '#portfolio' : k.group} className={total ? 'row--total' : undefined} data-testid={total ? 'kpi-group-total' : 'kpi-group'} data-group={k.group}>
      <td className="ellipsis">{name}</td>
      <td className="num amount">{money(k.receivables)}</td>
      {KPI_NAMES.map((kpi) => (
        <td key={kpi} className="num">
          {text(valueOf(k, kpi))}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="table" data-testid="kpi-groups-table">
        <thead>
          <tr>
            <th>{t(`kpi.dimension.${dimension}` as MessageKey)}</th>
            <th className="num">{t('kpi.col.receivables')}</th>
            {KPI_NAMES.map((kpi) => (
              <th key={kpi} className="num th--formula" title={t(formulaKey(kpi))} data-testid={`kpi-col-${kpi}`}>
                {t(labelKey(kpi))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ordered.map((k) => row(k, groupName(k.group), false))}
          {portfolio && row(portfolio, t('kpi.portfolio'), true)}
        </tbody>
      </table>
    </div>
  );
}
