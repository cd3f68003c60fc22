import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareToBenchmark } from './compare-to-benchmark.ts';

// Fingertips "compared with benchmark" rule: significantly different when the
// benchmark lies outside the confidence interval. The interval used throughout is
// the published 95% Wilson interval for 81/263, 0.2553 to 0.3662 (Newcombe 1998,
// Stat Med 17:857, Table I); the value is 81/263 = 0.3080.
const value = 81 / 263;
const interval = { lower: 0.2553, upper: 0.3662 };

describe('compareToBenchmark', () => {
  it('calls a value better when the whole interval is above the benchmark and higher is better', () => {
    assert.equal(compareToBenchmark(value, interval, 0.2, 'higher-is-better'), 'better');
  });

  it('calls a value worse when the whole interval is above the benchmark and lower is better', () => {
    assert.equal(compareToBenchmark(value, interval, 0.2, 'lower-is-better'), 'worse');
  });

  it('calls a value worse when the whole interval is below the benchmark and higher is better', () => {
    assert.equal(compareToBenchmark(value, interval, 0.4, 'higher-is-better'), 'worse');
  });

  it('calls a value better when the whole interval is below the benchmark and lower is better', () => {
    assert.equal(compareToBenchmark(value, interval, 0.4, 'lower-is-better'), 'better');
  });

  it('reports higher or lower, not better or worse, when the indicator has no polarity', () => {
    assert.equal(compareToBenchmark(value, interval, 0.2, 'neither'), 'higher');
    assert.equal(compareToBenchmark(value, interval, 0.4, 'neither'), 'lower');
  });

  it('calls a value similar when the benchmark lies inside the interval', () => {
    assert.equal(compareToBenchmark(value, interval, 0.3, 'higher-is-better'), 'similar');
    assert.equal(compareToBenchmark(value, interval, 0.3, 'neither'), 'similar');
  });

  it('calls a value similar when the benchmark sits exactly on a confidence limit', () => {
    assert.equal(compareToBenchmark(value, interval, 0.2553, 'higher-is-better'), 'similar');
    assert.equal(compareToBenchmark(value, interval, 0.3662, 'lower-is-better'), 'similar');
  });

  it('returns null (not compared) when there is no interval, value or benchmark', () => {
    assert.equal(compareToBenchmark(value, null, 0.2, 'higher-is-better'), null);
    assert.equal(compareToBenchmark(null, interval, 0.2, 'higher-is-better'), null);
    assert.equal(compareToBenchmark(value, interval, null, 'higher-is-better'), null);
  });

  it('rejects an inverted interval, a non-finite benchmark or an unknown polarity with a RangeError', () => {
    assert.throws(() => compareToBenchmark(value, { lower: 0.4, upper: 0.3 }, 0.2, 'neither'), RangeError);
    assert.throws(() => compareToBenchmark(value, interval, Number.NaN, 'neither'), RangeError);
    assert.throws(() => compareToBenchmark(value, interval, 0.2, 'up' as never), RangeError);
  });
});
