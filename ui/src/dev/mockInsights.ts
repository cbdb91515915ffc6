// The mock backend's KPIs and forecast: what the Rust side answered for the demo company
// (src/api/fixtures/kpis.json, kpi_trend.json, forecast.json, forecast_backtest.json). The
// forecast's invoices are filtered and paged here as the backend does (week, search, page);
// the day asked about is not replayed: every day answers the fixtures' day.

import type { BacktestDto, Commands, ForecastDto, KpiDimensionDto, KpisDto } from '../api';
import kpisFixture from '../api/fixtures/kpis.json';
import kpiTrendFixture from '../api/fixtures/kpi_trend.json';
import forecastFixture from '../api/fixtures/forecast.json';
import backtestFixture from '../api/fixtures/forecast_backtest.json';

const fixtures = {
  kpis: kpisFixture as Record<KpiDimensionDto, KpisDto[]>,
  trend: kpiTrendFixture as KpisDto[],
  forecast: forecastFixture as ForecastDto,
  backtest: backtestFixture as BacktestDto,
};

type Fail = (code: 'invalid_input' | 'not_found', message: string) => never;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function createMockInsights(fail: Fail) {
  return {
    kpis: ({ dimension }: Commands['kpis']['args']): KpisDto[] => fixtures.kpis[dimension],
    kpi_trend: (): KpisDto[] => fixtures.trend,
    forecast: ({ request }: Commands['forecast']['args']): ForecastDto => {
      const { week, offset, limit } = request;
      if (week !== null && !/^\d{4}-\d{2}-\d{2}$/.test(week)) fail('invalid_input', `week: '${week}' is not a date (YYYY-MM-DD)`);
      const search = request.search.trim().toLowerCase();
      const end = week === null ? null : addDays(week, 7);
      const matching = fixtures.forecast.invoices.filter(
        (f) =>
          (week === null || (f.expected_date >= week && f.expected_date < end!)) &&
          (search === '' || f.customer.toLowerCase().includes(search) || f.invoice.toLowerCase().includes(search)),
      );
      const page = matching.slice(offset, offset + Math.min(500, Math.max(1, limit)));
      return { ...fixtures.forecast, matching: matching.length, invoices: page };
    },
    customer_forecast: ({ customerId }: Commands['customer_forecast']['args']) => fixtures.forecast.invoices.filter((f) => f.customer_id === customerId),
    forecast_backtest: (): BacktestDto => fixtures.backtest,
  };
}
