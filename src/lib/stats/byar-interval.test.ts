import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byarInterval, rateInterval } from './byar-interval.ts';
import { exactPoissonInterval } from './exact-poisson-interval.ts';
import { assertCloseTo } from './test-support.ts';

// Byar's formula (Breslow & Day 1987; OHID Fingertips technical guidance "Rates"),
// evaluated by hand with z = 1.959963985 (Abramowitz & Stegun Table 26.5).
function byarByHand(count: number, z: number): { lower: number; upper: number } {
  return {
    lower: count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3,
    upper: (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * Math.sqrt(count + 1))) ** 3,
  };
}

describe('byarInterval', () => {
  it('uses the exact method below 10: a count of 0 gives 0 to 3.689 (epitools pois.exact documentation)', () => {
    const ci = byarInterval(0);
    assert.equal(ci.lower, 0);
    assertCloseTo(ci.upper, 3.689, 3);
  });

  it('uses the exact method for a count of 9: χ²(0.025; 18)/2 = 4.115 and χ²(0.975; 20)/2 = 17.085 (NIST 1.3.6.7.4)', () => {
    const ci = byarInterval(9);
    assertCloseTo(ci.lower, 8.231 / 2, 3);
    assertCloseTo(ci.upper, 34.17 / 2, 3);
  });

  it("switches to Byar's formula at a count of 10, giving 4.7874 to 18.3915 rather than the exact 4.7954 to 18.3904", () => {
    const ci = byarInterval(10);
    const hand = byarByHand(10, 1.959963985);
    assertCloseTo(ci.lower, 4.7874, 4);
    assertCloseTo(ci.upper, 18.3915, 4);
    assertCloseTo(ci.lower, hand.lower, 8);
    assertCloseTo(ci.upper, hand.upper, 8);
    assert.notEqual(ci.lower.toFixed(4), exactPoissonInterval(10).lower.toFixed(4));
  });

  it('gives 81.3621 to 121.6279 for a count of 100 at 95% (formula evaluated by hand)', () => {
    const ci = byarInterval(100);
    const hand = byarByHand(100, 1.959963985);
    assertCloseTo(ci.lower, 81.3621, 4);
    assertCloseTo(ci.upper, 121.6279, 4);
    assertCloseTo(ci.upper, hand.upper, 7);
  });

  it('gives 71.9037 to 134.9436 for a count of 100 at 99.8% (z = 3.090232306, A&S Table 26.5)', () => {
    const ci = byarInterval(100, 0.998);
    const hand = byarByHand(100, 3.090232306);
    assertCloseTo(ci.lower, 71.9037, 4);
    assertCloseTo(ci.upper, 134.9436, 4);
    assertCloseTo(ci.lower, hand.lower, 7);
  });

  it('is within 0.2% of the exact limits for counts of 10 or more at 95% (PHE Technical Guide – Confidence Intervals, 2018)', () => {
    for (const count of [10, 11, 15, 20, 50, 100, 500, 1000]) {
      const byar = byarInterval(count);
      const exact = exactPoissonInterval(count);
      assert.ok(Math.abs(byar.lower / exact.lower - 1) < 0.002, `lower at ${count}`);
      assert.ok(Math.abs(byar.upper / exact.upper - 1) < 0.002, `upper at ${count}`);
    }
  });

  it('rejects a negative or non-finite count with a RangeError', () => {
    assert.throws(() => byarInterval(-1), RangeError);
    assert.throws(() => byarInterval(Infinity), RangeError);
    assert.throws(() => byarInterval(10, 1.5), RangeError);
  });
});

describe('rateInterval', () => {
  it('divides the count limits by the denominator: 14 events in 400 person-years give 0.035 (0.019135 to 0.058724, StatsDirect)', () => {
    // 14 >= 10 so Fingertips uses Byar; Byar is within 0.1% of the exact StatsDirect limits here.
    const rate = rateInterval(14, 400);
    assert.ok(rate);
    assert.equal(rate.value, 0.035);
    assert.ok(Math.abs(rate.lower / 0.019135 - 1) < 0.002);
    assert.ok(Math.abs(rate.upper / 0.058724 - 1) < 0.002);
  });

  it('scales by the multiplier, e.g. per 1,000', () => {
    const rate = rateInterval(5, 2000, 0.95, 1000);
    assert.ok(rate);
    assert.equal(rate.value, 2.5);
    assertCloseTo(rate.lower, (exactPoissonInterval(5).lower / 2000) * 1000, 12);
  });

  it('returns a null rate when the denominator is zero', () => {
    assert.equal(rateInterval(3, 0), null);
  });
});
