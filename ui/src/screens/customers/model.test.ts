import { describe, expect, it } from 'vitest';
import type { CustomerRowDto } from '../../api';
import customers from '../../api/fixtures/customers.json';
import { distinct, filterRows, indexRows, sortRows } from './model';

const rows = customers as CustomerRowDto[];
const collator = new Intl.Collator('fr', { sensitivity: 'base' });
const all = { search: '', country: '', owner: '' };

describe('customer list model', () => {
  const indexed = indexRows(rows);

  it('searches number and name, ignoring case and accents', () => {
    expect(filterRows(indexed, { ...all, search: '400164' }).map((r) => r.row.name)).toEqual(['Wood Construction Ltd']);
    const schafer = filterRows(indexed, { ...all, search: 'SCHAFER gebaude' }).map((r) => r.row.name);
    expect(schafer).toContain('Schäfer Gebäudetechnik GmbH');
    expect(filterRows(indexed, { ...all, search: 'zzzz' })).toEqual([]);
  });

  it('filters by country and owner', () => {
    const fr = filterRows(indexed, { ...all, country: 'FR', owner: 'Amélie Dubois' });
    expect(fr.length).toBeGreaterThan(0);
    expect(fr.every((r) => r.row.country === 'FR' && r.row.owner === 'Amélie Dubois')).toBe(true);
    expect(distinct(rows, (r) => r.country)).toEqual(['BE', 'DE', 'FR', 'GB', 'NL']);
  });

  it('sorts by overdue as the backend does, by name, by days', () => {
    const byOverdue = sortRows(indexed.slice(), 'overdue', collator).map((r) => r.row.id);
    expect(byOverdue.slice(0, 5)).toEqual(rows.slice(0, 5).map((r) => r.id));
    const byName = sortRows(indexed.slice(), 'name', collator).map((r) => r.row.name);
    const accented = byName.findIndex((n) => n.startsWith('Établissements'));
    expect(byName[accented - 1]! <= 'F').toBe(true); // É sorts with E, not after Z
    const byDays = sortRows(indexed.slice(), 'days', collator).map((r) => r.row.max_days_overdue);
    expect(byDays).toEqual([...byDays].sort((a, b) => b - a));
  });

  it('stays fast at 100 000 rows', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ ...rows[i % rows.length]!, id: i, number: String(500000 + i) }));
    const t0 = performance.now();
    const big = indexRows(many);
    const sorted = sortRows(big.slice(), 'overdue', collator);
    const t1 = performance.now();
    const found = filterRows(sorted, { ...all, search: 'bakkerij' });
    const t2 = performance.now();
    expect(found.length).toBeGreaterThan(0);
    expect(t1 - t0).toBeLessThan(3000);
    expect(t2 - t1).toBeLessThan(500);
  });
});
