import { Icon } from './Icon';
import { KIND_ICONS, isTimelineKind } from './kinds';

/** A round, coloured marker with the kind's icon; the colours are in styles.css (`kind-*`). */
export function KindMarker({ kind, size = 'md' }: { kind: string; size?: 'sm' | 'md' }) {
  const known = isTimelineKind(kind) ? kind : null;
  return (
    <span className={`kind-marker kind-marker--${size} kind-${known ?? 'other'}`} aria-hidden="true">
      <Icon name={known ? KIND_ICONS[known] : 'note'} size={size === 'sm' ? 12 : 14} />
    </span>
  );
}
