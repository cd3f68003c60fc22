import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalCdf } from './normal-cdf.ts';
import { normalQuantile, twoSidedZ } from './normal-quantile.ts';
import { assertCloseTo } from './test-support.ts';

// Published percentage points of the standard normal distribution:
// Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, Table 26.5
// ("Percentage points of the normal distribution"), quoted to 9 decimal places.
describe('normalQuantile', () => {
  it('reproduces the 97.5th percentile 1.959963985 (Abramowitz & Stegun Table 26.5)', () => {
    assertCloseTo(normalQuantile(0.975), 1.959963985, 9);
  });

  it('reproduces the 95th, 99.5th, 99.9th and 99.95th percentiles (Abramowitz & Stegun Table 26.5)', () => {
    assertCloseTo(normalQuantile(0.95), 1.644853627, 9);
    assertCloseTo(normalQuantile(0.995), 2.575829304, 9);
    assertCloseTo(normalQuantile(0.999), 3.090232306, 9);
    assertCloseTo(normalQuantile(0.9995), 3.290526731, 9);
  });

  it('is symmetric about one half, so the 2.5th percentile is -1.959963985', () => {
    assertCloseTo(normalQuantile(0.025), -1.959963985, 9);
    assert.equal(normalQuantile(0.5), 0);
  });

  it('stays accurate far into the tail, where Φ(normalQuantile(1e-10)) returns 1e-10', () => {
    const z = normalQuantile(1e-10);
    assert.ok(Math.abs(normalCdf(z) / 1e-10 - 1) < 1e-9, `Φ(${z}) = ${normalCdf(z)}`);
  });

  it('returns minus and plus infinity at probabilities 0 and 1', () => {
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
  });

  it('rejects probabilities outside [0, 1] and NaN with a RangeError', () => {
    assert.throws(() => normalQuantile(-0.1), RangeError);
    assert.throws(() => normalQuantile(1.1), RangeError);
    assert.throws(() => normalQuantile(Number.NaN), RangeError);
  });
});

describe('twoSidedZ', () => {
  it('gives the Fingertips critical values 1.959964 for 95% and 3.090232 for 99.8%', () => {
    assertCloseTo(twoSidedZ(0.95), 1.959964, 6);
    assertCloseTo(twoSidedZ(0.998), 3.090232, 6);
  });
});
