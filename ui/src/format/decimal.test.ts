import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalKey, isDecimal, parseAmountInput, ratio, signOf } from './decimal';

describe('decimal strings', () => {
  it('compares exactly, whatever the number of decimals', () => {
    expect(compareDecimal('10.5', '10.50')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('-1.00', '-0.99')).toBe(-1);
    expect(compareDecimal('90071992547409930.01', '90071992547409930.00')).toBe(1);
  });

  it('gives sign and a sort key that keeps the order', () => {
    expect(signOf('-8107.24')).toBe(-1);
    expect(signOf('0.00')).toBe(0);
    expect(signOf('0.01')).toBe(1);
    const amounts = ['59310.21', '-3.5', '0', '36435.92', '0.01', '100000000000.00'];
    const byKey = [...amounts].sort((a, b) => (decimalKey(a) < decimalKey(b) ? -1 : decimalKey(a) > decimalKey(b) ? 1 : 0));
    const byCompare = [...amounts].sort(compareDecimal);
    expect(byKey).toEqual(byCompare);
    expect(byKey).toEqual(['-3.5', '0', '0.01', '36435.92', '59310.21', '100000000000.00']);
  });

  it('computes a share for display, to 1/10 000', () => {
    expect(ratio('737782.14', '1887277.39')).toBe(0.3909);
    expect(ratio('85952.14', '62000.00')).toBe(1.3863);
    expect(ratio('1', '0')).toBeNull();
    expect(ratio('x', '1')).toBeNull();
  });

  it('validates', () => {
    expect(isDecimal('1234.50')).toBe(true);
    expect(isDecimal('-1')).toBe(true);
    expect(isDecimal('1,5')).toBe(false);
    expect(isDecimal('1e5')).toBe(false);
  });
});

describe('reading a typed amount', () => {
  it('reads the locale’s own way of writing', () => {
    expect(parseAmountInput('1 234,50', ',')).toBe('1234.50');
    expect(parseAmountInput('1\u202f234,5', ',')).toBe('1234.50');
    expect(parseAmountInput('1.234,50', ',')).toBe('1234.50');
    expect(parseAmountInput('1,234.50', '.')).toBe('1234.50');
    expect(parseAmountInput('1234', ',')).toBe('1234');
  });

  it('reads the other convention when it is unambiguous', () => {
    expect(parseAmountInput('1234.50', ',')).toBe('1234.50');
    expect(parseAmountInput('1234,5', '.')).toBe('1234.50');
    expect(parseAmountInput('1.234.567', ',')).toBe('1234567');
  });

  it('uses the locale for three digits after one separator', () => {
    expect(parseAmountInput('1.234', ',')).toBe('1234');
    expect(parseAmountInput('1.234', '.')).toBeNull(); // 1.234 has three decimals: not an amount of money
    expect(parseAmountInput('1,234', '.')).toBe('1234');
  });

  it('refuses what is not a positive amount of money', () => {
    for (const bad of ['', 'abc', '-5', '0', '0,00', '12,345,6', '1.2.3,4,5', '12,', '€12', '1e3', '1,999']) {
      expect(parseAmountInput(bad, ',')).toBeNull();
    }
  });
});
