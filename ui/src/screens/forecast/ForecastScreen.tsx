import { Suspense, lazy, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ApiError, BacktestDto, ForecastDto, InvoiceForecastDto, WeekForecastDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

// ECharts is loaded after the figures show.
const ForecastChart = lazy(() => import('./ForecastChart').then((m) => ({ default: m.ForecastChart })));

/** Invoices listed at first, and added by each "show more". */
const PAGE = 100;
/** Typing pauses this long before the list is asked for again. */
const SEARCH_DELAY_MS = 250;

/** The cash-in forecast: 13 weeks with bands, what comes later, how far to trust it, and the invoices behind each week. */
export function ForecastScreen() {
  const { t } = useI18n();
  const { asOf } = useSession();
  const [week, setWeek] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const forecast = useLoad(`forecast:${asOf ?? ''}:${week ?? ''}:${search}:${limit}`, () => api.forecast({ week, search, offset: 0, limit }, asOf));
  const backtest = useLoad(`forecast-backtest:${asOf ?? ''}`, () => api.forecastBacktest(asOf));

  const selectWeek = (next: string | null) => {
    setWeek((current) => (current === next ? null : next));
    setLimit(PAGE);
  };

  const data = forecast.data;
  return (
    <div className="page" data-testid="forecast-screen" aria-busy={forecast.loading}>
      <div className="page__head">
        <h1 className="page__title">{t('forecast.title')}</h1>
        {data && <span className="muted">{t('dashboard.inCurrency', { currency: data.currency })}</span>}
      </div>
      {forecast.error && <ErrorNotice error={forecast.error} onRetry={forecast.reload} />}
      {data ? (
        <>
          <div className="grid grid--forecast">
            <section className="card">
              <header className="card__head">
                <h2 className="card__title">{t('forecast.weekly')}</h2>
                <span className="card__note">{t('forecast.weeklyNote', { currency: data.currency })}</span>
              </header>
              <Suspense fallback={<div className="chart__canvas chart__canvas--tall" aria-hidden="true" />}>
                <ForecastChart weeks={data.weeks} selected={week} onSelect={selectWeek} />
              </Suspense>
              <WeekPicker weeks={data.weeks} selected={week} onSelect={selectWeek} />
            </section>
            <div className="stack">
              <LaterCard data={data} />
              <TrustCard backtest={backtest.data} error={backtest.error} onRetry={backtest.reload} />
            </div>
          </div>
          <InvoicesCard data={data} week={week} typed={typed} onType={setTyped} onAllWeeks={() => selectWeek(null)} onMore={() => setLimit((n) => n + PAGE)} />
        </>
      ) : (
        !forecast.error && <Loading />
      )}
    </div>
  );
}

function LaterCard({ data }: { data: ForecastDto }) {
  const { t, money } = useI18n();
  return (
    <section className="kpi">
      <span className="kpi__label">{t('forecast.later')}</span>
      <span className="kpi__value" data-testid="forecast-later">
        {money(data.later)}
      </span>
      <span className="kpi__note">{t('forecast.laterNote')}</span>
    </section>
  );
}

function TrustCard({ backtest, error, onRetry }: { backtest: BacktestDto | undefined; error: ApiError | undefined; onRetry: () => void }) {
  const { t, num, int, percent } = useI18n();
  const days = (v: number | null) => (v === null ? t('forecast.notApplicable') : num(v));
  return (
    <section className="card" data-testid="forecast-trust">
      <header className="card__head">
        <h2 className="card__title">{t('forecast.trust')}</h2>
      </header>
      {error && <ErrorNotice error={error} onRetry={onRetry} />}
      {backtest ? (
        backtest.mae_days === null ? (
          <p className="trust__text" data-testid="forecast-backtest">
            {t('forecast.backtestNone')}
          </p>
        ) : (
          <>
            <p className="trust__text" data-testid="forecast-backtest">
              {t('forecast.backtest', { forecast: num(backtest.mae_days), dueDate: days(backtest.due_date_mae_days), median: days(backtest.customer_median_mae_days) })}
            </p>
            {backtest.within_range !== null && (
              <p className="card__note" data-testid="forecast-backtest-range">
                {t('forecast.backtestRange', { share: percent(backtest.within_range / 100), count: int(backtest.invoices - backtest.unsettled) })}
              </p>
            )}
          </>
        )
      ) : (
        !error && <Loading />
      )}
    </section>
  );
}

/** The 13 weeks as buttons under the chart: each drills down to its invoices (again: back to all). */
function WeekPicker({ weeks, selected, onSelect }: { weeks: WeekForecastDto[]; selected: string | null; onSelect: (week: string) => void }) {
  const { t, money, date, int, locale } = useI18n();
  // "30 Nov": thirteen weeks side by side leave no room for the year.
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (
    <div className="weeks" role="group" aria-label={t('forecast.weeks')}>
      {weeks.map((w) => (
        <button
          key={w.week_start}
          type="button"
          className={'week' + (w.week_start === selected ? ' week--on' : '')}
          aria-pressed={w.week_start === selected}
          onClick={() => onSelect(w.week_start)}
          title={`${t('forecast.weekInvoices', { date: date(w.week_start) })}: ${money(w.expected)} (${t('forecast.range', { low: money(w.low), high: money(w.high) })})`}
          data-testid="forecast-week"
          data-week={w.week_start}
          data-invoices={w.invoices}
        >
          <span className="week__date">{day.format(new Date(`${w.week_start}T00:00:00Z`))}</span>
          <span className="week__amount">{money(w.expected, { compact: true })}</span>
          <span className="week__count">{t('forecast.invoicesCount', { count: int(w.invoices) })}</span>
        </button>
      ))}
    </div>
  );
}

function InvoicesCard({
  data,
  week,
  typed,
  onType,
  onAllWeeks,
  onMore,
}: {
  data: ForecastDto;
  week: string | null;
  typed: string;
  onType: (text: string) => void;
  onAllWeeks: () => void;
  onMore: () => void;
}) {
  const { t, date, int } = useI18n();
  return (
    <section className="card card--flush" data-testid="forecast-invoices-card">
      <header className="card__head">
        <h2 className="card__title" data-testid="forecast-invoices-title">
          {week ? t('forecast.weekInvoices', { date: date(week) }) : t('forecast.allInvoices')}
        </h2>
        {week && (
          <button type="button" className="btn btn--small btn--ghost" onClick={onAllWeeks} data-testid="forecast-all-weeks">
            {t('forecast.showAll')}
          </button>
        )}
        <span className="toolbar__spacer" />
        <span className="card__note" data-testid="forecast-shown">
          {t('forecast.shown', { shown: int(data.invoices.length), total: int(data.matching) })}
        </span>
        <label className="search search--small">
          <Icon name="search" className="search__icon" />
          <input
            className="input search__input"
            type="search"
            placeholder={t('forecast.search')}
            aria-label={t('forecast.search')}
            value={typed}
            onChange={(e) => onType(e.target.value)}
            data-testid="forecast-search"
          />
        </label>
      </header>
      {data.invoices.length === 0 ? (
        <p className="empty">{t('forecast.noInvoices')}</p>
      ) : (
        <InvoicesTable invoices={data.invoices} />
      )}
      {data.invoices.length < data.matching && (
        <div className="timeline__more">
          <button type="button" className="btn btn--small" onClick={onMore} data-testid="forecast-more">
            {t('forecast.more')}
          </button>
        </div>
      )}
    </section>
  );
}

function InvoicesTable({ invoices }: { invoices: InvoiceForecastDto[] }) {
  const { t, money, date } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table table--fixed forecast-table" data-testid="forecast-invoices">
        {/* Fixed widths for the figures, the rest for the reason, which wraps: it is what the page is read for. */}
        <colgroup>
          <col style={{ width: 180 }} />
          <col style={{ width: 104 }} />
          <col style={{ width: 104 }} />
          <col style={{ width: 92 }} />
          <col style={{ width: 96 }} />
          <col style={{ width: 112 }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>{t('forecast.col.customer')}</th>
            <th>{t('col.invoice')}</th>
            <th className="num">{t('col.open')}</th>
            <th>{t('col.dueDate')}</th>
            <th>{t('forecast.col.expected')}</th>
            <th>{t('forecast.col.range')}</th>
            <th>{t('forecast.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((f) => (
            <tr key={f.invoice_id} data-testid="forecast-invoice" data-invoice={f.invoice} data-expected={f.expected_date}>
              <td className="ellipsis forecast-table__customer">
                <Link to={`/customers/${f.customer_id}`} className="row-link" data-testid="forecast-customer-link">
                  {f.customer}
                </Link>
              </td>
              <td className="mono">{f.invoice}</td>
              <td className="num amount amount--strong">{money(f.open)}</td>
              <td>{date(f.due_date)}</td>
              <td className="strong">{date(f.expected_date)}</td>
              <td className="muted forecast-table__range">{t('forecast.range', { low: date(f.low), high: date(f.high) })}</td>
              <td className="forecast-table__reason">
                <span className="badge badge--neutral badge--inline" data-testid="forecast-basis">
                  {t(`forecast.basis.${f.basis}` as MessageKey)}
                </span>{' '}
                <span data-testid="forecast-reason">{f.reason}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
