import { useState } from 'react';
import type { ApiError, LegalInterestDto, RateSeriesDto, ReferenceRateDto, ReferenceRatesDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { DayPicker } from '../../components/DayPicker';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { parseAmountInput } from '../../format/decimal';
import { decimalSeparator, todayIso } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

/** How many rows of a rate table show before "show all". */
const FIRST_ROWS = 5;

/** The compensation each rule claims, in words (the backend computes it). */
const COMPENSATION: Record<string, MessageKey> = {
  eu: 'interest.compensation.eu',
  fr: 'interest.compensation.fr',
  nl: 'interest.compensation.nl',
  de: 'interest.compensation.de',
  gb: 'interest.compensation.gb',
};

/** A percentage as the backend keeps it ("4.25"), shown with the locale's decimal mark. */
export function ratePercent(rate: string, separator: ',' | '.'): string {
  return `${separator === ',' ? rate.replace('.', ',') : rate} %`;
}

/** The legal late-payment rule of the company's country, the reference-rate tables, and a calculator. */
export function InterestSection() {
  const loaded = useLoad('reference-rates', api.referenceRates);
  // The tables as the last save or removal answered them (newer than the loaded ones).
  const [tables, setTables] = useState<ReferenceRatesDto | null>(null);
  const current = tables ?? loaded.data;
  return (
    <div className="settings-interest" data-testid="settings-interest">
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {!current && !loaded.error && <Loading />}
      {current && (
        <>
          <RuleCard tables={current} />
          <RatesCard tables={current} onChange={setTables} />
          <Calculator tables={current} />
        </>
      )}
    </div>
  );
}

function RuleCard({ tables }: { tables: ReferenceRatesDto }) {
  const { t, country, locale } = useI18n();
  const rule = tables.rules.find((r) => r.rule === tables.company_rule);
  const series = rule && tables.series.find((s) => s.series === rule.series);
  const separator = decimalSeparator(locale);
  return (
    <section className="card settings-section" data-testid="interest-rule">
      <div className="settings-section__head">
        <Icon name="shield" />
        <div>
          <h2 className="card__title">{t('interest.ruleTitle', { country: country(tables.company_country) })}</h2>
          <p className="muted">{t('interest.ruleHint')}</p>
        </div>
      </div>
      {rule ? (
        <dl className="facts facts--wide settings__facts">
          <dt>{t('interest.rule')}</dt>
          <dd data-testid="interest-rule-title">{rule.title}</dd>
          <dt>{t('interest.series')}</dt>
          <dd data-testid="interest-rule-series">{series?.title ?? rule.series}</dd>
          <dt>{t('interest.points')}</dt>
          <dd data-testid="interest-rule-points">{t('interest.pointsAbove', { points: separator === ',' ? rule.points.replace('.', ',') : rule.points })}</dd>
          <dt>{t('interest.dayCount')}</dt>
          <dd>{rule.day_count}</dd>
          <dt>{t('interest.compensation')}</dt>
          <dd data-testid="interest-rule-compensation">{COMPENSATION[rule.rule] ? t(COMPENSATION[rule.rule]!) : '—'}</dd>
        </dl>
      ) : (
        <p className="notice" data-testid="interest-no-rule">
          {t('interest.noRule', { country: country(tables.company_country) })}
        </p>
      )}
      <details className="settings__more">
        <summary>{t('interest.otherRules')}</summary>
        <ul className="settings__rules">
          {tables.rules.map((r) => (
            <li key={r.rule}>
              <strong>{r.countries.join(', ')}</strong> — {r.title}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

interface RateDraft {
  series: string;
  validFrom: string;
  rate: string;
  source: string;
}

function RatesCard({ tables, onChange }: { tables: ReferenceRatesDto; onChange: (tables: ReferenceRatesDto) => void }) {
  const { t } = useI18n();
  const { reportError } = useSession();
  const first = tables.series[0]?.series ?? 'ecb_mro';
  const blank = (series: string): RateDraft => ({ series, validFrom: todayIso(), rate: '', source: '' });
  const [draft, setDraft] = useState<RateDraft>(() => blank(first));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const answered = (next: ReferenceRatesDto, message: string) => {
    setBusy(false);
    setSaved(message);
    onChange(next);
  };
  const failed = (reason: unknown) => {
    const e = toApiError(reason);
    setBusy(false);
    setError(e);
    reportError(e);
  };

  const save = () => {
    setError(null);
    setSaved(null);
    setBusy(true);
    // The rate goes as typed, with a dot for a decimal comma: the backend validates it.
    const rate = draft.rate.trim().replace(/\s*%$/, '').replace(',', '.');
    api.saveReferenceRate({ series: draft.series, valid_from: draft.validFrom, rate, source: draft.source.trim() }).then((next) => {
      setDraft(blank(draft.series));
      answered(next, t('interest.rateSaved'));
    }, failed);
  };

  const remove = (row: ReferenceRateDto) => {
    setError(null);
    setSaved(null);
    setBusy(true);
    api.deleteReferenceRate(row.series, row.valid_from).then((next) => answered(next, t('interest.rateRemoved')), failed);
  };

  const override = (row: ReferenceRateDto) => {
    setError(null);
    setSaved(null);
    setDraft({ series: row.series, validFrom: row.valid_from, rate: row.rate, source: '' });
    const form = document.querySelector('[data-testid="rate-form"]');
    // (jsdom has no scrolling.)
    if (form && typeof form.scrollIntoView === 'function') form.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  return (
    <section className="card settings-section" data-testid="interest-rates">
      <div className="settings-section__head">
        <Icon name="level" />
        <div>
          <h2 className="card__title">{t('interest.ratesTitle')}</h2>
          <p className="muted">{t('interest.ratesHint')}</p>
        </div>
      </div>
      <div className="rate-tables">
        {tables.series.map((s) => (
          <RateTable key={s.series} series={s} busy={busy} onRemove={remove} onOverride={override} />
        ))}
      </div>

      <div className="rate-form" data-testid="rate-form">
        <h3 className="rate-form__title">{t('interest.addTitle')}</h3>
        <div className="rate-form__fields">
          <label className="field">
            <span className="field__label">{t('interest.series')}</span>
            <select className="select select--plain" value={draft.series} onChange={(e) => setDraft({ ...draft, series: e.target.value })} data-testid="rate-series">
              {tables.series.map((s) => (
                <option key={s.series} value={s.series}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span className="field__label">{t('interest.validFrom')}</span>
            <DayPicker value={draft.validFrom} onChange={(day) => setDraft({ ...draft, validFrom: day })} label={t('interest.validFrom')} testId="rate-valid-from" />
          </div>
          <label className="field">
            <span className="field__label">{t('interest.ratePercent')}</span>
            <input className="input input--rate" inputMode="decimal" value={draft.rate} placeholder="4,25" onChange={(e) => setDraft({ ...draft, rate: e.target.value })} data-testid="rate-rate" />
          </label>
          <label className="field rate-form__source">
            <span className="field__label">{t('interest.source')}</span>
            <input className="input" value={draft.source} placeholder={t('interest.sourcePlaceholder')} onChange={(e) => setDraft({ ...draft, source: e.target.value })} data-testid="rate-source" />
          </label>
          <button type="button" className="btn btn--primary rate-form__save" onClick={save} disabled={busy || !draft.rate.trim()} data-testid="rate-save">
            {t('interest.addRate')}
          </button>
        </div>
        {error && <ErrorNotice error={error} testId="rate-error" />}
        {saved && !error && (
          <p className="record__saved" role="status" data-testid="rate-saved">
            {saved}
          </p>
        )}
      </div>
    </section>
  );
}

function RateTable({
  series,
  busy,
  onRemove,
  onOverride,
}: {
  series: RateSeriesDto;
  busy: boolean;
  onRemove: (row: ReferenceRateDto) => void;
  onOverride: (row: ReferenceRateDto) => void;
}) {
  const { t, date, locale } = useI18n();
  const [all, setAll] = useState(false);
  const separator = decimalSeparator(locale);
  // Newest first: the rate in force now is on top.
  const rows = [...series.rows].reverse();
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const users = series.rows.filter((r) => r.origin === 'user').length;
  return (
    <div className="rate-table" data-testid={`rates-${series.series}`}>
      <h3 className="rate-table__title">
        {series.title}
        {users > 0 && <span className="badge badge--accent">{t('interest.userRows', { count: users })}</span>}
      </h3>
      <table className="table table--compact">
        <thead>
          <tr>
            <th>{t('interest.validFrom')}</th>
            <th className="num">{t('interest.rate')}</th>
            <th>{t('interest.origin')}</th>
            <th>{t('interest.source')}</th>
            <th>
              <span className="sr-only">{t('interest.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.valid_from} data-testid="rate-row" data-series={r.series} data-from={r.valid_from} data-origin={r.origin}>
              <td>{date(r.valid_from)}</td>
              <td className="num strong">{ratePercent(r.rate, separator)}</td>
              <td>
                {r.origin === 'user' ? (
                  <span className="badge badge--accent" title={r.shipped_rate ? t('interest.overrides', { rate: ratePercent(r.shipped_rate, separator) }) : undefined}>
                    {t('interest.originUser')}
                  </span>
                ) : (
                  <span className="badge badge--neutral">{t('interest.originShipped')}</span>
                )}
                {r.shipped_rate && <span className="muted rate-table__was"> {t('interest.overrides', { rate: ratePercent(r.shipped_rate, separator) })}</span>}
              </td>
              <td className="rate-table__source ellipsis" title={r.source}>
                {r.source}
              </td>
              <td className="num">
                {r.origin === 'user' ? (
                  <button type="button" className="btn btn--small btn--ghost" onClick={() => onRemove(r)} disabled={busy} data-testid="rate-remove">
                    {t('interest.remove')}
                  </button>
                ) : (
                  <button type="button" className="btn btn--small btn--ghost" onClick={() => onOverride(r)} disabled={busy} data-testid="rate-override">
                    {t('interest.override')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FIRST_ROWS && (
        <button type="button" className="btn btn--small btn--ghost rate-table__all" onClick={() => setAll(!all)} data-testid={`rates-${series.series}-all`}>
          {all ? t('interest.showFewer') : t('interest.showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
}

function Calculator({ tables }: { tables: ReferenceRatesDto }) {
  const { t, locale, money, date, int, country } = useI18n();
  const { reportError } = useSession();
  const separator = decimalSeparator(locale);
  const rule = tables.rules.find((r) => r.rule === tables.company_rule);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(rule?.currency ?? 'EUR');
  const [due, setDue] = useState(() => `${todayIso().slice(0, 4)}-01-10`);
  const [asOf, setAsOf] = useState(todayIso);
  const [result, setResult] = useState<LegalInterestDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [bad, setBad] = useState(false);
  const [busy, setBusy] = useState(false);

  const compute = () => {
    setError(null);
    setBad(false);
    const value = parseAmountInput(amount, separator);
    if (!value) {
      setBad(true);
      return;
    }
    setBusy(true);
    api.legalInterest({ amount: value, currency: currency.trim().toUpperCase(), due, as_of: asOf }).then(
      (r) => {
        setBusy(false);
        setResult(r);
      },
      (reason: unknown) => {
        const e = toApiError(reason);
        setBusy(false);
        setResult(null);
        setError(e);
        reportError(e);
      },
    );
  };

  return (
    <section className="card settings-section" data-testid="interest-calculator">
      <div className="settings-section__head">
        <Icon name="invoice" />
        <div>
          <h2 className="card__title">{t('interest.calcTitle')}</h2>
          <p className="muted">{t('interest.calcHint', { country: country(tables.company_country) })}</p>
        </div>
      </div>
      <form
        className="calc__fields"
        onSubmit={(e) => {
          e.preventDefault();
          compute();
        }}
        noValidate
      >
        <label className="field">
          <span className="field__label">{t('interest.amount')}</span>
          <input className="input input--amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="calc-amount" />
        </label>
        <label className="field">
          <span className="field__label">{t('interest.currency')}</span>
          <input className="input input--currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} data-testid="calc-currency" />
        </label>
        <div className="field">
          <span className="field__label">{t('interest.due')}</span>
          <DayPicker value={due} onChange={setDue} label={t('interest.due')} testId="calc-due" />
        </div>
        <div className="field">
          <span className="field__label">{t('interest.asOf')}</span>
          <DayPicker value={asOf} onChange={setAsOf} label={t('interest.asOf')} testId="calc-as-of" />
        </div>
        <button type="submit" className="btn btn--primary calc__run" disabled={busy || !amount.trim()} data-testid="calc-run">
          {t('interest.compute')}
        </button>
      </form>
      {bad && (
        <p className="field__error" role="alert" data-testid="calc-bad-amount">
          {t('interest.badAmount')}
        </p>
      )}
      {error && <ErrorNotice error={error} testId="calc-error" />}
      {result && (
        <div className="calc__result" data-testid="calc-result">
          <dl className="kpis kpis--calc">
            <div className="kpi">
              <dt className="kpi__label">{t('interest.daysLate')}</dt>
              <dd className="kpi__value" data-testid="calc-days">
                {int(result.days)}
              </dd>
            </div>
            <div className="kpi">
              <dt className="kpi__label">{t('interest.interest')}</dt>
              <dd className="kpi__value" data-testid="calc-interest">
                {money(result.interest)}
              </dd>
            </div>
            <div className="kpi">
              <dt className="kpi__label">{t('interest.compensation')}</dt>
              <dd className="kpi__value" data-testid="calc-compensation">
                {money(result.compensation)}
              </dd>
            </div>
            <div className="kpi">
              <dt className="kpi__label">{t('interest.total')}</dt>
              <dd className="kpi__value" data-testid="calc-total">
                {money(result.total)}
              </dd>
            </div>
          </dl>
          <p className="muted">
            {result.rule_title} · {result.day_count}
          </p>
          {result.periods.length > 0 && (
            <table className="table table--compact calc__periods">
              <thead>
                <tr>
                  <th>{t('interest.period')}</th>
                  <th className="num">{t('interest.days')}</th>
                  <th className="num">{t('interest.reference')}</th>
                  <th className="num">{t('interest.points')}</th>
                  <th className="num">{t('interest.rate')}</th>
                  <th className="num">{t('interest.interest')}</th>
                </tr>
              </thead>
              <tbody>
                {result.periods.map((p) => (
                  <tr key={p.from} data-testid="calc-period">
                    <td>
                      {date(p.from)} – {date(p.to)}
                    </td>
                    <td className="num">{int(p.days)}</td>
                    <td className="num" title={t('interest.referenceOn', { day: date(p.reference_day) })}>
                      {ratePercent(p.reference_rate, separator)}
                      {p.reference_origin === 'user' && <span className="badge badge--accent badge--inline">{t('interest.originUser')}</span>}
                    </td>
                    <td className="num">+{separator === ',' ? p.points.replace('.', ',') : p.points}</td>
                    <td className="num">{ratePercent(p.rate, separator)}</td>
                    <td className="num amount">{money(p.interest)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.warnings.map((w) => (
            <p key={w} className="notice" data-testid="calc-warning">
              {w}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
