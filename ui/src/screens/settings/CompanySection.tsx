import { useState, type FormEvent } from 'react';
import { api, toApiError, type ApiError, type CompanyDto } from '../../api';
import { useLoad } from '../../app/useLoad';
import { useSession } from '../../app/session';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

/** The fields of the form, in order, with their label key. */
const FIELDS: { name: keyof CompanyDto; label: MessageKey; wide?: boolean }[] = [
  { name: 'name', label: 'company.name', wide: true },
  { name: 'address_line1', label: 'company.address1', wide: true },
  { name: 'address_line2', label: 'company.address2', wide: true },
  { name: 'postal_code', label: 'company.postalCode' },
  { name: 'city', label: 'company.city' },
  { name: 'country', label: 'company.country' },
  { name: 'base_currency', label: 'company.currency' },
  { name: 'vat_number', label: 'company.vat' },
  { name: 'iban', label: 'company.iban' },
  { name: 'bic', label: 'company.bic' },
  { name: 'email', label: 'company.email' },
  { name: 'phone', label: 'company.phone' },
  { name: 'signature', label: 'company.signature', wide: true },
];

/** The user's own company: it signs the letters and decides the legal late-payment rules. */
export function CompanySection() {
  const { t } = useI18n();
  const loaded = useLoad('company', api.company);
  return (
    <section className="card settings-section" data-testid="settings-company-section">
      <div className="settings-section__head">
        <Icon name="building" />
        <div>
          <h2 className="card__title">{t('company.title')}</h2>
          <p className="muted">{t('company.hint')}</p>
        </div>
      </div>
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {!loaded.data && !loaded.error && <Loading />}
      {loaded.data && <CompanyForm key={JSON.stringify(loaded.data)} initial={loaded.data} />}
    </section>
  );
}

function CompanyForm({ initial }: { initial: CompanyDto }) {
  const { t } = useI18n();
  const { refreshStatus } = useSession();
  const [company, setCompany] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    api.saveCompany(company).then(
      (kept) => {
        setCompany(kept);
        setSaved(true);
        setBusy(false);
        refreshStatus();
      },
      (reason: unknown) => {
        setError(toApiError(reason));
        setBusy(false);
      },
    );
  };

  return (
    <form className="company-form" onSubmit={submit} noValidate>
      <div className="company-form__grid">
        {FIELDS.map((field) => (
          <div key={field.name} className={field.wide ? 'field company-form__wide' : 'field'}>
            <label className="field__label" htmlFor={`company-${field.name}`}>
              {t(field.label)}
            </label>
            <input
              id={`company-${field.name}`}
              className="input"
              value={company[field.name]}
              onChange={(e) => {
                setSaved(false);
                setCompany({ ...company, [field.name]: e.target.value });
              }}
              data-testid={`company-${field.name}`}
            />
          </div>
        ))}
      </div>
      {error && <ErrorNotice error={error} testId="company-error" />}
      {saved && (
        <p className="record__saved" role="status" data-testid="company-saved">
          {t('company.saved')}
        </p>
      )}
      <div className="company-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="company-submit">
          {t('company.save')}
        </button>
      </div>
    </form>
  );
}
