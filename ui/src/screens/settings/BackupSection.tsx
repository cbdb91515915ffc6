import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, toApiError } from '../../api';
import type { ApiError, BackupDto } from '../../api';
import { MIN_PASSPHRASE } from '../../app/passphrase';
import { ErrorNotice } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { todayIso } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';

/** Bytes as the user reads sizes: kB, MB, GB (decimal, as file managers show them). */
export function sizeText(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** An encrypted copy of the database, under a passphrase of its own, where the user chooses. */
export function BackupSection() {
  const { t, locale } = useI18n();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<BackupDto | null>(null);
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE;

  const choose = () => {
    api.pickBackupFile(`creditdesk-${todayIso()}.creditdesk`).then(
      (picked) => {
        if (picked) setPath(picked);
      },
      (reason: unknown) => setError(toApiError(reason)),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    api.backup(path.trim(), passphrase).then(
      (backup) => {
        setDone(backup);
        setPassphrase('');
        setBusy(false);
      },
      (reason: unknown) => {
        setError(toApiError(reason));
        setBusy(false);
      },
    );
  };

  return (
    <section className="card settings-section" data-testid="settings-backup-section">
      <div className="settings-section__head">
        <Icon name="shield" />
        <div>
          <h2 className="card__title">{t('settings.backup')}</h2>
          <p className="muted">{t('settings.backupHint')}</p>
        </div>
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field__label">{t('settings.backupPath')}</span>
          <div className="import__path">
            <input className="input mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="backup-path" />
            <button type="button" className="btn" onClick={choose} data-testid="backup-choose">
              {t('settings.backupChoose')}
            </button>
          </div>
        </label>
        <label className="field">
          <span className="field__label">{t('settings.backupPassphrase')}</span>
          <input
            className="input"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={tooShort}
            data-testid="backup-passphrase"
          />
          <span className={tooShort ? 'field__error' : 'field__hint'}>{t('start.passphraseHint')}</span>
        </label>
        {error && <ErrorNotice error={error} testId="backup-error" />}
        {done && (
          <p className="record__saved" role="status" data-testid="backup-done">
            {t('settings.backupDone', { path: done.path, size: sizeText(done.bytes, locale), salt: done.salt_path })}
          </p>
        )}
        <div className="form__actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || !path.trim() || passphrase.length < MIN_PASSPHRASE}
            data-testid="backup-run"
          >
            {busy ? t('settings.backupSaving') : t('settings.backupRun')}
          </button>
        </div>
      </form>
    </section>
  );
}
