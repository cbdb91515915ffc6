import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ApiError, TimelineEventDto, TimelineKindDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { KindMarker } from '../../components/KindMarker';
import { TIMELINE_KINDS, kindLabelKey } from '../../components/kinds';
import { useI18n } from '../../i18n/I18nProvider';

export const PAGE_SIZE = 25;

interface Loaded {
  key: string;
  events: TimelineEventDto[];
  total: number;
  error?: ApiError;
  more?: boolean;
  /** Loaded because the user just recorded something: the first event is the new one. */
  fresh?: boolean;
}

/**
 * A customer's timeline, newest first, a page at a time. `version` changes after the user
 * records something: the timeline reloads from the top, and the newest event is highlighted.
 */
export function Timeline({ customerId, version }: { customerId: number; version: number }) {
  const { t, int } = useI18n();
  const { asOf, reportError } = useSession();
  const [kinds, setKinds] = useState<TimelineKindDto[]>([]);
  const [state, setState] = useState<Loaded>({ key: '', events: [], total: 0 });
  const key = `${customerId}|${asOf ?? ''}|${kinds.join(',')}|${version}`;
  const report = useEffectEvent(reportError);
  const fetchFirst = useEffectEvent(() => api.timeline({ customer_id: customerId, kinds, offset: 0, limit: PAGE_SIZE }, asOf));
  const seenVersion = useRef(version);

  useEffect(() => {
    let live = true;
    const fresh = seenVersion.current !== version;
    seenVersion.current = version;
    fetchFirst().then(
      (page) => {
        if (live) setState({ key, events: page.events, total: page.total, fresh });
      },
      (e: unknown) => {
        if (!live) return;
        const error = toApiError(e);
        setState({ key, events: [], total: 0, error });
        report(error);
      },
    );
    return () => {
      live = false;
    };
  }, [key, version]);

  const loadMore = () => {
    const at = state;
    setState({ ...at, more: true, error: undefined });
    api.timeline({ customer_id: customerId, kinds, offset: at.events.length, limit: PAGE_SIZE }, asOf).then(
      (page) => setState((s) => (s.key === at.key ? { key: s.key, events: [...s.events, ...page.events], total: page.total } : s)),
      (e: unknown) => {
        const error = toApiError(e);
        setState((s) => (s.key === at.key ? { ...s, more: false, error } : s));
        reportError(error);
      },
    );
  };

  const toggle = (kind: TimelineKindDto) =>
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : TIMELINE_KINDS.filter((k) => k === kind || current.includes(k))));

  const loading = state.key !== key;

  return (
    <section className="card" data-testid="customer-timeline">
      <header className="card__head card__head--inset">
        <h2 className="card__title">{t('timeline.title')}</h2>
        {!loading && state.total > 0 && (
          <span className="card__note" data-testid="timeline-count">
            {t('timeline.shown', { shown: int(state.events.length), total: int(state.total) })}
          </span>
        )}
      </header>
      <div className="chips" role="group" aria-label={t('timeline.filter')}>
        <button
          type="button"
          className={'chip' + (kinds.length === 0 ? ' chip--on' : '')}
          aria-pressed={kinds.length === 0}
          onClick={() => setKinds([])}
          data-testid="timeline-filter-all"
        >
          {t('common.all')}
        </button>
        {TIMELINE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={'chip' + (kinds.includes(k) ? ' chip--on' : '')}
            aria-pressed={kinds.includes(k)}
            onClick={() => toggle(k)}
            data-testid={`timeline-filter-${k}`}
          >
            <span className={`chip__dot kind-${k}`} aria-hidden="true" />
            {t(kindLabelKey(k))}
          </button>
        ))}
      </div>

      {state.error && !loading && state.events.length === 0 ? (
        <ErrorNotice error={state.error} />
      ) : loading && state.events.length === 0 ? (
        <Loading />
      ) : state.events.length === 0 ? (
        <p className="empty">{kinds.length ? t('timeline.emptyFiltered') : t('timeline.empty')}</p>
      ) : (
        <ol className={'timeline' + (loading ? ' is-stale' : '')} aria-busy={loading}>
          {state.events.map((e, i) => (
            <TimelineItem key={`${e.date}-${e.kind}-${i}`} event={e} fresh={Boolean(state.fresh) && i === 0 && !loading} />
          ))}
        </ol>
      )}

      {state.error && state.events.length > 0 && <ErrorNotice error={state.error} />}
      {!loading && state.events.length < state.total && (
        <div className="timeline__more">
          <button type="button" className="btn" onClick={loadMore} disabled={state.more} data-testid="timeline-load-more">
            {state.more ? t('common.loading') : t('timeline.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}

function TimelineItem({ event: e, fresh }: { event: TimelineEventDto; fresh: boolean }) {
  const { t, money, date } = useI18n();
  const dueText =
    e.due_date && e.due_date !== e.date
      ? e.kind === 'promise'
        ? t('timeline.payBy', { date: date(e.due_date) })
        : e.kind === 'invoice_issued' || e.kind === 'credit_note_issued'
          ? t('timeline.dueOn', { date: date(e.due_date) })
          : null
      : null;
  return (
    <li className={'timeline__item' + (fresh ? ' timeline__item--new' : '')} data-testid="customer-timeline-event" data-kind={e.kind}>
      <KindMarker kind={e.kind} />
      <div className="timeline__body">
        <div className="timeline__line">
          <span className="timeline__kind">{t(kindLabelKey(e.kind))}</span>
          {e.invoice && <span className="timeline__invoice mono">{e.invoice}</span>}
          {e.amount && <span className="amount timeline__amount">{money(e.amount)}</span>}
          {dueText && <span className="timeline__due">{dueText}</span>}
          <time className="timeline__date" dateTime={e.date}>
            {date(e.date, 'medium')}
          </time>
        </div>
        {e.text && <p className="timeline__text">{e.text}</p>}
        {e.resolved_on && <span className="badge badge--green">{t('timeline.resolved', { date: date(e.resolved_on) })}</span>}
      </div>
    </li>
  );
}
