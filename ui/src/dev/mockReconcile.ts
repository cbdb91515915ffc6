// The mock backend's bank reconciliation: the demo's statement as the Rust side wrote it
// (src/api/fixtures/bank_entries*.json, open_items.json), a run, accept/reject/split/undo on
// one entry, open items, settings, and statement files the mock "finds" on disk.
//
// When the fixture of the run (bank_entries_reconciled.json) holds what the real engine
// proposed, the run answers it. Until the engine is there it proposes nothing, so the mock
// proposes by a few plain rules of its own (structured reference, invoice numbers in the text,
// name and amount), enough to show every state the screen has. Money arithmetic here is the
// mock's own, in cents: the UI never adds amounts.

import type {
  ApiError,
  BankEntriesDto,
  BankEntriesRequest,
  BankEntryDto,
  EntryAllocationDto,
  EntryStatusDto,
  ItemAmountDto,
  MatchSettingsDto,
  MoneyDto,
  OpenItemDto,
  OpenItemsRequest,
  ReconcileRunDto,
  SplitRequest,
  StatementImportDto,
  SuggestionDto,
} from '../api';
import bankEntriesFixture from '../api/fixtures/bank_entries.json';
import reconciledFixture from '../api/fixtures/bank_entries_reconciled.json';
import openItemsFixture from '../api/fixtures/open_items.json';
import matchSettingsFixture from '../api/fixtures/match_settings.json';

type Fail = (code: ApiError['code'], message: string) => never;

const STATUSES: EntryStatusDto[] = ['unmatched', 'suggested', 'auto', 'confirmed', 'outgoing'];

function cents(amount: string): bigint {
  const [int = '0', frac = ''] = amount.replace('-', '').split('.');
  const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  return amount.startsWith('-') ? -v : v;
}

function amountOf(c: bigint): string {
  const sign = c < 0n ? '-' : '';
  const a = c < 0n ? -c : c;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

const money = (c: bigint, currency: string): MoneyDto => ({ amount: amountOf(c), currency });

/** Two numbers equal but for two neighbouring characters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]] && a[diff[1]] === b[diff[0]!];
}

/** The statement files the mock "finds" on disk, by path. */
export const MOCK_STATEMENTS = {
  picked: '/home/amelie/bank/camt053-2026-11-23.xml',
  wrong: '/home/amelie/bank/camt053-wrong.xml',
  /** A CODA file whose trailer does not add up, with an entry the bank has not booked yet. */
  unbalanced: '/home/amelie/bank/kbc-2026-11-22.cod',
};

export function createMockReconcile(today: string, fail: Fail) {
  const reconciled = reconciledFixture as BankEntriesDto;
  const engineLanded = reconciled.entries.some((e) => e.status !== 'unmatched' && e.status !== 'outgoing');
  let entries: BankEntryDto[] = structuredClone((bankEntriesFixture as BankEntriesDto).entries);
  const items: OpenItemDto[] = structuredClone(openItemsFixture as OpenItemDto[]);
  let settings: MatchSettingsDto = structuredClone(matchSettingsFixture);
  /** Items refused per entry (rejected, or an automatic match undone). */
  const refused = new Map<number, Set<string>>();
  let statementImported = false;

  const entryOf = (id: number) => entries.find((e) => e.id === id) ?? fail('not_found', `no bank entry with id ${id}`);
  const itemOf = (invoice: string) => items.find((i) => i.invoice === invoice);
  const waiting = (e: BankEntryDto) => {
    if (e.status === 'outgoing') fail('invalid_input', `bank entry ${e.entry} is money out: only money in is allocated to invoices`);
    if (e.status === 'auto' || e.status === 'confirmed') fail('conflict', `bank entry ${e.entry} is already allocated: undo it first`);
  };

  const apply = (e: BankEntryDto, s: SuggestionDto) => {
    const alloc = (a: ItemAmountDto, writeOff: boolean): EntryAllocationDto => {
      const item = itemOf(a.invoice);
      if (item) item.open = money(cents(item.open.amount) - cents(a.amount.amount), item.open.currency);
      return { invoice: a.invoice, customer_id: item?.customer.id ?? s.customer?.id ?? 0, amount: a.amount, write_off: writeOff, reversed_on: null };
    };
    e.allocations.push(...s.allocations.map((a) => alloc(a, false)), ...s.write_offs.map((a) => alloc(a, true)));
  };

  /** The mock's own proposal for an entry, or null. */
  const propose = (e: BankEntryDto): { suggestion: SuggestionDto; ibanKnown: boolean } | null => {
    const amount = cents(e.amount.amount);
    const currency = e.amount.currency;
    const no = refused.get(e.id) ?? new Set<string>();
    const open = items.filter((i) => !no.has(i.invoice) && cents(i.open.amount) > 0n && i.open.currency === currency);
    const of = (list: OpenItemDto[], confidence: number, reason: string, ibanKnown: boolean, writeOff = 0n, pay?: bigint) => ({
      suggestion: {
        customer: list[0]!.customer,
        allocations: list.map((i) => ({ invoice: i.invoice, amount: pay === undefined || list.length > 1 ? i.open : money(pay, currency) })),
        write_offs: writeOff > 0n ? [{ invoice: list[0]!.invoice, amount: money(writeOff, currency) }] : [],
        confidence,
        reason,
      },
      ibanKnown,
    });
    const byName = open.filter((i) => i.customer.name === e.name);
    if (e.reference) {
      const item = byName.find((i) => cents(i.open.amount) === amount);
      if (item) return of([item], 0.99, `The structured reference ${e.reference} is the one printed on invoice ${item.invoice}, and the amount is its open amount.`, true);
    }
    const text = e.remittance;
    const named = open.filter((i) => text.includes(i.invoice));
    if (named.length > 0) {
      const total = named.reduce((sum, i) => sum + cents(i.open.amount), 0n);
      const numbers = named.map((i) => i.invoice).join(' and ');
      if (total === amount) return of(named, named.length > 1 ? 0.95 : 0.97, `Invoice number${named.length > 1 ? 's' : ''} ${numbers} in the text, and the amount is ${named.length > 1 ? 'their' : 'its'} open amount.`, e.iban !== '');
      if (named.length === 1 && amount < total) return of(named, 0.7, `Invoice number ${numbers} in the text; the amount pays part of its open amount.`, false, 0n, amount);
    }
    const words = text.split(/\s+/);
    const mistyped = open.find((i) => words.some((w) => swapped(w, i.invoice)) && cents(i.open.amount) === amount);
    if (mistyped) return of([mistyped], 0.78, `Invoice number ${mistyped.invoice} in the text with two digits swapped, and the amount is its open amount.`, false);
    const tolerance = cents(settings.fee_tolerance);
    const lessFees = byName.find((i) => cents(i.open.amount) > amount && cents(i.open.amount) - amount <= tolerance);
    if (lessFees) {
      const fees = cents(lessFees.open.amount) - amount;
      return of([lessFees], 0.82, `The payer is ${lessFees.customer.name}; the amount is the open amount of ${lessFees.invoice} less ${amountOf(fees)} ${currency} of bank fees.`, true, fees, amount);
    }
    const sameName = byName.find((i) => cents(i.open.amount) === amount);
    if (sameName) return of([sameName], 0.86, `The payer is ${sameName.customer.name}, and the amount is the open amount of ${sameName.invoice}.`, true);
    const sameAmount = open.filter((i) => cents(i.open.amount) === amount);
    if (sameAmount.length === 1) return of(sameAmount, 0.45, `Only the amount matches: it is the open amount of ${sameAmount[0]!.invoice}.`, false);
    return null;
  };

  const run = (): ReconcileRunDto => {
    const result: ReconcileRunDto = { considered: 0, auto: 0, suggested: 0, unmatched: 0 };
    const threshold = Number(settings.auto_threshold);
    for (const e of [...entries].sort((a, b) => a.booking_date.localeCompare(b.booking_date) || a.id - b.id)) {
      if (e.status !== 'unmatched' && e.status !== 'suggested') continue;
      if (cents(e.amount.amount) <= 0n) continue;
      result.considered += 1;
      const real = engineLanded ? reconciled.entries.find((r) => r.id === e.id) : undefined;
      const proposal = real
        ? real.suggestion && !(refused.get(e.id) ?? new Set()).has(real.suggestion.allocations[0]?.invoice ?? '')
          ? { suggestion: real.suggestion, ibanKnown: real.iban_known, status: real.status }
          : null
        : propose(e);
      if (!proposal) {
        e.status = 'unmatched';
        e.suggestion = null;
        e.iban_known = false;
        result.unmatched += 1;
        continue;
      }
      e.suggestion = proposal.suggestion;
      e.iban_known = proposal.ibanKnown;
      const auto = 'status' in proposal ? proposal.status === 'auto' : proposal.suggestion.confidence >= threshold;
      if (auto) {
        apply(e, proposal.suggestion);
        e.status = 'auto';
        result.auto += 1;
      } else {
        e.status = 'suggested';
        result.suggested += 1;
      }
    }
    return result;
  };

  const list = (request: BankEntriesRequest): BankEntriesDto => {
    const counts = STATUSES.map((status) => ({ status, count: entries.filter((e) => e.status === status).length }));
    const chosen = request.statuses.length ? entries.filter((e) => request.statuses.includes(e.status)) : entries;
    const sorted = [...chosen].sort((a, b) => b.booking_date.localeCompare(a.booking_date) || b.id - a.id);
    return { counts, entries: sorted.slice(request.offset, request.offset + Math.min(500, Math.max(1, request.limit))) };
  };

  const accept = (id: number, rememberIban: boolean): BankEntryDto => {
    const e = entryOf(id);
    waiting(e);
    if (e.status !== 'suggested' || !e.suggestion) fail('invalid_input', `bank entry ${e.entry} has no suggestion to accept`);
    if (rememberIban && !e.iban) fail('invalid_input', `bank entry ${e.entry} names no payer IBAN to remember`);
    apply(e, e.suggestion);
    e.status = 'confirmed';
    if (rememberIban) e.iban_known = true;
    return e;
  };

  const reject = (id: number): BankEntryDto => {
    const e = entryOf(id);
    waiting(e);
    if (e.status !== 'suggested' || !e.suggestion) fail('invalid_input', `bank entry ${e.entry} has no suggestion to reject`);
    const no = refused.get(id) ?? new Set<string>();
    e.suggestion.allocations.forEach((a) => no.add(a.invoice));
    refused.set(id, no);
    e.status = 'unmatched';
    e.suggestion = null;
    return e;
  };

  const undo = (id: number): BankEntryDto => {
    const e = entryOf(id);
    if (e.status !== 'auto' && e.status !== 'confirmed') fail('invalid_input', `bank entry ${e.entry} has nothing applied to undo`);
    for (const a of e.allocations) {
      if (a.reversed_on) continue;
      a.reversed_on = today;
      const item = itemOf(a.invoice);
      if (item) item.open = money(cents(item.open.amount) + cents(a.amount.amount), item.open.currency);
    }
    if (e.status === 'auto') {
      const no = refused.get(id) ?? new Set<string>();
      e.allocations.forEach((a) => no.add(a.invoice));
      refused.set(id, no);
    }
    e.status = 'unmatched';
    e.suggestion = null;
    return e;
  };

  const split = (request: SplitRequest): BankEntryDto => {
    const e = entryOf(request.entry_id);
    waiting(e);
    if (request.parts.length === 0) fail('invalid_input', 'a split needs at least one invoice');
    const currency = e.amount.currency;
    let total = 0n;
    const parts = request.parts.map((p) => {
      const number = p.invoice.trim();
      const item = itemOf(number) ?? fail('not_found', `no invoice '${number}'`);
      const text = p.amount.trim();
      if (!/^\d+(\.\d{1,2})?$/.test(text) || cents(text) <= 0n) fail('invalid_input', `'${p.amount}' is not an amount`);
      if (cents(text) > cents(item.open.amount)) fail('invalid_input', `${amountOf(cents(text))} ${currency} is more than the ${item.open.amount} ${currency} open on invoice ${number}`);
      total += cents(text);
      return { item, amount: money(cents(text), currency) };
    });
    if (total > cents(e.amount.amount)) {
      fail('invalid_input', `the parts add up to ${amountOf(total)} ${currency}, more than the ${e.amount.amount} ${currency} of bank entry ${e.entry}`);
    }
    const customers = new Set(parts.map((p) => p.item.customer.id));
    if (request.remember_iban && customers.size > 1) fail('invalid_input', 'the split spans several customers: which one pays from this IBAN?');
    const suggestion: SuggestionDto = {
      customer: customers.size === 1 ? parts[0]!.item.customer : null,
      allocations: parts.map((p) => ({ invoice: p.item.invoice, amount: p.amount })),
      write_offs: [],
      confidence: 1,
      reason: 'split by hand',
    };
    apply(e, suggestion);
    e.suggestion = suggestion;
    e.status = 'confirmed';
    if (request.remember_iban) e.iban_known = true;
    return e;
  };

  const openItems = (request: OpenItemsRequest): OpenItemDto[] => {
    const text = request.text.trim().toLowerCase();
    return items
      .filter((i) => cents(i.open.amount) !== 0n)
      .filter((i) => request.customer_id === null || i.customer.id === request.customer_id)
      .filter((i) => !text || i.invoice.toLowerCase().startsWith(text) || i.customer.number.includes(text) || i.customer.name.toLowerCase().includes(text))
      .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.invoice.localeCompare(b.invoice))
      .slice(0, 50);
  };

  const saveSettings = (next: MatchSettingsDto): MatchSettingsDto => {
    const threshold = Number(next.auto_threshold.trim());
    if (!/^\d+(\.\d+)?$/.test(next.auto_threshold.trim())) fail('invalid_input', `'${next.auto_threshold}' is not a threshold: a number between 0.8 and 1`);
    if (threshold < 0.8 || threshold > 1) fail('invalid_input', `the threshold for automatic matches is between 0.8 and 1, not ${next.auto_threshold.trim()}`);
    if (!/^\d+(\.\d+)?$/.test(next.fee_tolerance.trim())) fail('invalid_input', `'${next.fee_tolerance}' is not an amount`);
    if (cents(next.fee_tolerance.trim()) > 10000n) fail('invalid_input', `the fee tolerance is between 0 and 100.00, not ${next.fee_tolerance.trim()}`);
    settings = { auto_threshold: threshold.toFixed(2), fee_tolerance: amountOf(cents(next.fee_tolerance.trim())) };
    return settings;
  };

  /** A statement of 12 entries, 10 of them new; the second time, all 12 already there. */
  const importStatement = (path: string): StatementImportDto => {
    const file = path.split('/').pop() ?? path;
    if (path === MOCK_STATEMENTS.wrong) {
      fail('import_failed', `${file}: line 14, field Ntry/Amt: 'abc' is not an amount. Nothing was imported.`);
    }
    if (path === MOCK_STATEMENTS.unbalanced) {
      return {
        file, format: 'coda', statements: 1, entries: 3, added: 2, already_there: 0, pending: 1,
        warnings: [`${file}, line 6, column 'credit total': the trailer says 80.00, the movements add up to 25.00`],
      };
    }
    if (path !== MOCK_STATEMENTS.picked) fail('invalid_input', `${path}: cannot read the file: No such file or directory (os error 2)`);
    const result = { file, format: 'camt053', statements: 1, entries: 12, added: statementImported ? 0 : 10, already_there: statementImported ? 12 : 2, pending: 0, warnings: [] };
    if (!statementImported) {
      const base = Math.max(...entries.map((e) => e.id));
      const fresh: BankEntryDto[] = Array.from({ length: 10 }, (_, n) => ({
        ...structuredClone(entries.find((e) => e.status === 'unmatched')!),
        id: base + 1 + n,
        entry: `CAMT-20261123-${String(n + 1).padStart(3, '0')}`,
        booking_date: today,
        value_date: today,
        amount: money(BigInt(12_500 + n * 3_137), 'EUR'),
        name: 'Transport Claes BV',
        iban: 'BE68539007547034',
        reference: '',
        remittance: `order ${4410 + n}`,
        status: 'unmatched' as const,
        suggestion: null,
        allocations: [],
        iban_known: false,
      }));
      entries = [...entries, ...fresh];
    }
    statementImported = true;
    return result;
  };

  return {
    import_statement: ({ path }: { path: string }) => importStatement(path),
    bank_entries: ({ request }: { request: BankEntriesRequest }) => list(request),
    reconcile: () => run(),
    accept_match: ({ entryId, rememberIban }: { entryId: number; rememberIban: boolean }) => accept(entryId, rememberIban),
    reject_match: ({ entryId }: { entryId: number }) => reject(entryId),
    undo_match: ({ entryId }: { entryId: number }) => undo(entryId),
    split_entry: ({ request }: { request: SplitRequest }) => split(request),
    open_items: ({ request }: { request: OpenItemsRequest }) => openItems(request),
    match_settings: () => settings,
    save_match_settings: ({ settings: next }: { settings: MatchSettingsDto }) => saveSettings(next),
  };
}
