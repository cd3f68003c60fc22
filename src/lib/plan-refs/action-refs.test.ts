import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionRefError, compareActionRefs, normaliseActionRefs } from './action-refs.ts';

const ESSEX = ['ID', 'JC', 'EHC'];

describe('normaliseActionRefs', () => {
  it('expands a range written with an en dash and spaces (Essex "ID2 – 8")', () => {
    assert.deepEqual(normaliseActionRefs('ID2 – 8', ESSEX), { refs: ['ID2', 'ID3', 'ID4', 'ID5', 'ID6', 'ID7', 'ID8'], warnings: [] });
  });

  it('expands ranges with the dash on either side ("JC8 -17", "ID9- 11") and with the prefix repeated', () => {
    assert.equal(normaliseActionRefs('JC8 -17', ESSEX).refs.join(' '), 'JC8 JC9 JC10 JC11 JC12 JC13 JC14 JC15 JC16 JC17');
    assert.deepEqual(normaliseActionRefs('ID9- 11', ESSEX).refs, ['ID9', 'ID10', 'ID11']);
    assert.deepEqual(normaliseActionRefs('JC8-JC10', ESSEX).refs, ['JC8', 'JC9', 'JC10']);
  });

  it('splits lists on spaces, commas and "and", and closes the gap in "ID 1"', () => {
    assert.deepEqual(normaliseActionRefs('EHC14 EHC5', ESSEX).refs, ['EHC14', 'EHC5']);
    assert.deepEqual(normaliseActionRefs('JC9, JC17', ESSEX).refs, ['JC9', 'JC17']);
    assert.deepEqual(normaliseActionRefs('ID 1 and ID3', ESSEX).refs, ['ID1', 'ID3']);
  });

  it('reads "1D10" as ID10 and says why', () => {
    const result = normaliseActionRefs('1D10', ESSEX);
    assert.deepEqual(result.refs, ['ID10']);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!.reason, /digit in place of a letter/);
  });

  it('reads "ECH5" as EHC5 (transposed letters) and says why', () => {
    const result = normaliseActionRefs('ECH5', ESSEX);
    assert.deepEqual(result.refs, ['EHC5']);
    assert.match(result.warnings[0]!.reason, /transposed/);
  });

  it('warns about a prefix the plan does not use, keeping it as written', () => {
    const result = normaliseActionRefs('XY4', ESSEX);
    assert.deepEqual(result.refs, ['XY4']);
    assert.match(result.warnings[0]!.reason, /not one of the plan's reference prefixes/);
  });

  it('accepts any letter prefix when the plan declares none', () => {
    assert.deepEqual(normaliseActionRefs('A1 B2-3'), { refs: ['A1', 'B2', 'B3'], warnings: [] });
  });

  it('refuses text that is not a reference, a backwards range and an implausibly wide one', () => {
    assert.throws(() => normaliseActionRefs('see action plan', ESSEX), ActionRefError);
    assert.throws(() => normaliseActionRefs('ID8-2', ESSEX), /runs backwards/);
    assert.throws(() => normaliseActionRefs('ID2-80', ESSEX), /wider than 50/);
    assert.throws(() => normaliseActionRefs('ID2-JC4', ESSEX), /one prefix/);
    assert.throws(() => normaliseActionRefs('  ', ESSEX), /no reference/);
  });

  it('lists each reference once', () => {
    assert.deepEqual(normaliseActionRefs('JC15 JC15 JC14-16', ESSEX).refs, ['JC15', 'JC14', 'JC16']);
  });
});

describe('compareActionRefs', () => {
  it('sorts by prefix, then by number rather than text', () => {
    assert.deepEqual(['ID10', 'ID2', 'EHC5', 'JC1'].sort(compareActionRefs), ['EHC5', 'ID2', 'ID10', 'JC1']);
  });
});
