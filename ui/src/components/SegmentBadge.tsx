import type { SegmentDto } from '../api';
import { useI18n } from '../i18n/I18nProvider';

/** A segment's name on its colour (styles.css `segment--*`). */
export function SegmentBadge({ segment, large = false, testId }: { segment: SegmentDto; large?: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`segment segment--${segment}` + (large ? ' segment--large' : '')} data-testid={testId} data-segment={segment}>
      {t(`segment.${segment}`)}
    </span>
  );
}
