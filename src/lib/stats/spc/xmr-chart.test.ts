import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCloseTo } from '../test-support.ts';
import { xmrChart } from './xmr-chart.ts';

// set.seed(123); rnorm(20) in R: the data of the NHSRplotthedots tests
// (tests/testthat/test-ptd_spc_standard.R). Expected values are the package's
// published snapshots, tests/testthat/_snaps/ptd_spc_standard.md (pillar::glimpse
// output) and tests/testthat/_snaps/ptd_spc.md (summary tables).
const SEED_123 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
  -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
  0.7013559, -0.47279141,
];

describe('xmrChart against the NHSRplotthedots snapshots', () => {
  it('gives mean 0.1416238 and limits -3.01138 to 3.294627 for the rnorm(20) series', () => {
    const chart = xmrChart(SEED_123);
    assertCloseTo(chart.mean, 0.1416238, 7);
    assertCloseTo(chart.lowerLimit, -3.01138, 5);
    assertCloseTo(chart.upperLimit, 3.294627, 6);
    // 2σ lines two-thirds of the way from the published mean to the published limits
    assertCloseTo(chart.upperTwoSigma, 0.1416238 + (2 / 3) * (3.294627 - 0.1416238), 6);
    assertCloseTo(chart.lowerTwoSigma, 0.1416238 - (2 / 3) * (0.1416238 + 3.01138), 5);
  });

  it('finds only common-cause variation in that series (common_cause = 20 in the ptd_spc summary)', () => {
    assert.equal(xmrChart(SEED_123).points.filter((p) => p.specialCause).length, 0);
  });

  it('screens out the outlying moving ranges when point 15 is 10: mean 0.6694159, limits -2.383666 to 3.722497', () => {
    const values = [...SEED_123];
    values[14] = 10;
    const chart = xmrChart(values);
    assertCloseTo(chart.mean, 0.6694159, 7);
    assertCloseTo(chart.lowerLimit, -2.383666, 6);
    assertCloseTo(chart.upperLimit, 3.722497, 6);
    assert.deepEqual(chart.points[14]?.rules, ['beyond-limit']);
    assert.equal(chart.points[14]?.movingRangeExcluded, true);
    assert.equal(chart.points[15]?.movingRangeExcluded, true);
  });

  it('keeps every moving range when screening is off: limits -4.596625 to 5.935457', () => {
    const values = [...SEED_123];
    values[14] = 10;
    const chart = xmrChart(values, { screenOutliers: false });
    assertCloseTo(chart.lowerLimit, -4.596625, 6);
    assertCloseTo(chart.upperLimit, 5.935457, 6);
  });

  it('charts each half separately as the facet snapshot does: 0.0746 (-2.60, 2.75) and 0.209 (-3.28, 3.70)', () => {
    const first = xmrChart(SEED_123.slice(0, 10));
    const second = xmrChart(SEED_123.slice(10));
    assertCloseTo(first.mean, 0.0746, 4);
    assertCloseTo(first.lowerLimit, -2.6, 2);
    assertCloseTo(first.upperLimit, 2.75, 2);
    assertCloseTo(second.mean, 0.209, 3);
    assertCloseTo(second.lowerLimit, -3.28, 2);
    assertCloseTo(second.upperLimit, 3.7, 2);
  });

  it('changes the limits when they are fixed after 12 points (fix_after_n_points)', () => {
    const fixed = xmrChart(SEED_123, { baselineLength: 12 });
    const all = xmrChart(SEED_123);
    assert.equal(fixed.baselineLength, 12);
    assert.notEqual(fixed.lowerLimit, all.lowerLimit);
    assertCloseTo(fixed.mean, SEED_123.slice(0, 12).reduce((a, b) => a + b, 0) / 12, 12);
  });

  it('reports no special cause for two near-limit points on opposite sides of the mean (test-ptd_spc_standard.R)', () => {
    const values: number[] = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    values[14] = 5.5;
    values[15] = -5.5;
    const chart = xmrChart(values);
    assert.deepEqual(chart.points.slice(-2).map((p) => p.specialCause), [false, false]);
  });
});

describe('xmrChart moving-range screening', () => {
  // Worked by hand from the NHSRplotthedots rule (keep moving ranges < 3.267 × their mean):
  // nine moving ranges of 1 and one of 4.636 have mean 1.3636; 4.636 / 1.3636 = 3.40 >= 3.267,
  // so it is screened out and the mean moving range becomes exactly 1.
  const values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 5.636];

  it('drops a moving range of 3.4 times the mean and recomputes the mean moving range as 1', () => {
    const chart = xmrChart(values);
    assert.equal(chart.meanMovingRange, 1);
    assert.equal(chart.points.at(-1)?.movingRangeExcluded, true);
    assertCloseTo(chart.upperLimit, 10.636 / 11 + 2.66, 10); // mean 0.96691 + 2.66 × 1
  });

  it('keeps that moving range when screening is off (mean moving range 1.3636)', () => {
    assertCloseTo(xmrChart(values, { screenOutliers: false }).meanMovingRange, 1.3636, 4);
  });
});

describe('xmrChart rules', () => {
  const base = [5, 6, 4, 5, 6, 4, 5, 6, 4, 5];

  it('flags every point of a shift of seven above the mean, not just the seventh', () => {
    const chart = xmrChart([...base, 5.5, 5.6, 5.7, 5.5, 5.6, 5.8, 5.5], { baselineLength: 10 });
    const flagged = chart.points.map((p) => p.rules.includes('shift'));
    assert.deepEqual(flagged, [...Array(10).fill(false), ...Array(7).fill(true)]);
    assert.equal(chart.points.at(-1)?.direction, 'high');
  });

  it('honours a shorter shift length', () => {
    const chart = xmrChart([...base, 5.5, 5.6, 5.7, 5.5, 5.6, 5.8], { baselineLength: 10, shiftLength: 6 });
    assert.equal(chart.points.at(-1)?.rules.includes('shift'), true);
  });

  it('gives a trend precedence over a shift for the direction of a point', () => {
    // Wide baseline (mean 7, limits 7 ± 26.6), then seven rising points all below the mean.
    const values = [2, 12, 2, 12, 2, 12, 2, 12, 2, 12, 1, 1.5, 2, 2.5, 3, 3.5, 4];
    const last = xmrChart(values, { baselineLength: 10 }).points.at(-1);
    assert.deepEqual(last?.rules, ['trend', 'shift']);
    assert.equal(last?.direction, 'high');
  });

  it('flags a point beyond a limit with its side', () => {
    const chart = xmrChart([...base, 12]);
    assert.deepEqual(chart.points.at(-1)?.rules, ['beyond-limit']);
    assert.equal(chart.points.at(-1)?.direction, 'high');
  });

  it('flags two of three points beyond two sigma on the same side', () => {
    // base: mean 4.9, mean moving range 4/3, limits 4.9 ± 3.547, 2σ lines 4.9 ± 2.364
    const chart = xmrChart([...base, 8, 5.5, 8], { baselineLength: 10 });
    assert.deepEqual(chart.points.slice(-3).map((p) => p.rules), [['two-of-three'], [], ['two-of-three']]);
  });

  it('does not count points inside the 2σ line towards two of three', () => {
    // 7.1 is above the mean (4.9) but below the upper 2σ line (7.264)
    const chart = xmrChart([...base, 7.1, 5.5, 7.1], { baselineLength: 10 });
    assert.deepEqual(chart.points.slice(-3).map((p) => p.rules), [[], [], []]);
  });

  it('reports the moving range of each point, null for the first', () => {
    const chart = xmrChart([3, 5, 2]);
    assert.deepEqual(chart.points.map((p) => p.movingRange), [null, 2, 3]);
  });
});

describe('xmrChart edge cases', () => {
  it('returns null statistics and no points for an empty series', () => {
    const chart = xmrChart([]);
    assert.equal(chart.mean, null);
    assert.equal(chart.lowerLimit, null);
    assert.equal(chart.upperLimit, null);
    assert.deepEqual(chart.points, []);
  });

  it('returns the value as the mean and null limits for a one-point series', () => {
    const chart = xmrChart([42]);
    assert.equal(chart.mean, 42);
    assert.equal(chart.meanMovingRange, null);
    assert.equal(chart.upperLimit, null);
    assert.deepEqual(chart.points, [
      { value: 42, movingRange: null, movingRangeExcluded: false, specialCause: false, rules: [], direction: null },
    ]);
  });

  it('gives zero-width limits and no special cause for a constant series', () => {
    const chart = xmrChart(Array(10).fill(3));
    assert.equal(chart.meanMovingRange, 0);
    assert.equal(chart.lowerLimit, 3);
    assert.equal(chart.upperLimit, 3);
    assert.equal(chart.points.some((p) => p.specialCause), false);
  });

  it('rejects non-finite values and invalid options with a RangeError', () => {
    assert.throws(() => xmrChart([1, Number.NaN]), RangeError);
    assert.throws(() => xmrChart([1, 2], { baselineLength: 0 }), RangeError);
    assert.throws(() => xmrChart([1, 2], { trendLength: 2 }), RangeError);
  });
});
