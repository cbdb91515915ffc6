import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, toApiError } from '../../api';
import type { ApiError, ImportKindDto, ImportOutcomeDto, ImportPreviewDto, ImportProgressDto } from '../../api';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { ImportChoices } from './model';
import { NO_CHOICES, fieldsByColumn, fileName, remap, requestOf, shareDone } from './model';

const KINDS: { kind: ImportKindDto; label: MessageKey }[] = [
  { kind: 'customers', label: 'import.kindCustomers' },
  { kind: 'invoices', label: 'import.kindInvoices' },
  { kind: 'payments', label: 'import.kindPayments' },
];

/** The import screen inside the app: what an import changes is read afresh afterwards. */
export function ImportPage() {
  const { invalidateCustomers, refreshStatus } = useSession();
  return (
    <ImportScreen
      onImported={() => {
        invalidateCustomers();
        refreshStatus();
      }}
    />
  );
}

/**
 * Import of an ERP export: pick the file, check how its columns are read (and correct it),
 * import with a progress bar; a refused file lists every problem with its line and column.
 * Also shown on the start screen, before the app has data, so it needs no session.
 */
export function ImportScreen({ onImported, doneAction }: { onImported?: () => void; doneAction?: { label: string; run: () => void } }) {
  const { t } = useI18n();
  const [choices, setChoices] = useState<ImportChoices>(NO_CHOICES);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<ImportProgressDto | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcomeDto | null>(null);
  // Only the answer to the latest preview request counts.
  const asked = useRef(0);

  const read = (next: ImportChoices) => {
    setChoices(next);
    setOutcome(null);
    if (!next.path.trim()) {
      setPreview(null);
      return;
    }
    const ticket = ++asked.current;
    setPreviewing(true);
    setError(null);
    api.importPreview(requestOf(next)).then(
      (p) => {
        if (ticket !== asked.current) return;
        setPreview(p);
        setPreviewing(false);
      },
      (e: ApiError) => {
        if (ticket !== asked.current) return;
        setPreview(null);
        setError(e);
        setPreviewing(false);
      },
    );
  };

  const browse = () => {
    api.pickImportFile().then(
      (path) => {
        if (path) read({ ...choices, path, mapping: null });
      },
      (e: ApiError) => setError(e),
    );
  };

  const run = async () => {
    setRunning(true);
    setProgress(null);
    setOutcome(null);
    setError(null);
    let stop: (() => void) | null = null;
    try {
      stop = await api.onImportProgress(setProgress);
      const result = await api.importFile(requestOf(choices));
      setOutcome(result);
      if (result.outcome === 'imported') onImported?.();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      stop?.();
      setRunning(false);
    }
  };

  const again = () => {
    setOutcome(null);
    setPreview(null);
    setChoices({ ...NO_CHOICES, kind: choices.kind });
  };

  return (
    <div className="page import" data-testid="import-screen">
      <div className="page__head">
        <h1 className="page__title">{t('import.title')}</h1>
      </div>
      <p className="page__hint">{t('import.hint')}</p>

      {outcome?.outcome === 'imported' ? (
        <ImportedCard outcome={outcome} onAgain={again} doneAction={doneAction} />
      ) : (
        <>
          <FileCard
            choices={choices}
            busy={previewing || running}
            onKind={(kind) => read({ ...choices, kind, mapping: null })}
            onPath={(path) => setChoices({ ...choices, path })}
            onRead={() => read({ ...choices, mapping: null })}
            onBrowse={browse}
          />
          {error && <ErrorNotice error={error} testId="import-error" />}
          {preview && (
            <PreviewCard
              preview={preview}
              choices={choices}
              busy={previewing || running}
              onChange={(next) => read(next)}
            />
          )}
          {preview && (
            <RunCard
              preview={preview}
              choices={choices}
              running={running}
              progress={progress}
              onChoices={setChoices}
              onReread={() => read(choices)}
              onRun={() => void run()}
            />
          )}
          {outcome?.outcome === 'refused' && <RefusedCard outcome={outcome} />}
        </>
      )}
    </div>
  );
}

function FileCard(props: {
  choices: ImportChoices;
  busy: boolean;
  onKind: (kind: ImportKindDto) => void;
  onPath: (path: string) => void;
  onRead: () => void;
  onBrowse: () => void;
}) {
  const { t } = useI18n();
  const { choices, busy } = props;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onRead();
  };
  return (
    <form className="card form import__file" onSubmit={submit}>
      <fieldset className="field">
        <legend className="field__label">{t('import.kind')}</legend>
        <div className="tabs" role="radiogroup" aria-label={t('import.kind')}>
          {KINDS.map(({ kind, label }) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={choices.kind === kind}
              className={'tab' + (choices.kind === kind ? ' tab--on' : '')}
              onClick={() => props.onKind(kind)}
              data-testid={`import-kind-${kind}`}
            >
              {t(label)}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span className="field__label">{t('import.file')}</span>
        <div className="import__path">
          <input
            className="input mono"
            value={choices.path}
            onChange={(e) => props.onPath(e.target.value)}
            placeholder={t('import.filePlaceholder')}
            spellCheck={false}
            data-testid="import-path"
          />
          <button type="button" className="btn" onClick={props.onBrowse} disabled={busy} data-testid="import-browse">
            <Icon name="upload" size={14} />
            {t('import.browse')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy || !choices.path.trim()} data-testid="import-read">
            {t('import.read')}
          </button>
        </div>
      </label>
    </form>
  );
}

function PreviewCard({
  preview,
  choices,
  busy,
  onChange,
}: {
  preview: ImportPreviewDto;
  choices: ImportChoices;
  busy: boolean;
  onChange: (next: ImportChoices) => void;
}) {
  const { t, int } = useI18n();
  const byColumn = fieldsByColumn(preview);
  return (
    <section className="card import__preview" data-testid="import-preview" aria-busy={busy}>
      <div className="card__head">
        <h2 className="card__title">
          <span className="mono">{preview.file}</span>
        </h2>
        <span className="card__note" data-testid="import-rows">
          {t('import.rows', { count: int(preview.rows) })}
        </span>
      </div>
      {preview.mapping_remembered && (
        <p className="badge badge--accent" data-testid="import-remembered">
          {t('import.remembered')}
        </p>
      )}
      <h3 className="import__subtitle">{t('import.mapping')}</h3>
      <p className="muted">{t('import.mappingHint')}</p>
      <div className="import__mapping" data-testid="import-mapping">
        {preview.fields.map((f) => (
          <label key={f.field} className={'import__field' + (f.required && f.column === null ? ' import__field--missing' : '')}>
            <span className="mono">
              {f.field}
              {f.required && (
                <abbr className="import__required" title={t('import.required')}>
                  *
                </abbr>
              )}
            </span>
            <select
              className="select select--compact"
              value={f.column ?? ''}
              disabled={busy}
              onChange={(e) => onChange({ ...choices, mapping: remap(preview, f.field, e.target.value) })}
              data-testid={`import-map-${f.field}`}
            >
              <option value="">{t('import.none')}</option>
              {preview.headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <h3 className="import__subtitle">{t('import.sample')}</h3>
      <div className="table-scroll">
        <table className="table import__sample" data-testid="import-sample">
          <thead>
            <tr>
              <th className="num">{t('import.line')}</th>
              {preview.headers.map((h) => (
                <th key={h}>
                  {h}
                  <span className="import__reads">{byColumn.get(h) ?? t('import.ignored')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row) => (
              <tr key={row.line}>
                <td className="num muted">{row.line}</td>
                {preview.headers.map((h, i) => (
                  <td key={h} className={byColumn.has(h) ? '' : 'subtle'}>
                    {row.cells[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.warnings.map((w) => (
        <p key={w} className="notice" data-testid="import-warning">
          {w}
        </p>
      ))}
    </section>
  );
}

function RunCard(props: {
  preview: ImportPreviewDto;
  choices: ImportChoices;
  running: boolean;
  progress: ImportProgressDto | null;
  onChoices: (next: ImportChoices) => void;
  /** Reads the file again with the choices made (a typed date format). */
  onReread: () => void;
  onRun: () => void;
}) {
  const { t, int } = useI18n();
  const { preview, choices, running, progress } = props;
  const share = shareDone(progress);
  return (
    <section className="card form import__run">
      {choices.kind !== 'customers' && (
        <div className="form__row">
          <label className="field">
            <span className="field__label">{t('import.dateFormat')}</span>
            <input
              className="input mono"
              value={choices.dateFormat}
              placeholder={preview.date_format ?? '%Y-%m-%d'}
              onChange={(e) => props.onChoices({ ...choices, dateFormat: e.target.value })}
              onBlur={() => {
                if (choices.dateFormat.trim() !== (preview.date_format ?? '')) props.onReread();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') props.onReread();
              }}
              data-testid="import-date-format"
            />
            <span className="field__hint">
              {preview.date_format ? t('import.dateFormatDetected', { format: preview.date_format }) : t('import.dateFormatHint')}
            </span>
          </label>
          {choices.kind === 'invoices' && (
            <label className="field import__check">
              <input
                type="checkbox"
                checked={choices.createMissingCustomers}
                onChange={(e) => props.onChoices({ ...choices, createMissingCustomers: e.target.checked })}
                data-testid="import-create-customers"
              />
              <span>{t('import.createMissing')}</span>
            </label>
          )}
        </div>
      )}
      {preview.blocker && (
        <p className="notice notice--error" role="alert" data-testid="import-blocker">
          <strong>{t('import.blocked')}</strong>
          <span className="notice__detail">{preview.blocker}</span>
        </p>
      )}
      {running && (
        <div className="import__progress" data-testid="import-progress">
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
            aria-label={t('import.running')}
          >
            <div className="progress__bar" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <span className="muted">
            {progress ? t(`import.phase.${progress.phase}`) : t('import.running')}
            {progress && progress.total > 0 && ` — ${int(progress.done)} / ${int(progress.total)}`}
          </span>
        </div>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="btn btn--primary btn--large"
          disabled={running || preview.blocker !== null}
          onClick={props.onRun}
          data-testid="import-run"
        >
          {running ? t('import.running') : t('import.run', { count: int(preview.rows) })}
        </button>
      </div>
    </section>
  );
}

function RefusedCard({ outcome }: { outcome: Extract<ImportOutcomeDto, { outcome: 'refused' }> }) {
  const { t, int } = useI18n();
  const card = useRef<HTMLElement>(null);
  // The verdict appears below the preview: bring it into view.
  useEffect(() => card.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }), [outcome]);
  return (
    <section ref={card} className="card import__refused" data-testid="import-refused" role="alert">
      <div className="card__head">
        <h2 className="card__title text-red">{t('import.refused')}</h2>
      </div>
      <p>{t('import.refusedText', { count: int(Math.max(outcome.problems.length, 1)) })}</p>
      {outcome.problems.length > 0 ? (
        <div className="table-scroll">
          <table className="table" data-testid="import-problems">
            <thead>
              <tr>
                <th className="num">{t('import.line')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.problems.map((p, i) => (
                <tr key={i} data-testid="import-problem">
                  <td className="num">{p.line > 0 ? p.line : '—'}</td>
                  <td className="mono">{p.column || '—'}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{outcome.message}</p>
      )}
    </section>
  );
}

function ImportedCard({
  outcome,
  onAgain,
  doneAction,
}: {
  outcome: Extract<ImportOutcomeDto, { outcome: 'imported' }>;
  onAgain: () => void;
  doneAction?: { label: string; run: () => void };
}) {
  const { t, int } = useI18n();
  const r = outcome.report;
  return (
    <section className="card import__done" data-testid="import-done">
      <div className="card__head">
        <h2 className="card__title">
          <Icon name="payment" /> {t('import.done', { file: fileName(r.file) })}
        </h2>
      </div>
      <p data-testid="import-summary">{t('import.doneText', { rows: int(r.rows), created: int(r.created), updated: int(r.updated) })}</p>
      {r.customers_created > 0 && <p>{t('import.customersCreated', { count: int(r.customers_created) })}</p>}
      {r.payments_recorded > 0 && <p>{t('import.paymentsRecorded', { count: int(r.payments_recorded) })}</p>}
      {r.warnings.map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
      <div className="form__actions">
        <button type="button" className="btn" onClick={onAgain} data-testid="import-again">
          {t('import.again')}
        </button>
        {doneAction && (
          <button type="button" className="btn btn--primary" onClick={doneAction.run} data-testid="import-finish">
            {doneAction.label}
          </button>
        )}
      </div>
    </section>
  );
}
