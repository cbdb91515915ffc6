import { useCallback } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { KpiValue } from './model';

/** A KPI as the user reads it: "73.7 days", "91.2 %", "€12,345.00"; a dash when there is none. */
export function useKpiText(): (v: KpiValue) => string {
  const { t, money, num, percent } = useI18n();
  return useCallback(
    (v: KpiValue) => {
      if (v.unit === 'money') return money(v.value);
      if (v.value === null) return t('kpi.none');
      return v.unit === 'days' ? t('kpi.days', { value: num(v.value) }) : percent(v.value / 100);
    },
    [t, money, num, percent],
  );
}
