import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { academicYear, describePeriod, easterSunday, financialYear, likeness, likePeriods, midpointDay, overlapDays, parseDatedPeriod, periodDays, schoolTerm } from './period-model.ts';

const at = (label: string) => {
  const p = parseDatedPeriod(label);
  assert.ok(p, `${label} is a period`);
  return p;
};

describe('the period model', () => {
  it('runs a DfE academic year from 1 September to 31 August', () => {
    // DfE Explore education statistics, open data standards: time identifier "Academic year", written 2023/24
    assert.deepEqual(at('2023/24'), { kind: 'academic-year', length: 'year', label: '2023/24', start: '2023-09-01', end: '2024-08-31' });
    assert.deepEqual(academicYear(1999), { kind: 'academic-year', length: 'year', label: '1999/00', start: '1999-09-01', end: '2000-08-31' });
  });

  it('runs a financial year from 1 April to 31 March', () => {
    // Interpretation Act 1978, Schedule 1: "financial year" means the twelve months ending with 31 March; EES writes 2023-24
    assert.deepEqual(at('2023-24'), { kind: 'financial-year', length: 'year', label: '2023-24', start: '2023-04-01', end: '2024-03-31' });
    assert.deepEqual(at('FY 2011-12'), financialYear(2011));
    assert.equal(at('2011-12').kind, 'month', '2011-12 alone is our code for December 2011');
    assert.equal(at('2011-12').end, '2011-12-31');
  });

  it('finds Easter Sunday as the published tables give it', () => {
    // Meeus, Astronomical Algorithms ch. 8; Church of England dates of Easter: 23 Apr 2000, 21 Apr 2019, 17 Apr 2022, 31 Mar 2024, 20 Apr 2025
    assert.deepEqual([2000, 2019, 2022, 2024, 2025].map(easterSunday), ['2000-04-23', '2019-04-21', '2022-04-17', '2024-03-31', '2025-04-20']);
  });

  it('tiles the academic year with its three terms, spring ending on Easter Sunday', () => {
    assert.deepEqual(at('2023/24 autumn'), { kind: 'term', length: 'term', label: '2023/24 autumn', start: '2023-09-01', end: '2023-12-31' });
    assert.deepEqual([at('2023/24 spring term').start, at('2023/24 spring').end], ['2024-01-01', '2024-03-31']);
    assert.equal(at('2023/24 summer').start, '2024-04-01');
    assert.deepEqual(at('2021/22 autumn+spring'), { kind: 'term', length: 'two-terms', label: '2021/22 autumn+spring', start: '2021-09-01', end: '2022-04-17' });
    for (const year of [2018, 2023, 2024]) {
      const [a, s, u] = (['autumn', 'spring', 'summer'] as const).map((t) => schoolTerm(year, t));
      assert.equal(periodDays(a!) + periodDays(s!) + periodDays(u!), periodDays(academicYear(year)), `${year}: the terms add up to the year`);
      assert.equal(overlapDays(a!, s!) + overlapDays(s!, u!), 0, `${year}: the terms do not overlap`);
    }
  });

  it('reads calendar years, quarters and months and refuses labels whose years do not follow on', () => {
    assert.deepEqual(at('2022'), { kind: 'calendar-year', length: 'year', label: '2022', start: '2022-01-01', end: '2022-12-31' });
    assert.deepEqual([at('2025 Q2').start, at('2025-Q2').end], ['2025-04-01', '2025-06-30']);
    assert.deepEqual([at('Apr 2025').start, at('2025-04').end], ['2025-04-01', '2025-04-30']);
    for (const bad of ['2023/25', '2023-25', '2023/24 winter', 'Q2 2025', '2025-04-01', '']) assert.equal(parseDatedPeriod(bad), null, bad);
  });

  it('compares a calendar year only with the year-long period that holds most of it', () => {
    assert.equal(likeness(at('2022'), at('2021/22')), 'overlapping'); // 1 Jan to 31 Aug 2022: 243 days
    assert.equal(overlapDays(at('2022'), at('2021/22')), 243);
    assert.equal(likeness(at('2022'), at('2022/23')), 'too-little-overlap'); // 1 Sep to 31 Dec 2022: 122 days
    assert.equal(likeness(at('2022'), at('2022-23')), 'overlapping'); // 275 days
    assert.equal(likeness(at('2025 Q2'), at('2025-Q2')), 'same-dates');
    // the defect: 2026 was called "worse than England" against England's autumn term of 2023/24
    assert.equal(likeness(at('2026'), at('2023/24 autumn')), 'different-length');
    assert.equal(likePeriods(at('2026'), at('2023/24 autumn')), false);
    assert.equal(likeness(at('2022'), at('2021/22 autumn+spring')), 'different-length');
    assert.equal(likeness(at('2023/24 autumn'), at('2023/24 spring')), 'too-little-overlap');
  });

  it('places periods on one time line by their dates, not their labels', () => {
    // the defect: England's 2021/22 was drawn left of the area's 2021
    assert.ok(midpointDay(at('2021')) < midpointDay(at('2021/22 autumn+spring')));
    assert.ok(midpointDay(at('2021/22 autumn+spring')) < midpointDay(at('2022')));
    assert.ok(midpointDay(at('2023/24 autumn')) < midpointDay(at('2024')));
  });

  it('describes periods in words for a sentence', () => {
    assert.deepEqual(['2026', '2023/24', '2023/24 autumn', '2021/22 autumn+spring', '2023-24'].map((l) => describePeriod(at(l))), [
      '2026', 'the 2023/24 school year', 'the autumn term of 2023/24', 'the autumn and spring terms of 2021/22', 'the 2023-24 financial year',
    ]);
  });
});
