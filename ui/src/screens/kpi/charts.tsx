// The KPI charts, drawn by Apache ECharts (tree-shaken: lines, bars, grid, tooltip, canvas).
// Loaded lazily by the screens, after the figures show.

import { useCallback, useEffect, useMemo, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { KpisDto, MoneyDto } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { BUCKETS, COLOURS } from '../dashboard/AgeingChart';
import type { KpiName } from './model';
import { plotValue } from './model';
import { useKpiText } from './useKpiText';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const AXIS = { color: '#667085', fontSize: 11 };
const SPLIT = { lineStyle: { color: '#eef0f3' } };

/** A chart on the returned element, redrawn whole whenever `option` changes; `onClick` gets the category index. */
export function useChart(option: EChartsCoreOption, onClick?: (index: number) => void) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      if (typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return host;
}

/** A month end as "Nov 25"; the last point (the day asked about) as its date. */
export function useMonthLabel(): (iso: string, last: boolean) => string {
  const { locale, date } = useI18n();
  return useCallback(
    (iso: string, last: boolean) => {
      if (last) return date(iso, 'short');
      return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    },
    [locale, date],
  );
}

/** One KPI's last 13 points as a small line, no axes. */
export function Sparkline({ trend, name, label }: { trend: KpisDto[]; name: KpiName; label: string }) {
  const option = useMemo(
    () => ({
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: trend.map((k) => k.as_of) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: trend.map((k) => plotValue(k, name)),
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 1.5, color: '#4655d4' },
        areaStyle: { color: 'rgba(70, 85, 212, 0.08)' },
      },
    ],
    }),
    [trend, name],
  );
  const host = useChart(option);
  return <div ref={host} className="sparkline" role="img" aria-label={label} data-testid={`kpi-sparkline-${name}`} />;
}

const DSO_LINES: { name: KpiName; colour: string }[] = [
  { name: 'dso_countback', colour: '#4655d4' },
  { name: 'dso_standard', colour: '#f08c3c' },
  { name: 'bpdso', colour: '#12b76a' },
];

/** Countback and standard DSO against the best possible, per month end. */
export function DsoTrendChart({ trend }: { trend: KpisDto[] }) {
  const { t } = useI18n();
  const text = useKpiText();
  const month = useMonthLabel();
  const option = useMemo(
    () => ({
    animationDuration: 300,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 8, right: 12, top: 16, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number; seriesIndex: number; marker: string }[];
        const point = list[0] ? trend[list[0].dataIndex] : undefined;
        if (!point) return '';
        const rows = list.map((p) => {
          const line = DSO_LINES[p.seriesIndex]!;
          return `${p.marker}${t(`kpi.name.${line.name}` as MessageKey)}: <b>${text({ unit: 'days', value: point[line.name] as number | null })}</b>`;
        });
        return [point.as_of, ...rows].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: trend.map((k, i) => month(k.as_of, i === trend.length - 1)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d0d5dd' } },
      axisLabel: AXIS,
    },
    yAxis: { type: 'value', splitNumber: 4, splitLine: SPLIT, axisLabel: AXIS },
    series: DSO_LINES.map((line) => ({
      name: t(`kpi.name.${line.name}` as MessageKey),
      type: 'line',
      data: trend.map((k) => plotValue(k, line.name)),
      symbolSize: 5,
      lineStyle: { width: 2, color: line.colour },
      itemStyle: { color: line.colour },
    })),
    }),
    [trend, t, text, month],
  );
  const host = useChart(option);
  return (
    <div className="chart">
      <div ref={host} className="chart__canvas" role="img" aria-label={t('kpi.dsoTrend')} data-testid="kpi-dso-chart" />
      <ul className="chart__key">
        {DSO_LINES.map((line) => (
          <li key={line.name} title={t(`kpi.formula.${line.name}` as MessageKey)}>
            <span className="chart__swatch" style={{ background: line.colour }} aria-hidden="true" />
            {t(`kpi.name.${line.name}` as MessageKey)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function amountValue(m: MoneyDto): number {
  const n = Number(m.amount);
  return Number.isFinite(n) ? n : 0;
}

/** The ageing buckets at each month end, stacked. */
export function AgeingTrendChart({ trend }: { trend: KpisDto[] }) {
  const { t, money } = useI18n();
  const month = useMonthLabel();
  const currency = trend[0]?.currency ?? '';
  const option = useMemo(() => {
  const labels = BUCKETS.map((b) => t(`ageing.${b}` as MessageKey));
  return {
    animationDuration: 300,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 8, right: 12, top: 16, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number; seriesIndex: number; marker: string }[];
        const point = list[0] ? trend[list[0].dataIndex] : undefined;
        if (!point) return '';
        const rows = list.map((p) => `${p.marker}${labels[p.seriesIndex]}: <b>${money(point.ageing[BUCKETS[p.seriesIndex]!])}</b>`);
        return [point.as_of, ...rows, `${t('kpi.col.receivables')}: <b>${money(point.receivables)}</b>`].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: trend.map((k, i) => month(k.as_of, i === trend.length - 1)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d0d5dd' } },
      axisLabel: AXIS,
    },
    yAxis: {
      type: 'value',
      splitNumber: 4,
      splitLine: SPLIT,
      axisLabel: { ...AXIS, formatter: (v: number) => money({ amount: String(v), currency }, { compact: true }) },
    },
    series: BUCKETS.map((bucket, i) => ({
      name: labels[i],
      type: 'bar',
      stack: 'ageing',
      barMaxWidth: 36,
      data: trend.map((k) => amountValue(k.ageing[bucket])),
      itemStyle: { color: COLOURS[i] },
    })),
  };
  }, [trend, t, money, month, currency]);
  const host = useChart(option);
  return (
    <div className="chart">
      <div ref={host} className="chart__canvas" role="img" aria-label={t('kpi.ageingTrend')} data-testid="kpi-ageing-chart" />
      <ul className="chart__key">
        {BUCKETS.map((b, i) => (
          <li key={b}>
            <span className="chart__swatch" style={{ background: COLOURS[i] }} aria-hidden="true" />
            {t(`ageing.${b}` as MessageKey)}
          </li>
        ))}
      </ul>
    </div>
  );
}
