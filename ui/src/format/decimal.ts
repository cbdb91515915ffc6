// Exact work on the decimal strings money crosses the IPC as ("1234.50"). No float ever holds
// an amount: comparisons and ratios go through BigInt on a common scale.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(text: string): Scaled | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign = '', int = '0', frac = ''] = m;
  const units = BigInt(int + frac);
  return { units: sign === '-' ? -units : units, scale: frac.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale)];
}

/** -1, 0 or 1; a string that is not a decimal sorts before every number. */
export function compareDecimal(a: string, b: string): number {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  const [p, q] = align(x, y);
  return p < q ? -1 : p > q ? 1 : 0;
}

export function signOf(a: string): -1 | 0 | 1 {
  const x = scaled(a);
  if (!x || x.units === 0n) return 0;
  return x.units < 0n ? -1 : 1;
}

/**
 * `part / whole` as a plain number for display (a share, a percentage of a credit limit),
 * computed exactly to 1/10 000; `null` when `whole` is zero or either is not a decimal.
 */
export function ratio(part: string, whole: string): number | null {
  const x = scaled(part);
  const y = scaled(whole);
  if (!x || !y) return null;
  const [p, q] = align(x, y);
  if (q === 0n) return null;
  const tenThousandths = (p * 10_000n) / q;
  return Number(tenThousandths) / 10_000;
}

/**
 * A sort key for an amount that keeps its order exactly: the amount in units of 10^-6 as a
 * BigInt. Precompute it once per row; comparing BigInts is cheap.
 */
export function decimalKey(a: string): bigint {
  const x = scaled(a);
  if (!x) return -(10n ** 30n);
  return x.scale <= 6 ? x.units * 10n ** BigInt(6 - x.scale) : x.units / 10n ** BigInt(x.scale - 6);
}

/**
 * What the user typed as an amount ("1 234,50", "1234.50", "1.234,5") as a decimal string with a
 * dot ("1234.50"), or `null` when it is not a positive amount with at most `maxDecimals` decimals.
 * `decimalSeparator` is the locale's (',' or '.'), used only when the text alone is ambiguous
 * ("1.234" is 1234 in French, 1.234 in English).
 */
export function parseAmountInput(text: string, decimalSeparator: ',' | '.', maxDecimals = 2): string | null {
  const compact = text.replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let decimalMark: ',' | '.' | null;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalMark = lastComma > lastDot ? ',' : '.';
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const occurrences = compact.split(mark).length - 1;
    const digitsAfter = compact.length - compact.lastIndexOf(mark) - 1;
    if (occurrences > 1) decimalMark = null; // only grouping
    else if (digitsAfter === 3) decimalMark = mark === decimalSeparator ? mark : null;
    else decimalMark = mark;
  } else {
    decimalMark = null;
  }
  let intPart = compact;
  let fracPart = '';
  if (decimalMark) {
    const at = compact.lastIndexOf(decimalMark);
    intPart = compact.slice(0, at);
    fracPart = compact.slice(at + 1);
  }
  const grouping = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : /[.,]/;
  const groups = intPart.split(grouping);
  // Thousands groups: one to three digits first, then exactly three each ("1.234.567").
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return null;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) || !/^\d*$/.test(fracPart) || fracPart.length > maxDecimals) return null;
  if (decimalMark && fracPart.length === 0) return null;
  const normalised = digits.replace(/^0+(?=\d)/, '') + (fracPart ? '.' + fracPart.padEnd(2, '0') : '');
  return signOf(normalised) > 0 ? normalised : null;
}
