// The collections vocabulary shared by the screens: segments, dunning actions and tones.

import type { DunningActionDto, SegmentDto, TemplateDto } from '../api';
import type { IconName } from './Icon';

/** In the order the product presents them (DESIGN §6). */
export const SEGMENTS: readonly SegmentDto[] = ['punctual', 'forgetful', 'systematic_late', 'struggling', 'disputing', 'new'];

export const ACTIONS: readonly DunningActionDto[] = ['email', 'letter', 'call', 'escalation'];

export const TEMPLATES: readonly TemplateDto[] = ['reminder', 'second_reminder', 'formal_notice'];

export const ACTION_ICONS: Record<DunningActionDto, IconName> = {
  email: 'mail',
  letter: 'letter',
  call: 'phone',
  escalation: 'level',
};

export function isSegment(value: string): value is SegmentDto {
  return (SEGMENTS as readonly string[]).includes(value);
}
