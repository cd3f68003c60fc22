import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linearScale, niceDomain, spreadLabels, tickStep, ticks } from './scale.ts';

describe('linearScale', () => {
  it('maps the ends of the domain to the ends of the range, including inverted ranges', () => {
    const y = linearScale([0, 100], [300, 20]);
    assert.equal(y(0), 300);
    assert.equal(y(100), 20);
    assert.equal(y(50), 160);
  });

  it('maps everything to the middle of the range when the domain has zero width', () => {
    const x = linearScale([3, 3], [0, 100]);
    assert.equal(x(3), 50);
    assert.equal(Number.isFinite(x(7)), true);
  });
});

describe('tickStep and ticks', () => {
  it('chooses steps of 1, 2 or 5 times a power of ten', () => {
    assert.equal(tickStep(0, 100, 5), 20);
    assert.equal(tickStep(0, 1, 5), 0.2);
    assert.equal(tickStep(60, 67, 5), 1);
    assert.equal(tickStep(60, 70, 5), 2);
    assert.equal(tickStep(0, 1800, 5), 500);
  });

  it('lists ticks without binary noise', () => {
    assert.deepEqual(ticks(0, 1, 0.1), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    assert.deepEqual(ticks(-5, 5, 5), [-5, 0, 5]);
  });

  it('returns no ticks for an invalid step or domain', () => {
    assert.deepEqual(ticks(0, 1, 0), []);
    assert.deepEqual(ticks(1, 0, 0.5), []);
  });
});

describe('niceDomain', () => {
  it('widens the domain to whole steps and covers every value', () => {
    const nice = niceDomain([61.2, 64.8, 58.3]);
    assert.deepEqual(nice.domain, [58, 65]);
    assert.ok(nice.ticks.length >= 3);
  });

  it('pads all-equal values so the axis is never zero height', () => {
    const nice = niceDomain([5, 5, 5]);
    assert.ok(nice.domain[1] > nice.domain[0]);
    assert.ok(nice.domain[0] <= 5 && nice.domain[1] >= 5);
    const zero = niceDomain([0, 0]);
    assert.ok(zero.domain[1] > zero.domain[0]);
  });

  it('ignores non-finite values and falls back to 0 to 1 when none are left', () => {
    assert.deepEqual(niceDomain([Number.NaN, Number.POSITIVE_INFINITY]).domain, [0, 1]);
    assert.deepEqual(niceDomain([]).domain, [0, 1]);
  });

  it('keeps to the bounds of the unit unless the data go beyond them', () => {
    const beyond = niceDomain([1, 99, -7, 104], { bounds: [0, 100] }).domain;
    assert.ok(beyond[0] <= -7 && beyond[1] >= 104);
    const clipped = niceDomain([0, 100], { bounds: [0, 100], flatPadding: 5 });
    assert.deepEqual(clipped.domain, [0, 100]);
    assert.deepEqual(niceDomain([100, 100], { bounds: [0, 100] }).domain[1], 100);
  });

  it('handles negative values', () => {
    const nice = niceDomain([-12, -3, 4]);
    assert.ok(nice.domain[0] <= -12 && nice.domain[1] >= 4);
    assert.ok(nice.ticks.includes(0));
  });
});

describe('spreadLabels', () => {
  it('leaves labels that are already far enough apart where they are', () => {
    assert.deepEqual(spreadLabels([10, 50, 90], 14, 0, 100), [10, 50, 90]);
  });

  it('pushes close labels apart and keeps the input order', () => {
    const out = spreadLabels([50, 48, 52], 14, 0, 200);
    const sorted = [...out].sort((a, b) => a - b);
    assert.ok((sorted[1] as number) - (sorted[0] as number) >= 14 - 1e-9);
    assert.ok((sorted[2] as number) - (sorted[1] as number) >= 14 - 1e-9);
    assert.ok((out[1] as number) < (out[0] as number) && (out[0] as number) < (out[2] as number));
  });

  it('pulls labels back inside the bottom edge', () => {
    const out = spreadLabels([98, 99, 100], 10, 0, 100);
    assert.ok(out.every((y) => y <= 100 && y >= 0));
  });
});
