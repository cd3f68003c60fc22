import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foundText, isExcelError, looksLikeIdentifier, mayRepeat } from './value-echo.ts';

describe('what a problem message may repeat from a file (issue 12 item 3)', () => {
  it('repeats a short plain number in a data return, and nothing from a casework file', () => {
    for (const text of ['-3', '12.5', '0', '999999', ' 7 ']) assert.equal(mayRepeat(text), true, text);
    for (const text of ['9434765919', '1234567', '2015-03-02', '02/03/2015', 'abc', 'CM1 1AA', '1e999', '1,000', 'A123456789012']) assert.equal(mayRepeat(text), false, text);
    assert.equal(mayRepeat('-3', 'never'), false);
    assert.equal(foundText('-3'), ", found '-3'");
    assert.equal(foundText('943 476 5919'), '');
  });

  it('names Excel’s own error values only', () => {
    assert.equal(isExcelError('#N/A'), true);
    assert.equal(isExcelError('#div/0!'), true);
    assert.equal(isExcelError('9434765919'), false);
  });

  it('sees the shape of an NHS number, UPN, postcode, NI number, date or email address in a heading or a name', () => {
    for (const text of ['9434765919', '943 476 5919', 'A123456789012', 'CM1 1AA', 'sw1a2aa', 'QQ 12 34 56 C', '2015-03-02', '2/3/15', '2 March 2015', 'a@b.example', 'ULN 1234567']) {
      assert.equal(looksLikeIdentifier(text), true, text);
    }
    for (const text of ['North', 'Educational psychology', 'Numerator 2', 'School 123', 'Période', '=cmd|calc']) assert.equal(looksLikeIdentifier(text), false, text);
  });
});
