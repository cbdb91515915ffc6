import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ApiError, CustomerDetailDto, RecordRequest } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/Feedback';
import { parseAmountInput } from '../../format/decimal';
import { currencySymbol, decimalSeparator, formatMoney, isIsoDate, todayIso } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';

type Tab = 'note' | 'call' | 'promise' | 'dispute';
const TABS: Tab[] = ['note', 'call', 'promise', 'dispute'];

/** Forms to put a note, a call, a promise to pay or a dispute on the customer's timeline. */
export function RecordPanel({ customer, onRecorded }: { customer: CustomerDetailDto; onRecorded: () => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('note');
  const [saved, setSaved] = useState(false);

  const done = () => {
    setSaved(true);
    onRecorded();
  };

  return (
    <section className="card record" data-testid="record-panel">
      <header className="card__head card__head--inset">
        <h2 className="card__title">{t('record.title')}</h2>
      </header>
      <div className="tabs" role="tablist" aria-label={t('record.title')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`record-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="record-form"
            className={'tab' + (tab === k ? ' tab--on' : '')}
            onClick={() => {
              setTab(k);
              setSaved(false);
            }}
            data-testid={`record-tab-${k}`}
          >
            <span className={`chip__dot kind-${k}`} aria-hidden="true" />
            {t(`record.${k}`)}
          </button>
        ))}
      </div>
      <div id="record-form" role="tabpanel" aria-labelledby={`record-tab-${tab}`}>
        {tab === 'note' && <TextForm kind="note" customer={customer} onDone={done} onEdit={() => setSaved(false)} />}
        {tab === 'call' && <TextForm kind="call" customer={customer} onDone={done} onEdit={() => setSaved(false)} />}
        {tab === 'promise' && <PromiseForm customer={customer} onDone={done} onEdit={() => setSaved(false)} />}
        {tab === 'dispute' && <DisputeForm customer={customer} onDone={done} onEdit={() => setSaved(false)} />}
      </div>
      {saved && (
        <p className="record__saved" role="status" data-testid="record-saved">
          {t('record.saved')}
        </p>
      )}
    </section>
  );
}

interface FormProps {
  customer: CustomerDetailDto;
  onDone: () => void;
  onEdit: () => void;
}

/** Sends one request; tracks busy and the error. */
function useSubmit(onDone: () => void) {
  const { reportError } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (request: RecordRequest, reset: () => void) => {
    setBusy(true);
    setError(null);
    api.record(request).then(
      () => {
        setBusy(false);
        reset();
        onDone();
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
        reportError(e);
      },
    );
  };
  return { busy, error, submit };
}

function Field({ label, error, children, htmlFor }: { label: string; error?: string | null; children: ReactNode; htmlFor: string }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error && <span className="field__error">{error}</span>}
    </div>
  );
}

function TextForm({ kind, customer, onDone, onEdit }: FormProps & { kind: 'note' | 'call' }) {
  const { t } = useI18n();
  const [date, setDate] = useState(todayIso);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, submit } = useSubmit(onDone);
  const textProblem = text.trim() === '' ? t('record.required') : null;
  const dateProblem = isIsoDate(date) ? null : t('record.invalidDate');

  const send = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (textProblem || dateProblem) return;
    submit({ kind, customer_id: customer.id, date, text: text.trim() }, () => {
      setText('');
      setTouched(false);
    });
  };

  return (
    <form className="form" onSubmit={send} noValidate>
      <Field label={t(kind === 'note' ? 'record.noteText' : 'record.callText')} htmlFor={`${kind}-text`} error={touched ? textProblem : null}>
        <textarea
          id={`${kind}-text`}
          className="input textarea"
          rows={3}
          value={text}
          placeholder={t(kind === 'note' ? 'record.notePlaceholder' : 'record.callPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            onEdit();
          }}
          data-testid={`${kind}-text`}
        />
      </Field>
      <div className="form__row">
        <Field label={t('record.date')} htmlFor={`${kind}-date`} error={touched ? dateProblem : null}>
          <input id={`${kind}-date`} className="input" type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid={`${kind}-date`} />
        </Field>
        <button type="submit" className="btn btn--primary form__submit" disabled={busy} data-testid={`${kind}-submit`}>
          {busy ? t('record.saving') : t('record.save')}
        </button>
      </div>
      {error && <ErrorNotice error={error} testId="record-error" />}
    </form>
  );
}

function PromiseForm({ customer, onDone, onEdit }: FormProps) {
  const { t, locale } = useI18n();
  const today = todayIso();
  const [amount, setAmount] = useState('');
  const [due, setDue] = useState(today);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, submit } = useSubmit(onDone);

  const parsed = parseAmountInput(amount, decimalSeparator(locale));
  const example = formatMoney({ amount: '1250.00', currency: customer.currency }, locale).replace(/[^\d.,\s\u00a0\u202f]/g, '').trim();
  const amountProblem = amount.trim() === '' ? t('record.required') : parsed === null ? t('record.invalidAmount', { example }) : null;
  const dueProblem = isIsoDate(due) && due >= today ? null : t('record.invalidDate');

  const send = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (amountProblem || dueProblem || parsed === null) return;
    submit({ kind: 'promise', customer_id: customer.id, date: today, amount: parsed, due, text: text.trim() }, () => {
      setAmount('');
      setText('');
      setDue(todayIso());
      setTouched(false);
    });
  };

  return (
    <form className="form" onSubmit={send} noValidate>
      <div className="form__row">
        <Field label={t('record.amount', { currency: customer.currency })} htmlFor="promise-amount" error={touched ? amountProblem : null}>
          <div className="input-affix">
            <input
              id="promise-amount"
              className="input input--amount"
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              placeholder={example}
              onChange={(e) => {
                setAmount(e.target.value);
                onEdit();
              }}
              data-testid="promise-amount"
            />
            <span className="input-affix__text">{currencySymbol(customer.currency, locale)}</span>
          </div>
        </Field>
        <Field label={t('record.promiseDue')} htmlFor="promise-due" error={touched ? dueProblem : null}>
          <input id="promise-due" className="input" type="date" min={today} value={due} onChange={(e) => setDue(e.target.value)} data-testid="promise-due" />
        </Field>
      </div>
      <Field label={t('record.promiseText')} htmlFor="promise-text">
        <input
          id="promise-text"
          className="input"
          value={text}
          placeholder={t('record.promisePlaceholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="promise-text"
        />
      </Field>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="promise-submit">
          {busy ? t('record.saving') : t('record.save')}
        </button>
      </div>
      {error && <ErrorNotice error={error} testId="record-error" />}
    </form>
  );
}

function DisputeForm({ customer, onDone, onEdit }: FormProps) {
  const { t, money, date } = useI18n();
  const invoices = customer.open_invoices.filter((i) => i.kind !== 'credit_note');
  const [invoiceId, setInvoiceId] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, submit } = useSubmit(onDone);

  if (invoices.length === 0) return <p className="muted form">{t('record.noInvoices')}</p>;

  const invoiceProblem = invoiceId === '' ? t('record.required') : null;
  const reasonProblem = reason.trim() === '' ? t('record.required') : null;

  const send = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invoiceProblem || reasonProblem) return;
    submit({ kind: 'dispute', customer_id: customer.id, date: todayIso(), invoice_id: Number(invoiceId), reason: reason.trim() }, () => {
      setInvoiceId('');
      setReason('');
      setTouched(false);
    });
  };

  return (
    <form className="form" onSubmit={send} noValidate>
      <Field label={t('record.invoice')} htmlFor="dispute-invoice" error={touched ? invoiceProblem : null}>
        <select
          id="dispute-invoice"
          className="select"
          value={invoiceId}
          onChange={(e) => {
            setInvoiceId(e.target.value);
            onEdit();
          }}
          data-testid="dispute-invoice"
        >
          <option value="">{t('record.pickInvoice')}</option>
          {invoices.map((i) => (
            <option key={i.id} value={String(i.id)}>
              {i.number} · {date(i.due_date)} · {money(i.open_amount)}
              {i.disputed ? ` · ${t('record.alreadyDisputed')}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('record.reason')} htmlFor="dispute-reason" error={touched ? reasonProblem : null}>
        <textarea
          id="dispute-reason"
          className="input textarea"
          rows={3}
          value={reason}
          placeholder={t('record.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="dispute-reason"
        />
      </Field>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="dispute-submit">
          {busy ? t('record.saving') : t('record.save')}
        </button>
      </div>
      {error && <ErrorNotice error={error} testId="record-error" />}
    </form>
  );
}
