import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, addMonths, daysBetween, isIsoDate, monthsFrom, quarterStart } from './calendar-dates.ts';

describe('calendar dates for statutory timescales', () => {
  it('adds calendar months as PostgreSQL does, clamping to the end of a shorter month', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2023-11-30', 3), '2024-02-29');
    assert.equal(addMonths('2025-05-31', -1), '2025-04-30');
  });

  it('counts days across a leap day and the clock change', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-03-29', 2), '2025-03-31');
    assert.equal(daysBetween('2025-01-06', '2025-05-26'), 140);
    assert.equal(daysBetween('2024-03-01', '2024-02-28'), -2);
  });

  it('knows real dates, quarters and runs of months', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(quarterStart('2025-08-17'), '2025-07-01');
    assert.deepEqual(monthsFrom('2024-11-15', '2025-02-01'), ['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
  });
});
