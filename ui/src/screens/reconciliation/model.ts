// What the reconciliation screen decides without the backend: which statuses a tab lists,
// what a key does, which entry is selected after an action. No money arithmetic here.

import type { BankEntriesDto, BankEntryDto, EntryStatusDto } from '../../api';

export type TabId = 'review' | 'unmatched' | 'auto' | 'confirmed' | 'outgoing' | 'all';

export const TABS: { id: TabId; statuses: EntryStatusDto[] }[] = [
  { id: 'review', statuses: ['suggested'] },
  { id: 'unmatched', statuses: ['unmatched'] },
  { id: 'auto', statuses: ['auto'] },
  { id: 'confirmed', statuses: ['confirmed'] },
  { id: 'outgoing', statuses: ['outgoing'] },
  { id: 'all', statuses: [] },
];

export function statusesOf(tab: TabId): EntryStatusDto[] {
  return TABS.find((t) => t.id === tab)?.statuses ?? [];
}

/** How many entries a tab lists, from the backend's counts per status. */
export function countOf(data: BankEntriesDto | undefined, tab: TabId): number | null {
  if (!data) return null;
  const statuses = statusesOf(tab);
  return data.counts.filter((c) => statuses.length === 0 || statuses.includes(c.status)).reduce((n, c) => n + c.count, 0);
}

export type Command = 'up' | 'down' | 'accept' | 'reject' | 'undo' | 'split' | 'close';

/** The command of a key press, or null. Keys typed into a field are the field's. */
export function commandOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): Command | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable === true;
  if (event.key === 'Escape') return 'close';
  if (typing) return null;
  // Enter on a button or a link is that button's or link's.
  if (event.key === 'Enter') return tag === 'BUTTON' || tag === 'A' ? null : 'accept';
  switch (event.key) {
    case 'ArrowUp':
    case 'k':
      return 'up';
    case 'ArrowDown':
    case 'j':
      return 'down';
    case 'a':
      return 'accept';
    case 'r':
      return 'reject';
    case 'u':
      return 'undo';
    case 's':
      return 'split';
    default:
      return null;
  }
}

export const canAccept = (e: BankEntryDto) => e.status === 'suggested' && e.suggestion !== null;
export const canReject = canAccept;
export const canUndo = (e: BankEntryDto) => e.status === 'auto' || e.status === 'confirmed';
export const canSplit = (e: BankEntryDto) => e.status === 'unmatched' || e.status === 'suggested';

/** Whether accepting should offer to remember the payer's IBAN. */
export const offersIban = (e: BankEntryDto) => e.iban.trim() !== '' && !e.iban_known;

/**
 * The entry to select after `acted` became `status`: itself while the tab still lists it, else
 * the one after it (or before, at the end of the list).
 */
export function nextSelection(entries: BankEntryDto[], acted: number, status: EntryStatusDto, tab: TabId): number | null {
  const statuses = statusesOf(tab);
  if (statuses.length === 0 || statuses.includes(status)) return acted;
  const at = entries.findIndex((e) => e.id === acted);
  if (at < 0) return entries[0]?.id ?? null;
  return entries[at + 1]?.id ?? entries[at - 1]?.id ?? null;
}

/** The invoices an entry pays or would pay: applied ones when applied, else the proposal's. */
export function invoicesOf(e: BankEntryDto): string[] {
  const active = e.allocations.filter((a) => a.reversed_on === null && !a.write_off).map((a) => a.invoice);
  if (active.length > 0) return active;
  if (e.status === 'suggested') return e.suggestion?.allocations.map((a) => a.invoice) ?? [];
  return [];
}
