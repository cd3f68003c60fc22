import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chiSquareQuantile, gammaQuantile } from './gamma-quantile.ts';
import { assertCloseTo } from './test-support.ts';

// Critical values of the chi-square distribution, NIST/SEMATECH e-Handbook of
// Statistical Methods, section 1.3.6.7.4 (quoted to 3 decimal places).
describe('chiSquareQuantile', () => {
  it('gives the upper 2.5% point 7.378 on 2 degrees of freedom (NIST 1.3.6.7.4)', () => {
    assertCloseTo(chiSquareQuantile(0.975, 2), 7.378, 3);
  });

  it('gives the upper 2.5% point 34.170 on 20 degrees of freedom (NIST 1.3.6.7.4)', () => {
    assertCloseTo(chiSquareQuantile(0.975, 20), 34.17, 3);
  });

  it('gives the lower 2.5% point 8.231 on 18 degrees of freedom (NIST 1.3.6.7.4)', () => {
    assertCloseTo(chiSquareQuantile(0.025, 18), 8.231, 3);
  });

  it('gives the upper 5% point 3.841 on 1 degree of freedom and the upper 1% point 23.209 on 10 (NIST 1.3.6.7.4)', () => {
    assertCloseTo(chiSquareQuantile(0.95, 1), 3.841, 3);
    assertCloseTo(chiSquareQuantile(0.99, 10), 23.209, 3);
  });

  it('returns 0 for zero degrees of freedom (a point mass at zero, used for a count of 0)', () => {
    assert.equal(chiSquareQuantile(0.025, 0), 0);
  });

  it('rejects a negative df or a probability outside [0, 1] with a RangeError', () => {
    assert.throws(() => chiSquareQuantile(0.5, -1), RangeError);
    assert.throws(() => chiSquareQuantile(1.5, 2), RangeError);
  });
});

describe('gammaQuantile', () => {
  it('inverts the exponential distribution exactly: shape 1 quantile is -ln(1 - p)', () => {
    for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) assertCloseTo(gammaQuantile(p, 1), -Math.log(1 - p), 12, `p = ${p}`);
  });

  it('reproduces the StatsDirect exact Poisson example: 14 events in 400 person-years give 0.019135 to 0.058724', () => {
    // StatsDirect help, "Poisson confidence interval" worked example; limits are gamma quantiles / 400.
    assertCloseTo(gammaQuantile(0.025, 14) / 400, 0.019135, 6);
    assertCloseTo(gammaQuantile(0.975, 15) / 400, 0.058724, 6);
  });

  it('returns 0 and Infinity at probabilities 0 and 1', () => {
    assert.equal(gammaQuantile(0, 3), 0);
    assert.equal(gammaQuantile(1, 3), Infinity);
  });
});
