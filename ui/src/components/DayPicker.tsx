import { useRef, useState } from 'react';
import { isIsoDate } from '../format/format';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from './Icon';

/**
 * A day shown in the user's language (the native date input shows the system's format), with
 * the system's calendar to change it; typed when the web view has no calendar to show.
 */
export function DayPicker({ value, onChange, label, testId }: { value: string; onChange: (day: string) => void; label: string; testId: string }) {
  const { date } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [typing, setTyping] = useState(false);
  const open = () => {
    const el = input.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      setTyping(true);
      el.focus();
    }
  };
  return (
    <span className="asof day-picker">
      <button type="button" className="asof__button" onClick={open} aria-label={`${label}: ${date(value, 'long')}`} hidden={typing} data-testid={`${testId}-display`}>
        <Icon name="calendar" size={14} />
        {date(value, 'medium')}
      </button>
      <input
        ref={input}
        className={typing ? 'asof__input' : 'asof__input asof__input--hidden'}
        type="date"
        aria-label={label}
        value={value}
        max="9999-12-31"
        tabIndex={typing ? 0 : -1}
        onBlur={() => setTyping(false)}
        onChange={(e) => {
          if (isIsoDate(e.target.value)) onChange(e.target.value);
        }}
        data-testid={testId}
      />
    </span>
  );
}
