// The KPIs the screens show, in one place: which figure, its unit, and how to read it from a
// `KpisDto`. Day counts and percentages arrive as plain numbers (statistics); amounts as
// decimal strings, never added or compared here.

import type { KpisDto, MoneyDto } from '../../api';
import type { MessageKey } from '../../i18n/messages';

export type KpiName = 'dso_countback' | 'dso_standard' | 'bpdso' | 'add' | 'cei' | 'overdue' | 'share_current';

/** The dashboard's tiles and the KPI page's columns, in this order. */
export const KPI_NAMES: readonly KpiName[] = ['dso_countback', 'dso_standard', 'bpdso', 'add', 'cei', 'overdue', 'share_current'];

export type Unit = 'days' | 'percent' | 'money';

export const UNIT: Record<KpiName, Unit> = {
  dso_countback: 'days',
  dso_standard: 'days',
  bpdso: 'days',
  add: 'days',
  cei: 'percent',
  overdue: 'money',
  share_current: 'percent',
};

export type KpiValue = { unit: 'days' | 'percent'; value: number | null } | { unit: 'money'; value: MoneyDto };

export function valueOf(k: KpisDto, name: KpiName): KpiValue {
  if (name === 'overdue') return { unit: 'money', value: k.overdue };
  return { unit: UNIT[name] as 'days' | 'percent', value: k[name] };
}

/**
 * The height of a point in a trend line. Charts need numbers: an amount becomes one here only
 * to be drawn; labels show the exact string.
 */
export function plotValue(k: KpisDto, name: KpiName): number | null {
  const v = valueOf(k, name);
  if (v.unit !== 'money') return v.value;
  const n = Number(v.value.amount);
  return Number.isFinite(n) ? n : null;
}

export const labelKey = (name: KpiName) => `kpi.name.${name}` as MessageKey;
export const formulaKey = (name: KpiName) => `kpi.formula.${name}` as MessageKey;
