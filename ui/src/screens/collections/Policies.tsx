import { useState } from 'react';
import type { ApiError, DunningPolicyDto } from '../../api';
import { api } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { SegmentBadge } from '../../components/SegmentBadge';
import { ACTIONS, SEGMENTS, TEMPLATES } from '../../components/segments';
import { decimalSeparator } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { StepDraft, When } from './model';
import { draftsOf, nextStep, policyOf, sameDrafts } from './model';

/** One card per segment with its steps in order; each saved on its own (the backend validates). */
export function Policies() {
  const { t } = useI18n();
  const policies = useLoad('dunning-policies', () => api.dunningPolicies());
  const ordered = policies.data ? SEGMENTS.flatMap((s) => policies.data!.filter((p) => p.segment === s)) : [];
  return (
    <div data-testid="policies">
      <p className="policies__hint">{t('policies.hint')}</p>
      {policies.error && <ErrorNotice error={policies.error} onRetry={policies.reload} />}
      {policies.data ? (
        <div className="policies">
          {ordered.map((p) => (
            <PolicyCard key={p.segment} saved={p} />
          ))}
        </div>
      ) : (
        !policies.error && <Loading />
      )}
    </div>
  );
}

function PolicyCard({ saved: initial }: { saved: DunningPolicyDto }) {
  const { t, locale } = useI18n();
  const { reportError } = useSession();
  const separator = decimalSeparator(locale);
  const [saved, setSaved] = useState(initial);
  const [drafts, setDrafts] = useState<StepDraft[]>(() => draftsOf(initial, separator));
  const [busy, setBusy] = useState(false);
  // The backend's refusal (its code translated, its message as it names the step), or ours.
  const [error, setError] = useState<{ title?: string; detail: string } | null>(null);
  const [done, setDone] = useState(false);
  const dirty = !sameDrafts(drafts, draftsOf(saved, separator));
  const id = `policy-${saved.segment}`;

  const edit = (index: number, change: Partial<StepDraft>) => {
    setDone(false);
    setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...change } : d)));
  };

  const kept = (policy: DunningPolicyDto) => {
    setBusy(false);
    setSaved(policy);
    setDrafts(draftsOf(policy, separator));
    setDone(true);
  };
  const failed = (e: ApiError) => {
    setBusy(false);
    setError({ title: t(`error.${e.code}`), detail: e.message });
    reportError(e);
  };

  const save = () => {
    setError(null);
    setDone(false);
    const built = policyOf(saved.segment, drafts, separator);
    if ('badDays' in built) {
      setError({ detail: t('policies.badDays', { step: built.badDays }) });
      return;
    }
    setBusy(true);
    api.saveDunningPolicy(built.policy).then(kept, failed);
  };

  const reset = () => {
    setError(null);
    setDone(false);
    setBusy(true);
    api.resetDunningPolicy(saved.segment).then(kept, failed);
  };

  return (
    <section className={'card policy' + (dirty ? ' policy--dirty' : '')} data-testid={id} data-dirty={dirty ? 'yes' : 'no'}>
      <header className="card__head card__head--inset">
        <h2 className="card__title policy__title">
          <SegmentBadge segment={saved.segment} />
        </h2>
        {dirty && (
          <span className="badge badge--orange" data-testid={`${id}-unsaved`}>
            {t('policies.unsaved')}
          </span>
        )}
      </header>
      {drafts.length === 0 ? (
        <p className="muted policy__empty">{t('policies.noSteps')}</p>
      ) : (
        <table className="table table--compact policy__steps">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('policies.days')}</th>
              <th>{t('policies.action')}</th>
              <th>{t('policies.template')}</th>
              <th title={t('policies.feeHint')}>{t('policies.fee')}</th>
              <th title={t('policies.interest')}>{t('policies.interest')}</th>
              <th>
                <span className="sr-only">{t('policies.remove', { step: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => (
              <tr key={i} data-testid={`${id}-step`}>
                <td className="num muted">{i + 1}</td>
                <td>
                  <div className="policy__when">
                    <input
                      className="input input--days"
                      inputMode="numeric"
                      value={d.days}
                      onChange={(e) => edit(i, { days: e.target.value })}
                      aria-label={`${t('policies.days')} ${i + 1}`}
                      data-testid={`${id}-step-${i}-days`}
                    />
                    <select
                      className="select select--compact"
                      value={d.when}
                      onChange={(e) => edit(i, { when: e.target.value as When })}
                      aria-label={`${t('policies.when')} ${i + 1}`}
                      data-testid={`${id}-step-${i}-when`}
                    >
                      <option value="before">{t('policies.before')}</option>
                      <option value="after">{t('policies.after')}</option>
                    </select>
                  </div>
                </td>
                <td>
                  <select
                    className="select select--compact"
                    value={d.action}
                    onChange={(e) => edit(i, { action: e.target.value as StepDraft['action'] })}
                    aria-label={`${t('policies.action')} ${i + 1}`}
                    data-testid={`${id}-step-${i}-action`}
                  >
                    {ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {t(`action.${a}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    className="select select--compact"
                    value={d.template}
                    onChange={(e) => edit(i, { template: e.target.value as StepDraft['template'] })}
                    aria-label={`${t('policies.template')} ${i + 1}`}
                    data-testid={`${id}-step-${i}-template`}
                  >
                    {TEMPLATES.map((tpl) => (
                      <option key={tpl} value={tpl}>
                        {t(`template.${tpl}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input input--amount input--fee"
                    inputMode="decimal"
                    value={d.fee}
                    placeholder="—"
                    onChange={(e) => edit(i, { fee: e.target.value })}
                    aria-label={`${t('policies.fee')} ${i + 1} (${t('policies.feeHint')})`}
                    title={t('policies.feeHint')}
                    data-testid={`${id}-step-${i}-fee`}
                  />
                </td>
                <td className="policy__check">
                  <input
                    type="checkbox"
                    checked={d.claimInterest}
                    onChange={(e) => edit(i, { claimInterest: e.target.checked })}
                    aria-label={`${t('policies.interest')} ${i + 1}`}
                    data-testid={`${id}-step-${i}-interest`}
                  />
                </td>
                <td className="num">
                  <button
                    type="button"
                    className="btn btn--small btn--ghost btn--icon"
                    onClick={() => {
                      setDone(false);
                      setDrafts((list) => list.filter((_, n) => n !== i));
                    }}
                    aria-label={t('policies.remove', { step: i + 1 })}
                    title={t('policies.remove', { step: i + 1 })}
                    data-testid={`${id}-step-${i}-remove`}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="field__error policy__error" role="alert" data-testid={`${id}-error`}>
          {error.title && <strong>{error.title}: </strong>}
          <span data-testid={`${id}-error-detail`}>{error.detail}</span>
        </p>
      )}
      <div className="policy__actions">
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => {
            setDone(false);
            setDrafts((list) => [...list, nextStep(list)]);
          }}
          data-testid={`${id}-add`}
        >
          + {t('policies.add')}
        </button>
        <span className="toolbar__spacer" />
        {done && !dirty && (
          <span className="policy__saved" role="status" data-testid={`${id}-saved`}>
            {t('policies.saved')}
          </span>
        )}
        <button type="button" className="btn btn--small" onClick={reset} disabled={busy} data-testid={`${id}-reset`}>
          {t('policies.reset')}
        </button>
        <button type="button" className="btn btn--small btn--primary" onClick={save} disabled={busy || !dirty} data-testid={`${id}-save`}>
          {t('policies.save')}
        </button>
      </div>
    </section>
  );
}
