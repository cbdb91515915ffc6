import { Suspense, lazy } from 'react';
import { Link, useNavigate } from 'react-router';
import type { OverviewDto, RecentEventDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { takeEarlyOverview } from '../../app/prefetch';
import { useLoad } from '../../app/useLoad';
import { DaysOverdue, ErrorNotice, Loading } from '../../components/Feedback';
import { KindMarker } from '../../components/KindMarker';
import { kindLabelKey } from '../../components/kinds';
import { ratio, signOf } from '../../format/decimal';
import { useI18n } from '../../i18n/I18nProvider';
import { KpiTiles } from './KpiTiles';
import { SegmentsCard } from './SegmentsCard';

// ECharts is most of the bundle: loaded after the first paint, so the figures show at once.
const AgeingChart = lazy(() => import('./AgeingChart').then((m) => ({ default: m.AgeingChart })));

export function DashboardScreen() {
  const { t } = useI18n();
  const { asOf } = useSession();
  // Today's figures may already be on their way (asked at start, beside the status).
  const overview = useLoad(`overview:${asOf ?? ''}`, () => (asOf === null && takeEarlyOverview()) || api.overview(asOf));

  return (
    <div className="page" data-testid="dashboard-screen" aria-busy={overview.loading}>
      <div className="page__head">
        <h1 className="page__title">{t('dashboard.title')}</h1>
        {overview.data && <span className="muted">{t('dashboard.inCurrency', { currency: overview.data.currency })}</span>}
      </div>
      {overview.error && <ErrorNotice error={overview.error} onRetry={overview.reload} />}
      {overview.data ? <Overview data={overview.data} /> : !overview.error && <Loading />}
    </div>
  );
}

function Overview({ data }: { data: OverviewDto }) {
  const { t, money, int, percent } = useI18n();
  const share = ratio(data.overdue.amount, data.total_open.amount);
  const hasCredits = signOf(data.unapplied_credits.amount) !== 0;

  return (
    <>
      <div className="kpis">
        <div className="kpi">
          <span className="kpi__label">{t('dashboard.totalOpen')}</span>
          <span className="kpi__value" data-testid="dashboard-total-open">
            {money(data.total_open)}
          </span>
          <span className="kpi__note">
            {t('dashboard.openInvoicesCount', { count: int(data.open_invoices) })}
          </span>
        </div>
        <div className="kpi kpi--alert">
          <span className="kpi__label">{t('dashboard.overdue')}</span>
          <span className="kpi__value" data-testid="dashboard-overdue">
            {money(data.overdue)}
          </span>
          {share !== null && (
            <span className="kpi__note">
              <span className="share-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, Math.max(0, share * 100))}%` }} />
              </span>
              <span data-testid="dashboard-overdue-share">{t('dashboard.overdueShare', { share: percent(share) })}</span>
            </span>
          )}
        </div>
        <div className="kpi">
          <span className="kpi__label">{t('dashboard.overdueInvoices')}</span>
          <span className="kpi__value" data-testid="dashboard-overdue-invoices">
            {int(data.overdue_invoices)}
          </span>
          <span className="kpi__note" data-testid="dashboard-open-invoices">
            {t('dashboard.overdueInvoicesOf', { count: int(data.open_invoices) })}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi__label">{t('dashboard.unappliedCredits')}</span>
          <span className="kpi__value" data-testid="dashboard-unapplied-credits">
            {hasCredits ? money(data.unapplied_credits) : '—'}
          </span>
          <span className="kpi__note">{t('dashboard.unappliedCreditsNote')}</span>
        </div>
      </div>

      <KpiTiles />

      <div className="grid grid--dashboard">
        <div className="stack">
          <section className="card">
            <header className="card__head">
              <h2 className="card__title">{t('dashboard.ageing')}</h2>
              <span className="card__note">{t('dashboard.ageingNote')}</span>
            </header>
            <Suspense fallback={<div className="chart__canvas" aria-hidden="true" />}>
              <AgeingChart ageing={data.ageing} />
            </Suspense>
          </section>

          <section className="card card--flush">
            <header className="card__head">
              <h2 className="card__title">{t('dashboard.recent')}</h2>
            </header>
            <RecentEvents events={data.recent} />
          </section>
        </div>

        <div className="stack">
          <SegmentsCard />

          <section className="card card--flush">
            <header className="card__head">
              <h2 className="card__title">{t('dashboard.biggestOverdue')}</h2>
              <Link className="card__link" to="/customers">
                {t('dashboard.viewAll')} →
              </Link>
            </header>
            <BiggestOverdue data={data} />
          </section>

          {data.other_currencies.length > 0 && (
            <section className="card">
              <header className="card__head">
                <h2 className="card__title">{t('dashboard.otherCurrencies')}</h2>
              </header>
              <ul className="currency-list" data-testid="dashboard-other-currencies">
                {data.other_currencies.map((m) => (
                  <li key={m.currency}>
                    <span className="currency-list__code">{m.currency}</span>
                    <span className="amount">{money(m)}</span>
                  </li>
                ))}
              </ul>
              <p className="card__note">{t('dashboard.otherCurrenciesNote')}</p>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

function BiggestOverdue({ data }: { data: OverviewDto }) {
  const { t, money, country } = useI18n();
  const navigate = useNavigate();
  if (data.biggest_overdue.length === 0) return <p className="empty">{t('dashboard.noOverdue')}</p>;
  return (
    <table className="table table--hover table--fixed">
      <colgroup>
        <col />
        <col style={{ width: 64 }} />
        <col style={{ width: 128 }} />
      </colgroup>
      <thead>
        <tr>
          <th>{t('col.name')}</th>
          <th className="num" title={t('col.daysOverdue')}>
            {t('col.days')}
          </th>
          <th className="num">{t('col.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {data.biggest_overdue.map((c) => (
          <tr
            key={c.id}
            className="clickable"
            onClick={() => void navigate(`/customers/${c.id}`)}
            data-testid="dashboard-biggest-row"
          >
            <td className="ellipsis">
              <Link to={`/customers/${c.id}`} className="row-link" onClick={(e) => e.stopPropagation()}>
                {c.name}
              </Link>
              <span className="subtle">
                {c.number} · {country(c.country)}
              </span>
            </td>
            <td className="num">
              <DaysOverdue days={c.max_days_overdue} />
            </td>
            <td className="num amount amount--strong">{money(c.overdue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecentEvents({ events }: { events: RecentEventDto[] }) {
  const { t, money, date } = useI18n();
  if (events.length === 0) return <p className="empty">{t('dashboard.noRecent')}</p>;
  return (
    <ul className="feed">
      {events.map((e, i) => (
        <li key={`${e.date}-${e.customer_number}-${i}`} className="feed__item" data-testid="dashboard-recent-event">
          <KindMarker kind={e.kind} size="sm" />
          <div className="feed__body">
            <Link to={`/customers/${e.customer_id}`} className="feed__customer">
              {e.customer_name}
            </Link>
            <p className="feed__text">
              <span className="feed__kind">{t(kindLabelKey(e.kind))}</span>
              {e.text && <span title={e.text}> · {e.text}</span>}
            </p>
          </div>
          <div className="feed__side">
            {e.amount && <span className="amount feed__amount">{money(e.amount)}</span>}
            <time className="feed__date" dateTime={e.date}>
              {date(e.date)}
            </time>
          </div>
        </li>
      ))}
    </ul>
  );
}
