import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween, nextPeriod, parsePeriod, periodContaining, periodsFrom } from './reporting-periods.ts';

describe('reporting periods', () => {
  it('gives a quarter its code, label and last day', () => {
    assert.deepEqual(periodContaining('quarter', '2025-05-17'), { grain: 'quarter', code: '2025-Q2', label: '2025 Q2', start: '2025-04-01', end: '2025-06-30' });
  });

  it('ends February on the 29th in a leap year and the 28th otherwise', () => {
    assert.equal(periodContaining('month', '2024-02-10').end, '2024-02-29');
    assert.equal(periodContaining('month', '2025-02-10').end, '2025-02-28');
  });

  it('reads periods as people write them and refuses the wrong grain', () => {
    assert.equal(parsePeriod('month', 'Apr 2025')?.code, '2025-04');
    assert.equal(parsePeriod('month', '2025-04')?.label, 'Apr 2025');
    assert.equal(parsePeriod('quarter', '2025 q3')?.start, '2025-07-01');
    assert.equal(parsePeriod('quarter', '2025-07-01')?.code, '2025-Q3');
    assert.equal(parsePeriod('quarter', '2025-08-01'), null);
    assert.equal(parsePeriod('year', '2025')?.end, '2025-12-31');
    assert.equal(parsePeriod('month', '2025-13'), null);
    assert.equal(parsePeriod('year', '2025-Q1'), null);
  });

  it('steps over a year end and lists the periods up to a date', () => {
    assert.equal(nextPeriod(periodContaining('quarter', '2025-12-01')).code, '2026-Q1');
    assert.deepEqual(periodsFrom('quarter', '2025-01-01', '2025-07-01').map((p) => p.code), ['2025-Q1', '2025-Q2', '2025-Q3']);
  });

  it('counts days across a leap day and a clock change', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-03-29', 2), '2025-03-31');
    assert.equal(daysBetween('2024-02-01', '2024-03-01'), 29);
  });
});
