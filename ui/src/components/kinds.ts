import type { TimelineKindDto } from '../api';
import type { MessageKey } from '../i18n/messages';
import type { IconName } from './Icon';

export const TIMELINE_KINDS: readonly TimelineKindDto[] = [
  'invoice_issued',
  'credit_note_issued',
  'due_passed',
  'payment',
  'note',
  'call',
  'email',
  'letter',
  'promise',
  'dispute',
  'level_change',
  'alert',
];

export const KIND_ICONS: Record<TimelineKindDto, IconName> = {
  invoice_issued: 'invoice',
  credit_note_issued: 'creditNote',
  due_passed: 'clock',
  payment: 'payment',
  note: 'note',
  call: 'phone',
  email: 'mail',
  letter: 'letter',
  promise: 'promise',
  dispute: 'dispute',
  level_change: 'level',
  alert: 'alert',
};

export function isTimelineKind(kind: string): kind is TimelineKindDto {
  return (TIMELINE_KINDS as readonly string[]).includes(kind);
}

export function kindLabelKey(kind: TimelineKindDto): MessageKey {
  return `kind.${kind}`;
}
