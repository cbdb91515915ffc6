import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiError, OutboxMessageDto, SendReportDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

const STATES: Record<string, { label: MessageKey; badge: string }> = {
  queued: { label: 'outbox.state.queued', badge: 'badge--neutral' },
  sending: { label: 'outbox.state.sending', badge: 'badge--accent' },
  sent: { label: 'outbox.state.sent', badge: 'badge--green' },
  failed: { label: 'outbox.state.failed', badge: 'badge--red' },
};

/** The e-mails the runs queued: what went, what waits and why; "send now". */
export function OutboxSection() {
  const { t, int } = useI18n();
  const { reportError } = useSession();
  const loaded = useLoad('outbox', api.outbox);
  const [sending, setSending] = useState(false);
  const [report, setReport] = useState<SendReportDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const messages = loaded.data;
  const waiting = messages?.filter((m) => m.state === 'queued' || m.state === 'sending').length ?? 0;

  const send = () => {
    setError(null);
    setReport(null);
    setSending(true);
    api.sendOutbox().then(
      (r) => {
        setSending(false);
        setReport(r);
        loaded.reload();
      },
      (reason: unknown) => {
        const e = toApiError(reason);
        setSending(false);
        setError(e);
        reportError(e);
        loaded.reload();
      },
    );
  };

  return (
    <section className="card settings-section" data-testid="settings-outbox">
      <div className="settings-section__head">
        <Icon name="mail" />
        <div className="outbox__head">
          <div>
            <h2 className="card__title">{t('outbox.title')}</h2>
            <p className="muted">{t('outbox.hint')}</p>
          </div>
          <div className="outbox__actions">
            <button type="button" className="btn btn--small" onClick={loaded.reload} disabled={loaded.loading} data-testid="outbox-refresh">
              {t('outbox.refresh')}
            </button>
            <button type="button" className="btn btn--small btn--primary" onClick={send} disabled={sending || waiting === 0} data-testid="outbox-send">
              {sending ? t('outbox.sending') : t('outbox.send')}
            </button>
          </div>
        </div>
      </div>
      {report && <Report report={report} />}
      {error && <ErrorNotice error={error} testId="outbox-error" />}
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {!messages && !loaded.error && <Loading />}
      {messages && messages.length === 0 && (
        <p className="empty" data-testid="outbox-empty">
          {t('outbox.empty')}
        </p>
      )}
      {messages && messages.length > 0 && (
        <>
          <p className="muted outbox__count" data-testid="outbox-count">
            {t('outbox.count', { count: int(messages.length), waiting: int(waiting) })}
          </p>
          <div className="table-scroll">
            <table className="table table--compact outbox__table" aria-busy={loaded.loading}>
              <thead>
                <tr>
                  <th>{t('outbox.recipient')}</th>
                  <th>{t('outbox.subject')}</th>
                  <th>{t('outbox.attachment')}</th>
                  <th>{t('outbox.state')}</th>
                  <th className="num">{t('outbox.attempts')}</th>
                  <th>{t('outbox.when')}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <Row key={m.id} message={m} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** An instant (RFC 3339) in the user's language and time zone. */
function useInstant() {
  const { locale } = useI18n();
  return (iso: string | null) => {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
  };
}

function Row({ message: m }: { message: OutboxMessageDto }) {
  const { t, int } = useI18n();
  const instant = useInstant();
  const state = STATES[m.state];
  return (
    <>
      <tr data-testid="outbox-message" data-state={m.state} data-customer={m.customer_id ?? ''}>
        <td>
          {m.customer_id !== null ? (
            <Link to={`/customers/${m.customer_id}`} className="row-link" data-testid="outbox-to-name">
              {m.to_name || m.to_address}
            </Link>
          ) : (
            <span data-testid="outbox-to-name">{m.to_name || m.to_address}</span>
          )}
          <div className="muted mono outbox__address" data-testid="outbox-to">
            {m.to_address}
          </div>
        </td>
        <td className="outbox__subject" data-testid="outbox-subject">
          {m.subject}
        </td>
        <td className="mono outbox__attachment" data-testid="outbox-attachment">
          {m.attachment_name ? (
            <>
              <Icon name="invoice" size={13} /> {m.attachment_name}
            </>
          ) : (
            '—'
          )}
        </td>
        <td>
          <span className={`badge ${state?.badge ?? 'badge--neutral'}`} data-testid="outbox-state">
            {state ? t(state.label) : m.state}
          </span>
        </td>
        <td className="num">{int(m.attempts)}</td>
        <td className="outbox__when">
          {m.state === 'sent' ? (
            <span title={t('outbox.sentAt')}>{t('outbox.sentOn', { when: instant(m.sent_at) })}</span>
          ) : m.next_attempt_at && m.state !== 'failed' && m.attempts > 0 ? (
            <span>{t('outbox.nextAttempt', { when: instant(m.next_attempt_at) })}</span>
          ) : (
            <span className="muted">{t('outbox.queuedOn', { when: instant(m.queued_at) })}</span>
          )}
        </td>
      </tr>
      {m.last_error && (
        <tr className="outbox__error-row" data-testid="outbox-last-error">
          <td colSpan={6}>
            <span className={m.state === 'failed' ? 'text-red' : 'muted'}>
              <Icon name="alert" size={13} /> {t('outbox.lastError')}: {m.last_error}
            </span>
          </td>
        </tr>
      )}
    </>
  );
}

function Report({ report }: { report: SendReportDto }) {
  const { t, int } = useI18n();
  return (
    <div className={'notice outbox__report' + (report.unreachable || report.failed > 0 ? ' notice--error' : '')} role="status" data-testid="outbox-report">
      <div>
        <strong>{t('outbox.report', { sent: int(report.sent), retrying: int(report.retrying), failed: int(report.failed) })}</strong>
        {report.unreachable && (
          <span className="notice__detail" data-testid="outbox-unreachable">
            {t('outbox.unreachable', { why: report.unreachable })}
          </span>
        )}
      </div>
    </div>
  );
}
