// The weekly cash-in as bars with the low–high band behind them (ECharts, loaded lazily).
// Clicking a week selects it.

import { useMemo } from 'react';
import type { MoneyDto, WeekForecastDto } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { useChart } from '../kpi/charts';

/**
 * The height of a bar or band edge. Charts need numbers: an amount becomes one here only to be
 * drawn (the band's thickness is high − low in plot units); labels and the tooltip show the
 * exact strings.
 */
function plot(m: MoneyDto): number {
  const n = Number(m.amount);
  return Number.isFinite(n) ? n : 0;
}

/** "23 Nov": the weeks are all within a few months, the year would only crowd the axis. */
function dayAndMonth(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

const ACCENT = '#4655d4';
const SELECTED = '#f08c3c';

export function ForecastChart({ weeks, selected, onSelect }: { weeks: WeekForecastDto[]; selected: string | null; onSelect: (week: string) => void }) {
  const { t, money, date, int, locale } = useI18n();
  const currency = weeks[0]?.expected.currency ?? '';
  const option = useMemo(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 8, right: 12, top: 16, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
          const week = first ? weeks[first.dataIndex] : undefined;
          if (!week) return '';
          return [
            t('forecast.weekInvoices', { date: date(week.week_start) }),
            `${t('forecast.expected')}: <b>${money(week.expected)}</b>`,
            `${t('forecast.band')}: ${t('forecast.range', { low: money(week.low), high: money(week.high) })}`,
            `${t('forecast.col.invoices')}: ${int(week.invoices)}`,
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: weeks.map((w) => dayAndMonth(w.week_start, locale)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#d0d5dd' } },
        axisLabel: { color: '#667085', fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        splitNumber: 4,
        splitLine: { lineStyle: { color: '#eef0f3' } },
        axisLabel: { color: '#667085', fontSize: 11, formatter: (v: number) => money({ amount: String(v), currency }, { compact: true }) },
      },
      series: [
        // The band: an invisible line at the low edge, and the thickness high − low stacked on it.
        { type: 'line', stack: 'band', step: 'middle', symbol: 'none', silent: true, lineStyle: { opacity: 0 }, data: weeks.map((w) => plot(w.low)) },
        {
          type: 'line',
          stack: 'band',
          step: 'middle',
          symbol: 'none',
          silent: true,
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(70, 85, 212, 0.16)' },
          data: weeks.map((w) => plot(w.high) - plot(w.low)),
        },
        {
          type: 'bar',
          barMaxWidth: 28,
          cursor: 'pointer',
          data: weeks.map((w) => ({
            value: plot(w.expected),
            itemStyle: { color: w.week_start === selected ? SELECTED : ACCENT, borderRadius: [3, 3, 0, 0] },
          })),
        },
      ],
    }),
    [weeks, selected, t, money, date, int, currency, locale],
  );
  const host = useChart(option, (index) => {
    const week = weeks[index];
    if (week) onSelect(week.week_start);
  });
  return (
    <div className="chart">
      <div ref={host} className="chart__canvas chart__canvas--tall" role="img" aria-label={t('forecast.weekly')} data-testid="forecast-chart" />
      <ul className="chart__key">
        <li>
          <span className="chart__swatch" style={{ background: ACCENT }} aria-hidden="true" />
          {t('forecast.expected')}
        </li>
        <li>
          <span className="chart__swatch" style={{ background: 'rgba(70, 85, 212, 0.25)' }} aria-hidden="true" />
          {t('forecast.band')}
        </li>
      </ul>
    </div>
  );
}
