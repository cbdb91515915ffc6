// The ageing buckets as a bar chart, drawn by Apache ECharts (tree-shaken: bars, grid, tooltip,
// canvas renderer only).

import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { AgeingDto, MoneyDto } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export const BUCKETS: readonly (keyof AgeingDto)[] = ['current', 'days_1_30', 'days_31_60', 'days_61_90', 'days_over_90'];

/** From calm to alarming: not yet due is neutral, every later bucket warmer. */
export const COLOURS = ['#94a3b8', '#f5b841', '#f08c3c', '#e4583e', '#b42318'];

/**
 * The bar's height. ECharts needs a number to scale the bars: this is the only place an amount
 * becomes one, for drawing; labels and the tooltip show the exact string, formatted.
 */
function plotValue(money: MoneyDto): number {
  const n = Number(money.amount);
  return Number.isFinite(n) ? n : 0;
}

export function AgeingChart({ ageing }: { ageing: AgeingDto }) {
  const { t, money, locale } = useI18n();
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
    const currency = ageing.current.currency;
    const labels = BUCKETS.map((b) => t(`ageing.${b}` as MessageKey));
    instance.setOption(
      {
        animationDuration: 300,
        textStyle: { fontFamily: 'inherit' },
        grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
            const bucket = first ? BUCKETS[first.dataIndex] : undefined;
            if (!bucket) return '';
            return `${labels[first!.dataIndex]}<br/><b>${money(ageing[bucket])}</b>`;
          },
        },
        xAxis: {
          type: 'category',
          data: labels,
          axisTick: { show: false },
          axisLine: { lineStyle: { color: '#d0d5dd' } },
          axisLabel: { color: '#475467', fontSize: 12, interval: 0 },
        },
        yAxis: {
          type: 'value',
          splitNumber: 4,
          splitLine: { lineStyle: { color: '#eef0f3' } },
          axisLabel: {
            color: '#667085',
            fontSize: 11,
            formatter: (v: number) => money({ amount: String(v), currency }, { compact: true }),
          },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 56,
            data: BUCKETS.map((b, i) => ({
              value: plotValue(ageing[b]),
              itemStyle: { color: COLOURS[i], borderRadius: [4, 4, 0, 0] },
            })),
            label: {
              show: true,
              position: 'top',
              color: '#344054',
              fontSize: 11,
              formatter: (p: { dataIndex: number }) => {
                const bucket = BUCKETS[p.dataIndex];
                return bucket ? money(ageing[bucket], { compact: true }) : '';
              },
            },
          },
        ],
      },
      { notMerge: true },
    );
  }, [ageing, t, money, locale]);

  return (
    <div className="chart">
      <div ref={host} className="chart__canvas" data-testid="dashboard-ageing-chart" role="img" aria-label={t('dashboard.ageing')} />
      <ul className="chart__legend">
        {BUCKETS.map((b, i) => (
          <li key={b}>
            <span className="chart__swatch" style={{ background: COLOURS[i] }} aria-hidden="true" />
            <span className="chart__bucket">{t(`ageing.${b}` as MessageKey)}</span>
            <span className="amount" data-testid={`dashboard-ageing-${b}`}>
              {money(ageing[b])}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
