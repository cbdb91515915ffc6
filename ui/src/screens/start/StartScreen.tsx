import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, AppStatusDto } from '../../api';
import { api } from '../../api';
import { MIN_PASSPHRASE } from '../../app/passphrase';
import { ErrorNotice } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { ImportScreen } from '../import/ImportScreen';
import { LanguageSelect } from '../settings/LanguageSelect';

/**
 * First start and locked start. Three moments: no database yet (create it, with the key in the
 * keychain or from a passphrase), a passphrase-protected database (unlock it), an empty database
 * (open the demo company, or import the user's own files).
 */
export function StartScreen({ status, onStatus }: { status: AppStatusDto; onStatus: (status: AppStatusDto) => void }) {
  const { t } = useI18n();
  return (
    <div className="start" data-testid="start-screen" data-setup={status.setup}>
      <div className="start__panel">
        <div className="start__head">
          <div className="brand brand--large">
            <span className="brand__mark" aria-hidden="true">
              C
            </span>
            <span className="brand__name">{t('app.name')}</span>
          </div>
          <LanguageSelect compact testId="start-language" />
        </div>
        {status.setup === 'needs_database' && <CreateDatabase status={status} onStatus={onStatus} />}
        {status.setup === 'needs_passphrase' && <Unlock onStatus={onStatus} />}
        {status.setup === 'ready' && <FirstData onStatus={onStatus} />}
      </div>
    </div>
  );
}

function CreateDatabase({ status, onStatus }: { status: AppStatusDto; onStatus: (status: AppStatusDto) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);

  const [choosesPassphrase, setChoosesPassphrase] = useState(false);
  const needsPassphrase = !status.keychain_available || choosesPassphrase;
  const problem =
    passphrase.length < MIN_PASSPHRASE ? t('start.tooShort') : passphrase !== repeat ? t('start.mismatch') : null;

  const create = (e?: FormEvent) => {
    e?.preventDefault();
    if (needsPassphrase) {
      setTouched(true);
      if (problem) return;
    }
    setBusy(true);
    setError(null);
    api.createDatabase(needsPassphrase ? passphrase : null).then(onStatus, (err: ApiError) => {
      setError(err);
      setBusy(false);
    });
  };

  return (
    <form className="start__body" onSubmit={create} noValidate>
      <h1 className="start__title">{t('start.title')}</h1>
      <p className="start__lead">
        <Icon name="shield" size={16} />
        <span>{t('start.encrypted')}</span>
      </p>
      {status.keychain_available && (
        <label className="start__choice">
          <input
            type="checkbox"
            checked={choosesPassphrase}
            onChange={(e) => setChoosesPassphrase(e.target.checked)}
            data-testid="start-use-passphrase"
          />
          <span>{t('start.usePassphrase')}</span>
        </label>
      )}
      {needsPassphrase ? (
        <>
          {!status.keychain_available && <p className="start__text">{t('start.noKeychain')}</p>}
          <label className="field">
            <span className="field__label">{t('start.passphrase')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              autoFocus
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              data-testid="start-passphrase"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('start.passphraseRepeat')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              onBlur={() => setTouched(repeat.length > 0 || touched)}
              data-testid="start-passphrase-repeat"
            />
          </label>
          {touched && problem ? (
            <p className="field__error" data-testid="start-passphrase-problem">
              {problem}
            </p>
          ) : (
            <p className="field__hint">{t('start.passphraseHint')}</p>
          )}
        </>
      ) : (
        <p className="start__text">{t('start.keychainNote')}</p>
      )}
      {error && <ErrorNotice error={error} testId="start-error" />}
      <div className="start__actions">
        <button type="submit" className="btn btn--primary btn--large" disabled={busy} data-testid="start-create">
          {busy ? t('start.creating') : t('start.create')}
        </button>
      </div>
    </form>
  );
}

function Unlock({ onStatus }: { onStatus: (status: AppStatusDto) => void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const unlock = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase.length === 0) return;
    setBusy(true);
    setError(null);
    api.unlock(passphrase).then(onStatus, (err: ApiError) => {
      setError(err);
      setBusy(false);
      setPassphrase('');
      // After the render that re-enables the field.
      setTimeout(() => field.current?.focus(), 0);
    });
  };

  return (
    <form className="start__body" onSubmit={unlock}>
      <h1 className="start__title">
        <Icon name="lock" size={20} /> {t('start.unlockTitle')}
      </h1>
      <p className="start__text">{t('start.unlockText')}</p>
      <label className="field">
        <span className="field__label">{t('start.passphrase')}</span>
        <input
          ref={field}
          className="input"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-invalid={error?.code === 'wrong_key'}
          data-testid="start-unlock-passphrase"
        />
      </label>
      {error &&
        (error.code === 'wrong_key' ? (
          <p className="field__error" role="alert" data-testid="start-wrong-passphrase">
            {t('start.wrongPassphrase')}
          </p>
        ) : (
          <ErrorNotice error={error} testId="start-error" />
        ))}
      <div className="start__actions">
        <button type="submit" className="btn btn--primary btn--large" disabled={busy || passphrase.length === 0} data-testid="start-unlock">
          {busy ? t('start.unlocking') : t('start.unlock')}
        </button>
      </div>
    </form>
  );
}

function FirstData({ onStatus }: { onStatus: (status: AppStatusDto) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [importing, setImporting] = useState(false);

  // After an import, the app opens on the dashboard once the database holds customers.
  const toDashboard = () => {
    api.appStatus().then(
      (s) => {
        window.location.hash = '#/dashboard';
        onStatus(s);
      },
      (err: ApiError) => setError(err),
    );
  };

  if (importing) {
    return (
      <div className="start__body start__body--wide">
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setImporting(false)} data-testid="start-import-back">
          <Icon name="back" size={14} />
          {t('start.importBack')}
        </button>
        <ImportScreen doneAction={{ label: t('start.toDashboard'), run: toDashboard }} />
        {error && <ErrorNotice error={error} testId="start-error" />}
      </div>
    );
  }

  const openDemo = () => {
    setBusy(true);
    setError(null);
    api
      .loadDemo()
      .then(() => api.appStatus())
      .then(
        (s) => {
          // Land on the dashboard whatever route the window had.
          window.location.hash = '#/dashboard';
          onStatus(s);
        },
        (err: ApiError) => {
          setError(err);
          setBusy(false);
        },
      );
  };

  return (
    <div className="start__body">
      <h1 className="start__title">{t('start.emptyTitle')}</h1>
      <p className="start__text">{t('start.emptyText')}</p>
      <div className="choices">
        <button type="button" className="choice" onClick={openDemo} disabled={busy} data-testid="start-demo">
          <span className="choice__icon">
            <Icon name="building" size={20} />
          </span>
          <span className="choice__body">
            <span className="choice__title">{busy ? t('start.demoLoading') : t('start.demo')}</span>
            <span className="choice__text">{t('start.demoText')}</span>
          </span>
          {busy && <span className="spinner" aria-hidden="true" />}
        </button>
        <button type="button" className="choice" onClick={() => setImporting(true)} disabled={busy} data-testid="start-import">
          <span className="choice__icon">
            <Icon name="upload" size={20} />
          </span>
          <span className="choice__body">
            <span className="choice__title">{t('start.import')}</span>
            <span className="choice__text">{t('start.importText')}</span>
          </span>
        </button>
      </div>
      {error && <ErrorNotice error={error} testId="start-error" />}
    </div>
  );
}
