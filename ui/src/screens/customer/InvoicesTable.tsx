import type { InvoiceDto } from '../../api';
import { DaysOverdue } from '../../components/Feedback';
import { useI18n } from '../../i18n/I18nProvider';

export function InvoicesTable({ invoices }: { invoices: InvoiceDto[] }) {
  const { t, money, date } = useI18n();
  if (invoices.length === 0) return <p className="empty">{t('invoices.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="customer-invoices">
        <thead>
          <tr>
            <th>{t('invoices.number')}</th>
            <th>{t('invoices.issued')}</th>
            <th>{t('invoices.due')}</th>
            <th className="num">{t('invoices.amount')}</th>
            <th className="num">{t('invoices.open')}</th>
            <th className="num" title={t('invoices.days')}>
              {t('col.days')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id} data-testid="customer-invoice" className={i.days_overdue > 0 ? 'row--overdue' : undefined}>
              <td className="mono" title={i.reference || undefined}>
                {i.number}
                {i.kind === 'credit_note' && <span className="badge badge--neutral badge--inline">{t('invoices.creditNote')}</span>}
                {i.disputed && (
                  <span className="badge badge--red badge--inline" data-testid="invoice-disputed">
                    {t('invoices.disputed')}
                  </span>
                )}
              </td>
              <td>{date(i.issue_date)}</td>
              <td>{date(i.due_date)}</td>
              <td className="num amount muted">{money(i.amount)}</td>
              <td className="num amount amount--strong">{money(i.open_amount)}</td>
              <td className="num">
                <DaysOverdue days={i.days_overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
