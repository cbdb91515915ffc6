// A stand-in for the Rust backend so the UI runs in a plain browser (`npm run dev:mock`) and in
// screenshot runs. It answers with the fixtures the Rust side wrote from the real demo company
// (src/api/fixtures/), and makes up consistent details for the customers the fixtures do not
// cover. Dev only: imported behind `import.meta.env.VITE_MOCK === '1'`.
//
// URL switches (before the #): ?mockSetup=needs_database|needs_passphrase|ready, ?mockKeychain=0,
// ?mockEmpty=1, ?mockRows=100000, ?mockLatency=300, ?mockFail=overview (that command fails),
// ?mockPassphrase=1 (a passphrase database, which locks).

import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  ApiError,
  AppStatusDto,
  CommandName,
  Commands,
  ContactDto,
  CustomerDetailDto,
  CustomerRowDto,
  InvoiceDto,
  MoneyDto,
  OverviewDto,
  RecentEventDto,
  SetupDto,
  TimelineEventDto,
  TimelinePageDto,
  CompanyDto,
  ImportOutcomeDto,
  ImportPreviewDto,
  ImportRequest,
  DunningPolicyDto,
  DunningRunDto,
  DunningStepDto,
  DunningStopDto,
  ProfileDto,
  SegmentDto,
  SegmentTotalDto,
  WorkEntryDto,
  WorklistDto,
  LegalInterestDto,
  LegalInterestRequest,
  LetterTemplatesDto,
  OutboxMessageDto,
  ReferenceRatesDto,
  SaveReferenceRateRequest,
  SmtpSettingsDto,
} from '../api';
import appStatusFixture from '../api/fixtures/app_status.json';
import customerFixture from '../api/fixtures/customer.json';
import customersFixture from '../api/fixtures/customers.json';
import policiesFixture from '../api/fixtures/dunning_policies.json';
import profilesFixture from '../api/fixtures/profiles.json';
import segmentTotalsFixture from '../api/fixtures/segment_totals.json';
import worklistFixture from '../api/fixtures/worklist.json';
import overviewFixture from '../api/fixtures/overview.json';
import timelineFixture from '../api/fixtures/timeline.json';
import referenceRatesFixture from '../api/fixtures/reference_rates.json';
import legalInterestFixture from '../api/fixtures/legal_interest.json';
import letterTemplatesFixture from '../api/fixtures/letter_templates.json';
import outboxFixture from '../api/fixtures/outbox.json';
import { createMockInsights } from './mockInsights';
import { MOCK_STATEMENTS, createMockReconcile } from './mockReconcile';

const fixtures = {
  status: appStatusFixture as AppStatusDto,
  overview: overviewFixture as OverviewDto,
  customers: customersFixture as CustomerRowDto[],
  customer: customerFixture as CustomerDetailDto,
  timeline: timelineFixture as TimelinePageDto,
  /** A profile per segment (and the first customer's), by customer id. */
  profiles: profilesFixture as unknown as Record<string, ProfileDto>,
  segmentTotals: segmentTotalsFixture as SegmentTotalDto[],
  policies: policiesFixture as DunningPolicyDto[],
  worklist: worklistFixture as WorklistDto,
  referenceRates: referenceRatesFixture as ReferenceRatesDto,
  /** 12 500 EUR due 2026-01-10, as of 2026-11-23, under the company's rule. */
  legalInterest: legalInterestFixture as LegalInterestDto,
  letterTemplates: letterTemplatesFixture as LetterTemplatesDto,
  outbox: outboxFixture as OutboxMessageDto[],
};

export interface MockOptions {
  setup: SetupDto;
  /** The database is protected by a passphrase (it can lock), not the keychain. */
  passphrase?: boolean;
  keychain: boolean;
  empty: boolean;
  rows: number;
  latency: number;
  fail: string | null;
}

export function optionsFromUrl(search: string): MockOptions {
  const p = new URLSearchParams(search);
  const setup = p.get('mockSetup');
  return {
    setup: setup === 'needs_database' || setup === 'needs_passphrase' ? setup : 'ready',
    keychain: p.get('mockKeychain') !== '0',
    empty: p.get('mockEmpty') === '1',
    rows: Math.max(0, Number(p.get('mockRows') ?? 0) || 0),
    latency: Math.max(0, Number(p.get('mockLatency') ?? 0) || 0),
    fail: p.get('mockFail'),
    passphrase: p.get('mockPassphrase') === '1',
  };
}

// --- money in cents, the mock's own arithmetic (the UI never adds amounts) ---

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

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A small deterministic generator, so made-up details do not change between reloads. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const PLACES: Record<string, { city: string; postal: string; street: string; vat: string; phone: string; lang: string }[]> = {
  BE: [
    { city: 'Gent', postal: '9000', street: 'Kortrijksesteenweg', vat: 'BE0', phone: '+32 9', lang: 'nl' },
    { city: 'Liège', postal: '4000', street: 'Boulevard de la Sauvenière', vat: 'BE0', phone: '+32 4', lang: 'fr' },
    { city: 'Antwerpen', postal: '2000', street: 'Frankrijklei', vat: 'BE0', phone: '+32 3', lang: 'nl' },
    { city: 'Namur', postal: '5000', street: 'Rue de Fer', vat: 'BE0', phone: '+32 81', lang: 'fr' },
  ],
  FR: [
    { city: 'Lille', postal: '59000', street: 'Rue Nationale', vat: 'FR', phone: '+33 3', lang: 'fr' },
    { city: 'Lyon', postal: '69002', street: 'Rue de la République', vat: 'FR', phone: '+33 4', lang: 'fr' },
  ],
  NL: [
    { city: 'Rotterdam', postal: '3011 AD', street: 'Coolsingel', vat: 'NL', phone: '+31 10', lang: 'nl' },
    { city: 'Eindhoven', postal: '5611 AB', street: 'Stratumseind', vat: 'NL', phone: '+31 40', lang: 'nl' },
  ],
  DE: [
    { city: 'Köln', postal: '50667', street: 'Hohe Straße', vat: 'DE', phone: '+49 221', lang: 'de' },
    { city: 'Aachen', postal: '52062', street: 'Theaterstraße', vat: 'DE', phone: '+49 241', lang: 'de' },
  ],
  GB: [{ city: 'Manchester', postal: 'M1 1AE', street: 'Deansgate', vat: 'GB', phone: '+44 161', lang: 'en' }],
};

const OWNERS = ['Amélie Dubois', 'Sofie Verbeke', 'Jeroen Claes', 'Katrin Hoffmann', 'Pieter de Vries', 'Claire Fontaine'];
const FIRST = ['Marie', 'Thomas', 'Sophie', 'Luc', 'Anke', 'Pieter', 'Claire', 'Jan', 'Nathalie', 'Stefan', 'Emma', 'Olivier'];
const LAST = ['Peeters', 'Dubois', 'Janssens', 'Lambert', 'De Smet', 'Martin', 'Vermeulen', 'Schmidt', 'Bakker', 'Mertens'];
const ROLES: Record<string, [string, string]> = {
  en: ['Accounts payable', 'Purchasing'],
  fr: ['Comptabilité fournisseurs', 'Achats'],
  nl: ['Boekhouding', 'Aankoop'],
  de: ['Kreditorenbuchhaltung', 'Einkauf'],
};

const PURCHASING: Record<string, string> = { en: 'purchasing', fr: 'achats', nl: 'inkoop', de: 'einkauf' };

function domainOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\b(nv|bv|bvba|srl|sa|sas|sarl|gmbh|kg|ag|ltd|plc)\b/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'example'
  );
}

/** Invoices that add up to the row's balance and overdue, made up from its figures. */
function makeInvoices(row: CustomerRowDto, asOf: string, terms: number): InvoiceDto[] {
  const r = rng(row.id * 7919);
  const n = Math.max(1, row.open_items);
  const overdueCents = cents(row.overdue.amount);
  const notDueCents = cents(row.balance.amount) - overdueCents;
  const overdueCount = overdueCents > 0n ? Math.max(1, Math.min(n - (notDueCents > 0n ? 1 : 0), Math.ceil(n / 2))) : 0;
  const notDueCount = n - overdueCount;
  const split = (total: bigint, parts: number): bigint[] => {
    if (parts <= 0) return [];
    const out: bigint[] = [];
    let left = total;
    for (let i = 0; i < parts - 1; i++) {
      const share = (total * BigInt(Math.round(400 + r() * 600))) / BigInt(1000 * parts);
      out.push(share);
      left -= share;
    }
    out.push(left);
    return out;
  };
  const invoices: InvoiceDto[] = [];
  const overdue = split(overdueCents, overdueCount);
  const notDue = split(notDueCents, notDueCount);
  const money = (c: bigint): MoneyDto => ({ amount: amountOf(c), currency: row.balance.currency });
  overdue.forEach((c, i) => {
    const days = i === 0 ? row.max_days_overdue : Math.max(1, Math.round(row.max_days_overdue * (1 - (i + 1) / (overdueCount + 1))));
    const due = addDays(asOf, -days);
    invoices.push({
      id: row.id * 100 + i,
      number: `2026-${String(row.id * 37 + i * 11).padStart(6, '0')}`,
      kind: 'invoice',
      issue_date: addDays(due, -terms),
      due_date: due,
      amount: money(r() < 0.2 ? (c * 13n) / 10n : c),
      open_amount: money(c),
      disputed: false,
      days_overdue: days,
      reference: '',
    });
  });
  notDue.forEach((c, i) => {
    const due = addDays(asOf, 3 + Math.round(r() * (terms - 3)));
    invoices.push({
      id: row.id * 100 + 50 + i,
      number: `2026-${String(row.id * 37 + 500 + i * 7).padStart(6, '0')}`,
      kind: 'invoice',
      issue_date: addDays(due, -terms),
      due_date: due,
      amount: money(c),
      open_amount: money(c),
      disputed: false,
      days_overdue: 0,
      reference: '',
    });
  });
  return invoices.sort((a, b) => a.due_date.localeCompare(b.due_date));
}

function makeDetail(row: CustomerRowDto, asOf: string): CustomerDetailDto {
  const r = rng(row.id * 104729);
  const country = row.country ?? 'BE';
  const places = PLACES[country] ?? PLACES.BE!;
  const place = places[row.id % places.length]!;
  const terms = [30, 30, 45, 60][row.id % 4]!;
  const domain = domainOf(row.name);
  const tld = country === 'GB' ? 'co.uk' : country.toLowerCase();
  const pick = <T,>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const roles = ROLES[place.lang] ?? ROLES.en!;
  const contacts: ContactDto[] = [
    { name: person(), role: roles[1], email: `${PURCHASING[place.lang] ?? 'purchasing'}@${domain}.${tld}`, phone: `${place.phone} ${Math.floor(100 + r() * 899)} ${Math.floor(10 + r() * 89)} ${Math.floor(10 + r() * 89)}`, is_billing: false },
    { name: person(), role: roles[0], email: `accounting@${domain}.${tld}`, phone: `${place.phone} ${Math.floor(100 + r() * 899)} ${Math.floor(10 + r() * 89)} ${Math.floor(10 + r() * 89)}`, is_billing: true },
  ];
  const limit = cents(row.balance.amount) * 12n / 10n;
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    vat_number: `${place.vat}${String(row.id * 7654321).slice(0, 9).padStart(9, '4')}`,
    address_line1: `${place.street} ${1 + (row.id % 180)}`,
    address_line2: '',
    postal_code: place.postal,
    city: place.city,
    country: row.country,
    language: place.lang,
    currency: row.balance.currency,
    payment_terms_days: terms,
    credit_limit: { amount: amountOf(((limit + 99999n) / 100000n) * 100000n), currency: row.balance.currency },
    preferred_channel: ['email', 'email', 'phone', 'letter'][row.id % 4]!,
    email: `info@${domain}.${tld}`,
    phone: contacts[1]!.phone,
    ibans: [],
    owner: row.owner,
    contacts,
    open_invoices: makeInvoices(row, asOf, terms),
    balance: row.balance,
    overdue: row.overdue,
  };
}

function makeTimeline(detail: CustomerDetailDto, recent: RecentEventDto[]): TimelineEventDto[] {
  const events: TimelineEventDto[] = [];
  for (const i of detail.open_invoices) {
    events.push({ date: i.issue_date, kind: 'invoice_issued', invoice: i.number, amount: i.amount, due_date: i.due_date, text: '', resolved_on: null });
    if (i.days_overdue > 0) events.push({ date: i.due_date, kind: 'due_passed', invoice: i.number, amount: i.open_amount, due_date: i.due_date, text: '', resolved_on: null });
  }
  for (const e of recent) {
    if (e.customer_number !== detail.number) continue;
    const kind = e.kind;
    events.push({ date: e.date, kind, invoice: null, amount: e.amount, due_date: kind === 'promise' ? addDays(e.date, 10) : null, text: e.text, resolved_on: null });
  }
  return events.sort((a, b) => b.date.localeCompare(a.date));
}

/** Many customers from the 300 of the demo, for the 100 000-row list. */
function manyRows(base: CustomerRowDto[], count: number): CustomerRowDto[] {
  const out: CustomerRowDto[] = [];
  for (let i = 0; i < count; i++) {
    const b = base[i % base.length]!;
    if (i < base.length) {
      out.push(b);
      continue;
    }
    const factor = BigInt(50 + ((i * 37) % 100));
    const scale = (m: MoneyDto): MoneyDto => ({ amount: amountOf((cents(m.amount) * factor) / 100n), currency: m.currency });
    const places = PLACES[b.country ?? 'BE'] ?? PLACES.BE!;
    const branch = places[Math.floor(i / base.length) % places.length]!.city;
    const owner = OWNERS[(i * 13) % OWNERS.length]!;
    out.push({
      ...b,
      id: 100000 + i,
      number: String(500000 + i),
      name: `${b.name} – ${branch} ${1 + Math.floor(i / (base.length * places.length))}`,
      owner,
      balance: scale(b.balance),
      overdue: scale(b.overdue),
      max_days_overdue: b.max_days_overdue === 0 ? 0 : Math.max(1, Math.round((b.max_days_overdue * Number(factor)) / 100)),
    });
  }
  return out;
}

class MockError extends Error {
  constructor(readonly api: ApiError) {
    super(api.message);
  }
}

function fail(code: ApiError['code'], message: string): never {
  throw new MockError({ code, message });
}

/** The files the mock "finds" on disk: an import of customers that works, invoices with bad rows. */
const MOCK_FILES: Record<string, { kind: ImportPreviewDto['kind']; headers: string[]; rows: string[][] }> = {
  '/home/amelie/exports/klanten.csv': {
    kind: 'customers',
    headers: ['Klantnr', 'Naam', 'E-mail', 'Land'],
    rows: [
      ['K-1001', 'Bakkerij Peeters', 'boekhouding@peeters.be', 'BE'],
      ['K-1002', 'Garage Maes', 'info@garagemaes.be', 'BE'],
      ['K-1003', 'Fromagerie Leroy', 'compta@leroy.fr', 'FR'],
    ],
  },
  '/home/amelie/exports/facturen-met-fout.csv': {
    kind: 'invoices',
    headers: ['Factuurnr', 'Klantnr', 'Factuurdatum', 'Vervaldatum', 'Bedrag'],
    rows: [
      ['F-26-0001', 'K-1001', '02/11/2026', '02/12/2026', '1250,00'],
      ['F-26-0002', 'K-1002', '03/11/2026', '03/12/2026', 'twaalf'],
      ['F-26-0003', 'K-9999', '04/11/2026', '04/12/2026', '310,40'],
    ],
  },
};

/** The fields of each import and the headers the mock recognises for them. */
const MOCK_FIELDS: Record<ImportPreviewDto['kind'], { field: string; required: boolean; headers: string[] }[]> = {
  customers: [
    { field: 'customer_number', required: true, headers: ['Klantnr'] },
    { field: 'name', required: true, headers: ['Naam'] },
    { field: 'email', required: false, headers: ['E-mail'] },
    { field: 'country', required: false, headers: ['Land'] },
    { field: 'credit_limit', required: false, headers: [] },
  ],
  invoices: [
    { field: 'invoice_number', required: true, headers: ['Factuurnr'] },
    { field: 'customer_number', required: true, headers: ['Klantnr'] },
    { field: 'issue_date', required: true, headers: ['Factuurdatum'] },
    { field: 'due_date', required: true, headers: ['Vervaldatum'] },
    { field: 'amount', required: true, headers: ['Bedrag'] },
  ],
  payments: [
    { field: 'customer_number', required: true, headers: ['Klantnr'] },
    { field: 'invoice_number', required: true, headers: ['Factuurnr'] },
    { field: 'payment_date', required: true, headers: ['Betaaldatum'] },
    { field: 'amount', required: true, headers: ['Bedrag'] },
  ],
};

function mockPreview(request: ImportRequest): ImportPreviewDto {
  const file = MOCK_FILES[request.path] ?? fail('not_found', `${request.path}: No such file or directory (os error 2)`);
  const chosen = new Map(request.mapping.map((m) => [m.field, m.column]));
  const fields = MOCK_FIELDS[request.kind].map((f) => {
    const mapped = chosen.get(f.field);
    const column = mapped !== undefined ? (mapped === '' ? null : mapped) : (file.headers.find((h) => f.headers.includes(h)) ?? null);
    return { field: f.field, required: f.required, column };
  });
  const missing = fields.filter((f) => f.required && f.column === null).map((f) => f.field);
  return {
    kind: request.kind,
    file: request.path.split('/').pop() ?? request.path,
    rows: file.rows.length,
    headers: file.headers,
    sample: file.rows.map((cells, i) => ({ line: i + 2, cells })),
    fields,
    mapping_remembered: false,
    date_format: request.kind === 'customers' ? null : (request.date_format ?? '%d/%m/%Y'),
    warnings: [],
    blocker: missing.length ? `no column is read for the required fields ${missing.join(', ')}` : null,
  };
}

function mockImport(request: ImportRequest): ImportOutcomeDto {
  const preview = mockPreview(request);
  if (preview.blocker) fail('import_failed', preview.blocker);
  if (request.path.includes('met-fout')) {
    return {
      outcome: 'refused',
      message: `${preview.file}: 2 problems. Nothing was imported.`,
      problems: [
        { line: 3, column: 'Bedrag', reason: "'twaalf' is not an amount" },
        { line: 4, column: 'Klantnr', reason: "no customer 'K-9999' in the database (import customers first, or let the import create them)" },
      ],
    };
  }
  return {
    outcome: 'imported',
    report: {
      kind: request.kind,
      file: preview.file,
      rows: preview.rows,
      created: preview.rows,
      updated: 0,
      customers_created: 0,
      payments_recorded: 0,
      mapping_reused: false,
      date_format: preview.date_format,
      warnings: [],
    },
  };
}

export function createMockBackend(options: MockOptions) {
  let setup: SetupDto = options.setup;
  let empty = options.empty || setup !== 'ready';
  const today = fixtures.overview.as_of;
  const rows = options.rows > fixtures.customers.length ? manyRows(fixtures.customers, options.rows) : fixtures.customers;
  const details = new Map<number, CustomerDetailDto>([[fixtures.customer.id, structuredClone(fixtures.customer)]]);
  const timelines = new Map<number, TimelineEventDto[]>([[fixtures.customer.id, structuredClone(fixtures.timeline.events)]]);
  const recent = structuredClone(fixtures.overview.recent);
  let totalEventsForFixture = fixtures.timeline.total;

  let idleLockMinutes = 15;
  const status = (): AppStatusDto => ({
    ...fixtures.status,
    setup,
    empty,
    passphrase_protected: options.passphrase ?? false,
    idle_lock_minutes: options.passphrase && setup === 'ready' ? idleLockMinutes : 0,
    keychain_available: options.keychain,
    data_dir: '/home/amelie/.local/share/be.creditdesk.app',
    database_path: '/home/amelie/.local/share/be.creditdesk.app/creditdesk.db',
    company_name: empty ? '' : fixtures.status.company_name,
  });

  const ready = () => {
    if (setup !== 'ready') fail('not_ready', 'no database is open');
  };
  const hasData = () => {
    ready();
    if (empty) fail('not_ready', 'the database holds no customer yet');
  };

  const detailOf = (id: number): CustomerDetailDto => {
    let d = details.get(id);
    if (!d) {
      const row = rows.find((r) => r.id === id) ?? fail('not_found', `no customer with id ${id}`);
      d = makeDetail(row, today);
      details.set(id, d);
    }
    return d;
  };
  const eventsOf = (id: number): TimelineEventDto[] => {
    let list = timelines.get(id);
    if (!list) {
      list = makeTimeline(detailOf(id), recent);
      timelines.set(id, list);
    }
    return list;
  };

  let company: CompanyDto = {
    name: 'Brightwave Supplies NV',
    address_line1: 'Noorderlaan 133',
    address_line2: '',
    postal_code: '2030',
    city: 'Antwerpen',
    country: 'BE',
    vat_number: 'BE0471826531',
    iban: 'BE71735041289371',
    bic: 'KREDBEBB',
    base_currency: 'EUR',
    email: 'credit@brightwave-supplies.be',
    phone: '+32 3 541 27 90',
    signature: 'Sofie Verbeke, Credit Department',
  };

  // --- collections: segments set by hand, policies, stops, the worklist less what was done ---
  const overrides = new Map<number, { segment: SegmentDto; note: string; since: string }>();
  let policies = structuredClone(fixtures.policies);
  const stops = new Map<number, DunningStopDto & { customer_id: number }>();
  let nextStopId = 1;
  /** Customers whose action of the day was done (the run), and the step they reached. */
  const done = new Map<number, number | null>();
  const worklistEntries = structuredClone(fixtures.worklist.customers);
  const lettersDir = '/home/amelie/.local/share/be.creditdesk.app/letters';

  const profileOf = (id: number): ProfileDto => {
    const own = fixtures.profiles[String(id)];
    // Customers the fixture does not cover borrow the profile of their segment's example.
    const segment = worklistEntries.find((e) => e.customer_id === id)?.segment;
    const borrowed =
      own ??
      Object.values(fixtures.profiles).find((p) => p.segment.segment === segment) ??
      Object.values(fixtures.profiles)[id % Object.keys(fixtures.profiles).length]!;
    const profile = structuredClone(borrowed);
    const manual = overrides.get(id);
    if (manual) {
      profile.segment = {
        segment: manual.segment,
        by_rules: profile.segment.by_rules,
        reasons: [{ code: 'set_by_hand', value: manual.note, threshold: '', text: `set by hand: ${manual.note}` }],
        manual_note: manual.note,
        manual_since: manual.since,
      };
    }
    return profile;
  };

  const validatePolicy = (policy: DunningPolicyDto): DunningPolicyDto => {
    const steps: DunningStepDto[] = policy.steps.map((step, index) => {
      const n = index + 1;
      const fee = step.fee?.trim() ? step.fee.trim() : null;
      if (fee !== null && !/^-?\d+(\.\d+)?$/.test(fee)) fail('invalid_input', `step ${n}: the fee '${fee}' is not an amount`);
      if (step.offset_days < -60 || step.offset_days > 365) fail('invalid_input', `step ${n}: ${step.offset_days} days from the due date is outside -60 to 365`);
      if (fee !== null && (fee.startsWith('-') || (fee.split('.')[1] ?? '').replace(/0+$/, '').length > 2)) {
        fail('invalid_input', `step ${n}: the fee ${fee} must be a positive amount with at most 2 decimals`);
      }
      const previous = policy.steps[index - 1];
      if (previous && step.offset_days <= previous.offset_days) {
        fail('invalid_input', `step ${n} (${step.offset_days} days) must come after step ${index} (${previous.offset_days} days)`);
      }
      return { ...step, fee };
    });
    return { segment: policy.segment, steps };
  };

  const stopsOf = (customerId: number) => [...stops.values()].filter((s) => s.customer_id === customerId);
  const publicStop = ({ customer_id: _customer, ...stop }: DunningStopDto & { customer_id: number }): DunningStopDto => stop;

  /** The fixture's worklist, less what was done today and what is stopped since. */
  const currentWorklist = (asOf: string): WorklistDto => {
    const paused = structuredClone(fixtures.worklist.paused);
    const customers: WorkEntryDto[] = [];
    for (const original of worklistEntries) {
      const entry = structuredClone(original);
      const customerStop = stopsOf(entry.customer_id).find((s) => s.invoice_id === null);
      if (customerStop) {
        paused.push({
          customer_id: entry.customer_id,
          customer_number: entry.customer_number,
          customer_name: entry.customer_name,
          overdue: entry.total,
          why: { kind: 'customer_stopped', since: customerStop.since, reason: customerStop.reason },
        });
        continue;
      }
      for (const s of stopsOf(entry.customer_id)) {
        const at = entry.items.findIndex((i) => i.invoice_id === s.invoice_id);
        if (at < 0) continue;
        const [item] = entry.items.splice(at, 1);
        entry.paused_items.push({ invoice_id: item!.invoice_id, number: item!.number, open: item!.open, why: { kind: 'stopped', since: s.since, reason: s.reason } });
      }
      if (done.has(entry.customer_id)) {
        const step = done.get(entry.customer_id) ?? null;
        entry.action = null;
        entry.alerts = [];
        entry.items = entry.items.map((i) => ({ ...i, step_due: null, last_step: step ?? i.last_step }));
      }
      if (entry.items.length === 0 && entry.alerts.length === 0 && !entry.action) continue;
      customers.push(entry);
    }
    return { as_of: asOf, customers, paused };
  };

  /** The timeline's words for a dunning action, as the core writes them. */
  const describe = (entry: WorkEntryDto): string => {
    const a = entry.action!;
    const what = a.action === 'call' ? 'Dunning call' : a.action === 'escalation' ? 'Escalation' : { reminder: 'Reminder', second_reminder: 'Second reminder', formal_notice: 'Formal notice' }[a.template];
    const items = entry.items.map((i) => i.number).join(', ');
    const text = `${what} (step ${a.step} of ${a.steps_in_policy}, ${a.action}) for ${items}: ${entry.total.amount} ${entry.total.currency} open`;
    return a.email_missing ? `${text}; a letter, as no e-mail address is known` : text;
  };

  const runDunning = (asOf: string, ids: number[]): DunningRunDto => {
    const list = currentWorklist(asOf);
    const entries = ids.map(
      (id) => list.customers.find((e) => e.customer_id === id) ?? fail('conflict', `customer id ${id} has nothing due on ${asOf} any more: review the worklist again`),
    );
    const result: DunningRunDto = { done: [], letters: [], batch_pdf: null, emails_queued: 0 };
    for (const entry of entries) {
      const a = entry.action;
      const events = eventsOf(entry.customer_id);
      if (a) {
        const kind = a.action === 'escalation' ? 'level_change' : a.action;
        events.unshift({ date: asOf, kind, invoice: null, amount: entry.total, due_date: null, text: describe(entry), resolved_on: null });
        if (a.action === 'email' || a.action === 'letter') result.letters.push(`${lettersDir}/${asOf}/${entry.customer_number}-${asOf}.pdf`);
        if (a.action === 'email' && !a.email_missing) {
          result.emails_queued += 1;
          const detail = detailOf(entry.customer_id);
          const billing = detail.contacts.find((c) => c.is_billing);
          const id = nextMessageId++;
          outbox.unshift({
            id,
            message_id: `<creditdesk-${id}@brightwave-supplies.be>`,
            customer_id: entry.customer_id,
            to_address: billing?.email || detail.email,
            to_name: billing?.name ?? detail.name,
            subject: `Payment reminder – ${entry.customer_number}`,
            attachment_name: `${asOf}-${entry.customer_number}-${a.template.replace('_', '-')}.pdf`,
            state: 'queued',
            attempts: 0,
            next_attempt_at: null,
            last_error: null,
            queued_at: nowIso(),
            sent_at: null,
          });
        }
      }
      for (const alert of entry.alerts) {
        events.unshift({
          date: asOf,
          kind: 'alert',
          invoice: null,
          amount: alert.promised,
          due_date: null,
          text: `Promise broken: ${alert.promised.amount} ${alert.promised.currency} promised on ${alert.made_on} for ${alert.due}, ${alert.received.amount} ${alert.received.currency} received since. Dunning resumes.`,
          resolved_on: null,
        });
      }
      done.set(entry.customer_id, a?.step ?? null);
      result.done.push({ customer_id: entry.customer_id, customer_number: entry.customer_number, action: a?.action ?? null, step: a?.step ?? null, items: entry.items.map((i) => i.number) });
    }
    if (result.letters.length > 0) result.batch_pdf = `${lettersDir}/${asOf}/letters-${asOf}.pdf`;
    return result;
  };


  // --- Settings: legal interest, letters, SMTP, outbox ---
  const rates = structuredClone(fixtures.referenceRates);
  const shippedRow = (series: string, from: string) =>
    fixtures.referenceRates.series.find((x) => x.series === series)?.rows.find((r) => r.valid_from === from && r.origin === 'shipped');

  const saveRate = (row: SaveReferenceRateRequest): ReferenceRatesDto => {
    const table = rates.series.find((x) => x.series === row.series) ?? fail('invalid_input', `unknown reference rate series '${row.series}' (ecb_mro, bundesbank_base, boe_base)`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.valid_from)) fail('invalid_input', `valid from: '${row.valid_from}' is not a date (YYYY-MM-DD)`);
    if (!/^-?\d+(\.\d+)?$/.test(row.rate)) fail('invalid_input', `'${row.rate}' is not a rate (a percentage such as 4.25)`);
    const basis = Number(row.rate);
    if (basis < -5 || basis > 50) fail('invalid_input', `a reference rate is a percentage between -5 and 50, not ${row.rate}`);
    if ((row.rate.split('.')[1] ?? '').replace(/0+$/, '').length > 4) fail('invalid_input', `a reference rate has at most 4 decimals, not ${row.rate}`);
    const shipped = shippedRow(row.series, row.valid_from);
    const kept = { series: row.series, valid_from: row.valid_from, rate: row.rate, source: row.source.trim(), origin: 'user' as const, shipped_rate: shipped?.rate ?? null };
    table.rows = [...table.rows.filter((r) => r.valid_from !== row.valid_from), kept].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
    return rates;
  };

  const deleteRate = (series: string, validFrom: string): ReferenceRatesDto => {
    const table = rates.series.find((x) => x.series === series) ?? fail('invalid_input', `unknown reference rate series '${series}'`);
    const row = table.rows.find((r) => r.valid_from === validFrom && r.origin === 'user') ?? fail('not_found', `no rate of yours for ${series} from ${validFrom}`);
    const shipped = shippedRow(series, validFrom);
    table.rows = table.rows.filter((r) => r !== row).concat(shipped ? [structuredClone(shipped)] : []).sort((a, b) => a.valid_from.localeCompare(b.valid_from));
    return rates;
  };

  /** The mock's legal interest: the fixture for its own debt, else one period at the rate in force on the due date. */
  const legalInterest = (request: LegalInterestRequest): LegalInterestDto => {
    const asOf = request.as_of ?? today;
    const base = fixtures.legalInterest;
    const rule = rates.rules.find((r) => r.rule === base.rule)!;
    if (!/^\d+(\.\d{1,2})?$/.test(request.amount) || cents(request.amount) <= 0n) fail('invalid_input', `'${request.amount}' is not an amount`);
    if (request.currency !== rule.currency) fail('currency_mismatch', `the ${rule.rule} rule's compensation is in ${rule.currency}, the debt is in ${request.currency}`);
    if (request.amount === base.principal.amount && request.due === base.due && asOf === base.as_of) return base;
    const money = (c: bigint): MoneyDto => ({ amount: amountOf(c), currency: request.currency });
    const days = Math.max(0, Math.round((Date.parse(asOf) - Date.parse(request.due)) / 86_400_000));
    if (days === 0) return { ...base, principal: money(cents(request.amount)), due: request.due, as_of: asOf, days: 0, periods: [], interest: money(0n), compensation: money(0n), total: money(0n), warnings: [] };
    const table = rates.series.find((x) => x.series === rule.series)!;
    const reference = [...table.rows].reverse().find((r) => r.valid_from <= request.due) ?? table.rows[0]!;
    const bp = (x: string) => BigInt(Math.round(Number(x) * 10000));
    const rateBp = bp(reference.rate) + bp(rule.points);
    const interest = (cents(request.amount) * rateBp * BigInt(days) + 365n * 10000n * 50n) / (365n * 10000n * 100n);
    const compensation = cents(base.compensation.amount);
    const rate = (Number(rateBp) / 10000).toFixed(2);
    return {
      ...base,
      principal: money(cents(request.amount)),
      due: request.due,
      as_of: asOf,
      days,
      periods: [{ from: addDays(request.due, 1), to: asOf, days, reference_day: reference.valid_from, reference_rate: reference.rate, reference_origin: reference.origin, points: rule.points, rate, interest: money(interest) }],
      interest: money(interest),
      compensation: money(compensation),
      total: money(interest + compensation),
      warnings: [],
    };
  };

  let templates = structuredClone(fixtures.letterTemplates);
  const templateIndex = (language: string, tone: string) => {
    const i = templates.templates.findIndex((x) => x.language === language && x.tone === tone);
    if (i < 0) fail('invalid_input', `no letter template for ${language} ${tone}`);
    return i;
  };

  let smtp: SmtpSettingsDto | null = null;
  const outbox: OutboxMessageDto[] = structuredClone(fixtures.outbox);
  let nextMessageId = Math.max(0, ...outbox.map((m) => m.id)) + 1;
  const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  // --- bank reconciliation ---
  const bank = createMockReconcile(today, fail);
  const withData =
    <A, R>(f: (args: A) => R) =>
    (args: A): R => {
      hasData();
      return f(args);
    };

  // --- KPIs and the forecast ---
  const insights = createMockInsights(fail);

  const handlers: { [C in CommandName]: (args: Commands[C]['args']) => Commands[C]['result'] } = {
    kpis: withData(insights.kpis),
    kpi_trend: withData(insights.kpi_trend),
    forecast: withData(insights.forecast),
    customer_forecast: withData(({ customerId, asOf }) => {
      detailOf(customerId);
      return insights.customer_forecast({ customerId, asOf });
    }),
    forecast_backtest: withData(insights.forecast_backtest),
    import_statement: withData(bank.import_statement),
    bank_entries: withData(bank.bank_entries),
    reconcile: withData(bank.reconcile),
    accept_match: withData(bank.accept_match),
    reject_match: withData(bank.reject_match),
    undo_match: withData(bank.undo_match),
    split_entry: withData(bank.split_entry),
    open_items: withData(bank.open_items),
    match_settings: withData(bank.match_settings),
    save_match_settings: withData(bank.save_match_settings),
    app_status: () => status(),
    company: () => {
      ready();
      return company;
    },
    save_company: ({ company: next }) => {
      ready();
      if (!next.name.trim()) fail('invalid_input', 'the company needs a name');
      company = { ...next, name: next.name.trim(), iban: next.iban.replace(/\s+/g, '').toUpperCase() };
      return company;
    },
    create_database: ({ passphrase }) => {
      if (setup !== 'needs_database') fail('conflict', 'a database already exists');
      if (passphrase === null && !options.keychain) fail('keychain', 'no keychain is available: a passphrase is needed');
      if (passphrase !== null && passphrase.length < 8) fail('invalid_input', 'the passphrase needs at least 8 characters');
      setup = 'ready';
      empty = true;
      return status();
    },
    unlock: ({ passphrase }) => {
      if (passphrase.startsWith('wrong')) fail('wrong_key', 'the passphrase does not open this database');
      setup = 'ready';
      return status();
    },
    load_demo: () => {
      ready();
      if (!empty) fail('conflict', 'the database already holds customers');
      empty = false;
      return { customers: rows.length, invoices: 3651, payments: 2975, interactions: 420 };
    },
    overview: () => {
      hasData();
      return { ...fixtures.overview, recent: recent.slice(0, 15) };
    },
    customers: () => {
      hasData();
      return rows;
    },
    customer: ({ id }) => {
      hasData();
      return detailOf(id);
    },
    timeline: ({ request }) => {
      hasData();
      const all = eventsOf(request.customer_id);
      const filtered = request.kinds.length ? all.filter((e) => request.kinds.includes(e.kind)) : all;
      // The fixture holds the first 50 of the fixture customer's events: report the true total
      // only when unfiltered, so "load more" stops where the data does.
      const total = request.customer_id === fixtures.customer.id && request.kinds.length === 0 ? Math.min(totalEventsForFixture, all.length) : filtered.length;
      return { total, offset: request.offset, events: filtered.slice(request.offset, request.offset + Math.min(500, Math.max(1, request.limit))) };
    },
    lock: () => {
      if (!options.passphrase) fail('invalid_input', "this database's key is in the system keychain: only a passphrase database locks");
      setup = 'needs_passphrase';
      return status();
    },
    preferences: () => {
      ready();
      return { idle_lock_minutes: idleLockMinutes };
    },
    save_preferences: ({ preferences }) => {
      ready();
      if (preferences.idle_lock_minutes > 480) fail('invalid_input', 'the idle time before locking is at most 480 minutes (0: never)');
      idleLockMinutes = preferences.idle_lock_minutes;
      return { idle_lock_minutes: idleLockMinutes };
    },
    backup: ({ path, passphrase }) => {
      ready();
      if (passphrase.length < 8) fail('invalid_input', 'a passphrase needs at least 8 characters');
      return { path, salt_path: `${path}.salt`, bytes: 2_457_600 };
    },
    import_preview: ({ request }) => {
      ready();
      return mockPreview(request);
    },
    import_file: ({ request }) => {
      ready();
      const outcome = mockImport(request);
      if (outcome.outcome === 'imported' && request.kind === 'customers') empty = false;
      return outcome;
    },
    customer_profile: ({ customerId }) => {
      hasData();
      detailOf(customerId);
      return profileOf(customerId);
    },
    set_segment: ({ request }) => {
      hasData();
      detailOf(request.customer_id);
      if (request.segment === null) overrides.delete(request.customer_id);
      else overrides.set(request.customer_id, { segment: request.segment, note: request.note.trim(), since: today });
      return profileOf(request.customer_id);
    },
    segment_totals: () => {
      hasData();
      return fixtures.segmentTotals;
    },
    dunning_policies: () => {
      ready();
      return policies;
    },
    save_dunning_policy: ({ policy }) => {
      ready();
      const kept = validatePolicy(policy);
      policies = policies.map((p) => (p.segment === kept.segment ? kept : p));
      return kept;
    },
    reset_dunning_policy: ({ segment }) => {
      ready();
      const shipped = structuredClone(fixtures.policies.find((p) => p.segment === segment) ?? fail('not_found', `no policy for ${segment}`));
      policies = policies.map((p) => (p.segment === segment ? shipped : p));
      return shipped;
    },
    worklist: ({ asOf }) => {
      hasData();
      return currentWorklist(asOf ?? today);
    },
    run_dunning: ({ request }) => {
      hasData();
      return runDunning(request.as_of ?? today, request.customer_ids);
    },
    stop_dunning: ({ request }) => {
      hasData();
      const detail = detailOf(request.customer_id);
      const entry = worklistEntries.find((e) => e.customer_id === request.customer_id);
      const known = (id: number) => detail.open_invoices.some((i) => i.id === id) || entry?.items.some((i) => i.invoice_id === id) || entry?.paused_items.some((i) => i.invoice_id === id);
      if (request.invoice_id !== null && !known(request.invoice_id)) fail('invalid_input', `invoice id ${request.invoice_id} is not an invoice of this customer`);
      const existing = stopsOf(request.customer_id).find((s) => s.invoice_id === request.invoice_id);
      if (existing) {
        existing.reason = request.reason.trim();
        return publicStop(existing);
      }
      const stop = { id: nextStopId++, customer_id: request.customer_id, invoice_id: request.invoice_id, since: today, reason: request.reason.trim() };
      stops.set(stop.id, stop);
      return publicStop(stop);
    },
    lift_dunning_stop: ({ stopId }) => {
      hasData();
      if (!stops.delete(stopId)) fail('not_found', `no dunning stop ${stopId} in force`);
      return null;
    },
    dunning_stops: ({ customerId }) => {
      hasData();
      return stopsOf(customerId).map(publicStop);
    },
    open_document: ({ path }) => {
      ready();
      if (!path.endsWith('.pdf')) fail('invalid_input', `${path} is not a document the app wrote`);
      return null;
    },
    reference_rates: () => {
      ready();
      return rates;
    },
    save_reference_rate: ({ row }) => {
      ready();
      return saveRate(row);
    },
    delete_reference_rate: ({ series, validFrom }) => {
      ready();
      return deleteRate(series, validFrom);
    },
    legal_interest: ({ request }) => {
      ready();
      return legalInterest(request);
    },
    letter_templates: () => {
      ready();
      return templates;
    },
    save_letter_template: ({ template }) => {
      ready();
      const i = templateIndex(template.language, template.tone);
      for (const block of ['subject', 'opening', 'body', 'closing'] as const) {
        for (const [, name] of template[block].matchAll(/\{([^}]*)\}/g)) {
          if (!templates.placeholders.includes(name!)) fail('invalid_input', `unknown placeholder {${name}} in the ${block} of the letter; known: ${templates.placeholders.join(', ')}`);
        }
      }
      if (!template.subject.trim()) fail('invalid_input', 'the subject of the letter is empty');
      templates = { ...templates, templates: templates.templates.map((x, n) => (n === i ? { ...template, customized: true } : x)) };
      return templates;
    },
    reset_letter_template: ({ language, tone }) => {
      ready();
      const i = templateIndex(language, tone);
      templates = { ...templates, templates: templates.templates.map((x, n) => (n === i ? structuredClone(fixtures.letterTemplates.templates[i]!) : x)) };
      return templates;
    },
    smtp_settings: () => {
      ready();
      return smtp;
    },
    save_smtp_settings: ({ request }) => {
      ready();
      if (!request.host.trim()) fail('invalid_input', 'the SMTP server needs a host name');
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.from_address.trim())) fail('invalid_input', `'${request.from_address}' is not an e-mail address`);
      if (request.port < 1 || request.port > 65535) fail('invalid_input', `port ${request.port} is not a port (1–65535)`);
      const passwordSet = request.password === null ? (smtp?.password_set ?? false) : request.password !== '';
      smtp = {
        host: request.host.trim(),
        port: request.port,
        security: request.security,
        username: request.username,
        from_address: request.from_address.trim(),
        from_name: request.from_name,
        password_set: passwordSet,
      };
      return smtp;
    },
    outbox: () => {
      ready();
      return outbox;
    },
    send_outbox: () => {
      ready();
      if (!smtp) return { sent: 0, retrying: 0, failed: 0, unreachable: 'no SMTP server is set in Settings' };
      let sent = 0;
      for (const m of outbox) {
        if (m.state !== 'queued') continue;
        m.state = 'sent';
        m.attempts += 1;
        m.sent_at = nowIso();
        m.next_attempt_at = null;
        sent += 1;
      }
      return { sent, retrying: 0, failed: 0, unreachable: null };
    },
    record: ({ request }) => {
      hasData();
      const detail = detailOf(request.customer_id);
      const list = eventsOf(request.customer_id);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(request.date)) fail('invalid_input', `date: '${request.date}' is not a date (YYYY-MM-DD)`);
      let event: TimelineEventDto;
      switch (request.kind) {
        case 'note':
        case 'call':
          if (!request.text.trim()) fail('invalid_input', `a ${request.kind} needs some text`);
          event = { date: request.date, kind: request.kind, invoice: null, amount: null, due_date: null, text: request.text.trim(), resolved_on: null };
          break;
        case 'promise': {
          if (!/^\d+(\.\d{1,2})?$/.test(request.amount) || cents(request.amount) <= 0n) fail('invalid_input', `'${request.amount}' is not an amount`);
          if (request.due < request.date) fail('invalid_input', `a promise made on ${request.date} cannot be due on ${request.due}, before it was made`);
          const amount = { amount: amountOf(cents(request.amount)), currency: detail.currency };
          event = { date: request.date, kind: 'promise', invoice: null, amount, due_date: request.due, text: request.text.trim(), resolved_on: null };
          recent.unshift({ date: request.date, kind: 'promise', customer_id: detail.id, customer_number: detail.number, customer_name: detail.name, amount, text: request.text.trim() });
          break;
        }
        case 'dispute': {
          const invoice = detail.open_invoices.find((i) => i.id === request.invoice_id) ?? fail('not_found', `no open invoice ${request.invoice_id}`);
          if (!request.reason.trim()) fail('invalid_input', 'a dispute needs a reason');
          invoice.disputed = true;
          event = { date: request.date, kind: 'dispute', invoice: invoice.number, amount: invoice.open_amount, due_date: null, text: request.reason.trim(), resolved_on: null };
          break;
        }
      }
      // Newest first; on the same day, the latest recorded first.
      const at = list.findIndex((e) => e.date <= event.date);
      list.splice(at === -1 ? list.length : at, 0, event);
      if (request.customer_id === fixtures.customer.id) totalEventsForFixture += 1;
      return null;
    },
  };

  return {
    handle(command: string, args: unknown): unknown {
      if (options.fail === command) fail('storage', 'disk I/O error (simulated by the mock backend)');
      // The system's file dialog: the user "picks" the customers export.
      if (command === 'plugin:dialog|open') {
        // The statement dialog offers XML files: the user picks a camt.053 statement.
        return JSON.stringify(args ?? {}).includes('"xml"') ? MOCK_STATEMENTS.picked : '/home/amelie/exports/klanten.csv';
      }
      if (command === 'plugin:dialog|save') return '/home/amelie/backups/creditdesk-2026-11-23.creditdesk';
      const handler = handlers[command as CommandName] as ((a: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`command ${command} not found`);
      return handler(args ?? {});
    },
  };
}

export function installMockBackend(options: MockOptions = optionsFromUrl(window.location.search)): void {
  const backend = createMockBackend(options);
  mockIPC(
    async (command, args) => {
      if (options.latency) await new Promise((resolve) => setTimeout(resolve, options.latency));
      try {
        return structuredClone(backend.handle(command, args));
      } catch (e) {
        // Reject as Tauri does: with the serialized error value, or a string for unknown commands.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw e instanceof MockError ? e.api : String(e instanceof Error ? e.message : e);
      }
    },
      // `listen` (import progress) works against the mock too.
    { shouldMockEvents: true },
  );
  if (import.meta.env.MODE !== 'test') console.info('[creditdesk] mock backend', options);
}
