import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assuranceIcon } from './assurance-icon.ts';
import { xmrChart, type XmrChart } from './xmr-chart.ts';

function chartWithLimits(lowerLimit: number, mean: number, upperLimit: number): XmrChart {
  return {
    mean,
    meanMovingRange: (upperLimit - mean) / 2.66,
    lowerLimit,
    upperLimit,
    lowerTwoSigma: null,
    upperTwoSigma: null,
    baselineLength: 0,
    points: [],
  };
}

// NHSRplotthedots tests/testthat/test-ptd_calculate_assurance_type.R: three charts
// with (lpl, mean, upl) = (1, 2, 3), (5, 6, 7) and (1, 4, 5), target 4.
const a = chartWithLimits(1, 2, 3);
const b = chartWithLimits(5, 6, 7);
const c = chartWithLimits(1, 4, 5);

describe('assuranceIcon', () => {
  it('gives consistently failing, passing, inconsistent when higher is better (improvement_direction = "increase")', () => {
    assert.deepEqual(
      [a, b, c].map((chart) => assuranceIcon(chart, 4, 'higher-is-better')),
      ['consistently-failing', 'consistently-passing', 'inconsistent'],
    );
  });

  it('gives consistently passing, failing, inconsistent when lower is better (improvement_direction = "decrease")', () => {
    assert.deepEqual(
      [a, b, c].map((chart) => assuranceIcon(chart, 4, 'lower-is-better')),
      ['consistently-passing', 'consistently-failing', 'inconsistent'],
    );
  });

  it('returns null for every chart when the measure has no polarity (improvement_direction = "neutral")', () => {
    assert.deepEqual([a, b, c].map((chart) => assuranceIcon(chart, 4, 'neither')), [null, null, null]);
  });

  it('returns null when there is no target', () => {
    assert.equal(assuranceIcon(a, null, 'higher-is-better'), null);
    assert.equal(assuranceIcon(a, undefined, 'higher-is-better'), null);
  });

  it('treats a target exactly on a process limit as inconsistent', () => {
    assert.equal(assuranceIcon(a, 3, 'higher-is-better'), 'inconsistent');
    assert.equal(assuranceIcon(a, 1, 'lower-is-better'), 'inconsistent');
  });

  it('returns null for a chart without limits', () => {
    assert.equal(assuranceIcon(xmrChart([5]), 4, 'higher-is-better'), null);
  });

  it('works on a computed chart: the rnorm(20) series (limits -3.01 to 3.29) and target 0.5 is inconsistent', () => {
    const chart = xmrChart([
      -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
      -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
      0.7013559, -0.47279141,
    ]);
    assert.equal(assuranceIcon(chart, 0.5, 'higher-is-better'), 'inconsistent');
    assert.equal(assuranceIcon(chart, -3.5, 'higher-is-better'), 'consistently-passing');
    assert.equal(assuranceIcon(chart, -3.5, 'lower-is-better'), 'consistently-failing');
  });

  it('rejects a non-finite target with a RangeError', () => {
    assert.throws(() => assuranceIcon(a, Number.NaN, 'higher-is-better'), RangeError);
  });
});
