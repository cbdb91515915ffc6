import { useState, type FormEvent } from 'react';
import type { ApiError, SmtpSecurityDto, SmtpSettingsDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';

const SECURITY: SmtpSecurityDto[] = ['starttls', 'tls', 'none'];
/** The port each security usually goes with, proposed when the user picks it. */
const USUAL_PORT: Record<SmtpSecurityDto, number> = { starttls: 587, tls: 465, none: 25 };

/** What to do with the password in the keychain on save. */
type PasswordChange = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'remove' };

interface Draft {
  host: string;
  port: string;
  security: SmtpSecurityDto;
  username: string;
  from_address: string;
  from_name: string;
}

const draftOf = (s: SmtpSettingsDto | null): Draft => ({
  host: s?.host ?? '',
  port: String(s?.port ?? 587),
  security: s?.security ?? 'starttls',
  username: s?.username ?? '',
  from_address: s?.from_address ?? '',
  from_name: s?.from_name ?? '',
});

/** The SMTP server the outbox sends through; the password goes to the keychain and never comes back. */
export function SmtpSection() {
  const { t } = useI18n();
  const loaded = useLoad('smtp-settings', api.smtpSettings);
  return (
    <section className="card settings-section" data-testid="settings-smtp">
      <div className="settings-section__head">
        <Icon name="mail" />
        <div>
          <h2 className="card__title">{t('smtp.title')}</h2>
          <p className="muted">{t('smtp.hint')}</p>
        </div>
      </div>
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {loaded.data === undefined && !loaded.error && <Loading />}
      {loaded.data !== undefined && <SmtpForm initial={loaded.data} />}
    </section>
  );
}

function SmtpForm({ initial }: { initial: SmtpSettingsDto | null }) {
  const { t } = useI18n();
  const { reportError } = useSession();
  const [kept, setKept] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [password, setPassword] = useState<PasswordChange>({ kind: 'keep' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [badPort, setBadPort] = useState(false);
  const [saved, setSaved] = useState(false);

  const edit = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const port = Number(draft.port.trim());
    if (!/^\d{1,5}$/.test(draft.port.trim()) || port < 1 || port > 65535) {
      setBadPort(true);
      return;
    }
    setBadPort(false);
    setBusy(true);
    api
      .saveSmtpSettings({
        host: draft.host.trim(),
        port,
        security: draft.security,
        username: draft.username.trim(),
        from_address: draft.from_address.trim(),
        from_name: draft.from_name.trim(),
        password: password.kind === 'keep' ? null : password.kind === 'remove' ? '' : password.value,
      })
      .then(
        (next) => {
          setBusy(false);
          setKept(next);
          setDraft(draftOf(next));
          setPassword({ kind: 'keep' });
          setSaved(true);
        },
        (reason: unknown) => {
          const e = toApiError(reason);
          setBusy(false);
          setError(e);
          reportError(e);
        },
      );
  };

  const field = (name: keyof Omit<Draft, 'security'>, label: string, props: { type?: string; placeholder?: string; inputMode?: 'numeric'; wide?: boolean } = {}) => (
    <label className={props.wide ? 'field company-form__wide' : 'field'}>
      <span className="field__label">{label}</span>
      <input
        className="input"
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={draft[name]}
        onChange={(e) => edit({ [name]: e.target.value })}
        autoComplete="off"
        spellCheck={false}
        data-testid={`smtp-${name.replace('_', '-')}`}
      />
    </label>
  );

  return (
    <form className="company-form" onSubmit={submit} noValidate data-testid="smtp-form">
      {!kept && (
        <p className="notice" data-testid="smtp-none">
          {t('smtp.none')}
        </p>
      )}
      <div className="company-form__grid smtp__grid">
        {field('host', t('smtp.host'), { placeholder: 'smtp.example.com' })}
        <div className="smtp__port">
          <label className="field">
            <span className="field__label">{t('smtp.security')}</span>
            <select
              className="select select--plain"
              value={draft.security}
              onChange={(e) => {
                const security = e.target.value as SmtpSecurityDto;
                // Follow the usual port while the user has not typed another one.
                const usual = Object.values(USUAL_PORT).map(String).includes(draft.port.trim());
                edit(usual ? { security, port: String(USUAL_PORT[security]) } : { security });
              }}
              data-testid="smtp-security"
            >
              {SECURITY.map((s) => (
                <option key={s} value={s}>
                  {t(`smtp.security.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {field('port', t('smtp.port'), { inputMode: 'numeric' })}
        </div>
        {field('username', t('smtp.username'), { placeholder: t('smtp.usernamePlaceholder') })}
        <div className="field" data-testid="smtp-password">
          <span className="field__label">{t('smtp.password')}</span>
          {password.kind === 'set' ? (
            <div className="smtp__password">
              <input
                className="input"
                type="password"
                value={password.value}
                autoComplete="new-password"
                onChange={(e) => {
                  setSaved(false);
                  setPassword({ kind: 'set', value: e.target.value });
                }}
                placeholder={t('smtp.newPassword')}
                autoFocus
                data-testid="smtp-password-input"
              />
              <button type="button" className="btn btn--small btn--ghost" onClick={() => setPassword({ kind: 'keep' })} data-testid="smtp-password-cancel">
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <div className="smtp__password">
              <span className={'badge ' + (password.kind === 'remove' ? 'badge--orange' : kept?.password_set ? 'badge--green' : 'badge--neutral')} data-testid="smtp-password-state">
                {password.kind === 'remove' ? t('smtp.passwordRemoving') : kept?.password_set ? t('smtp.passwordSet') : t('smtp.passwordNotSet')}
              </span>
              <button type="button" className="btn btn--small" onClick={() => setPassword({ kind: 'set', value: '' })} data-testid="smtp-password-change">
                {kept?.password_set ? t('smtp.passwordChange') : t('smtp.passwordSetNew')}
              </button>
              {kept?.password_set && password.kind !== 'remove' && (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => setPassword({ kind: 'remove' })} data-testid="smtp-password-remove">
                  {t('smtp.passwordRemove')}
                </button>
              )}
              {password.kind === 'remove' && (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => setPassword({ kind: 'keep' })}>
                  {t('common.cancel')}
                </button>
              )}
            </div>
          )}
          <span className="field__hint">{t('smtp.passwordHint')}</span>
        </div>
        {field('from_address', t('smtp.fromAddress'), { type: 'email', placeholder: 'credit@example.com' })}
        {field('from_name', t('smtp.fromName'), { placeholder: t('smtp.fromNamePlaceholder') })}
      </div>
      {badPort && (
        <p className="field__error" role="alert" data-testid="smtp-bad-port">
          {t('smtp.badPort')}
        </p>
      )}
      {error && <ErrorNotice error={error} testId="smtp-error" />}
      {saved && (
        <p className="record__saved" role="status" data-testid="smtp-saved">
          {t('smtp.saved')}
        </p>
      )}
      <div className="company-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="smtp-save">
          {t('smtp.save')}
        </button>
      </div>
    </form>
  );
}
