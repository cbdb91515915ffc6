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
import type { DunningPolicyDto } from './bindings/DunningPolicyDto';
import type { DunningRunDto } from './bindings/DunningRunDto';
import type { DunningRunRequest } from './bindings/DunningRunRequest';
import type { DunningStopDto } from './bindings/DunningStopDto';
import type { ImportOutcomeDto } from './bindings/ImportOutcomeDto';
import type { ImportPreviewDto } from './bindings/ImportPreviewDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportRequest } from './bindings/ImportRequest';
import type { OverviewDto } from './bindings/OverviewDto';
import type { PreferencesDto } from './bindings/PreferencesDto';
import type { ProfileDto } from './bindings/ProfileDto';
import type { RecordRequest } from './bindings/RecordRequest';
import type { SegmentDto } from './bindings/SegmentDto';
import type { SegmentTotalDto } from './bindings/SegmentTotalDto';
import type { SetSegmentRequest } from './bindings/SetSegmentRequest';
import type { StopDunningRequest } from './bindings/StopDunningRequest';
import type { TimelinePageDto } from './bindings/TimelinePageDto';
import type { TimelineRequest } from './bindings/TimelineRequest';
import type { WorklistDto } from './bindings/WorklistDto';
import type { BankEntriesDto } from './bindings/BankEntriesDto';
import type { BankEntriesRequest } from './bindings/BankEntriesRequest';
import type { BankEntryDto } from './bindings/BankEntryDto';
import type { MatchSettingsDto } from './bindings/MatchSettingsDto';
import type { OpenItemDto } from './bindings/OpenItemDto';
import type { OpenItemsRequest } from './bindings/OpenItemsRequest';
import type { ReconcileRunDto } from './bindings/ReconcileRunDto';
import type { SplitRequest } from './bindings/SplitRequest';
import type { StatementImportDto } from './bindings/StatementImportDto';
import type { LegalInterestDto } from './bindings/LegalInterestDto';
import type { LegalInterestRequest } from './bindings/LegalInterestRequest';
import type { LetterTemplateDto } from './bindings/LetterTemplateDto';
import type { LetterTemplatesDto } from './bindings/LetterTemplatesDto';
import type { OutboxMessageDto } from './bindings/OutboxMessageDto';
import type { ReferenceRatesDto } from './bindings/ReferenceRatesDto';
import type { SaveReferenceRateRequest } from './bindings/SaveReferenceRateRequest';
import type { SaveSmtpRequest } from './bindings/SaveSmtpRequest';
import type { SendReportDto } from './bindings/SendReportDto';
import type { SmtpSettingsDto } from './bindings/SmtpSettingsDto';
import type { TemplateDto } from './bindings/TemplateDto';
import type { KpiDimensionDto } from './bindings/KpiDimensionDto';
import type { KpisDto } from './bindings/KpisDto';
import type { BacktestDto } from './bindings/BacktestDto';
import type { ForecastDto } from './bindings/ForecastDto';
import type { ForecastRequest } from './bindings/ForecastRequest';
import type { InvoiceForecastDto } from './bindings/InvoiceForecastDto';

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
export type { ActionDueDto } from './bindings/ActionDueDto';
export type { AlertDto } from './bindings/AlertDto';
export type { DoneDto } from './bindings/DoneDto';
export type { DunningActionDto } from './bindings/DunningActionDto';
export type { DunningPolicyDto } from './bindings/DunningPolicyDto';
export type { DunningRunDto } from './bindings/DunningRunDto';
export type { DunningRunRequest } from './bindings/DunningRunRequest';
export type { DunningStepDto } from './bindings/DunningStepDto';
export type { DunningStopDto } from './bindings/DunningStopDto';
export type { LatenessPointDto } from './bindings/LatenessPointDto';
export type { PauseDto } from './bindings/PauseDto';
export type { PausedCustomerDto } from './bindings/PausedCustomerDto';
export type { PausedItemDto } from './bindings/PausedItemDto';
export type { ProfileDto } from './bindings/ProfileDto';
export type { ReasonCodeDto } from './bindings/ReasonCodeDto';
export type { ReasonDto } from './bindings/ReasonDto';
export type { SegmentAssignmentDto } from './bindings/SegmentAssignmentDto';
export type { SegmentDto } from './bindings/SegmentDto';
export type { SegmentTotalDto } from './bindings/SegmentTotalDto';
export type { SetSegmentRequest } from './bindings/SetSegmentRequest';
export type { ShareDto } from './bindings/ShareDto';
export type { StopDunningRequest } from './bindings/StopDunningRequest';
export type { TemplateDto } from './bindings/TemplateDto';
export type { WorkEntryDto } from './bindings/WorkEntryDto';
export type { WorkItemDto } from './bindings/WorkItemDto';
export type { WorklistDto } from './bindings/WorklistDto';
export type { InterestPeriodDto } from './bindings/InterestPeriodDto';
export type { InterestRuleDto } from './bindings/InterestRuleDto';
export type { LegalInterestDto } from './bindings/LegalInterestDto';
export type { LegalInterestRequest } from './bindings/LegalInterestRequest';
export type { LetterTemplateDto } from './bindings/LetterTemplateDto';
export type { LetterTemplatesDto } from './bindings/LetterTemplatesDto';
export type { OutboxMessageDto } from './bindings/OutboxMessageDto';
export type { RateOriginDto } from './bindings/RateOriginDto';
export type { RateSeriesDto } from './bindings/RateSeriesDto';
export type { ReferenceRateDto } from './bindings/ReferenceRateDto';
export type { ReferenceRatesDto } from './bindings/ReferenceRatesDto';
export type { SaveReferenceRateRequest } from './bindings/SaveReferenceRateRequest';
export type { SaveSmtpRequest } from './bindings/SaveSmtpRequest';
export type { SendReportDto } from './bindings/SendReportDto';
export type { SmtpSecurityDto } from './bindings/SmtpSecurityDto';
export type { SmtpSettingsDto } from './bindings/SmtpSettingsDto';
export type { BankEntriesDto } from './bindings/BankEntriesDto';
export type { BankEntriesRequest } from './bindings/BankEntriesRequest';
export type { BankEntryDto } from './bindings/BankEntryDto';
export type { CustomerRefDto } from './bindings/CustomerRefDto';
export type { EntryAllocationDto } from './bindings/EntryAllocationDto';
export type { EntryStatusDto } from './bindings/EntryStatusDto';
export type { ItemAmountDto } from './bindings/ItemAmountDto';
export type { MatchSettingsDto } from './bindings/MatchSettingsDto';
export type { OpenItemDto } from './bindings/OpenItemDto';
export type { OpenItemsRequest } from './bindings/OpenItemsRequest';
export type { ReconcileRunDto } from './bindings/ReconcileRunDto';
export type { SplitPartDto } from './bindings/SplitPartDto';
export type { SplitRequest } from './bindings/SplitRequest';
export type { StatementImportDto } from './bindings/StatementImportDto';
export type { StatusCountDto } from './bindings/StatusCountDto';
export type { SuggestionDto } from './bindings/SuggestionDto';
export type { KpiDimensionDto } from './bindings/KpiDimensionDto';
export type { KpisDto } from './bindings/KpisDto';
export type { BacktestDto } from './bindings/BacktestDto';
export type { ForecastBasisDto } from './bindings/ForecastBasisDto';
export type { ForecastDto } from './bindings/ForecastDto';
export type { ForecastRequest } from './bindings/ForecastRequest';
export type { InvoiceForecastDto } from './bindings/InvoiceForecastDto';
export type { WeekForecastDto } from './bindings/WeekForecastDto';

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
  customer_profile: { args: { customerId: number; asOf: IsoDate | null }; result: ProfileDto };
  set_segment: { args: { request: SetSegmentRequest }; result: ProfileDto };
  segment_totals: { args: { asOf: IsoDate | null }; result: SegmentTotalDto[] };
  dunning_policies: { args: Record<string, never>; result: DunningPolicyDto[] };
  save_dunning_policy: { args: { policy: DunningPolicyDto }; result: DunningPolicyDto };
  reset_dunning_policy: { args: { segment: SegmentDto }; result: DunningPolicyDto };
  worklist: { args: { asOf: IsoDate | null }; result: WorklistDto };
  run_dunning: { args: { request: DunningRunRequest }; result: DunningRunDto };
  stop_dunning: { args: { request: StopDunningRequest }; result: DunningStopDto };
  lift_dunning_stop: { args: { stopId: number }; result: null };
  dunning_stops: { args: { customerId: number; asOf: IsoDate | null }; result: DunningStopDto[] };
  open_document: { args: { path: string }; result: null };
  reference_rates: { args: Record<string, never>; result: ReferenceRatesDto };
  save_reference_rate: { args: { row: SaveReferenceRateRequest }; result: ReferenceRatesDto };
  delete_reference_rate: { args: { series: string; validFrom: IsoDate }; result: ReferenceRatesDto };
  legal_interest: { args: { request: LegalInterestRequest }; result: LegalInterestDto };
  letter_templates: { args: Record<string, never>; result: LetterTemplatesDto };
  save_letter_template: { args: { template: LetterTemplateDto }; result: LetterTemplatesDto };
  reset_letter_template: { args: { language: string; tone: TemplateDto }; result: LetterTemplatesDto };
  smtp_settings: { args: Record<string, never>; result: SmtpSettingsDto | null };
  save_smtp_settings: { args: { request: SaveSmtpRequest }; result: SmtpSettingsDto | null };
  outbox: { args: Record<string, never>; result: OutboxMessageDto[] };
  send_outbox: { args: Record<string, never>; result: SendReportDto };
  import_statement: { args: { path: string }; result: StatementImportDto };
  bank_entries: { args: { request: BankEntriesRequest }; result: BankEntriesDto };
  reconcile: { args: Record<string, never>; result: ReconcileRunDto };
  accept_match: { args: { entryId: number; rememberIban: boolean }; result: BankEntryDto };
  reject_match: { args: { entryId: number }; result: BankEntryDto };
  undo_match: { args: { entryId: number }; result: BankEntryDto };
  split_entry: { args: { request: SplitRequest }; result: BankEntryDto };
  open_items: { args: { request: OpenItemsRequest }; result: OpenItemDto[] };
  match_settings: { args: Record<string, never>; result: MatchSettingsDto };
  save_match_settings: { args: { settings: MatchSettingsDto }; result: MatchSettingsDto };
  kpis: { args: { asOf: IsoDate | null; dimension: KpiDimensionDto }; result: KpisDto[] };
  kpi_trend: { args: { asOf: IsoDate | null }; result: KpisDto[] };
  forecast: { args: { request: ForecastRequest; asOf: IsoDate | null }; result: ForecastDto };
  customer_forecast: { args: { customerId: number; asOf: IsoDate | null }; result: InvoiceForecastDto[] };
  forecast_backtest: { args: { asOf: IsoDate | null }; result: BacktestDto };
}

/** The event an import sends while it runs. */
export const IMPORT_PROGRESS_EVENT = 'import-progress';

/** The files the import screen offers to pick. */
const IMPORT_FILTERS = [{ name: 'CSV, Excel, OpenDocument', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'ods'] }];

/** The bank statements the reconciliation screen offers to pick (camt.05x, MT940, CODA, CSV). */
export const STATEMENT_FILTERS = [{ name: 'camt.052/053/054, MT940, CODA, CSV', extensions: ['xml', 'sta', 'mt940', 'txt', 'cod', 'coda', 'csv'] }];

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
  /** The behaviour profile and segment (with the reasons and the evidence) as of a day. */
  customerProfile: (customerId: number, asOf: IsoDate | null) => call('customer_profile', { customerId, asOf }),
  /** Sets the segment by hand (`segment`), or back to the rules (`segment: null`); answers the profile as of today. */
  setSegment: (request: SetSegmentRequest) => call('set_segment', { request }),
  /** Per segment: customers, customers with something overdue, the overdue amount (base currency). */
  segmentTotals: (asOf: IsoDate | null) => call('segment_totals', { asOf }),
  dunningPolicies: () => call('dunning_policies', {}),
  /** Answers the policy as kept; `invalid_input` names the step that is wrong. */
  saveDunningPolicy: (policy: DunningPolicyDto) => call('save_dunning_policy', { policy }),
  /** Back to the policy shipped with the app for this segment. */
  resetDunningPolicy: (segment: SegmentDto) => call('reset_dunning_policy', { segment }),
  /** The actions due on a day (nothing is done: see `runDunning`). */
  worklist: (asOf: IsoDate | null) => call('worklist', { asOf }),
  /** Does the reviewed entries of these customers, as they stand now, in one transaction. */
  runDunning: (request: DunningRunRequest) => call('run_dunning', { request }),
  /** Stops dunning for a customer, or one of its invoices (`invoice_id`). */
  stopDunning: (request: StopDunningRequest) => call('stop_dunning', { request }),
  liftDunningStop: (stopId: number) => call('lift_dunning_stop', { stopId }),
  /** The stops in force for a customer on a day. */
  dunningStops: (customerId: number, asOf: IsoDate | null) => call('dunning_stops', { customerId, asOf }),
  /** Opens a document the app wrote (a PDF of letters) in the system's viewer, to print. */
  openDocument: (path: string) => call('open_document', { path }),
  /** The reference-rate tables (shipped and user rows), the legal rules, and the company's rule. */
  referenceRates: () => call('reference_rates', {}),
  /** Adds a user rate, or overrides the shipped one of that series and day; answers the tables. */
  saveReferenceRate: (row: SaveReferenceRateRequest) => call('save_reference_rate', { row }),
  /** Removes a user rate (a shipped rate of that day comes back); answers the tables. */
  deleteReferenceRate: (series: string, validFrom: IsoDate) => call('delete_reference_rate', { series, validFrom }),
  /** Legal interest and compensation on one debt (the company's country unless `country`). */
  legalInterest: (request: LegalInterestRequest) => call('legal_interest', { request }),
  /** The 12 letter templates (language × tone) and the placeholders they may use. */
  letterTemplates: () => call('letter_templates', {}),
  /** `invalid_input` names an unknown `{placeholder}`; answers every template. */
  saveLetterTemplate: (template: LetterTemplateDto) => call('save_letter_template', { template }),
  /** Back to the text shipped with the app; answers every template. */
  resetLetterTemplate: (language: string, tone: TemplateDto) => call('reset_letter_template', { language, tone }),
  /** The SMTP server, `null` when none is set; the password never comes back (`password_set`). */
  smtpSettings: () => call('smtp_settings', {}),
  /** `password`: a new one, `""` to remove it, `null` to keep the one in the keychain. */
  saveSmtpSettings: (request: SaveSmtpRequest) => call('save_smtp_settings', { request }),
  /** Every message of the outbox, newest first. */
  outbox: () => call('outbox', {}),
  /** Sends what is due now; the report says what went, what waits, and why. */
  sendOutbox: () => call('send_outbox', {}),
  /** Imports a bank statement; entries already in the database are counted, not added again. `import_failed` names file, line and field. */
  importStatement: (path: string) => call('import_statement', { path }),
  /** The system's file dialog for a bank statement; `null` when the user cancels. */
  pickStatementFile: async (): Promise<string | null> => {
    try {
      const picked = await open({ multiple: false, directory: false, filters: STATEMENT_FILTERS });
      return typeof picked === 'string' ? picked : null;
    } catch (reason) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw toApiError(reason);
    }
  },
  /** A page of bank entries (newest first) of these statuses (none: all), and the count of each status. */
  bankEntries: (request: BankEntriesRequest) => call('bank_entries', { request }),
  /** Matches every entry waiting: applied above the threshold, suggested below. */
  reconcile: () => call('reconcile', {}),
  /** Applies the entry's suggestion; `rememberIban` keeps the payer's IBAN for the suggested customer. */
  acceptMatch: (entryId: number, rememberIban: boolean) => call('accept_match', { entryId, rememberIban }),
  /** Refuses the entry's suggestion: its items are not proposed for this entry again. */
  rejectMatch: (entryId: number) => call('reject_match', { entryId }),
  /** Reverses what was applied from the entry (kept in the record, marked undone). */
  undoMatch: (entryId: number) => call('undo_match', { entryId }),
  /** Applies the entry to the invoices and amounts chosen by hand; the backend refuses an over-allocation. */
  splitEntry: (request: SplitRequest) => call('split_entry', { request }),
  /** Open items of a customer, or found by invoice number prefix / customer number or name. */
  openItems: (request: OpenItemsRequest) => call('open_items', { request }),
  matchSettings: () => call('match_settings', {}),
  /** Answers the settings as kept; `invalid_input` says what is out of range. */
  saveMatchSettings: (settings: MatchSettingsDto) => call('save_match_settings', { settings }),
  /** The receivables KPIs on a day (base currency), one per group of `dimension` (one for the portfolio). */
  kpis: (asOf: IsoDate | null, dimension: KpiDimensionDto) => call('kpis', { asOf, dimension }),
  /** The portfolio's KPIs at the last 12 month ends and on the day, oldest first. */
  kpiTrend: (asOf: IsoDate | null) => call('kpi_trend', { asOf }),
  /** The 13 weeks of expected cash-in with their bands, what comes later, and a page of the invoices asked for (by expected date). */
  forecast: (request: ForecastRequest, asOf: IsoDate | null) => call('forecast', { request, asOf }),
  /** A customer's open invoices with their expected payment date, range and reason. */
  customerForecast: (customerId: number, asOf: IsoDate | null) => call('customer_forecast', { customerId, asOf }),
  /** The forecast replayed as of 182 days before the day and scored on what was paid since. */
  forecastBacktest: (asOf: IsoDate | null) => call('forecast_backtest', { asOf }),
} as const;

export type Api = typeof api;
