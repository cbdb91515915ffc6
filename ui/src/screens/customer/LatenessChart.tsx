// The evidence of a behaviour profile: days late per invoice by due date, paid and still open
// apart, drawn by Apache ECharts (tree-shaken: scatter, grid, tooltip, mark line, canvas).

import { useEffect, useRef } from 'react';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { LatenessPointDto } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { OPEN_COLOUR, PAID_COLOUR } from './chartColours';

echarts.use([ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);


type Point = [string, number, string];

export function LatenessChart({ points }: { points: LatenessPointDto[] }) {
  const { t, date, int, locale } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const paid: Point[] = points.filter((p) => p.paid).map((p) => [p.due_date, p.days_late, p.invoice]);
    const open: Point[] = points.filter((p) => !p.paid).map((p) => [p.due_date, p.days_late, p.invoice]);
    const tooltip = (value: Point, isPaid: boolean) =>
      t(isPaid ? 'behaviour.pointPaid' : 'behaviour.pointOpen', { invoice: value[2], date: date(value[0]), days: int(value[1]) });
    instance.setOption(
      {
        animationDuration: 300,
        textStyle: { fontFamily: 'inherit' },
        grid: { left: 4, right: 12, top: 10, bottom: 4, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (p: { value: Point; seriesIndex: number }) => tooltip(p.value, p.seriesIndex === 0),
        },
        xAxis: {
          type: 'time',
          axisLine: { onZero: false, lineStyle: { color: '#d0d5dd' } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: {
            color: '#667085',
            fontSize: 11,
            hideOverlap: true,
            formatter: (v: number) => new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(v)),
          },
        },
        yAxis: {
          type: 'value',
          splitNumber: 4,
          splitLine: { lineStyle: { color: '#eef0f3' } },
          axisLabel: { color: '#667085', fontSize: 11, formatter: (v: number) => int(v) },
        },
        series: [
          {
            type: 'scatter',
            name: t('behaviour.paid'),
            data: paid,
            symbolSize: 7,
            itemStyle: { color: PAID_COLOUR, opacity: 0.75 },
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { color: '#98a2b3', type: 'dashed', width: 1 },
              data: [{ yAxis: 0 }],
            },
          },
          {
            type: 'scatter',
            name: t('behaviour.open'),
            data: open,
            symbolSize: 8,
            itemStyle: { color: '#ffffff', borderColor: OPEN_COLOUR, borderWidth: 2 },
          },
        ],
      },
      { notMerge: true },
    );
  }, [points, t, date, int, locale]);

  return <div ref={host} className="chart__canvas chart__canvas--small" data-testid="behaviour-chart" role="img" aria-label={t('behaviour.evidence')} />;
}
