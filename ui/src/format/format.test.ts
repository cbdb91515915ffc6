import { describe, expect, it } from 'vitest';
import { countryName, currencySymbol, decimalSeparator, formatDate, formatMoney, formatPercent, isIsoDate, todayIso } from './format';

const NNBSP = '\u202f'; // narrow no-break space
const NBSP = '\u00a0'; // no-break space
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('money', () => {
  it('formats EUR per locale', () => {
    expect(formatMoney(eur('1234.50'), 'fr-BE')).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatMoney(eur('1234.50'), 'nl-BE')).toBe(`€${NBSP}1.234,50`);
    expect(formatMoney(eur('1234.50'), 'de-DE')).toBe(`1.234,50${NBSP}€`);
    expect(formatMoney(eur('1234.50'), 'en-GB')).toBe('€1,234.50');
  });

  it('shows negative amounts and other currencies with their narrow symbol', () => {
    expect(formatMoney(eur('-8107.24'), 'fr-BE')).toBe(`-8${NNBSP}107,24${NBSP}€`);
    expect(formatMoney(eur('-8107.24'), 'en-GB')).toBe('-€8,107.24');
    expect(formatMoney({ amount: '85952.14', currency: 'GBP' }, 'fr-BE')).toBe(`85${NNBSP}952,14${NBSP}£`);
    expect(formatMoney({ amount: '85952.14', currency: 'GBP' }, 'en-GB')).toBe('£85,952.14');
  });

  it('keeps every digit of a large amount (the string is formatted, not a float)', () => {
    expect(formatMoney(eur('12345678901234567.89'), 'en-GB')).toBe('€12,345,678,901,234,567.89');
    expect(formatMoney(eur('0.10'), 'de-DE')).toBe(`0,10${NBSP}€`);
  });

  it('pads to the currency’s decimals', () => {
    expect(formatMoney(eur('7'), 'en-GB')).toBe('€7.00');
    expect(formatMoney(eur('7.5'), 'en-GB')).toBe('€7.50');
  });

  it('compacts for chart labels', () => {
    expect(formatMoney(eur('1157602.49'), 'en-GB', { compact: true })).toBe('€1.16m');
    expect(formatMoney(eur('1157602.49'), 'fr-BE', { compact: true })).toBe(`1,16${NBSP}M${NBSP}€`);
    expect(formatMoney(eur('180711.20'), 'de-DE', { compact: true })).toBe(`181.000${NBSP}€`);
  });

  it('shows what it cannot read as it came', () => {
    expect(formatMoney(eur('12,50'), 'en-GB')).toBe('12,50 EUR');
    expect(formatMoney({ amount: '12.50', currency: 'XYZW' }, 'en-GB')).toBe('12.50 XYZW');
  });

  it('knows symbols and decimal separators', () => {
    expect(currencySymbol('EUR', 'fr-BE')).toBe('€');
    expect(currencySymbol('GBP', 'de-DE')).toBe('£');
    expect(decimalSeparator('fr-BE')).toBe(',');
    expect(decimalSeparator('nl-BE')).toBe(',');
    expect(decimalSeparator('en-GB')).toBe('.');
  });
});

describe('dates', () => {
  it('formats a YYYY-MM-DD day per locale, without time-zone drift', () => {
    expect(formatDate('2026-11-03', 'fr-BE')).toBe('03/11/2026');
    expect(formatDate('2026-11-03', 'de-DE')).toBe('03.11.2026');
    expect(formatDate('2026-11-03', 'en-GB')).toBe('03/11/2026');
    expect(formatDate('2026-11-23', 'fr-BE', 'medium')).toBe('23 nov. 2026');
    expect(formatDate('2026-11-23', 'nl-BE', 'medium')).toBe('23 nov 2026');
    expect(formatDate('2026-11-23', 'de-DE', 'medium')).toBe('23. Nov. 2026');
    expect(formatDate('2026-11-23', 'en-GB', 'medium')).toBe('23 Nov 2026');
    expect(formatDate('2026-01-01', 'en-GB', 'long')).toBe('Thursday, 1 January 2026');
  });

  it('passes through what is not a date', () => {
    expect(formatDate('soon', 'en-GB')).toBe('soon');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('28/02/2026')).toBe(false);
  });

  it('today is the local calendar day', () => {
    expect(todayIso(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
    expect(todayIso(new Date(2026, 0, 5, 0, 1))).toBe('2026-01-05');
  });
});

describe('other', () => {
  it('percentages and country names follow the locale', () => {
    expect(formatPercent(0.3909, 'en-GB')).toBe('39.1%');
    expect(formatPercent(0.3909, 'fr-BE')).toBe(`39,1${NBSP}%`);
    expect(countryName('BE', 'fr-BE')).toBe('Belgique');
    expect(countryName('DE', 'nl-BE')).toBe('Duitsland');
    expect(countryName('GB', 'de-DE')).toBe('Vereinigtes Königreich');
  });
});
