import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonText } from './reason-text.ts';

describe('reasonText', () => {
  it('gives the same words whichever count was small, so the words reveal nothing', () => {
    const words = ['numerator', 'denominator', 'complement'].map((quantity) => reasonText({ kind: 'primary', quantity: quantity as 'numerator' }, 5));
    assert.deepEqual(new Set(words), new Set(['includes a number from 1 to 4 (small numbers are not shown)']));
  });

  it('follows the threshold', () => {
    assert.equal(reasonText({ kind: 'primary', quantity: 'numerator' }, 10), 'includes a number from 1 to 9 (small numbers are not shown)');
    assert.equal(reasonText({ kind: 'primary', quantity: 'numerator' }, 2), 'includes a count of 1 (small numbers are not shown)');
  });

  it('says a secondary suppression protects another figure, not that this one is small', () => {
    const words = reasonText({ kind: 'secondary', protects: ['month:2025-07'] }, 5);
    assert.equal(words, 'hidden so that a small number elsewhere in the table cannot be worked out by subtraction');
    assert.doesNotMatch(words, /2025-07|fewer than/);
  });
});
