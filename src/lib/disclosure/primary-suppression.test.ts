import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { primaryReason } from './primary-suppression.ts';

// The threshold rule as Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.2 states it (a cell is
// unsafe when it holds fewer than the minimum number of units), applied to each count behind a proportion; zeros are
// shown, as the ONS and Ofqual disclosure guidance both do.
const cell = (numerator: number | null, denominator: number) => ({ id: 'x', numerator, denominator });

describe('primaryReason', () => {
  it('flags a numerator from 1 to 4 at the default threshold', () => {
    assert.deepEqual(primaryReason(cell(4, 14), 5), { kind: 'primary', quantity: 'numerator' });
    assert.deepEqual(primaryReason(cell(1, 30), 5), { kind: 'primary', quantity: 'numerator' });
  });

  it('flags a small complement: 11 of 15 means 4 did not', () => {
    assert.deepEqual(primaryReason(cell(11, 15), 5), { kind: 'primary', quantity: 'complement' });
  });

  it('flags a small denominator, and a small count', () => {
    assert.deepEqual(primaryReason(cell(0, 3), 5), { kind: 'primary', quantity: 'denominator' });
    assert.deepEqual(primaryReason(cell(null, 4), 5), { kind: 'primary', quantity: 'denominator' });
  });

  it('keeps zeros: none met it, all met it, or no cases at all', () => {
    assert.equal(primaryReason(cell(0, 12), 5), null);
    assert.equal(primaryReason(cell(12, 12), 5), null);
    assert.equal(primaryReason(cell(0, 0), 5), null);
    assert.equal(primaryReason(cell(null, 0), 5), null);
  });

  it('shows counts at the threshold and follows a configured threshold', () => {
    assert.equal(primaryReason(cell(5, 10), 5), null);
    assert.equal(primaryReason(cell(null, 5), 5), null);
    assert.deepEqual(primaryReason(cell(9, 30), 10), { kind: 'primary', quantity: 'numerator' });
    assert.equal(primaryReason(cell(2, 4), 2), null);
  });

  it('refuses impossible counts with the cell named', () => {
    assert.throws(() => primaryReason(cell(5, 4), 5), /cell x: numerator 5 is greater than denominator 4/);
    assert.throws(() => primaryReason(cell(-1, 4), 5), /cell x: numerator must be a non-negative number/);
    assert.throws(() => primaryReason(cell(null, Number.NaN), 5), /cell x: denominator/);
    assert.throws(() => primaryReason(cell(1, 4), 0), /threshold must be at least 1/);
  });
});
