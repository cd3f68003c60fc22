import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTick, formatValue, ratePer, unitAxisTitle } from './format-value.ts';

describe('formatValue', () => {
  it('shows a percentage to one decimal place', () => {
    assert.equal(formatValue(64.8, 'percent'), '64.8%');
    assert.equal(formatValue(64.83, 'percent'), '64.8%');
    assert.equal(formatValue(100, 'percent'), '100.0%');
  });

  it('shows a proportion as a percentage', () => {
    assert.equal(formatValue(0.648, 'proportion'), '64.8%');
    assert.equal(formatValue(1, 'proportion'), '100.0%');
  });

  it('separates thousands in counts with commas and shows whole counts without decimals', () => {
    assert.equal(formatValue(1800, 'count'), '1,800');
    assert.equal(formatValue(1234567, 'count'), '1,234,567');
    assert.equal(formatValue(999, 'count'), '999');
  });

  it('shows a count that is not whole (such as a mean) to one decimal place', () => {
    assert.equal(formatValue(12.35, 'count'), '12.4');
  });

  it('shows a rate with its base, the base separated in thousands', () => {
    assert.equal(formatValue(12.34, 'per-1000'), '12.3 per 1,000');
    assert.equal(formatValue(5, 'per-100000'), '5.0 per 100,000');
  });

  it('shows days with the word days, and one day in the singular', () => {
    assert.equal(formatValue(140, 'days'), '140 days');
    assert.equal(formatValue(1, 'days'), '1 day');
    assert.equal(formatValue(1500.5, 'days'), '1,500.5 days');
  });

  it('keeps the minus sign on negative values but never shows minus zero', () => {
    assert.equal(formatValue(-1234.5, 'count'), '-1,234.5');
    assert.equal(formatValue(-0.01, 'percent'), '0.0%');
    assert.equal(formatValue(-0, 'count'), '0');
  });

  it('honours an explicit number of decimal places', () => {
    assert.equal(formatValue(64.8, 'percent', { decimals: 0 }), '65%');
    assert.equal(formatValue(1800, 'count', { decimals: 2 }), '1,800.00');
    assert.equal(formatValue(1.005, 'percent', { decimals: 2 }), '1.01%');
    assert.equal(formatValue(0.125, 'proportion'), '12.5%');
  });

  it('leaves off " days" and " per 1,000" on request, but never the % sign', () => {
    assert.equal(formatValue(140, 'days', { unitSuffix: false }), '140');
    assert.equal(formatValue(12.34, 'per-1000', { unitSuffix: false }), '12.3');
    assert.equal(formatValue(64.8, 'percent', { unitSuffix: false }), '64.8%');
  });

  it('says no data for null, undefined, NaN and infinities rather than printing NaN', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(formatValue(value, 'percent'), 'no data');
    }
  });
});

describe('formatTick', () => {
  it('uses as few decimals as the tick step needs', () => {
    assert.equal(formatTick(60, 'percent', 5), '60%');
    assert.equal(formatTick(60.5, 'percent', 0.5), '60.5%');
    assert.equal(formatTick(0.65, 'proportion', 0.05), '65%');
    assert.equal(formatTick(2000, 'count', 500), '2,000');
    assert.equal(formatTick(0.25, 'per-1000', 0.05), '0.25');
  });

  it('prints days and rates as bare numbers because the axis title carries the unit', () => {
    assert.equal(formatTick(140, 'days', 20), '140');
    assert.equal(formatTick(12, 'per-1000', 2), '12');
  });
});

describe('unitAxisTitle and ratePer', () => {
  it('names the value axis after the unit', () => {
    assert.equal(unitAxisTitle('percent'), 'Percentage');
    assert.equal(unitAxisTitle('proportion'), 'Percentage');
    assert.equal(unitAxisTitle('count'), 'Number');
    assert.equal(unitAxisTitle('days'), 'Days');
    assert.equal(unitAxisTitle('per-10000'), 'Rate per 10,000');
  });

  it('reads the base of a rate unit and rejects a base that is not a positive number', () => {
    assert.equal(ratePer('per-1000'), 1000);
    assert.equal(ratePer('per-0'), null);
    assert.equal(ratePer('count'), null);
  });
});
