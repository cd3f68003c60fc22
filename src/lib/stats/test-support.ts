/**
 * Assertion helper shared by the colocated `*.test.ts` files of the statistics
 * library. Not exported from index.ts.
 *
 * @module
 */

import assert from 'node:assert/strict';

/**
 * Asserts that `actual` equals a published value `expected` quoted to `decimals`
 * decimal places, i.e. |actual − expected| <= 0.5 × 10^−decimals (plus a hair for
 * binary rounding).
 */
export function assertCloseTo(actual: number | null | undefined, expected: number, decimals: number, message?: string): void {
  assert.equal(typeof actual, 'number', message ?? `expected a number close to ${expected}, got ${String(actual)}`);
  const tolerance = 0.5 * 10 ** -decimals + 1e-12;
  const difference = Math.abs((actual as number) - expected);
  assert.ok(
    difference <= tolerance,
    `${message ?? 'value'}: expected ${expected} to ${decimals} dp, got ${String(actual)} (off by ${difference})`,
  );
}
