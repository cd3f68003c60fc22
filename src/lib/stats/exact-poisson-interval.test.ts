import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactPoissonInterval } from './exact-poisson-interval.ts';
import { assertCloseTo } from './test-support.ts';

describe('exactPoissonInterval', () => {
  it('gives 0 to 3.689 for a count of 0 (epitools pois.exact documentation: "pois.exact returns 3.689")', () => {
    const ci = exactPoissonInterval(0);
    assert.equal(ci.lower, 0);
    assertCloseTo(ci.upper, 3.689, 3);
  });

  it('gives an upper limit of exactly -ln(0.025) for a count of 0, since P(Poisson(μ) = 0) = e^-μ', () => {
    assertCloseTo(exactPoissonInterval(0).upper, -Math.log(0.025), 12);
  });

  it('gives 4.80 to 18.39 for a count of 10 (published exact Garwood limits)', () => {
    const ci = exactPoissonInterval(10);
    assertCloseTo(ci.lower, 4.8, 2);
    assertCloseTo(ci.upper, 18.39, 2);
  });

  it('gives the limits of the StatsDirect worked example: 14 events in 400 person-years, 0.019135 to 0.058724', () => {
    const ci = exactPoissonInterval(14);
    assertCloseTo(ci.lower / 400, 0.019135, 6);
    assertCloseTo(ci.upper / 400, 0.058724, 6);
  });

  it('gives half the NIST chi-squared points for a count of 9: 8.231 / 2 and 34.170 / 2', () => {
    // lower = χ²(0.025; 18) / 2, upper = χ²(0.975; 20) / 2 (NIST/SEMATECH 1.3.6.7.4)
    const ci = exactPoissonInterval(9);
    assertCloseTo(ci.lower, 8.231 / 2, 3);
    assertCloseTo(ci.upper, 34.17 / 2, 3);
  });

  it('rejects a negative count with a RangeError', () => {
    assert.throws(() => exactPoissonInterval(-1), RangeError);
  });
});
