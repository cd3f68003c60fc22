import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shiftFlags, sideOf, trendDirections, twoOfThreeFlags, type Side } from './spc-rules.ts';

// Expected outputs are those of the NHSRplotthedots unit tests
// (tests/testthat/test-ptd_calculate_point_type.R: ptd_seven_point_one_side_mean,
// ptd_part_of_seven_trend, ptd_seven_point_trend, ptd_two_in_three,
// ptd_part_of_two_in_three), restated for "every point of the run is flagged".
const ones = (n: number): Side[] => Array.from({ length: n }, () => 1);
const minusOnes = (n: number): Side[] => Array.from({ length: n }, () => -1);
const range = (from: number, to: number): number[] => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (to >= from ? from + i : from - i));

describe('shiftFlags', () => {
  it('flags nothing for an empty series or a run of only six', () => {
    assert.deepEqual(shiftFlags([]), []);
    assert.deepEqual(shiftFlags(ones(6)), Array(6).fill(false));
    assert.deepEqual(shiftFlags([...ones(6), -1]), Array(7).fill(false));
  });

  it('flags every point of a run of eight above the mean, and not the point after it', () => {
    assert.deepEqual(shiftFlags([...ones(8), -1]), [...Array(8).fill(true), false]);
  });

  it('flags every point of a run of eight below the mean', () => {
    assert.deepEqual(shiftFlags([...minusOnes(8), 1]), [...Array(8).fill(true), false]);
  });

  it('flags a run that starts after an opposite point', () => {
    assert.deepEqual(shiftFlags([-1, ...ones(8), -1]), [false, ...Array(8).fill(true), false]);
  });

  it('does not count points exactly on the mean towards a run', () => {
    assert.deepEqual(shiftFlags([...ones(4), 0, ...ones(4)]), Array(9).fill(false));
  });

  it('honours a custom run length', () => {
    assert.deepEqual(shiftFlags([...ones(6), -1], 6), [...Array(6).fill(true), false]);
    assert.throws(() => shiftFlags(ones(3), 1), RangeError);
  });
});

describe('trendDirections', () => {
  it('flags nothing for an empty series or six increasing points', () => {
    assert.deepEqual(trendDirections([]), []);
    assert.deepEqual(trendDirections(range(1, 6)), Array(6).fill(0));
  });

  it('treats a repeated value as breaking a trend (1, 2, 3, 3, 4, 5, 6)', () => {
    assert.deepEqual(trendDirections([1, 2, 3, 3, 4, 5, 6]), Array(7).fill(0));
  });

  it('flags all seven points of 1 to 7 as increasing', () => {
    assert.deepEqual(trendDirections(range(1, 7)), Array(7).fill(1));
  });

  it('flags only the seven trending points of 2, 1, 2, …, 7, 3', () => {
    assert.deepEqual(trendDirections([2, ...range(1, 7), 3]), [0, ...Array(7).fill(1), 0]);
  });

  it('flags all seven points of 7 down to 1 as decreasing, and only those in 2, 7, …, 1, 3', () => {
    assert.deepEqual(trendDirections(range(7, 1)), Array(7).fill(-1));
    assert.deepEqual(trendDirections([2, ...range(7, 1), 3]), [0, ...Array(7).fill(-1), 0]);
  });

  it('gives a peak shared by a rise and a fall the direction of the later trend', () => {
    const values = [...range(1, 7), ...range(6, 0)];
    const directions = trendDirections(values);
    assert.deepEqual(directions, [...Array(6).fill(1), ...Array(8).fill(-1)]);
  });
});

describe('twoOfThreeFlags', () => {
  const allAbove = (n: number): Side[] => ones(n);
  const near = (bits: number[]): boolean[] => bits.map((b) => b === 1);

  it('flags nothing for an empty series or three points that are not near a limit', () => {
    assert.deepEqual(twoOfThreeFlags([], []), []);
    assert.deepEqual(twoOfThreeFlags(allAbove(3), near([0, 0, 0])), Array(3).fill(false));
  });

  it('flags the two near-limit points of any three on the same side (1 0 1, 0 1 1, 1 1 0)', () => {
    assert.deepEqual(twoOfThreeFlags(allAbove(3), near([1, 0, 1])), [true, false, true]);
    assert.deepEqual(twoOfThreeFlags(allAbove(3), near([0, 1, 1])), [false, true, true]);
    assert.deepEqual(twoOfThreeFlags(allAbove(3), near([1, 1, 0])), [true, true, false]);
  });

  it('flags only the near-limit points inside a longer series (0 0 1 0 1 0 0 and 0 0 1 1 0 0 0)', () => {
    assert.deepEqual(twoOfThreeFlags(allAbove(7), near([0, 0, 1, 0, 1, 0, 0])), near([0, 0, 1, 0, 1, 0, 0]));
    assert.deepEqual(twoOfThreeFlags(allAbove(7), near([0, 0, 1, 1, 0, 0, 0])), near([0, 0, 1, 1, 0, 0, 0]));
  });

  it('ignores near-limit points more than three apart (1 0 0 1) but flags a later pair (1 0 0 1 1)', () => {
    assert.deepEqual(twoOfThreeFlags(allAbove(4), near([1, 0, 0, 1])), Array(4).fill(false));
    assert.deepEqual(twoOfThreeFlags(allAbove(5), near([1, 0, 0, 1, 1])), near([0, 0, 0, 1, 1]));
  });

  it('does not flag two near-limit points on opposite sides of the mean', () => {
    assert.deepEqual(twoOfThreeFlags([1, 1, -1], near([0, 1, 1])), Array(3).fill(false));
  });
});

describe('sideOf', () => {
  it('returns 1 above, -1 below and 0 on the centre line', () => {
    assert.deepEqual([sideOf(2, 1), sideOf(0, 1), sideOf(1, 1)], [1, -1, 0]);
  });
});
