import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, DunningStopDto, InvoiceDto, InvoiceForecastDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { DaysOverdue, ErrorNotice } from '../../components/Feedback';
import { useI18n } from '../../i18n/I18nProvider';

/** With `dunning`, each invoice shows whether dunning is stopped for it, or a button to stop it. */
export interface InvoiceDunning {
  customerId: number;
  stops: DunningStopDto[];
  onChanged: () => void;
}

/**
 * The open invoices; with `expected` (the forecast of the customer's invoices), each invoice's
 * expected payment date, its range and, on hover, why.
 */
export function InvoicesTable({ invoices, expected, dunning }: { invoices: InvoiceDto[]; expected?: InvoiceForecastDto[]; dunning?: InvoiceDunning }) {
  const { t, money, date } = useI18n();
  const [stopping, setStopping] = useState<number | null>(null);
  if (invoices.length === 0) return <p className="empty">{t('invoices.none')}</p>;
  const columns = 7 + (dunning ? 1 : 0);
  const forecastOf = new Map((expected ?? []).map((f) => [f.invoice_id, f]));
  return (
    <div className="table-scroll">
      <table className="table" data-testid="customer-invoices">
        <thead>
          <tr>
            <th>{t('invoices.number')}</th>
            <th>{t('invoices.issued')}</th>
            <th>{t('invoices.due')}</th>
            <th>{t('invoices.expected')}</th>
            <th className="num">{t('invoices.amount')}</th>
            <th className="num">{t('invoices.open')}</th>
            <th className="num" title={t('invoices.days')}>
              {t('col.days')}
            </th>
            {dunning && (
              <th>
                <span className="sr-only">{t('stops.title')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => {
            const stop = dunning?.stops.find((s) => s.invoice_id === i.id);
            const forecast = forecastOf.get(i.id);
            return [
              <tr key={i.id} data-testid="customer-invoice" data-invoice={i.number} className={i.days_overdue > 0 ? 'row--overdue' : undefined}>
                <td className="mono" title={i.reference || undefined}>
                  {i.number}
                  {i.kind === 'credit_note' && <span className="badge badge--neutral badge--inline">{t('invoices.creditNote')}</span>}
                  {i.disputed && (
                    <span className="badge badge--red badge--inline" data-testid="invoice-disputed">
                      {t('invoices.disputed')}
                    </span>
                  )}
                  {stop && (
                    <span className="badge badge--red badge--inline" data-testid="invoice-stopped" title={stop.reason}>
                      {t('stops.stopped')}
                    </span>
                  )}
                </td>
                <td>{date(i.issue_date)}</td>
                <td>{date(i.due_date)}</td>
                <td>
                  {forecast ? (
                    <span
                      className="invoice-expected"
                      title={t('invoices.expectedTitle', { low: date(forecast.low), high: date(forecast.high), reason: forecast.reason })}
                      data-testid="invoice-expected"
                      data-expected={forecast.expected_date}
                    >
                      <span className="strong">{date(forecast.expected_date)}</span>
                      <span className="invoice-expected__range">{t('forecast.range', { low: date(forecast.low), high: date(forecast.high) })}</span>
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num amount muted">{money(i.amount)}</td>
                <td className="num amount amount--strong">{money(i.open_amount)}</td>
                <td className="num">
                  <DaysOverdue days={i.days_overdue} />
                </td>
                {dunning && (
                  <td className="num">
                    {i.kind === 'invoice' && !stop && stopping !== i.id && (
                      <button type="button" className="btn btn--small btn--ghost" onClick={() => setStopping(i.id)} data-testid="invoice-stop">
                        {t('stops.stopInvoice')}
                      </button>
                    )}
                  </td>
                )}
              </tr>,
              dunning && stopping === i.id && (
                <tr key={`${i.id}-stop`} className="row--form">
                  <td colSpan={columns}>
                    <StopInvoiceForm
                      customerId={dunning.customerId}
                      invoice={i}
                      onCancel={() => setStopping(null)}
                      onDone={() => {
                        setStopping(null);
                        dunning.onChanged();
                      }}
                    />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function StopInvoiceForm({ customerId, invoice, onCancel, onDone }: { customerId: number; invoice: InvoiceDto; onCancel: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { reportError } = useSession();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.stopDunning({ customer_id: customerId, invoice_id: invoice.id, reason: reason.trim() }).then(onDone, (err: ApiError) => {
      setBusy(false);
      setError(err);
      reportError(err);
    });
  };
  return (
    <form className="stop-form" onSubmit={submit} data-testid="invoice-stop-form">
      <span className="stop-form__label">{t('stops.invoice', { number: invoice.number })}</span>
      <input
        className="input"
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('stops.reasonPlaceholder')}
        aria-label={t('stops.reason')}
        required
        data-testid="invoice-stop-reason"
      />
      <button type="button" className="btn btn--small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn btn--small btn--primary" disabled={busy || !reason.trim()} data-testid="invoice-stop-submit">
        {t('stops.confirm')}
      </button>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
