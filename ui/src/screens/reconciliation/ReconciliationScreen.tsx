import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import type { ApiError, BankEntryDto, EntryStatusDto, MatchSettingsDto, ReconcileRunDto, StatementImportDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { TabId } from './model';
import { TABS, canAccept, canReject, canSplit, canUndo, commandOf, countOf, invoicesOf, nextSelection, offersIban, statusesOf } from './model';
import { SplitForm } from './SplitForm';

const STATUS_TONE: Record<EntryStatusDto, string> = {
  unmatched: 'badge--orange',
  suggested: 'badge--accent',
  auto: 'badge--green',
  confirmed: 'badge--green',
  outgoing: 'badge--neutral',
};

export function StatusBadge({ status }: { status: EntryStatusDto }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${STATUS_TONE[status]}`} data-testid="entry-status" data-status={status}>
      {t(`recon.status.${status}`)}
    </span>
  );
}

/**
 * Bank reconciliation: import a statement, match the entries waiting ("Match now"), review
 * the suggestions one by one (with the keyboard), split an entry by hand, undo what was applied.
 * Every decision is the backend's; this screen shows and asks.
 */
export function ReconciliationScreen() {
  const { t, int } = useI18n();
  const { reportError } = useSession();
  const [tab, setTab] = useState<TabId>('all');
  const list = useLoad(`bank-entries:${tab}`, () => api.bankEntries({ statuses: statusesOf(tab), offset: 0, limit: 500 }));
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [splitting, setSplitting] = useState<number | null>(null);
  const [rememberIban, setRememberIban] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ key: MessageKey; entry: string } | null>(null);
  const [run, setRun] = useState<ReconcileRunDto | null>(null);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const rows = useRef(new Map<number, HTMLTableRowElement>());

  const entries = list.data?.entries ?? [];
  const selected = entries.find((e) => e.id === selectedId) ?? entries[0] ?? null;
  const total = countOf(list.data, 'all');

  const select = (id: number | null) => {
    setSelectedId(id);
    setRememberIban(false);
    setActionError(null);
    if (id !== null) rows.current.get(id)?.scrollIntoView?.({ block: 'nearest' });
  };

  const changeTab = (next: TabId) => {
    setTab(next);
    setSelectedId(null);
    setSplitting(null);
    setActionError(null);
  };

  const act = (entry: BankEntryDto, doneKey: MessageKey, call: () => Promise<BankEntryDto>) => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    setDone(null);
    call().then(
      (now) => {
        setBusy(false);
        setSplitting(null);
        setRememberIban(false);
        setDone({ key: doneKey, entry: entry.entry });
        setSelectedId(nextSelection(entries, entry.id, now.status, tab));
        list.reload();
      },
      (reason: unknown) => {
        const e = toApiError(reason);
        setBusy(false);
        setActionError(e);
        reportError(e);
      },
    );
  };

  const accept = (e: BankEntryDto) => canAccept(e) && act(e, 'recon.doneAccepted', () => api.acceptMatch(e.id, offersIban(e) && rememberIban));
  const reject = (e: BankEntryDto) => canReject(e) && act(e, 'recon.doneRejected', () => api.rejectMatch(e.id));
  const undo = (e: BankEntryDto) => canUndo(e) && act(e, 'recon.doneUndone', () => api.undoMatch(e.id));

  const matchNow = () => {
    setRunning(true);
    setRunError(null);
    setDone(null);
    api.reconcile().then(
      (result) => {
        setRunning(false);
        setRun(result);
        if (result.suggested > 0) changeTab('review');
        list.reload();
      },
      (e: ApiError) => {
        setRunning(false);
        setRunError(e);
        reportError(e);
      },
    );
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const command = commandOf(event);
    if (!command) return;
    if (command === 'close') {
      if (splitting !== null) {
        event.preventDefault();
        setSplitting(null);
      }
      return;
    }
    if (splitting !== null || busy) return;
    const at = selected ? entries.findIndex((e) => e.id === selected.id) : -1;
    event.preventDefault();
    if (command === 'down') return select(entries[Math.min(entries.length - 1, at + 1)]?.id ?? null);
    if (command === 'up') return select(entries[Math.max(0, at - 1)]?.id ?? null);
    if (!selected) return;
    if (command === 'accept') accept(selected);
    else if (command === 'reject') reject(selected);
    else if (command === 'undo') undo(selected);
    else if (command === 'split' && canSplit(selected)) setSplitting(selected.id);
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="page recon" data-testid="reconciliation-screen">
      <div className="page__head">
        <h1 className="page__title">{t('recon.title')}</h1>
        <p className="page__hint">{t('recon.hint')}</p>
      </div>

      <div className="recon__top">
        <StatementImport onImported={() => list.reload()} />
        <section className="card recon__run">
          <div className="recon__run-head">
            <button type="button" className="btn btn--primary" onClick={matchNow} disabled={running} data-testid="recon-match">
              <Icon name="payment" size={14} />
              {running ? t('recon.matching') : t('recon.match')}
            </button>
            <MatchSettings />
          </div>
          <p className="muted recon__run-hint">{t('recon.matchHint')}</p>
          {run && (
            <p className="recon__run-result" data-testid="recon-run-result" role="status">
              {t('recon.runResult', { considered: int(run.considered), auto: int(run.auto), suggested: int(run.suggested), unmatched: int(run.unmatched) })}
            </p>
          )}
          {runError && <ErrorNotice error={runError} testId="recon-run-error" />}
        </section>
      </div>

      <div className="tabs tabs--page recon__tabs" role="tablist" aria-label={t('recon.filter')}>
        {TABS.map(({ id }) => {
          const count = countOf(list.data, id);
          return (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={'tab' + (tab === id ? ' tab--on' : '')}
              onClick={() => changeTab(id)}
              data-testid={`recon-tab-${id}`}
              data-count={count ?? ''}
            >
              {t(`recon.tab.${id}`)}
              {count !== null && <span className="recon__count">{int(count)}</span>}
            </button>
          );
        })}
      </div>

      <p className="recon__keys muted" data-testid="recon-shortcuts">
        <kbd>↑</kbd>
        <kbd>↓</kbd> {t('recon.keyMove')} · <kbd>A</kbd> {t('recon.keyAccept')} · <kbd>R</kbd> {t('recon.keyReject')} · <kbd>U</kbd> {t('recon.keyUndo')} · <kbd>S</kbd>{' '}
        {t('recon.keySplit')}
      </p>

      {done && (
        <p className="recon__done" role="status" data-testid="recon-done">
          <Icon name="payment" size={14} /> {t(done.key, { entry: done.entry })}
        </p>
      )}
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}

      {!list.data ? (
        !list.error && <Loading />
      ) : total === 0 ? (
        <p className="empty card" data-testid="recon-empty">
          {t('recon.emptyAll')}
        </p>
      ) : entries.length === 0 ? (
        <p className="empty card" data-testid="recon-empty">
          {t(`recon.empty.${tab}`)}
        </p>
      ) : (
        <div className="recon__body" aria-busy={list.loading || busy}>
          <section className="card card--flush recon__list">
            <table className="table table--hover recon__table" data-testid="recon-list">
              <thead>
                <tr>
                  <th>{t('recon.col.date')}</th>
                  <th>{t('recon.col.payerText')}</th>
                  <th className="num">{t('recon.col.amount')}</th>
                  <th>{t('recon.col.status')}</th>
                  <th>{t('recon.col.invoices')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <EntryRow
                    key={e.id}
                    entry={e}
                    selected={selected?.id === e.id}
                    onSelect={() => select(e.id)}
                    rowRef={(el) => {
                      if (el) rows.current.set(e.id, el);
                      else rows.current.delete(e.id);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </section>
          {selected ? (
            <EntryDetail
              key={selected.id}
              entry={selected}
              busy={busy}
              error={actionError}
              rememberIban={rememberIban}
              onRememberIban={setRememberIban}
              splitting={splitting === selected.id}
              onAccept={() => accept(selected)}
              onReject={() => reject(selected)}
              onUndo={() => undo(selected)}
              onSplit={() => setSplitting(selected.id)}
              onCloseSplit={() => setSplitting(null)}
              onSplitDone={(now) => {
                setSplitting(null);
                setDone({ key: 'recon.doneSplit', entry: selected.entry });
                setSelectedId(nextSelection(entries, selected.id, now.status, tab));
                list.reload();
              }}
            />
          ) : (
            <p className="empty card">{t('recon.selectOne')}</p>
          )}
        </div>
      )}
    </div>
  );
}

function EntryRow({ entry: e, selected, onSelect, rowRef }: { entry: BankEntryDto; selected: boolean; onSelect: () => void; rowRef: (el: HTMLTableRowElement | null) => void }) {
  const { date, money, percent } = useI18n();
  const invoices = invoicesOf(e);
  const text = e.reference || e.remittance;
  return (
    <tr
      ref={rowRef}
      className={'clickable recon__row' + (selected ? ' recon__row--selected' : '')}
      onClick={onSelect}
      aria-selected={selected}
      data-testid="recon-entry"
      data-id={e.id}
      data-status={e.status}
      data-entry={e.entry}
      data-iban={e.iban ? 'yes' : 'no'}
    >
      <td className="recon__date">{date(e.booking_date)}</td>
      <td className="recon__text">
        <span className="ellipsis recon__payer" title={e.name}>
          {e.name || '—'}
        </span>
        <span className={'ellipsis muted' + (e.reference ? ' mono' : '')} title={text}>
          {text || '—'}
        </span>
        {e.suggestion && e.status !== 'unmatched' && (
          <span className="recon__reason subtle ellipsis" title={e.suggestion.reason}>
            {e.suggestion.reason}
          </span>
        )}
      </td>
      <td className={'num amount' + (e.amount.amount.startsWith('-') ? ' text-red' : '')}>{money(e.amount)}</td>
      <td>
        <StatusBadge status={e.status} />
        {e.suggestion && e.status !== 'unmatched' && e.status !== 'confirmed' && (
          <span className="recon__confidence muted" data-testid="entry-confidence">
            {percent(e.suggestion.confidence)}
          </span>
        )}
      </td>
      <td className="mono recon__invoices">{invoices.join(', ') || '—'}</td>
    </tr>
  );
}

function EntryDetail(props: {
  entry: BankEntryDto;
  busy: boolean;
  error: ApiError | null;
  rememberIban: boolean;
  onRememberIban: (on: boolean) => void;
  splitting: boolean;
  onAccept: () => void;
  onReject: () => void;
  onUndo: () => void;
  onSplit: () => void;
  onCloseSplit: () => void;
  onSplitDone: (now: BankEntryDto) => void;
}) {
  const { t, date, money, percent } = useI18n();
  const { entry: e, busy } = props;
  const s = e.suggestion;
  return (
    <section className="card recon__detail" data-testid="recon-detail" data-id={e.id} data-status={e.status}>
      <header className="recon__detail-head">
        <div>
          <h2 className="card__title">{e.name || t('recon.noName')}</h2>
          <span className="ref">{e.entry}</span>
        </div>
        <span className={'amount amount--strong recon__detail-amount' + (e.amount.amount.startsWith('-') ? ' text-red' : '')} data-testid="detail-amount">
          {money(e.amount)}
        </span>
      </header>
      <dl className="facts recon__facts">
        <div>
          <dt>{t('recon.booked')}</dt>
          <dd>
            {date(e.booking_date)}
            {e.value_date !== e.booking_date && <span className="muted"> · {t('recon.valueDate', { date: date(e.value_date) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('recon.iban')}</dt>
          <dd className="mono">{e.iban || '—'}</dd>
        </div>
        {e.reference && (
          <div>
            <dt>{t('recon.reference')}</dt>
            <dd className="mono">{e.reference}</dd>
          </div>
        )}
        <div>
          <dt>{t('recon.remittance')}</dt>
          <dd>{e.remittance || '—'}</dd>
        </div>
        <div>
          <dt>{t('recon.col.status')}</dt>
          <dd>
            <StatusBadge status={e.status} />
            {s && (e.status === 'suggested' || e.status === 'auto') && <span className="muted"> {t('recon.confidence', { value: percent(s.confidence) })}</span>}
          </dd>
        </div>
      </dl>

      {s && e.status !== 'unmatched' && (
        <div className="recon__proposal" data-testid="detail-suggestion">
          <h3 className="recon__subtitle">{e.status === 'suggested' ? t('recon.proposal') : t('recon.applied')}</h3>
          {s.customer && (
            <p>
              <Link to={`/customers/${s.customer.id}`} className="row-link" data-testid="detail-customer">
                {s.customer.name}
              </Link>{' '}
              <span className="ref">{s.customer.number}</span>
            </p>
          )}
          <p className="recon__why" data-testid="detail-reason">
            {s.reason}
          </p>
          {e.status === 'suggested' && (
            <table className="table table--compact">
              <tbody>
                {s.allocations.map((a) => (
                  <tr key={a.invoice} data-testid="detail-proposed">
                    <td className="mono">{a.invoice}</td>
                    <td className="num amount">{money(a.amount)}</td>
                  </tr>
                ))}
                {s.write_offs.map((a) => (
                  <tr key={`w-${a.invoice}`} data-testid="detail-write-off">
                    <td>
                      <span className="mono">{a.invoice}</span> <span className="muted">{t('recon.writeOff')}</span>
                    </td>
                    <td className="num amount">{money(a.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {e.allocations.length > 0 && (
        <div className="recon__allocations">
          <h3 className="recon__subtitle">{t('recon.allocations')}</h3>
          <table className="table table--compact">
            <tbody>
              {e.allocations.map((a, n) => (
                <tr key={n} className={a.reversed_on ? 'recon__undone' : ''} data-testid="detail-allocation" data-undone={a.reversed_on ? 'yes' : 'no'}>
                  <td>
                    <span className="mono recon__alloc-invoice">{a.invoice}</span>
                    {a.write_off && <span className="muted"> {t('recon.writeOff')}</span>}
                  </td>
                  <td className="num amount recon__alloc-amount">{money(a.amount)}</td>
                  <td className="muted">{a.reversed_on ? t('recon.undoneOn', { date: date(a.reversed_on) }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {e.status === 'outgoing' && <p className="muted">{t('recon.outgoing')}</p>}
      {e.status === 'unmatched' && !props.splitting && <p className="muted">{t('recon.unmatchedHint')}</p>}

      {canAccept(e) && offersIban(e) && (
        <label className="recon__remember">
          <input type="checkbox" checked={props.rememberIban} onChange={(ev) => props.onRememberIban(ev.target.checked)} data-testid="detail-remember-iban" />
          {t('recon.rememberIban', { iban: e.iban, customer: s?.customer?.name ?? '—' })}
        </label>
      )}

      {!props.splitting && (
        <div className="recon__actions">
          {canAccept(e) && (
            <button type="button" className="btn btn--primary" onClick={props.onAccept} disabled={busy} data-testid="detail-accept">
              {t('recon.accept')} <kbd>A</kbd>
            </button>
          )}
          {canReject(e) && (
            <button type="button" className="btn" onClick={props.onReject} disabled={busy} data-testid="detail-reject">
              {t('recon.reject')} <kbd>R</kbd>
            </button>
          )}
          {canSplit(e) && (
            <button type="button" className="btn" onClick={props.onSplit} disabled={busy} data-testid="detail-split">
              {t('recon.split')} <kbd>S</kbd>
            </button>
          )}
          {canUndo(e) && (
            <button type="button" className="btn" onClick={props.onUndo} disabled={busy} data-testid="detail-undo">
              <Icon name="back" size={14} /> {t('recon.undo')} <kbd>U</kbd>
            </button>
          )}
        </div>
      )}
      {props.error && <ErrorNotice error={props.error} testId="detail-error" />}
      {props.splitting && <SplitForm entry={e} onCancel={props.onCloseSplit} onDone={props.onSplitDone} />}
    </section>
  );
}

function StatementImport({ onImported }: { onImported: () => void }) {
  const { t, int } = useI18n();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatementImportDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const browse = () => {
    api.pickStatementFile().then(
      (picked) => {
        if (picked) {
          setPath(picked);
          setResult(null);
          setError(null);
        }
      },
      (e: ApiError) => setError(e),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setResult(null);
    setError(null);
    api.importStatement(path.trim()).then(
      (r) => {
        setBusy(false);
        setResult(r);
        onImported();
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <form className="card form recon__import" onSubmit={submit}>
      <label className="field">
        <span className="field__label">{t('recon.statement')}</span>
        <div className="import__path">
          <input
            className="input mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={t('recon.statementPlaceholder')}
            spellCheck={false}
            data-testid="statement-path"
          />
          <button type="button" className="btn" onClick={browse} disabled={busy} data-testid="statement-browse">
            <Icon name="upload" size={14} />
            {t('import.browse')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy || !path.trim()} data-testid="statement-import">
            {busy ? t('recon.importing') : t('recon.import')}
          </button>
        </div>
      </label>
      {result && (
        <p className="recon__imported" data-testid="statement-result" data-added={result.added} data-already={result.already_there}>
          <Icon name="payment" size={14} />{' '}
          {t(result.entries === 1 ? 'recon.importedOne' : 'recon.imported', { file: result.file, format: result.format, entries: int(result.entries), added: int(result.added), already: int(result.already_there) })}
          {result.pending > 0 && <> {t('recon.importedPending', { pending: int(result.pending) })}</>}
        </p>
      )}
      {result && result.warnings.length > 0 && (
        <ul className="recon__warnings" data-testid="statement-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{t('recon.importWarning', { warning: w })}</li>
          ))}
        </ul>
      )}
      {error && <ErrorNotice error={error} testId="statement-error" />}
    </form>
  );
}

function MatchSettings() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<MatchSettingsDto | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    setSaved(false);
    setError(null);
    if (next) api.matchSettings().then(setForm, (e: ApiError) => setError(e));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    setError(null);
    api.saveMatchSettings(form).then(
      (kept) => {
        setForm(kept);
        setSaved(true);
      },
      (e: ApiError) => setError(e),
    );
  };

  return (
    <div className="recon__settings">
      <button type="button" className="btn btn--small btn--ghost" onClick={toggle} aria-expanded={open} data-testid="recon-settings-toggle">
        <Icon name="settings" size={14} /> {t('recon.settings')}
      </button>
      {open && (
        <form className="recon__settings-form" onSubmit={save} data-testid="recon-settings">
          {form && (
            <>
              <label className="field">
                <span className="field__label">{t('recon.threshold')}</span>
                <input className="input input--rate" value={form.auto_threshold} onChange={(e) => setForm({ ...form, auto_threshold: e.target.value })} data-testid="recon-threshold" />
                <span className="field__hint">{t('recon.thresholdHint')}</span>
              </label>
              <label className="field">
                <span className="field__label">{t('recon.feeTolerance')}</span>
                <input className="input input--fee" value={form.fee_tolerance} onChange={(e) => setForm({ ...form, fee_tolerance: e.target.value })} data-testid="recon-fee" />
                <span className="field__hint">{t('recon.feeToleranceHint')}</span>
              </label>
              <div className="form__actions">
                <button type="submit" className="btn btn--small btn--primary" data-testid="recon-settings-save">
                  {t('recon.save')}
                </button>
                {saved && (
                  <span className="muted" data-testid="recon-settings-saved">
                    {t('recon.saved')}
                  </span>
                )}
              </div>
            </>
          )}
          {error && <ErrorNotice error={error} testId="recon-settings-error" />}
        </form>
      )}
    </div>
  );
}
