import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCloseTo } from './test-support.ts';
import { wilsonInterval } from './wilson-interval.ts';

// Newcombe RG (1998) "Two-sided confidence intervals for the single proportion:
// comparison of seven methods", Stat Med 17:857–872, Table I, method 3 (Wilson
// score, no continuity correction), 95% limits quoted to 4 decimal places.
describe('wilsonInterval', () => {
  it('gives 0.2553 to 0.3662 for 81/263 (Newcombe 1998, Table I)', () => {
    const ci = wilsonInterval(81, 263);
    assertCloseTo(ci?.lower, 0.2553, 4);
    assertCloseTo(ci?.upper, 0.3662, 4);
  });

  it('gives 0.0624 to 0.1605 for 15/148 (Newcombe 1998, Table I)', () => {
    const ci = wilsonInterval(15, 148);
    assertCloseTo(ci?.lower, 0.0624, 4);
    assertCloseTo(ci?.upper, 0.1605, 4);
  });

  it('gives exactly 0 to 0.1611 for 0/20, so zero successes still have an interval (Newcombe 1998, Table I)', () => {
    const ci = wilsonInterval(0, 20);
    assert.equal(ci?.lower, 0);
    assertCloseTo(ci?.upper, 0.1611, 4);
  });

  it('gives 0.0061 to 0.1718 for 1/29 (Newcombe 1998, Table I)', () => {
    const ci = wilsonInterval(1, 29);
    assertCloseTo(ci?.lower, 0.0061, 4);
    assertCloseTo(ci?.upper, 0.1718, 4);
  });

  it('gives 0.8389 to exactly 1 when successes equal trials (20/20, the mirror image of 0/20 in Newcombe Table I)', () => {
    const ci = wilsonInterval(20, 20);
    assertCloseTo(ci?.lower, 1 - 0.1611, 4);
    assert.equal(ci?.upper, 1);
  });

  it('gives an upper limit of z²/(n + z²) = 0.7935 for 0 successes in a single trial', () => {
    const z = 1.959963985; // Abramowitz & Stegun Table 26.5
    const ci = wilsonInterval(0, 1);
    assert.equal(ci?.lower, 0);
    assertCloseTo(ci?.upper, (z * z) / (1 + z * z), 9);
  });

  it('widens at 99.8% confidence and stays inside [0, 1]', () => {
    const ci95 = wilsonInterval(81, 263);
    const ci998 = wilsonInterval(81, 263, 0.998);
    assert.ok(ci95 && ci998);
    assert.ok(ci998.lower < ci95.lower && ci998.upper > ci95.upper);
    assert.ok(ci998.lower >= 0 && ci998.upper <= 1);
  });

  it('returns a null interval when the denominator is zero', () => {
    assert.equal(wilsonInterval(0, 0), null);
  });

  it('rejects negative, non-finite or impossible counts with a RangeError', () => {
    assert.throws(() => wilsonInterval(-1, 10), RangeError);
    assert.throws(() => wilsonInterval(1, -10), RangeError);
    assert.throws(() => wilsonInterval(Number.NaN, 10), RangeError);
    assert.throws(() => wilsonInterval(1, Infinity), RangeError);
    assert.throws(() => wilsonInterval(11, 10), RangeError);
  });

  it('rejects a confidence level given as a percentage or outside (0, 1) with a RangeError', () => {
    assert.throws(() => wilsonInterval(1, 10, 95), RangeError);
    assert.throws(() => wilsonInterval(1, 10, 1), RangeError);
    assert.throws(() => wilsonInterval(1, 10, 0), RangeError);
  });
});
