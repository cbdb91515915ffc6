import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ApiError, DunningRunDto, PausedCustomerDto, WorkEntryDto, WorklistDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { DaysOverdue, ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { SegmentBadge } from '../../components/SegmentBadge';
import { ACTION_ICONS } from '../../components/segments';
import { DayPicker } from '../../components/DayPicker';
import { todayIso } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { ReviewSummary } from './model';
import { actionable, effectiveAction, fileName, pauseText, reviewSummary } from './model';

interface Ran {
  day: string;
  result: DunningRunDto;
  /** The entries as reviewed, for the customers' names. */
  entries: WorkEntryDto[];
}

/**
 * The day's actions by customer. The user ticks entries, reviews what will happen, confirms;
 * only then is anything done. The result stays on top of the refreshed list.
 */
export function Worklist() {
  const { t, int } = useI18n();
  const { asOfDay, reportError } = useSession();
  // The day follows the top bar's "as of" until the user picks another one here.
  const [picked, setDay] = useState<string | null>(null);
  const day = picked ?? asOfDay;
  const query = day === todayIso() ? null : day;
  const list = useLoad(`worklist:${day}`, () => api.worklist(query));
  const [selected, setSelected] = useState<{ day: string; ids: Set<number> }>({ day, ids: new Set() });
  const ids = useMemo(() => (selected.day === day ? selected.ids : new Set<number>()), [selected, day]);
  const [reviewing, setReviewing] = useState(false);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [ran, setRan] = useState<Ran | null>(null);

  const entries = useMemo(() => list.data?.customers ?? [], [list.data]);
  const summary = useMemo(() => reviewSummary(entries, ids), [entries, ids]);

  const toggle = (id: number, on: boolean) => {
    const next = new Set(ids);
    if (on) next.add(id);
    else next.delete(id);
    setSelected({ day, ids: next });
  };

  const run = () => {
    setRunning(true);
    setRunError(null);
    const reviewed = summary.customers;
    api.runDunning({ as_of: day, customer_ids: reviewed.map((e) => e.customer_id) }).then(
      (result) => {
        setRunning(false);
        setReviewing(false);
        setRan({ day, result, entries: reviewed });
        setSelected({ day, ids: new Set() });
        list.reload();
      },
      (e: ApiError) => {
        setRunning(false);
        setRunError(e);
        reportError(e);
      },
    );
  };

  if (reviewing) {
    return <Review summary={summary} day={day} running={running} error={runError} onBack={() => setReviewing(false)} onConfirm={run} />;
  }

  return (
    <div className="worklist" data-testid="worklist" aria-busy={list.loading}>
      {ran && <Result ran={ran} onClose={() => setRan(null)} />}
      <div className="toolbar worklist__toolbar">
        <span className="toolbar__field">
          {t('collections.day')}
          <DayPicker value={day} onChange={setDay} label={t('collections.day')} testId="worklist-day" />
        </span>
        {list.data && (
          <span className="muted" data-testid="worklist-summary">
            {t('collections.summary', { count: int(list.data.customers.length), paused: int(list.data.paused.length) })}
          </span>
        )}
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => setSelected({ day, ids: new Set(entries.filter(actionable).map((e) => e.customer_id)) })}
          disabled={!entries.some(actionable)}
          data-testid="worklist-select-all"
        >
          {t('collections.selectAll')}
        </button>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => setSelected({ day, ids: new Set() })}
          disabled={ids.size === 0}
          data-testid="worklist-select-none"
        >
          {t('collections.selectNone')}
        </button>
        <span className="worklist__count" data-testid="worklist-selected">
          {t('collections.selected', { count: int(summary.customers.length) })}
        </span>
        <button
          type="button"
          className="btn btn--primary"
          disabled={summary.customers.length === 0}
          onClick={() => {
            setRunError(null);
            setReviewing(true);
          }}
          data-testid="worklist-review"
        >
          {t('collections.review')}
        </button>
      </div>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data ? <Entries data={list.data} selected={ids} onToggle={toggle} /> : !list.error && <Loading />}
    </div>
  );
}

function Entries({ data, selected, onToggle }: { data: WorklistDto; selected: ReadonlySet<number>; onToggle: (id: number, on: boolean) => void }) {
  const { t } = useI18n();
  return (
    <>
      {data.customers.length === 0 ? (
        <p className="empty card">{t('collections.empty')}</p>
      ) : (
        <ul className="entries">
          {data.customers.map((e) => (
            <Entry key={e.customer_id} entry={e} checked={selected.has(e.customer_id) && actionable(e)} onToggle={onToggle} />
          ))}
        </ul>
      )}
      {data.paused.length > 0 && <PausedCustomers paused={data.paused} />}
    </>
  );
}

/** "Step 2 of 5 · E-mail · Reminder · fee €7.50". */
function ActionLine({ entry }: { entry: WorkEntryDto }) {
  const { t, money } = useI18n();
  const a = entry.action;
  if (!a) return <span className="action action--none">{t('collections.noAction')}</span>;
  const action = effectiveAction(entry) ?? a.action;
  return (
    <span className={`action action--${action}`} data-testid="entry-action" data-action={action}>
      <Icon name={ACTION_ICONS[action]} size={14} />
      <span className="action__what">{t(`action.${action}`)}</span>
      <span className="action__sep"> · </span>
      <span>{t(`template.${a.template}`)}</span>
      <span className="action__sep"> · </span>
      <span className="muted">{t('collections.step', { step: a.step, of: a.steps_in_policy })}</span>
      {a.fee && (
        <>
          <span className="action__sep"> · </span>
          <span>{t('collections.fee', { fee: money(a.fee) })}</span>
        </>
      )}
      {a.claim_interest && (
        <>
          <span className="action__sep"> · </span>
          <span>{t('collections.claimsInterest')}</span>
        </>
      )}
      {a.email_missing && (
        <span className="badge badge--orange" data-testid="entry-email-missing">
          {t('collections.letterInstead')}
        </span>
      )}
    </span>
  );
}

function Entry({ entry, checked, onToggle }: { entry: WorkEntryDto; checked: boolean; onToggle: (id: number, on: boolean) => void }) {
  const i18n = useI18n();
  const { t, money, date, int } = i18n;
  return (
    <li className={'entry card' + (checked ? ' entry--selected' : '')} data-testid="worklist-entry" data-customer={entry.customer_id} data-has-action={entry.action ? 'yes' : 'no'} data-alerts={entry.alerts.length}>
      <div className="entry__head">
        <input
          type="checkbox"
          className="entry__check"
          checked={checked}
          disabled={!actionable(entry)}
          onChange={(e) => onToggle(entry.customer_id, e.target.checked)}
          aria-label={entry.customer_name}
          data-testid="entry-select"
        />
        <div className="entry__who">
          <Link to={`/customers/${entry.customer_id}`} className="row-link entry__name" data-testid="entry-customer">
            {entry.customer_name}
          </Link>
          <span className="ref">{entry.customer_number}</span>
          <SegmentBadge segment={entry.segment} />
        </div>
        <div className="entry__total">
          <span className="entry__total-label">{t('collections.total')}</span>
          <span className="amount amount--strong">{money(entry.total)}</span>
        </div>
      </div>
      <div className="entry__action">
        <ActionLine entry={entry} />
      </div>
      {entry.items.length > 0 && (
        <table className="table table--compact entry__items">
          <thead>
            <tr>
              <th>{t('col.invoice')}</th>
              <th>{t('col.dueDate')}</th>
              <th className="num">{t('col.daysLate')}</th>
              <th className="num">{t('col.open')}</th>
              <th>{t('col.stepDue')}</th>
            </tr>
          </thead>
          <tbody>
            {entry.items.map((i) => (
              <tr key={i.invoice_id} data-testid="entry-item">
                <td className="mono">{i.number}</td>
                <td>{date(i.due_date)}</td>
                <td className="num">{i.days_late < 0 ? <span className="muted">{int(i.days_late)}</span> : <DaysOverdue days={i.days_late} />}</td>
                <td className="num amount">{money(i.open)}</td>
                <td className="muted">
                  {i.step_due !== null
                    ? t('collections.stepN', { step: i.step_due })
                    : i.last_step !== null
                      ? t('collections.lastStep', { step: i.last_step })
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entry.paused_items.length > 0 && (
        <div className="entry__paused">
          <span className="entry__paused-label">{t('collections.pausedItems')}</span>
          <ul>
            {entry.paused_items.map((p) => (
              <li key={p.invoice_id} data-testid="entry-paused-item" data-kind={p.why.kind}>
                <span className="mono">{p.number}</span> <span className="amount">{money(p.open)}</span> — {pauseText(p.why, i18n)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {entry.alerts.map((a, n) => (
        <p key={n} className="entry__alert" data-testid="entry-alert">
          <Icon name="alert" size={14} />
          {t('collections.brokenPromise', {
            promised: money(a.promised),
            due: date(a.due),
            made: date(a.made_on),
            received: money(a.received),
          })}
        </p>
      ))}
    </li>
  );
}

function PausedCustomers({ paused }: { paused: PausedCustomerDto[] }) {
  const i18n = useI18n();
  const { t, money } = i18n;
  return (
    <section className="card card--flush worklist__paused" data-testid="worklist-paused">
      <header className="card__head">
        <h2 className="card__title">{t('collections.pausedCustomers')}</h2>
        <span className="card__note">{t('collections.pausedCustomersNote')}</span>
      </header>
      <table className="table">
        <tbody>
          {paused.map((p) => (
            <tr key={p.customer_id} data-testid="paused-customer">
              <td className="ellipsis">
                <Link to={`/customers/${p.customer_id}`} className="row-link">
                  {p.customer_name}
                </Link>{' '}
                <span className="ref">{p.customer_number}</span>
              </td>
              <td className="paused__why">{pauseText(p.why, i18n)}</td>
              <td className="num amount amount--strong">{money(p.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Review({
  summary,
  day,
  running,
  error,
  onBack,
  onConfirm,
}: {
  summary: ReviewSummary;
  day: string;
  running: boolean;
  error: ApiError | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t, int, date, money } = useI18n();
  const counts: { key: 'review.letters' | 'review.emails' | 'review.calls' | 'review.escalations' | 'review.alerts'; value: number; id: string }[] = [
    { key: 'review.letters', value: summary.letters, id: 'letters' },
    { key: 'review.emails', value: summary.emails, id: 'emails' },
    { key: 'review.calls', value: summary.calls, id: 'calls' },
    { key: 'review.escalations', value: summary.escalations, id: 'escalations' },
    { key: 'review.alerts', value: summary.alerts, id: 'alerts' },
  ];
  return (
    <section className="card review" data-testid="review">
      <header className="card__head card__head--inset">
        <h2 className="card__title">{t('review.title')}</h2>
        <span className="card__note">{date(day, 'long')}</span>
      </header>
      <p>{t(summary.customers.length === 1 ? 'review.textOne' : 'review.text', { count: int(summary.customers.length) })}</p>
      <dl className="review__counts">
        {counts.map((c) => (
          <div key={c.id} className={'review__count' + (c.value === 0 ? ' review__count--zero' : '')} data-testid={`review-${c.id}`}>
            <dt>{t(c.key)}</dt>
            <dd>{int(c.value)}</dd>
          </div>
        ))}
      </dl>
      <ul className="review__list" data-testid="review-customers">
        {summary.customers.map((e) => {
          const action = effectiveAction(e);
          return (
            <li key={e.customer_id} data-testid="review-customer">
              <span className="review__name">{e.customer_name}</span>
              <span className="ref">{e.customer_number}</span>
              <span className="review__what">
                {action && e.action ? (
                  <>
                    <Icon name={ACTION_ICONS[action]} size={13} /> {t(`action.${action}`)} · {t(`template.${e.action.template}`)} ·{' '}
                    {t('collections.step', { step: e.action.step, of: e.action.steps_in_policy })}
                  </>
                ) : (
                  t('result.alertOnly')
                )}
              </span>
              <span className="amount">{money(e.total)}</span>
            </li>
          );
        })}
      </ul>
      {error && <ErrorNotice error={error} />}
      <div className="review__actions">
        <button type="button" className="btn" onClick={onBack} disabled={running} data-testid="review-back">
          <Icon name="back" size={14} /> {t('review.back')}
        </button>
        <button type="button" className="btn btn--primary" onClick={onConfirm} disabled={running} data-testid="review-confirm">
          {running ? t('review.running') : t('review.confirm')}
        </button>
      </div>
    </section>
  );
}

function Result({ ran, onClose }: { ran: Ran; onClose: () => void }) {
  const { t, int, date } = useI18n();
  const { reportError } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const { result } = ran;
  const nameOf = (id: number) => ran.entries.find((e) => e.customer_id === id)?.customer_name;
  const openBatch = (path: string) => {
    setError(null);
    api.openDocument(path).catch((e: ApiError) => {
      setError(e);
      reportError(e);
    });
  };
  return (
    <section className="card result" data-testid="run-result">
      <header className="card__head card__head--inset">
        <h2 className="card__title">
          <Icon name="payment" size={15} /> {t('result.title')}
        </h2>
        <button type="button" className="btn btn--small btn--ghost" onClick={onClose} data-testid="result-close">
          {t('result.close')}
        </button>
      </header>
      <p>{t(result.done.length === 1 ? 'result.textOne' : 'result.text', { count: int(result.done.length), date: date(ran.day, 'long') })}</p>
      <ul className="result__done">
        {result.done.map((d) => (
          <li key={d.customer_id} data-testid="result-done" data-customer={d.customer_id}>
            <Link to={`/customers/${d.customer_id}`} className="row-link" data-testid="result-customer">
              {nameOf(d.customer_id) ?? d.customer_number}
            </Link>
            <span className="ref">{d.customer_number}</span>
            <span className="result__what">
              {d.action ? (
                <>
                  <Icon name={ACTION_ICONS[d.action]} size={13} /> {t(`action.${d.action}`)}
                  {d.step !== null && <> · {t('collections.stepN', { step: d.step })}</>}
                </>
              ) : (
                t('result.alertOnly')
              )}
            </span>
            {d.items.length > 0 && <span className="muted result__items">{t(d.items.length === 1 ? 'result.itemsOne' : 'result.items', { count: int(d.items.length), numbers: d.items.join(', ') })}</span>}
          </li>
        ))}
      </ul>
      <div className="result__letters" data-testid="result-letters">
        <span className="behaviour__label">{t('result.letters')}</span>
        {result.letters.length === 0 ? (
          <p className="muted">{t('result.noLetters')}</p>
        ) : (
          <ul className="result__files">
            {result.letters.map((l) => (
              <li key={l} className="mono" title={l} data-testid="result-letter">
                <Icon name="invoice" size={13} /> {fileName(l)}
              </li>
            ))}
          </ul>
        )}
        {result.batch_pdf && (
          <button type="button" className="btn btn--primary" onClick={() => openBatch(result.batch_pdf!)} data-testid="result-open-batch">
            <Icon name="letter" size={14} /> {t('result.openBatch')}
          </button>
        )}
      </div>
      {result.emails_queued > 0 && (
        <p data-testid="result-emails">
          <Icon name="mail" size={14} /> {t(result.emails_queued === 1 ? 'result.emailsOne' : 'result.emails', { count: int(result.emails_queued) })}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
