import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCloseTo } from './test-support.ts';
import { twoProportionTest } from './two-proportion-test.ts';

describe('twoProportionTest', () => {
  it('gives z = -1.266015 for 140/200 against 255/340 (pooled p = 0.7314815, SE = 0.03949401; homeworksource worked solution 1008622)', () => {
    const result = twoProportionTest(140, 200, 255, 340);
    assertCloseTo(result?.z, -1.266015, 6);
  });

  it('gives z = 1.755 and two-sided p = 0.0792 for 168/300 against 96/200 (homeworksource worked solution 1078444)', () => {
    const result = twoProportionTest(168, 300, 96, 200);
    assertCloseTo(result?.z, 1.755, 3);
    assertCloseTo(result?.p, 0.0792, 4);
  });

  it("squares to Pearson's uncorrected chi-squared for the 2 × 2 table, N(ad − bc)² / (row and column totals)", () => {
    // 30/100 v 50/100: a = 30, b = 70, c = 50, d = 50, N = 200
    const chiSquared = (200 * (30 * 50 - 70 * 50) ** 2) / (100 * 100 * 80 * 120);
    const result = twoProportionTest(30, 100, 50, 100);
    assert.ok(result);
    assertCloseTo(result.z ** 2, chiSquared, 10);
    assert.ok(result.z < 0);
  });

  it('is antisymmetric: swapping the groups flips the sign of z and keeps p', () => {
    const a = twoProportionTest(140, 200, 255, 340);
    const b = twoProportionTest(255, 340, 140, 200);
    assert.ok(a && b);
    assertCloseTo(b.z, -a.z, 12);
    assertCloseTo(b.p, a.p, 12);
  });

  it('returns z = 0 and p = 1 for identical proportions', () => {
    assert.deepEqual(twoProportionTest(10, 50, 20, 100), { z: 0, p: 1 });
  });

  it('returns null when either denominator is zero', () => {
    assert.equal(twoProportionTest(0, 0, 5, 10), null);
    assert.equal(twoProportionTest(5, 10, 0, 0), null);
  });

  it('returns null when the pooled proportion is 0 or 1 (no variation to test)', () => {
    assert.equal(twoProportionTest(0, 10, 0, 20), null);
    assert.equal(twoProportionTest(10, 10, 20, 20), null);
  });

  it('rejects negative, non-finite or impossible counts with a RangeError', () => {
    assert.throws(() => twoProportionTest(-1, 10, 2, 10), RangeError);
    assert.throws(() => twoProportionTest(11, 10, 2, 10), RangeError);
    assert.throws(() => twoProportionTest(1, 10, 2, Number.NaN), RangeError);
  });
});
