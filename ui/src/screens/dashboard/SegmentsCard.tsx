import type { SegmentTotalDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { SegmentBadge } from '../../components/SegmentBadge';
import { SEGMENTS } from '../../components/segments';
import { signOf } from '../../format/decimal';
import { useI18n } from '../../i18n/I18nProvider';

/** The six segments: how many customers, how many with something overdue, and how much. */
export function SegmentsCard() {
  const { t } = useI18n();
  const { asOf } = useSession();
  const totals = useLoad(`segments:${asOf ?? ''}`, () => api.segmentTotals(asOf));
  return (
    <section className="card card--flush" data-testid="dashboard-segments">
      <header className="card__head">
        <h2 className="card__title">{t('dashboard.segments')}</h2>
        <span className="card__note">{t('dashboard.segmentsNote')}</span>
      </header>
      {totals.error && <ErrorNotice error={totals.error} onRetry={totals.reload} />}
      {totals.data ? <SegmentsTable totals={totals.data} /> : !totals.error && <Loading />}
    </section>
  );
}

function SegmentsTable({ totals }: { totals: SegmentTotalDto[] }) {
  const { t, int, money } = useI18n();
  // All six, in the product's order, even one without customers.
  const rows = SEGMENTS.map((segment) => ({ segment, total: totals.find((x) => x.segment === segment) }));
  return (
    <table className="table table--fixed table--compact table--segments">
      <colgroup>
        <col />
        <col style={{ width: 112 }} />
        <col style={{ width: 116 }} />
      </colgroup>
      <thead>
        <tr>
          <th>{t('behaviour.segment')}</th>
          <th className="num">{t('dashboard.segmentOverdueCustomers')}</th>
          <th className="num">{t('dashboard.segmentOverdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ segment, total }) => (
          <tr key={segment} data-testid="dashboard-segment" data-segment={segment} data-customers={total?.customers ?? 0}>
            <td className="ellipsis">
              <SegmentBadge segment={segment} />
            </td>
            <td className="num muted" data-testid="dashboard-segment-customers">
              {t('dashboard.segmentOverdueOf', { count: int(total?.customers_overdue ?? 0), total: int(total?.customers ?? 0) })}
            </td>
            <td className={'num amount' + (total && signOf(total.overdue.amount) > 0 ? ' amount--strong' : ' muted')} data-testid="dashboard-segment-overdue">
              {total ? money(total.overdue) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
