import { useRef, useState } from 'react';
import type { ApiError, LetterTemplateDto, LetterTemplatesDto, TemplateDto } from '../../api';
import { api, toApiError } from '../../api';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { TEMPLATES } from '../../components/segments';
import { LANGUAGES } from '../../format/format';
import type { Language } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { LANGUAGE_NAMES } from '../../i18n/messages';
import type { MessageKey } from '../../i18n/messages';

type Block = 'subject' | 'opening' | 'body' | 'closing';

const BLOCKS: { block: Block; label: MessageKey; rows: number }[] = [
  { block: 'subject', label: 'letters.subject', rows: 1 },
  { block: 'opening', label: 'letters.opening', rows: 2 },
  { block: 'body', label: 'letters.body', rows: 9 },
  { block: 'closing', label: 'letters.closing', rows: 3 },
];

const find = (all: LetterTemplatesDto, language: string, tone: TemplateDto) => all.templates.find((x) => x.language === language && x.tone === tone);

/** The letter texts, per language and tone: four blocks with `{placeholders}`, saved or reset to the shipped text. */
export function LettersSection() {
  const { t, language: uiLanguage } = useI18n();
  const loaded = useLoad('letter-templates', api.letterTemplates);
  const [answered, setAnswered] = useState<LetterTemplatesDto | null>(null);
  const all = answered ?? loaded.data;
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [tone, setTone] = useState<TemplateDto>('reminder');
  const template = all && find(all, language, tone);
  return (
    <section className="card settings-section" data-testid="settings-letters">
      <div className="settings-section__head">
        <Icon name="letter" />
        <div>
          <h2 className="card__title">{t('letters.title')}</h2>
          <p className="muted">{t('letters.hint', { example: '{customer_name}' })}</p>
        </div>
      </div>
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {!all && !loaded.error && <Loading />}
      {all && (
        <>
          <div className="letters__pick">
            <label className="field">
              <span className="field__label">{t('letters.language')}</span>
              <select className="select select--plain" value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="letters-language">
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                    {find(all, l, tone)?.customized ? ` · ${t('letters.customized')}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <div className="field">
              <span className="field__label">{t('letters.tone')}</span>
              <div className="tabs letters__tones" role="tablist">
                {TEMPLATES.map((x) => (
                  <button
                    key={x}
                    type="button"
                    role="tab"
                    aria-selected={x === tone}
                    className={'tab' + (x === tone ? ' tab--on' : '')}
                    onClick={() => setTone(x)}
                    data-testid={`letters-tone-${x}`}
                  >
                    {t(`template.${x}`)}
                    {find(all, language, x)?.customized && <span className="chip__dot letters__dot" title={t('letters.customized')} />}
                  </button>
                ))}
              </div>
            </div>
          </div>
          {template ? (
            <TemplateEditor key={`${language}-${tone}`} saved={template} placeholders={all.placeholders} onAnswer={setAnswered} />
          ) : (
            <p className="muted">{t('letters.none')}</p>
          )}
        </>
      )}
    </section>
  );
}

function TemplateEditor({ saved, placeholders, onAnswer }: { saved: LetterTemplateDto; placeholders: string[]; onAnswer: (all: LetterTemplatesDto) => void }) {
  const { t } = useI18n();
  const { reportError } = useSession();
  const [draft, setDraft] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  // The block the user was last in, and where its caret was: a placeholder goes there.
  const [focused, setFocused] = useState<Block>('body');
  const fields = useRef<Partial<Record<Block, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const dirty = BLOCKS.some(({ block }) => draft[block] !== saved[block]);

  const edit = (block: Block, value: string) => {
    setDone(null);
    setDraft((d) => ({ ...d, [block]: value }));
  };

  const insert = (name: string) => {
    const el = fields.current[focused];
    const text = draft[focused];
    const token = `{${name}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    edit(focused, text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const answered = (message: MessageKey) => (all: LetterTemplatesDto) => {
    setBusy(false);
    setDone(message);
    setDraft(find(all, saved.language, saved.tone) ?? draft);
    onAnswer(all);
  };
  const failed = (reason: unknown) => {
    const e = toApiError(reason);
    setBusy(false);
    setError(e);
    reportError(e);
  };

  const save = () => {
    setError(null);
    setDone(null);
    setBusy(true);
    api.saveLetterTemplate(draft).then(answered('letters.saved'), failed);
  };
  const reset = () => {
    setError(null);
    setDone(null);
    setBusy(true);
    api.resetLetterTemplate(saved.language, saved.tone).then(answered('letters.resetDone'), failed);
  };

  return (
    <div className="letters__editor" data-testid="letters-editor" data-customized={saved.customized ? 'yes' : 'no'}>
      <div className="letters__status">
        {saved.customized ? (
          <span className="badge badge--accent" data-testid="letters-customized">
            {t('letters.customized')}
          </span>
        ) : (
          <span className="badge badge--neutral" data-testid="letters-shipped">
            {t('letters.shipped')}
          </span>
        )}
        {dirty && (
          <span className="badge badge--orange" data-testid="letters-unsaved">
            {t('policies.unsaved')}
          </span>
        )}
      </div>
      <div className="letters__grid">
        <div className="letters__blocks">
          {BLOCKS.map(({ block, label, rows }) => (
            <label key={block} className="field">
              <span className="field__label">{t(label)}</span>
              {rows === 1 ? (
                <input
                  ref={(el) => {
                    fields.current[block] = el;
                  }}
                  className="input"
                  value={draft[block]}
                  onFocus={() => setFocused(block)}
                  onChange={(e) => edit(block, e.target.value)}
                  data-testid={`letters-${block}`}
                />
              ) : (
                <textarea
                  ref={(el) => {
                    fields.current[block] = el;
                  }}
                  className="textarea letters__text"
                  rows={rows}
                  value={draft[block]}
                  onFocus={() => setFocused(block)}
                  onChange={(e) => edit(block, e.target.value)}
                  data-testid={`letters-${block}`}
                />
              )}
            </label>
          ))}
        </div>
        <aside className="letters__placeholders" data-testid="letters-placeholders">
          <span className="field__label">{t('letters.placeholders')}</span>
          <p className="muted letters__where">{t('letters.insertInto', { block: t(BLOCKS.find((b) => b.block === focused)!.label) })}</p>
          <ul>
            {placeholders.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  className="chip letters__placeholder"
                  // Keep the caret in the text while clicking.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(p)}
                  data-testid="letters-placeholder"
                  data-name={p}
                >
                  {`{${p}}`}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {error && <ErrorNotice error={error} testId="letters-error" />}
      <div className="policy__actions letters__actions">
        {done && !dirty && (
          <span className="policy__saved" role="status" data-testid="letters-done">
            {t(done)}
          </span>
        )}
        <span className="toolbar__spacer" />
        <button type="button" className="btn" onClick={reset} disabled={busy || (!saved.customized && !dirty)} data-testid="letters-reset">
          {t('letters.reset')}
        </button>
        <button type="button" className="btn btn--primary" onClick={save} disabled={busy || !dirty} data-testid="letters-save">
          {t('letters.save')}
        </button>
      </div>
    </div>
  );
}
