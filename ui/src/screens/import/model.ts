// The import screen's pure parts: the request built from what the user chose, and how far a
// running import is.

import type { ImportKindDto, ImportPreviewDto, ImportProgressDto, ImportRequest } from '../../api';

/** What the user chose so far. `mapping` is `null` until they change a column by hand. */
export interface ImportChoices {
  kind: ImportKindDto;
  path: string;
  mapping: Record<string, string> | null;
  dateFormat: string;
  createMissingCustomers: boolean;
}

export const NO_CHOICES: ImportChoices = {
  kind: 'customers',
  path: '',
  mapping: null,
  dateFormat: '',
  createMissingCustomers: false,
};

export function requestOf(choices: ImportChoices): ImportRequest {
  return {
    kind: choices.kind,
    path: choices.path.trim(),
    // Without a hand-made mapping, the backend finds columns by header, or uses the mapping
    // remembered for this layout of file.
    mapping: Object.entries(choices.mapping ?? {}).map(([field, column]) => ({ field, column })),
    date_format: choices.dateFormat.trim() || null,
    create_missing_customers: choices.kind === 'invoices' && choices.createMissingCustomers,
  };
}

/**
 * The mapping after the user set `field` to `column` ('' for none): every field as the preview
 * shows it, so what is imported is exactly what the screen showed.
 */
export function remap(preview: ImportPreviewDto, field: string, column: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const f of preview.fields) mapping[f.field] = f.column ?? '';
  mapping[field] = column;
  return mapping;
}

/** Which field each column of the file is read for, for the sample's header. */
export function fieldsByColumn(preview: ImportPreviewDto): Map<string, string> {
  const byColumn = new Map<string, string>();
  for (const f of preview.fields) if (f.column !== null) byColumn.set(f.column, f.field);
  return byColumn;
}

/** The share done (0–1) of a running import: reading, checking then writing, each a third. */
export function shareDone(progress: ImportProgressDto | null): number {
  if (!progress) return 0;
  const phase = { reading: 0, checking: 1, writing: 2 }[progress.phase];
  const within = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return (phase + within) / 3;
}

/** The file name of a path, whatever the OS's separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
