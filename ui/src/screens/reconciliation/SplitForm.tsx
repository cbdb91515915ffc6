import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, BankEntryDto, OpenItemDto, SplitPartDto } from '../../api';
import { api } from '../../api';
import { ErrorNotice } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { offersIban } from './model';

/**
 * A split by hand: find open items (the suggested customer's by default, or by invoice number
 * or customer name), add them as parts with an amount each, confirm. The form computes no
 * total: the backend refuses parts that add up to more than the entry holds, and says so.
 */
export function SplitForm({ entry, onCancel, onDone }: { entry: BankEntryDto; onCancel: () => void; onDone: (now: BankEntryDto) => void }) {
  const { t, money, date } = useI18n();
  const customer = entry.suggestion?.customer ?? null;
  const [onlyCustomer, setOnlyCustomer] = useState(customer !== null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<OpenItemDto[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [parts, setParts] = useState<SplitPartDto[]>([]);
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const search = (event?: FormEvent) => {
    event?.preventDefault();
    setSearching(true);
    setError(null);
    api.openItems({ customer_id: onlyCustomer && customer ? customer.id : null, text: text.trim() }).then(
      (items) => {
        setSearching(false);
        setFound(items);
      },
      (e: ApiError) => {
        setSearching(false);
        setError(e);
      },
    );
  };

  const add = (item: OpenItemDto) => {
    if (parts.some((p) => p.invoice === item.invoice)) return;
    // The item's open amount as a starting point (a copy of the string, not a computation).
    setParts([...parts, { invoice: item.invoice, amount: item.open.amount }]);
  };

  const confirm = () => {
    setBusy(true);
    setError(null);
    api.splitEntry({ entry_id: entry.id, parts: parts.map((p) => ({ invoice: p.invoice, amount: p.amount.trim() })), remember_iban: offersIban(entry) && remember }).then(
      (now) => {
        setBusy(false);
        onDone(now);
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <div className="recon__split" data-testid="split-form">
      <header className="recon__split-head">
        <h3 className="recon__subtitle">{t('recon.splitTitle')}</h3>
        <span className="muted">{t('recon.splitOf', { amount: money(entry.amount) })}</span>
      </header>
      <form className="recon__split-search" onSubmit={search}>
        <input
          className="input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('recon.splitSearch')}
          aria-label={t('recon.splitSearch')}
          data-testid="split-search"
          autoFocus
        />
        <button type="submit" className="btn" disabled={searching} data-testid="split-search-run">
          <Icon name="search" size={14} /> {t('recon.find')}
        </button>
        {customer && (
          <label className="recon__only">
            <input type="checkbox" checked={onlyCustomer} onChange={(e) => setOnlyCustomer(e.target.checked)} data-testid="split-only-customer" />
            {t('recon.onlyCustomer', { customer: customer.name })}
          </label>
        )}
      </form>
      {found !== null &&
        (found.length === 0 ? (
          <p className="muted" data-testid="split-none">
            {t('recon.splitNone')}
          </p>
        ) : (
          <div className="recon__found table-scroll">
            <table className="table table--compact" data-testid="split-found">
              <thead>
                <tr>
                  <th>{t('col.invoice')}</th>
                  <th>{t('col.dueDate')}</th>
                  <th className="num">{t('col.open')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {found.map((i) => (
                  <tr key={i.invoice} data-testid="split-item" data-invoice={i.invoice}>
                    <td>
                      <span className="mono">{i.invoice}</span>
                      <span className="ellipsis muted recon__found-customer" title={i.customer.name}>
                        {i.customer.name}
                      </span>
                    </td>
                    <td>{date(i.due_date)}</td>
                    <td className="num amount">{money(i.open)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => add(i)}
                        disabled={parts.some((p) => p.invoice === i.invoice)}
                        data-testid="split-add"
                      >
                        {t('recon.add')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {found === null && <p className="muted">{customer && onlyCustomer ? t('recon.splitHintCustomer', { customer: customer.name }) : t('recon.splitHint')}</p>}

      <h4 className="recon__parts-title">{t('recon.parts')}</h4>
      {parts.length === 0 ? (
        <p className="muted" data-testid="split-no-parts">
          {t('recon.noParts')}
        </p>
      ) : (
        <ul className="recon__parts">
          {parts.map((p, n) => (
            <li key={p.invoice} data-testid="split-part" data-invoice={p.invoice}>
              <span className="mono">{p.invoice}</span>
              <input
                className="input input--amount"
                value={p.amount}
                inputMode="decimal"
                aria-label={t('recon.partAmount', { invoice: p.invoice })}
                onChange={(e) => setParts(parts.map((q, m) => (m === n ? { ...q, amount: e.target.value } : q)))}
                data-testid="split-amount"
              />
              <span className="muted">{entry.amount.currency}</span>
              <button type="button" className="btn btn--small btn--ghost" onClick={() => setParts(parts.filter((_, m) => m !== n))} data-testid="split-remove">
                {t('recon.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {offersIban(entry) && (
        <label className="recon__remember">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="split-remember-iban" />
          {t('recon.rememberIbanSplit', { iban: entry.iban })}
        </label>
      )}
      {error && <ErrorNotice error={error} testId="split-error" />}
      <div className="recon__actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy} data-testid="split-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn--primary" onClick={confirm} disabled={busy || parts.length === 0} data-testid="split-confirm">
          {t('recon.splitConfirm')}
        </button>
      </div>
    </div>
  );
}
