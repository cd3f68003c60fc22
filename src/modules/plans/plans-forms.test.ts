import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateProgressUpdate } from './plans-forms.ts';

const today = '2025-06-15';
const valid = { whatWeDid: 'Ran two training sessions', day: '1', month: '6', year: '2025', onBehalfOf: 'SEND team', statusAfter: 'on-track' };

function errorsOf(form: Record<string, string>): string[] {
  const result = validateProgressUpdate(form, today);
  return result.ok ? [] : result.errors.map((e) => e.text);
}

describe('validateProgressUpdate', () => {
  it('accepts a complete update and pads the date', () => {
    assert.deepEqual(validateProgressUpdate(valid, today), { ok: true, value: { whatWeDid: 'Ran two training sessions', onBehalfOf: 'SEND team', reportedOn: '2025-06-01', statusAfter: 'on-track' } });
  });
  it('treats "unchanged" status as no change', () => {
    const result = validateProgressUpdate({ ...valid, statusAfter: 'unchanged' }, today);
    assert.ok(result.ok && result.value.statusAfter === null);
  });
  it('asks for every missing field, in page order', () => {
    assert.deepEqual(errorsOf({}), ['Enter what was done', 'Enter the date of the update']);
  });
  it('takes no reporter from the form (the signed-in person reports) and "on behalf of" only optionally', () => {
    const result = validateProgressUpdate({ ...valid, onBehalfOf: '  ', ...{ author: 'Someone else' } }, today);
    assert.ok(result.ok);
    assert.equal(result.value.onBehalfOf, null);
    assert.ok(!('author' in result.value));
    assert.deepEqual(errorsOf({ ...valid, onBehalfOf: 'x'.repeat(201) }), ['On behalf of must be 200 characters or fewer']);
  });
  it('names the missing parts of a date', () => {
    assert.deepEqual(errorsOf({ ...valid, month: '', year: '' }), ['Date of the update must include a month and a year']);
  });
  it('refuses an impossible date, a future date and a non-number', () => {
    assert.deepEqual(errorsOf({ ...valid, day: '31', month: '2' }), ['Date of the update must be a real date']);
    assert.deepEqual(errorsOf({ ...valid, day: '16' }), ['Date of the update must be today or in the past']);
    assert.deepEqual(errorsOf({ ...valid, day: 'x' }), ['Date of the update must be a real date, for example 27 3 2025']);
  });
  it('accepts 29 February only in a leap year', () => {
    assert.deepEqual(errorsOf({ ...valid, day: '29', month: '2', year: '2024' }), []);
    assert.deepEqual(errorsOf({ ...valid, day: '29', month: '2', year: '2025' }), ['Date of the update must be a real date']);
  });
  it('refuses an over-long update and an unknown status', () => {
    assert.deepEqual(errorsOf({ ...valid, whatWeDid: 'x'.repeat(2001) }), ['What was done must be 2000 characters or fewer']);
    assert.deepEqual(errorsOf({ ...valid, statusAfter: 'finished' }), ['Select the status of the action after this update']);
  });
});
