import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svg from './index.ts';

describe('the SVG chart library entry point', () => {
  it('exports every chart, icon and helper other code relies on, under its agreed name', () => {
    const required = ['spcChart', 'funnelPlot', 'intervalBars', 'comparisonChart', 'spcIcon', 'assuranceIconSvg', 'formatValue', 'escapeXml'] as const;
    for (const name of required) assert.equal(typeof svg[name], 'function', name);
  });
});
