import { Suspense, lazy, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, CustomerDetailDto, DunningStopDto, ProfileDto, SegmentDto, ShareDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import type { Loaded } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { SegmentBadge } from '../../components/SegmentBadge';
import { SEGMENTS } from '../../components/segments';
import { useI18n } from '../../i18n/I18nProvider';
import { reasonText } from './behaviour';
import { OPEN_COLOUR, PAID_COLOUR } from './chartColours';

// ECharts is loaded when the panel shows, as the dashboard's chart is.
const LatenessChart = lazy(() => import('./LatenessChart').then((m) => ({ default: m.LatenessChart })));

/**
 * A customer's behaviour: its segment (by the rules or by hand, with the reasons), the figures
 * it rests on ("n of m"), the evidence (days late per invoice), and the dunning stops in force.
 */
export function BehaviourPanel({
  customer,
  profile,
  stops,
}: {
  customer: CustomerDetailDto;
  profile: Loaded<ProfileDto>;
  stops: Loaded<DunningStopDto[]>;
}) {
  const { t, date, int } = useI18n();
  const p = profile.data;
  return (
    <section className="card behaviour" data-testid="behaviour-panel" aria-busy={profile.loading}>
      <header className="card__head card__head--inset">
        <h2 className="card__title">{t('behaviour.title')}</h2>
        {p && <span className="card__note">{t('behaviour.basis', { date: date(p.as_of), count: int(p.invoices) })}</span>}
      </header>
      {profile.error && <ErrorNotice error={profile.error} onRetry={profile.reload} />}
      {!p && !profile.error && <Loading />}
      {p && (
        <>
          <div className="behaviour__top">
            <SegmentBlock customerId={customer.id} profile={p} onChanged={profile.reload} />
            <div className="behaviour__evidence">
              <div className="behaviour__evidence-head">
                <span className="behaviour__label">{t('behaviour.evidence')}</span>
                <span className="behaviour__legend">
                  <span className="dot" style={{ background: PAID_COLOUR }} aria-hidden="true" /> {t('behaviour.paid')}
                  <span className="dot dot--ring" style={{ borderColor: OPEN_COLOUR }} aria-hidden="true" /> {t('behaviour.open')}
                </span>
              </div>
              {p.evidence.length === 0 ? (
                <p className="empty">{t('behaviour.noEvidence')}</p>
              ) : (
                <Suspense fallback={<div className="chart__canvas chart__canvas--small" aria-hidden="true" />}>
                  <LatenessChart points={p.evidence} />
                </Suspense>
              )}
              <p className="behaviour__hint">{t('behaviour.evidenceNote')}</p>
            </div>
          </div>
          <Figures p={p} />
        </>
      )}
      <Stops customer={customer} stops={stops} />
    </section>
  );
}

function SegmentBlock({ customerId, profile, onChanged }: { customerId: number; profile: ProfileDto; onChanged: () => void }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const { reportError } = useSession();
  const s = profile.segment;
  const manual = s.manual_since !== null;
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<SegmentDto>(s.segment);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const send = (segment: SegmentDto | null, text: string) => {
    setBusy(true);
    setError(null);
    api.setSegment({ customer_id: customerId, segment, note: text }).then(
      () => {
        setBusy(false);
        setEditing(false);
        setNote('');
        onChanged();
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
        reportError(e);
      },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(choice, note.trim());
  };

  return (
    <div className="behaviour__segment">
      <span className="behaviour__label">{t('behaviour.segment')}</span>
      <div className="behaviour__badges">
        <SegmentBadge segment={s.segment} large testId="behaviour-segment" />
        {manual && (
          <span className="badge badge--accent" data-testid="behaviour-manual">
            {t('behaviour.setByHand')}
          </span>
        )}
      </div>
      {manual ? (
        <div className="behaviour__manual">
          <p>
            {t('behaviour.setOn', { date: date(s.manual_since ?? '') })}
            {s.manual_note && <span data-testid="behaviour-manual-note">: “{s.manual_note}”</span>}
          </p>
          <p className="muted" data-testid="behaviour-rules-say">
            {t('behaviour.rulesSay', { segment: t(`segment.${s.by_rules}`) })}
          </p>
        </div>
      ) : (
        <ul className="behaviour__reasons" aria-label={t('behaviour.why')} data-testid="behaviour-reasons">
          {s.reasons.map((r) => (
            <li key={r.code} data-testid="behaviour-reason" data-code={r.code}>
              {reasonText(r, i18n)}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <form className="form behaviour__form" onSubmit={submit} data-testid="segment-form">
          <label className="field">
            <span className="field__label">{t('behaviour.newSegment')}</span>
            <select className="select" value={choice} onChange={(e) => setChoice(e.target.value as SegmentDto)} data-testid="segment-select">
              {SEGMENTS.map((seg) => (
                <option key={seg} value={seg}>
                  {t(`segment.${seg}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('behaviour.note')}</span>
            <input
              className="input"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('behaviour.notePlaceholder')}
              data-testid="segment-note"
            />
          </label>
          <div className="behaviour__actions">
            <button type="button" className="btn btn--small" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn--small btn--primary" disabled={busy} data-testid="segment-save">
              {t('behaviour.setSegment')}
            </button>
          </div>
        </form>
      ) : (
        <div className="behaviour__actions">
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              setChoice(s.segment);
              setEditing(true);
            }}
            data-testid="segment-change"
          >
            {t('behaviour.change')}
          </button>
          {manual && (
            <button type="button" className="btn btn--small btn--ghost" disabled={busy} onClick={() => send(null, '')} data-testid="segment-rules">
              {t('behaviour.backToRules')}
            </button>
          )}
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

function Figures({ p }: { p: ProfileDto }) {
  const { t, num, int, percent } = useI18n();
  // A figure that rests on nothing shows a dash; its note says what it would rest on.
  const none = <span title={t('behaviour.noData')}>—</span>;
  const share = (s: ShareDto) => (s.percent === null ? none : percent(s.percent / 100));
  const nOfM = (s: ShareDto, late = false) => t(late ? 'behaviour.nOfMLate' : 'behaviour.nOfM', { count: int(s.count), of: int(s.of) });
  const trend =
    p.trend === null
      ? none
      : p.trend > 0
        ? t('behaviour.later', { days: num(p.trend) })
        : p.trend < 0
          ? t('behaviour.earlier', { days: num(-p.trend) })
          : t('behaviour.steady');
  const reliability = p.promise_reliability;
  return (
    <dl className="figures figures--behaviour" data-testid="behaviour-figures">
      <div className="figure" data-testid="figure-days-late">
        <dt>{t('behaviour.daysLate')}</dt>
        <dd>
          {p.days_late === null ? none : t('behaviour.daysLateValue', { days: num(p.days_late) })}
          {p.spread !== null && <span className="figure__spread"> {t('behaviour.spread', { days: num(p.spread) })}</span>}
        </dd>
        <dd className="figure__note">
          {t('behaviour.onInvoices', { count: int(p.invoices) })} · {t('behaviour.weighted')}
        </dd>
      </div>
      <div className={'figure' + (p.trend !== null && p.trend > 0 ? ' figure--alert' : '')} data-testid="figure-trend">
        <dt>{t('behaviour.trend')}</dt>
        <dd>{trend}</dd>
        <dd className="figure__note">{t('behaviour.trendNote')}</dd>
      </div>
      <div className="figure" data-testid="figure-after-reminder">
        <dt>{t('behaviour.afterReminder')}</dt>
        <dd>{share(p.paid_after_reminder)}</dd>
        <dd className="figure__note">{nOfM(p.paid_after_reminder, true)}</dd>
      </div>
      <div className="figure" data-testid="figure-partial">
        <dt>{t('behaviour.partial')}</dt>
        <dd>{share(p.partial_payments)}</dd>
        <dd className="figure__note">{nOfM(p.partial_payments)}</dd>
      </div>
      <div className="figure" data-testid="figure-promises">
        <dt>{t('behaviour.promises')}</dt>
        <dd>{reliability.of === 0 ? none : t('behaviour.promisesValue', { kept: int(reliability.count), of: int(reliability.of) })}</dd>
        <dd className="figure__note">{t('behaviour.promisesNote', { broken: int(p.promises_broken), live: int(p.promises_live) })}</dd>
      </div>
      <div className={'figure' + (p.open_disputes > 0 ? ' figure--alert' : '')} data-testid="figure-disputed">
        <dt>{t('behaviour.disputed')}</dt>
        <dd>{share(p.disputed)}</dd>
        <dd className="figure__note">
          {nOfM(p.disputed)} · {t('behaviour.openDisputes', { count: int(p.open_disputes) })}
        </dd>
      </div>
    </dl>
  );
}

function Stops({ customer, stops }: { customer: CustomerDetailDto; stops: Loaded<DunningStopDto[]> }) {
  const { t, date } = useI18n();
  const { reportError } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const list = stops.data ?? [];
  const numberOf = (invoiceId: number) => customer.open_invoices.find((i) => i.id === invoiceId)?.number ?? `#${invoiceId}`;
  const customerStopped = list.some((s) => s.invoice_id === null);

  const failed = (e: ApiError) => {
    setBusy(false);
    setError(e);
    reportError(e);
  };

  const stop = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.stopDunning({ customer_id: customer.id, invoice_id: null, reason: reason.trim() }).then(() => {
      setBusy(false);
      setOpen(false);
      setReason('');
      stops.reload();
    }, failed);
  };

  const lift = (id: number) => {
    setBusy(true);
    setError(null);
    api.liftDunningStop(id).then(() => {
      setBusy(false);
      stops.reload();
    }, failed);
  };

  return (
    <div className="behaviour__stops" data-testid="stops">
      <div className="behaviour__stops-head">
        <span className="behaviour__label">{t('stops.title')}</span>
        {!open && !customerStopped && (
          <button type="button" className="btn btn--small" onClick={() => setOpen(true)} data-testid="stop-customer">
            {t('stops.stopCustomer')}
          </button>
        )}
      </div>
      {stops.error && <ErrorNotice error={stops.error} onRetry={stops.reload} />}
      {open && (
        <form className="stop-form" onSubmit={stop} data-testid="stop-customer-form">
          <input
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('stops.reasonPlaceholder')}
            aria-label={t('stops.reason')}
            required
            data-testid="stop-customer-reason"
          />
          <button type="button" className="btn btn--small" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--small btn--primary" disabled={busy || !reason.trim()} data-testid="stop-customer-submit">
            {t('stops.confirm')}
          </button>
        </form>
      )}
      {list.length === 0 ? (
        !open && <p className="muted">{t('stops.none')}</p>
      ) : (
        <ul className="stops">
          {list.map((s) => (
            <li key={s.id} className="stops__item" data-testid="stop">
              <span className="badge badge--red">{s.invoice_id === null ? t('stops.customer') : t('stops.invoice', { number: numberOf(s.invoice_id) })}</span>
              <span className="stops__reason">{s.reason}</span>
              <span className="muted">{t('stops.since', { date: date(s.since) })}</span>
              <button type="button" className="btn btn--small btn--ghost" disabled={busy} onClick={() => lift(s.id)} data-testid="stop-lift">
                {t('stops.lift')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
