import { useState } from 'react';
import { api, toApiError } from '../../api';
import type { ApiError } from '../../api';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';

/** The idle times offered, in minutes; 0 is never. */
const CHOICES = [0, 5, 10, 15, 30, 60, 120, 240];

/** How long a passphrase database stays open without use, and "lock now". */
export function LockSection() {
  const { t } = useI18n();
  const { status, refreshStatus, lock } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const minutes = status.idle_lock_minutes;
  const choices = CHOICES.includes(minutes) ? CHOICES : [...CHOICES, minutes].sort((a, b) => a - b);

  const choose = (value: number) => {
    setError(null);
    setSaved(false);
    api.savePreferences({ idle_lock_minutes: value }).then(
      () => {
        setSaved(true);
        refreshStatus();
      },
      (reason: unknown) => setError(toApiError(reason)),
    );
  };

  return (
    <section className="card settings-section" data-testid="settings-lock-section">
      <div className="settings-section__head">
        <Icon name="lock" />
        <div>
          <h2 className="card__title">{t('settings.lock')}</h2>
          <p className="muted">{status.passphrase_protected ? t('settings.lockHint') : t('settings.lockKeychain')}</p>
        </div>
      </div>
      {status.passphrase_protected && (
        <div className="settings-lock">
          <label className="field">
            <span className="field__label">{t('settings.lockAfter')}</span>
            <select
              className="select"
              value={minutes}
              onChange={(e) => choose(Number(e.target.value))}
              data-testid="settings-lock-minutes"
            >
              {choices.map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? t('settings.lockNever') : t('settings.lockMinutes', { count: m })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn" onClick={lock} data-testid="settings-lock-now">
            <Icon name="lock" size={14} />
            {t('settings.lockNow')}
          </button>
          {saved && (
            <span className="record__saved" role="status" data-testid="settings-lock-saved">
              {t('settings.lockSaved')}
            </span>
          )}
        </div>
      )}
      {error && <ErrorNotice error={error} testId="settings-lock-error" />}
    </section>
  );
}
