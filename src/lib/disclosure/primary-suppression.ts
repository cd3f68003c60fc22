// Primary suppression: a cell is sensitive when one of its own counts is small.
import type { DisclosureCell, SuppressionReason } from './types.ts';

/**
 * Why `cell` must be hidden on its own account, or null when it may be shown as far as its own counts go.
 *
 * Sensitive when the numerator k, the denominator n or the complement n − k is from 1 to `threshold − 1`: a small
 * complement reveals as much as a small numerator (3 of 4 met the condition means 1 did not). A count cell (numerator
 * null) has only n. Zeros are not sensitive: true zeros are published, as in ONS practice (Office for National
 * Statistics (2022) "Statistical disclosure control", a zero is not disclosive by itself) and Ofqual's "Statistics:
 * approach to statistical disclosure control" (suppress counts from 1 to 4, show 0). Hundepool et al. (2012)
 * Statistical Disclosure Control, Wiley, §4.2 calls this the minimum-frequency (threshold) rule.
 *
 * @throws RangeError when a count is negative or not finite, or k > n, or the threshold is below 1.
 */
export function primaryReason(cell: DisclosureCell, threshold: number): SuppressionReason | null {
  checkCell(cell);
  if (!Number.isFinite(threshold) || threshold < 1) throw new RangeError(`disclosure threshold must be at least 1, got ${threshold}`);
  const small = (count: number): boolean => count >= 1 && count < threshold;
  const n = cell.denominator;
  if (cell.numerator === null) return small(n) ? { kind: 'primary', quantity: 'denominator' } : null;
  const k = cell.numerator;
  if (small(k)) return { kind: 'primary', quantity: 'numerator' };
  if (small(n)) return { kind: 'primary', quantity: 'denominator' };
  if (small(n - k)) return { kind: 'primary', quantity: 'complement' };
  return null;
}

/**
 * Checks a cell's counts are non-negative finite numbers with k ≤ n.
 *
 * @throws RangeError naming the cell and the count that is wrong.
 */
export function checkCell(cell: DisclosureCell): void {
  const bad = (count: number): boolean => !Number.isFinite(count) || count < 0;
  if (bad(cell.denominator)) throw new RangeError(`cell ${cell.id}: denominator must be a non-negative number, got ${cell.denominator}`);
  if (cell.numerator === null) return;
  if (bad(cell.numerator)) throw new RangeError(`cell ${cell.id}: numerator must be a non-negative number, got ${cell.numerator}`);
  if (cell.numerator > cell.denominator) {
    throw new RangeError(`cell ${cell.id}: numerator ${cell.numerator} is greater than denominator ${cell.denominator}`);
  }
}
