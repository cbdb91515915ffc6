import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError, CustomerDetailDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { compareDecimal, ratio, signOf } from '../../format/decimal';
import { useI18n } from '../../i18n/I18nProvider';
import type { I18n } from '../../i18n/I18nProvider';
import { isLanguage } from '../../i18n/messages';
import { BehaviourPanel } from './BehaviourPanel';
import { InvoicesTable } from './InvoicesTable';
import { RecordPanel } from './RecordPanel';
import { Timeline } from './Timeline';

/** `/customers/:id`, or `/customer-number/:number` (a customer named by its number, e.g. in a link typed by hand). */
export function CustomerScreen({ byNumber = false }: { byNumber?: boolean }) {
  const params = useParams();
  if (byNumber) return <ResolveNumber number={params.number ?? ''} />;
  const id = Number(params.id);
  return <CustomerPage key={id} id={id} />;
}

function ResolveNumber({ number }: { number: string }) {
  const { customerRows, reportError } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    customerRows().then(
      (rows) => {
        if (!live) return;
        const row = rows.find((r) => r.number === number);
        if (row) void navigate(`/customers/${row.id}`, { replace: true });
        else setError({ code: 'not_found', message: number });
      },
      (e: unknown) => {
        if (!live) return;
        const err = toApiError(e);
        setError(err);
        reportError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [number, customerRows, navigate, reportError]);
  return <div className="page">{error ? <ErrorNotice error={error} /> : <Loading />}</div>;
}

function CustomerPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { asOf } = useSession();
  const customer = useLoad(`customer:${id}:${asOf ?? ''}`, () => api.customer(id, asOf));
  const profile = useLoad(`profile:${id}:${asOf ?? ''}`, () => api.customerProfile(id, asOf));
  const stops = useLoad(`stops:${id}:${asOf ?? ''}`, () => api.dunningStops(id, asOf));
  const [version, setVersion] = useState(0);
  // A promise recorded here moves the expected dates: asked again with each recording.
  const expected = useLoad(`expected:${id}:${asOf ?? ''}:${version}`, () => api.customerForecast(id, asOf));
  const { reload } = customer;

  const recorded = useCallback(() => {
    setVersion((v) => v + 1);
    reload();
  }, [reload]);

  return (
    <div className="page" data-testid="customer-screen">
      <Link to="/customers" className="back-link" data-testid="customer-back">
        <Icon name="back" size={14} /> {t('customer.back')}
      </Link>
      {customer.error && <ErrorNotice error={customer.error} onRetry={customer.reload} />}
      {customer.data ? <CustomerHeader c={customer.data} /> : !customer.error && <Loading />}
      {customer.data && <BehaviourPanel customer={customer.data} profile={profile} stops={stops} />}
      {/* The timeline asks for its first page at once, beside the customer's details, not after. */}
      <div className="grid grid--customer">
        <div className="stack">
          {customer.data && (
            <section className="card card--flush">
              <header className="card__head">
                <h2 className="card__title">{t('invoices.title')}</h2>
                <span className="card__note">{customer.data.open_invoices.length}</span>
              </header>
              <InvoicesTable
                invoices={customer.data.open_invoices}
                expected={expected.data}
                dunning={{ customerId: id, stops: stops.data ?? [], onChanged: stops.reload }}
              />
            </section>
          )}
          {!customer.error && <Timeline customerId={id} version={version} />}
        </div>
        {customer.data && (
          <div className="stack">
            <RecordPanel customer={customer.data} onRecorded={recorded} />
            <Contacts c={customer.data} />
            <Details c={customer.data} />
          </div>
        )}
      </div>
    </div>
  );
}

function CustomerHeader({ c }: { c: CustomerDetailDto }) {
  const { t, money, percent, country } = useI18n();
  const used = c.credit_limit ? ratio(c.balance.amount, c.credit_limit.amount) : null;
  const over = c.credit_limit ? compareDecimal(c.balance.amount, c.credit_limit.amount) > 0 : false;
  const channel = channelLabel(c.preferred_channel, t);
  const address = [c.address_line1, c.address_line2, [c.postal_code, c.city].filter(Boolean).join(' '), c.country ? country(c.country) : '']
    .filter(Boolean)
    .join(', ');

  return (
    <section className="customer-head card">
      <div className="customer-head__id">
        <h1 className="customer-head__name" data-testid="customer-name">
          {c.name}
        </h1>
        <div className="customer-head__meta">
          <span className="badge badge--neutral mono" data-testid="customer-number">
            {c.number}
          </span>
          {address && <span>{address}</span>}
          {c.vat_number && (
            <span>
              {t('customer.vat')} <span className="mono">{c.vat_number}</span>
            </span>
          )}
        </div>
      </div>
      <dl className="figures">
        <div className="figure">
          <dt>{t('customer.balance')}</dt>
          <dd className="amount" data-testid="customer-balance">
            {money(c.balance)}
          </dd>
        </div>
        <div className={'figure' + (signOf(c.overdue.amount) > 0 ? ' figure--alert' : '')}>
          <dt>{t('customer.overdue')}</dt>
          <dd className="amount" data-testid="customer-overdue">
            {money(c.overdue)}
          </dd>
        </div>
        <div className="figure">
          <dt>{t('customer.creditLimit')}</dt>
          <dd className="amount" data-testid="customer-credit-limit">
            {c.credit_limit ? money(c.credit_limit) : t('common.none')}
          </dd>
          {used !== null && (
            <dd className={'figure__note' + (over ? ' text-red' : '')}>
              <span className={'share-bar' + (over ? ' share-bar--over' : '')} aria-hidden="true">
                <span style={{ width: `${Math.min(100, Math.max(0, used * 100))}%` }} />
              </span>
              {t('customer.limitUsed', { share: percent(used) })}
            </dd>
          )}
        </div>
        <div className="figure figure--text">
          <dt>{t('customer.terms')}</dt>
          <dd data-testid="customer-terms">{t('customer.termsDays', { days: c.payment_terms_days })}</dd>
        </div>
        <div className="figure figure--text">
          <dt>{t('customer.language')}</dt>
          <dd data-testid="customer-language">{isLanguage(c.language) ? t(`language.${c.language}`) : c.language}</dd>
        </div>
        <div className="figure figure--text">
          <dt>{t('customer.channel')}</dt>
          <dd data-testid="customer-channel">{channel}</dd>
        </div>
      </dl>
    </section>
  );
}

function Contacts({ c }: { c: CustomerDetailDto }) {
  const { t } = useI18n();
  // The billing contact first: that is who the credit manager calls.
  const contacts = [...c.contacts].sort((a, b) => Number(b.is_billing) - Number(a.is_billing));
  return (
    <section className="card">
      <header className="card__head card__head--inset">
        <h2 className="card__title">{t('customer.contacts')}</h2>
      </header>
      {contacts.length === 0 && !c.email && !c.phone ? (
        <p className="muted">{t('customer.noContacts')}</p>
      ) : (
        <ul className="contacts" data-testid="customer-contacts">
          {contacts.map((p) => (
            <li key={`${p.name}-${p.email}`} className="contact" data-testid="customer-contact">
              <div className="contact__name">
                {p.name}
                {p.is_billing && <span className="badge badge--accent">{t('customer.billing')}</span>}
              </div>
              {p.role && <div className="contact__role">{p.role}</div>}
              <div className="contact__ways">
                {p.phone && (
                  <a href={`tel:${p.phone.replace(/\s+/g, '')}`}>
                    <Icon name="phone" size={12} /> {p.phone}
                  </a>
                )}
                {p.email && (
                  <a href={`mailto:${p.email}`}>
                    <Icon name="mail" size={12} /> {p.email}
                  </a>
                )}
              </div>
            </li>
          ))}
          {(c.email || c.phone) && (
            <li className="contact">
              <div className="contact__name">{t('customer.general')}</div>
              <div className="contact__ways">
                {c.phone && (
                  <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>
                    <Icon name="phone" size={12} /> {c.phone}
                  </a>
                )}
                {c.email && (
                  <a href={`mailto:${c.email}`}>
                    <Icon name="mail" size={12} /> {c.email}
                  </a>
                )}
              </div>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function channelLabel(channel: string, t: I18n['t']): string {
  return channel === 'email' || channel === 'letter' || channel === 'phone' ? t(`channel.${channel}`) : channel;
}

function Details({ c }: { c: CustomerDetailDto }) {
  const { t } = useI18n();
  return (
    <section className="card">
      <dl className="facts">
        <dt>{t('customer.currency')}</dt>
        <dd>{c.currency}</dd>
        <dt>{t('customer.owner')}</dt>
        <dd>{c.owner || '—'}</dd>
        {c.ibans.length > 0 && (
          <>
            <dt>{t('customer.ibans')}</dt>
            <dd>
              {c.ibans.map((iban) => (
                <div key={iban} className="mono">
                  {iban.replace(/(.{4})/g, '$1 ').trim()}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
