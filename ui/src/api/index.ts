// The one door to the backend. Every Tauri command the UI calls is listed in `Commands` with
// its arguments and its answer, so a misspelt command or a wrong argument is a compile error.
// This is the only module that imports `invoke`; the linter forbids it elsewhere.
//
// Tauri maps the Rust commands' snake_case parameters to camelCase keys (`as_of` → `asOf`);
// the payloads inside (`TimelineRequest`, `RecordRequest`) keep their serde field names.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { ApiError } from './bindings/ApiError';
import type { ApiErrorCode } from './bindings/ApiErrorCode';
import type { AppStatusDto } from './bindings/AppStatusDto';
import type { BackupDto } from './bindings/BackupDto';
import type { CompanyDto } from './bindings/CompanyDto';
import type { CustomerDetailDto } from './bindings/CustomerDetailDto';
import type { CustomerRowDto } from './bindings/CustomerRowDto';
import type { DemoSummaryDto } from './bindings/DemoSummaryDto';
import type { ImportOutcomeDto } from './bindings/ImportOutcomeDto';
import type { ImportPreviewDto } from './bindings/ImportPreviewDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportRequest } from './bindings/ImportRequest';
import type { OverviewDto } from './bindings/OverviewDto';
import type { PreferencesDto } from './bindings/PreferencesDto';
import type { RecordRequest } from './bindings/RecordRequest';
import type { TimelinePageDto } from './bindings/TimelinePageDto';
import type { TimelineRequest } from './bindings/TimelineRequest';

export type { ApiError, ApiErrorCode };
export type { AgeingDto } from './bindings/AgeingDto';
export type { AppStatusDto } from './bindings/AppStatusDto';
export type { BackupDto } from './bindings/BackupDto';
export type { CompanyDto } from './bindings/CompanyDto';
export type { ContactDto } from './bindings/ContactDto';
export type { CustomerDetailDto } from './bindings/CustomerDetailDto';
export type { CustomerRowDto } from './bindings/CustomerRowDto';
export type { DemoSummaryDto } from './bindings/DemoSummaryDto';
export type { FieldColumnDto } from './bindings/FieldColumnDto';
export type { ImportKindDto } from './bindings/ImportKindDto';
export type { ImportOutcomeDto } from './bindings/ImportOutcomeDto';
export type { ImportPhaseDto } from './bindings/ImportPhaseDto';
export type { ImportPreviewDto } from './bindings/ImportPreviewDto';
export type { ImportProblemDto } from './bindings/ImportProblemDto';
export type { ImportProgressDto } from './bindings/ImportProgressDto';
export type { ImportReportDto } from './bindings/ImportReportDto';
export type { ImportRequest } from './bindings/ImportRequest';
export type { MappingEntryDto } from './bindings/MappingEntryDto';
export type { InvoiceDto } from './bindings/InvoiceDto';
export type { MoneyDto } from './bindings/MoneyDto';
export type { OverviewDto } from './bindings/OverviewDto';
export type { PreferencesDto } from './bindings/PreferencesDto';
export type { RecentEventDto } from './bindings/RecentEventDto';
export type { RecordRequest } from './bindings/RecordRequest';
export type { SetupDto } from './bindings/SetupDto';
export type { TimelineEventDto } from './bindings/TimelineEventDto';
export type { TimelineKindDto } from './bindings/TimelineKindDto';
export type { TimelinePageDto } from './bindings/TimelinePageDto';
export type { TimelineRequest } from './bindings/TimelineRequest';

/** A calendar day, `YYYY-MM-DD`. `null` where a command accepts it means "today". */
export type IsoDate = string;

/** Every command: its arguments (as Tauri expects them, camelCase) and what it answers. */
export interface Commands {
  app_status: { args: Record<string, never>; result: AppStatusDto };
  create_database: { args: { passphrase: string | null }; result: AppStatusDto };
  unlock: { args: { passphrase: string }; result: AppStatusDto };
  load_demo: { args: Record<string, never>; result: DemoSummaryDto };
  overview: { args: { asOf: IsoDate | null }; result: OverviewDto };
  customers: { args: { asOf: IsoDate | null }; result: CustomerRowDto[] };
  customer: { args: { id: number; asOf: IsoDate | null }; result: CustomerDetailDto };
  timeline: { args: { request: TimelineRequest; asOf: IsoDate | null }; result: TimelinePageDto };
  record: { args: { request: RecordRequest }; result: null };
  company: { args: Record<string, never>; result: CompanyDto };
  save_company: { args: { company: CompanyDto }; result: CompanyDto };
  import_preview: { args: { request: ImportRequest }; result: ImportPreviewDto };
  import_file: { args: { request: ImportRequest }; result: ImportOutcomeDto };
  lock: { args: Record<string, never>; result: AppStatusDto };
  preferences: { args: Record<string, never>; result: PreferencesDto };
  save_preferences: { args: { preferences: PreferencesDto }; result: PreferencesDto };
  backup: { args: { path: string; passphrase: string }; result: BackupDto };
}

/** The event an import sends while it runs. */
export const IMPORT_PROGRESS_EVENT = 'import-progress';

/** The files the import screen offers to pick. */
const IMPORT_FILTERS = [{ name: 'CSV, Excel, OpenDocument', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'ods'] }];

export type CommandName = keyof Commands;

const ERROR_CODES: readonly ApiErrorCode[] = [
  'wrong_key',
  'not_found',
  'invalid_input',
  'import_failed',
  'keychain',
  'conflict',
  'currency_mismatch',
  'storage',
  'internal',
  'not_ready',
] satisfies readonly ApiErrorCode[];

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; message?: unknown };
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}

/**
 * Whatever a command rejected with, as an `ApiError`. The backend rejects with `{code, message}`;
 * Tauri itself rejects with a plain string (unknown command, bad arguments); anything else is a
 * bug on our side. Those become `internal` with the best message we have.
 */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) return { code: reason.code, message: reason.message };
  if (typeof reason === 'string') return { code: 'internal', message: reason };
  if (reason instanceof Error) return { code: 'internal', message: reason.message };
  if (typeof reason === 'object' && reason !== null && typeof (reason as { message?: unknown }).message === 'string') {
    return { code: 'internal', message: (reason as { message: string }).message };
  }
  return { code: 'internal', message: 'The application answered in an unexpected way.' };
}

/** Calls one command; rejects with an `ApiError`, never anything else. */
export async function call<C extends CommandName>(command: C, args: Commands[C]['args']): Promise<Commands[C]['result']> {
  try {
    return await invoke<Commands[C]['result']>(command, args);
  } catch (reason) {
    // The contract: a command rejects with the plain `{code, message}` value, as Tauri does.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toApiError(reason);
  }
}

/** The backend, one method per command. */
export const api = {
  appStatus: () => call('app_status', {}),
  /** `null`: the key is kept in the OS keychain; otherwise it is derived from the passphrase. */
  createDatabase: (passphrase: string | null) => call('create_database', { passphrase }),
  unlock: (passphrase: string) => call('unlock', { passphrase }),
  loadDemo: () => call('load_demo', {}),
  overview: (asOf: IsoDate | null) => call('overview', { asOf }),
  customers: (asOf: IsoDate | null) => call('customers', { asOf }),
  customer: (id: number, asOf: IsoDate | null) => call('customer', { id, asOf }),
  timeline: (request: TimelineRequest, asOf: IsoDate | null) => call('timeline', { request, asOf }),
  record: (request: RecordRequest) => call('record', { request }),
  company: () => call('company', {}),
  /** Answers the company as kept (IBAN and BIC normalised); `invalid_input` names what is wrong. */
  saveCompany: (company: CompanyDto) => call('save_company', { company }),
  /** How the file would be read; writes nothing. */
  importPreview: (request: ImportRequest) => call('import_preview', { request }),
  /** A refused file is an answer (`outcome: 'refused'` with every problem), not a rejection. */
  importFile: (request: ImportRequest) => call('import_file', { request }),
  /** Follows a running import; resolves to the function that stops following. */
  onImportProgress: (handler: (progress: ImportProgressDto) => void): Promise<() => void> =>
    listen<ImportProgressDto>(IMPORT_PROGRESS_EVENT, (event) => handler(event.payload)),
  /** The system's file dialog; `null` when the user cancels. */
  pickImportFile: async (): Promise<string | null> => {
    try {
      const picked = await open({ multiple: false, directory: false, filters: IMPORT_FILTERS });
      return typeof picked === 'string' ? picked : null;
    } catch (reason) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw toApiError(reason);
    }
  },
  /** Closes a passphrase database until its passphrase is typed again; answers the new status. */
  lock: () => call('lock', {}),
  preferences: () => call('preferences', {}),
  savePreferences: (preferences: PreferencesDto) => call('save_preferences', { preferences }),
  /** An encrypted copy of the database at `path`, under its own passphrase (8+ characters). */
  backup: (path: string, passphrase: string) => call('backup', { path, passphrase }),
  /** The system's save dialog, proposing `defaultName`; `null` when the user cancels. */
  pickBackupFile: async (defaultName: string): Promise<string | null> => {
    try {
      return await save({ defaultPath: defaultName, filters: [{ name: 'Creditdesk backup', extensions: ['creditdesk'] }] });
    } catch (reason) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw toApiError(reason);
    }
  },
} as const;

export type Api = typeof api;
