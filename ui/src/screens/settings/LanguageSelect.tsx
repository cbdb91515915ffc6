import type { Language } from '../../format/format';
import { LANGUAGES } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { LANGUAGE_NAMES, isLanguage } from '../../i18n/messages';

/** The UI language picker; each language is named in itself. */
export function LanguageSelect({ compact = false, testId = 'settings-language' }: { compact?: boolean; testId?: string }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <select
      className={compact ? 'select select--compact' : 'select'}
      value={language}
      aria-label={t('settings.language')}
      onChange={(e) => {
        if (isLanguage(e.target.value)) setLanguage(e.target.value);
      }}
      data-testid={testId}
    >
      {LANGUAGES.map((l: Language) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
