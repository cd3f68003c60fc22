import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proportionFunnelLimits, proportionFunnelSignificance } from './funnel-limits.ts';
import { assertCloseTo } from './test-support.ts';
import { wilsonInterval } from './wilson-interval.ts';

// Published expected output of PHEindicatormethods' funnel plot for proportions:
// tests/testthat/testdata_funnel_prop_outputs.csv in the PHEindicatormethods
// repository (columns Population, Lower2s0025limit, Upper2s0025limit,
// Lower3s0001limit, Upper3s0001limit, Baseline; percentages to 6 decimal places).
// Baseline (pooled average) = 80.642448%.
const BASELINE = 0.80642448;
const PUBLISHED: readonly [number, number, number, number, number][] = [
  // population, lower 95%, upper 95%, lower 99.8%, upper 99.8% (percent)
  [1, 3.204264, 100, 0, 100],
  [3, 35.933491, 100, 10.150815, 100],
  [10, 56.154344, 100, 42.03259, 100],
  [18, 62.390093, 98.894803, 51.864359, 100],
  [41, 68.548635, 92.73626, 61.574398, 99.710497],
  [50, 69.691035, 91.593861, 63.375595, 97.909301],
  [1008, 78.203374, 83.081521, 76.796814, 84.488082],
  [110000, 80.408963, 80.875933, 80.274317, 81.010578],
];

describe('proportionFunnelLimits', () => {
  for (const [n, lower95, upper95, lower998, upper998] of PUBLISHED) {
    it(`matches the PHEindicatormethods funnel limits for a denominator of ${n}`, () => {
      const ci95 = proportionFunnelLimits(BASELINE, n, 0.95);
      const ci998 = proportionFunnelLimits(BASELINE, n, 0.998);
      // 6 dp in percent = 8 dp as a proportion; compare at 7 dp to allow for the rounded baseline.
      assertCloseTo(ci95?.lower, lower95 / 100, 7, 'lower 95%');
      assertCloseTo(ci95?.upper, upper95 / 100, 7, 'upper 95%');
      assertCloseTo(ci998?.lower, lower998 / 100, 7, 'lower 99.8%');
      assertCloseTo(ci998?.upper, upper998 / 100, 7, 'upper 99.8%');
    });
  }

  it('clips limits to [0, 1] for tiny denominators', () => {
    assert.deepEqual(proportionFunnelLimits(BASELINE, 1, 0.998), { lower: 0, upper: 1 });
  });

  it("puts each limit where the Wilson interval of an observed value just reaches the benchmark (the method's definition)", () => {
    const n = 200;
    const limits = proportionFunnelLimits(0.3, n, 0.998);
    assert.ok(limits);
    assertCloseTo(wilsonInterval(limits.upper * n, n, 0.998)?.lower, 0.3, 10);
    assertCloseTo(wilsonInterval(limits.lower * n, n, 0.998)?.upper, 0.3, 10);
  });

  it('returns null limits when the denominator is zero', () => {
    assert.equal(proportionFunnelLimits(0.5, 0, 0.95), null);
  });

  it('rejects a benchmark outside [0, 1] or a negative denominator with a RangeError', () => {
    assert.throws(() => proportionFunnelLimits(80.6, 100, 0.95), RangeError);
    assert.throws(() => proportionFunnelLimits(0.5, -1, 0.95), RangeError);
  });
});

// Published significance labels from PHEindicatormethods
// tests/testthat/testdata_funnel_prop_inputs.csv (Area, numerator, denominator,
// significance). They are judged against the pooled average of that whole file,
// which is the published Baseline above (80.642448%).
const LABELLED: readonly [string, number, number, string][] = [
  ['New Forest PCT', 35078.488, 41980, 'high-99.8'], // "High (0.001)"
  ['Norwich PCT', 24803.6256, 31824, 'low-99.8'], // "Low (0.001)"
  ['West Norfolk PCT', 26789.238, 33012, 'high-95'], // "High (0.025)"
  ['North Tees PCT', 36850.0492, 45449, 'high-95'], // "High (0.025)"
  ['North Devon PCT', 30277.5312, 37828, 'low-95'], // "Low (0.025)"
  ['South Gloucestershire PCT', 50050.7443, 61921, 'not-significant'],
  ['Hertsmere PCT', 18550.7595, 22905, 'not-significant'],
  ['Heywood and Middleton PCT', 14493.3552, 17964, 'not-significant'],
];

describe('proportionFunnelSignificance', () => {
  for (const [area, numerator, denominator, expected] of LABELLED) {
    it(`labels ${area} ${expected} as PHEindicatormethods' published test data does`, () => {
      assert.equal(proportionFunnelSignificance(numerator, denominator, BASELINE), expected);
    });
  }

  it('returns null when the denominator is zero', () => {
    assert.equal(proportionFunnelSignificance(0, 0, BASELINE), null);
  });

  it('rejects more successes than trials with a RangeError', () => {
    assert.throws(() => proportionFunnelSignificance(11, 10, BASELINE), RangeError);
  });
});
