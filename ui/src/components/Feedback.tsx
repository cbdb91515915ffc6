import type { ApiError } from '../api';
import { useI18n } from '../i18n/I18nProvider';

/** A failed command: what kind of failure (translated), and the backend's own message. */
export function ErrorNotice({ error, onRetry, testId = 'error' }: { error: ApiError; onRetry?: () => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert" data-testid={testId} data-code={error.code}>
      <div>
        <strong>{t(`error.${error.code}`)}</strong>
        {error.message && <span className="notice__detail">{error.message}</span>}
      </div>
      {onRetry && (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

/** Days past due, coloured from 30 (orange) and 60 (red) days. */
export function DaysOverdue({ days }: { days: number }) {
  const { int } = useI18n();
  if (days <= 0) return <span className="days days--none">—</span>;
  const tone = days >= 60 ? 'days--red' : days >= 30 ? 'days--orange' : 'days--plain';
  return <span className={`days ${tone}`}>{int(days)}</span>;
}
