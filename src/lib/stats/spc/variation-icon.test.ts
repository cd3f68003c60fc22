import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { variationIcon } from './variation-icon.ts';
import { xmrChart } from './xmr-chart.ts';

// Mapping as in NHSRplotthedots tests/testthat/test-geom_ptd_icon.R, which charts
// 12 points of rnorm(12) followed by 12 points around +5 (or -5) and expects:
// increase + high → improvement_high; decrease + high → concern (high);
// increase + low → concern (low); decrease + low → improvement_low.
// The same shape of data is built here from the rnorm(20) values of the
// NHSRplotthedots tests (set.seed(123)).
const NOISE = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
  -0.44566197, 1.2240818, 0.35981383,
];
const shiftedUp = xmrChart([...NOISE, ...NOISE.map((v) => v + 5)]);
const shiftedDown = xmrChart([...NOISE, ...NOISE.map((v) => v - 5)]);

describe('variationIcon', () => {
  it('shows common cause when the latest point has no special cause (rnorm data, NHSRplotthedots common_cause.png)', () => {
    assert.equal(variationIcon(xmrChart(NOISE), 'higher-is-better'), 'common-cause');
  });

  it('shows improving-high for a rise when higher is better', () => {
    assert.equal(variationIcon(shiftedUp, 'higher-is-better'), 'special-cause-improving-high');
  });

  it('shows concerning-high for a rise when lower is better', () => {
    assert.equal(variationIcon(shiftedUp, 'lower-is-better'), 'special-cause-concerning-high');
  });

  it('shows concerning-low for a fall when higher is better', () => {
    assert.equal(variationIcon(shiftedDown, 'higher-is-better'), 'special-cause-concerning-low');
  });

  it('shows improving-low for a fall when lower is better', () => {
    assert.equal(variationIcon(shiftedDown, 'lower-is-better'), 'special-cause-improving-low');
  });

  it('shows neither-high or neither-low when the measure has no polarity', () => {
    assert.equal(variationIcon(shiftedUp, 'neither'), 'special-cause-neither-high');
    assert.equal(variationIcon(shiftedDown, 'neither'), 'special-cause-neither-low');
  });

  it('judges the latest point only: a special cause earlier in the series does not count', () => {
    const chart = xmrChart([...NOISE, 12, ...NOISE]);
    assert.equal(chart.points.some((p) => p.specialCause), true);
    assert.equal(variationIcon(chart, 'higher-is-better'), 'common-cause');
  });

  it('returns null for an empty or one-point chart, which has no limits', () => {
    assert.equal(variationIcon(xmrChart([]), 'higher-is-better'), null);
    assert.equal(variationIcon(xmrChart([1]), 'neither'), null);
  });

  it('rejects an unknown polarity with a RangeError', () => {
    assert.throws(() => variationIcon(shiftedUp, 'increase' as never), RangeError);
  });
});
