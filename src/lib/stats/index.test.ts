import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as stats from './index.ts';

describe('the statistics library entry point', () => {
  it('exports every function other code relies on, under its agreed name', () => {
    const required = [
      'wilsonInterval',
      'byarInterval',
      'compareToBenchmark',
      'proportionFunnelLimits',
      'xmrChart',
      'variationIcon',
      'assuranceIcon',
      'twoProportionTest',
      'normalQuantile',
    ] as const;
    for (const name of required) assert.equal(typeof stats[name], 'function', name);
  });
});
