import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalCdf, normalUpperTail } from './normal-cdf.ts';
import { assertCloseTo } from './test-support.ts';

// Abramowitz M, Stegun IA (1964) Table 26.1: P(x) = Φ(x) to 15 decimals.
describe('normalCdf', () => {
  it('gives Φ(1) = 0.841344746 and Φ(2) = 0.977249868 (Abramowitz & Stegun Table 26.1)', () => {
    assertCloseTo(normalCdf(1), 0.841344746, 9);
    assertCloseTo(normalCdf(2), 0.977249868, 9);
  });

  it('gives Φ(1.96) = 0.975002105 (Abramowitz & Stegun Table 26.1)', () => {
    assertCloseTo(normalCdf(1.96), 0.975002105, 9);
  });

  it('is symmetric: Φ(-x) = 1 - Φ(x)', () => {
    assertCloseTo(normalCdf(-1), 1 - 0.841344746, 9);
    assert.equal(normalCdf(0), 0.5);
  });

  it('handles the infinities', () => {
    assert.equal(normalCdf(Infinity), 1);
    assert.equal(normalCdf(-Infinity), 0);
  });

  it('rejects NaN with a RangeError', () => {
    assert.throws(() => normalCdf(Number.NaN), RangeError);
  });
});

describe('normalUpperTail', () => {
  it('keeps relative accuracy in the far tail: 1 - Φ(5) = 2.866515719e-7 (Abramowitz & Stegun, chapter 26)', () => {
    const tail = normalUpperTail(5);
    assert.ok(Math.abs(tail / 2.866515719e-7 - 1) < 1e-8, `got ${tail}`);
  });
});
