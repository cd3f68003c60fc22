import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gammaDensity, logGamma, regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.ts';
import { assertCloseTo } from './test-support.ts';

describe('logGamma', () => {
  it('matches exact factorials: Γ(5) = 4! = 24 and Γ(11) = 10! = 3628800', () => {
    assertCloseTo(Math.exp(logGamma(5)), 24, 9);
    assertCloseTo(logGamma(11), Math.log(3628800), 12);
  });

  it('matches Γ(1/2) = √π and Γ(3/2) = √π / 2 (Abramowitz & Stegun 6.1.8)', () => {
    assertCloseTo(Math.exp(logGamma(0.5)), Math.sqrt(Math.PI), 12);
    assertCloseTo(Math.exp(logGamma(1.5)), Math.sqrt(Math.PI) / 2, 12);
  });

  it('matches ln Γ(100) = ln(99!) = 359.1342053695754', () => {
    assertCloseTo(logGamma(100), 359.1342053695754, 9);
  });

  it('rejects negative arguments with a RangeError', () => {
    assert.throws(() => logGamma(-1), RangeError);
  });
});

describe('regularizedGammaP and regularizedGammaQ', () => {
  it('equal the exponential distribution function 1 - e^-x when the shape is 1', () => {
    for (const x of [0.1, 1, 2.5, 10, 40]) {
      assertCloseTo(regularizedGammaP(1, x), 1 - Math.exp(-x), 14, `P(1, ${x})`);
      assert.ok(Math.abs(regularizedGammaQ(1, x) / Math.exp(-x) - 1) < 1e-12, `Q(1, ${x})`);
    }
  });

  it('give the chi-squared tail area 0.05 at 3.841459 on 1 degree of freedom (NIST/SEMATECH table 1.3.6.7.4)', () => {
    // χ²(1) = 2 × Gamma(1/2): P(χ² > 3.841459) = Q(0.5, 3.841459 / 2)
    assertCloseTo(regularizedGammaQ(0.5, 3.841459 / 2), 0.05, 6);
  });

  it('equal the Poisson tail sum: P(k + 1, λ) = P(Poisson(λ) > k)', () => {
    // P(Poisson(3) <= 2) = e^-3 (1 + 3 + 4.5) = 0.42319008112684353
    assertCloseTo(regularizedGammaQ(3, 3), 0.42319008112684353, 12);
    assertCloseTo(regularizedGammaP(3, 3), 1 - 0.42319008112684353, 12);
  });

  it('are 0 and 1 at the ends of the range', () => {
    assert.equal(regularizedGammaP(2, 0), 0);
    assert.equal(regularizedGammaQ(2, 0), 1);
    assert.equal(regularizedGammaP(2, Infinity), 1);
  });

  it('reject a non-positive shape or a negative x with a RangeError', () => {
    assert.throws(() => regularizedGammaP(0, 1), RangeError);
    assert.throws(() => regularizedGammaQ(1, -1), RangeError);
  });
});

describe('gammaDensity', () => {
  it('equals e^-x when the shape is 1', () => {
    assertCloseTo(gammaDensity(1, 2), Math.exp(-2), 14);
  });
});
