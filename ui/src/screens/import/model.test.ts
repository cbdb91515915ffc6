import { describe, expect, it } from 'vitest';
import type { ImportPreviewDto } from '../../api';
import { NO_CHOICES, fieldsByColumn, fileName, remap, requestOf, shareDone } from './model';

const preview: ImportPreviewDto = {
  kind: 'invoices',
  file: 'facturen.csv',
  rows: 2,
  headers: ['Nr', 'Klant', 'Datum'],
  sample: [],
  fields: [
    { field: 'invoice_number', required: true, column: 'Nr' },
    { field: 'customer_number', required: true, column: 'Klant' },
    { field: 'due_date', required: true, column: null },
  ],
  mapping_remembered: false,
  date_format: null,
  warnings: [],
  blocker: 'no column is read for the required fields due_date',
};

describe('the import request', () => {
  it('sends no mapping until the user makes one, and trims what was typed', () => {
    expect(requestOf({ ...NO_CHOICES, path: '  /tmp/klanten.csv ', dateFormat: ' ' })).toEqual({
      kind: 'customers',
      path: '/tmp/klanten.csv',
      mapping: [],
      date_format: null,
      create_missing_customers: false,
    });
  });

  it('creates missing customers only for invoices', () => {
    const choices = { ...NO_CHOICES, path: 'x.csv', createMissingCustomers: true };
    expect(requestOf(choices).create_missing_customers).toBe(false);
    expect(requestOf({ ...choices, kind: 'invoices' }).create_missing_customers).toBe(true);
  });

  it('a changed column sends the whole mapping shown, unmapped fields as empty', () => {
    const mapping = remap(preview, 'due_date', 'Datum');
    expect(mapping).toEqual({ invoice_number: 'Nr', customer_number: 'Klant', due_date: 'Datum' });
    expect(remap(preview, 'customer_number', '')).toEqual({ invoice_number: 'Nr', customer_number: '', due_date: '' });
    expect(requestOf({ ...NO_CHOICES, kind: 'invoices', path: 'f.csv', mapping }).mapping).toContainEqual({ field: 'due_date', column: 'Datum' });
  });
});

describe('reading a preview and a progress', () => {
  it('names the field read from each column', () => {
    expect([...fieldsByColumn(preview)]).toEqual([
      ['Nr', 'invoice_number'],
      ['Klant', 'customer_number'],
    ]);
  });

  it('moves through reading, checking and writing', () => {
    expect(shareDone(null)).toBe(0);
    expect(shareDone({ phase: 'reading', done: 0, total: 0 })).toBe(0);
    expect(shareDone({ phase: 'checking', done: 50, total: 100 })).toBeCloseTo(0.5);
    expect(shareDone({ phase: 'writing', done: 100, total: 100 })).toBe(1);
  });

  it('shows the file name of Windows and Unix paths', () => {
    expect(fileName('C:\\Users\\amelie\\facturen.csv')).toBe('facturen.csv');
    expect(fileName('/home/amelie/klanten.xlsx')).toBe('klanten.xlsx');
  });
});
