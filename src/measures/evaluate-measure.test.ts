import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateMeasure, pointValue } from './evaluate-measure.ts';

const base = { kind: 'timeliness' as const, unit: 'percent', polarity: 'higher-is-better' as const, suppressionThreshold: 5 };

describe('evaluateMeasure', () => {
  it('gives the latest value with its Wilson interval (Newcombe 1998, table I: 81/263 → 0.2553 to 0.3662)', () => {
    const { latest } = evaluateMeasure({ ...base, series: [{ period: '2025 Q2', numerator: 81, denominator: 263, value: null }] });
    assert.equal(latest!.value!.toFixed(4), '30.7985');
    assert.equal(latest!.interval!.lower.toFixed(2), '25.53');
    assert.equal(latest!.interval!.upper.toFixed(2), '36.62');
  });

  it('suppresses counts of 1 to 4 and says why, but shows a true zero', () => {
    assert.equal(pointValue({ period: 'p', numerator: 3, denominator: 40, value: null }, 'proportion', 'percent', 5).suppressed, 'fewer than 5 cases');
    assert.equal(pointValue({ period: 'p', numerator: 0, denominator: 40, value: null }, 'proportion', 'percent', 5).value, 0);
    assert.equal(pointValue({ period: 'p', numerator: 0, denominator: 0, value: null }, 'proportion', 'percent', 5).suppressed, 'no cases in the period (denominator zero)');
  });

  it('suppresses a median of 1 to 4 cases (its count given as the denominator), but not one of 5 or one without a count', () => {
    const median = (denominator: number | null) => pointValue({ period: 'p', numerator: null, denominator, value: 12.4 }, 'duration', 'weeks', 5);
    assert.deepEqual(median(4), { numerator: null, denominator: null, value: null, interval: null, suppressed: 'fewer than 5 cases' });
    assert.equal(median(1).suppressed, 'fewer than 5 cases');
    assert.equal(median(5).value, 12.4);
    assert.equal(median(null).value, 12.4);
  });

  it('tests the change from baseline with a two-proportion z-test (140/200 against 255/340: z = 1.266, not significant)', () => {
    const result = evaluateMeasure({ ...base, baseline: { value: 70, n: 200, period: '2019' }, series: [{ period: '2025', numerator: 255, denominator: 340, value: null }] });
    assert.equal(Math.abs(result.change!.z).toFixed(4), '1.2660');
    assert.equal(result.change!.direction, 'no-significant-change');
    assert.match(result.summary, /No clear change from the 2019 baseline \(70\.0%\)/);
  });

  it('compares with England by the confidence-interval method', () => {
    const worse = evaluateMeasure({ ...base, series: [{ period: '2024', numerator: 81, denominator: 263, value: null }], national: [{ period: '2024', value: 46.4 }] });
    assert.equal(worse.national!.comparison, 'worse');
    const similar = evaluateMeasure({ ...base, series: [{ period: '2024', numerator: 81, denominator: 263, value: null }], national: [{ period: '2024', value: 33 }] });
    assert.equal(similar.national!.comparison, 'similar');
  });

  it('finds a shift of seven points above the mean and calls it improvement when higher is better', () => {
    const series = [50, 51, 49, 50, 52, 48, 50, 49, 60, 61, 62, 60, 61, 62, 63].map((v, i) => ({ period: `M${i + 1}`, numerator: v * 10, denominator: 1000, value: null }));
    const result = evaluateMeasure({ ...base, series });
    assert.ok(result.spc!.chart.points.at(-1)!.rules.includes('shift'));
    assert.equal(result.spc!.variation, 'special-cause-improving-high');
    assert.match(result.summary, /The latest figures show a real change \(.*a run of points on one side of the average\): an improvement\./);
  });

  it('measures variation between areas and flags an outlier beyond the funnel limits', () => {
    const result = evaluateMeasure({
      ...base,
      series: [{ period: '2025', numerator: 600, denominator: 1000, value: null }],
      areas: [
        { area: 'North', period: '2025', numerator: 300, denominator: 500, value: null },
        { area: 'South', period: '2025', numerator: 150, denominator: 200, value: null },
        { area: 'West', period: '2025', numerator: 150, denominator: 300, value: null },
      ],
    });
    assert.equal(result.areas.length, 3);
    assert.ok(result.areas.find((a) => a.area === 'South')!.significance!.toString().toLowerCase().includes('high'));
    assert.equal(result.areaSpread!.range.toFixed(1), '25.0');
  });

  it('says so when there is no value yet', () => {
    assert.equal(evaluateMeasure({ ...base, series: [] }).summary, 'No values have been recorded yet.');
  });
});

describe('trajectory to a target date', () => {
  const quarters = ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01'];
  const series = (values: number[]) => values.map((v, i) => ({ period: `Q${i + 1}`, periodStart: quarters[i]!, numerator: v, denominator: 100, value: null }));

  it('projects a straight-line trend to the target date and says on track when it reaches the target', () => {
    // 50, 52, 54, 56, 58 per quarter: by 2026-01-01 (4 more quarters, 365 days) about 66%
    const result = evaluateMeasure({ ...base, target: { value: 65, on: '2026-01-01' }, series: series([50, 52, 54, 56, 58]) });
    assert.equal(result.target!.trajectory, 'on-track');
    assert.ok(Math.abs(result.target!.projected! - 66) < 0.2, String(result.target!.projected));
    assert.match(result.summary, /on track/);
  });

  it('says off track when the trend falls short, and gives no trajectory with fewer than three points', () => {
    assert.equal(evaluateMeasure({ ...base, target: { value: 80, on: '2026-01-01' }, series: series([50, 52, 54, 56, 58]) }).target!.trajectory, 'off-track');
    assert.equal(evaluateMeasure({ ...base, target: { value: 80, on: '2026-01-01' }, series: series([50, 52]) }).target!.trajectory, null);
  });
});

describe('comparing with England like for like (issue 12, defect 5)', () => {
  const absence = { kind: 'proportion' as const, unit: 'percent', polarity: 'lower-is-better' as const, suppressionThreshold: 5 };
  const years = (from: number, values: number[]) => values.map((v, i) => ({ period: String(from + i), periodStart: `${from + i}-01-01`, numerator: v, denominator: 400, value: null }));

  it('does not call 2026 worse than England when England has only term figures, and says why', () => {
    // Southend "EHCP absence": yearly area figures, England's for 2021/22 autumn+spring and 2023/24 autumn
    const result = evaluateMeasure({ ...absence, series: years(2021, [160, 150, 165, 170, 158, 162]), national: [{ period: '2021/22 autumn+spring', value: 12.1 }, { period: '2023/24 autumn', value: 12.4 }] });
    assert.equal(result.national!.comparison, null);
    assert.equal(result.national!.localPeriod, null);
    assert.doesNotMatch(result.summary, /worse than England/i);
    assert.match(result.summary, /Not compared with England: England's latest figure is for the autumn term of 2023\/24 \(one term\); there is no England figure for a whole year like 2026 to compare with\./);
  });

  it('compares the latest year England has a like figure for, stating both periods and that England has none yet for the latest', () => {
    // 2022 shares 243 of its 365 days with the 2021/22 school year (src/lib/dates/period-model.ts)
    const result = evaluateMeasure({ ...absence, series: years(2022, [160, 150, 165]), national: [{ period: '2021/22', value: 12.1 }, { period: '2023/24 autumn', value: 12.4 }] });
    assert.equal(result.national!.localPeriod, '2022');
    assert.equal(result.national!.period, '2021/22');
    assert.equal(result.national!.comparison, 'worse'); // 40.0%, likely between 35.3% and 44.9%, above 12.1%
    assert.match(result.summary, /Worse than England in 2022 \(England: 12\.1% in the 2021\/22 school year\); England has no figure yet for 2024\./);
  });

  it('compares a calendar year with England for the same year', () => {
    const result = evaluateMeasure({ ...absence, series: years(2024, [40]), national: [{ period: '2023', value: 9 }, { period: '2024', value: 12 }] });
    assert.deepEqual([result.national!.localPeriod, result.national!.period, result.national!.likeness], ['2024', '2024', 'same-dates']);
    assert.match(result.summary, /No clear difference from England in 2024 \(England: 12\.0% in 2024\)\./);
  });
});

describe('counts by area (issue 12, defect 6)', () => {
  const checks = { kind: 'count' as const, unit: 'count', polarity: 'higher-is-better' as const, suppressionThreshold: 5 };
  const areas = (counts: number[]) => ['North', 'Mid', 'South', 'West'].map((area, i) => ({ area, period: '2026 Q3', numerator: counts[i]!, denominator: null, value: null }));

  it('does not compare areas of a count with the whole area, and says why', () => {
    const result = evaluateMeasure({ ...checks, series: [{ period: '2026 Q3', numerator: 26, denominator: null, value: null }], areas: areas([37, 26, 59, 63]) });
    assert.ok(result.areas.every((a) => a.significance === null));
    assert.deepEqual(result.areaComparison, { method: 'none', reason: 'counts are not compared between areas: a count depends on the size of the area' });
  });

  it('checks that the whole area is the sum of its areas', () => {
    const wrong = evaluateMeasure({ ...checks, series: [{ period: '2026 Q3', numerator: 26, denominator: null, value: null }], areas: areas([37, 26, 59, 63]) });
    assert.deepEqual(wrong.areaTotal, { whole: 26, sum: 185, matches: false });
    const right = evaluateMeasure({ ...checks, series: [{ period: '2026 Q3', numerator: 185, denominator: null, value: null }], areas: areas([37, 26, 59, 63]) });
    assert.deepEqual(right.areaTotal, { whole: 185, sum: 185, matches: true });
    // an area not shown (fewer than 5) cannot be added up, and the page must not do it for the reader
    assert.equal(evaluateMeasure({ ...checks, series: [{ period: '2026 Q3', numerator: 26, denominator: null, value: null }], areas: areas([3, 26, 59, 63]) }).areaTotal, null);
  });

  it('still compares the areas of a proportion against the funnel limits', () => {
    const result = evaluateMeasure({ ...base, series: [{ period: '2025', numerator: 600, denominator: 1000, value: null }], areas: [{ area: 'South', period: '2025', numerator: 150, denominator: 200, value: null }] });
    assert.deepEqual(result.areaComparison, { method: 'funnel', reason: null });
    assert.equal(result.areaTotal, null);
  });
});

describe('summaries for a board member (issue 12, defect 12)', () => {
  it('gives the interval as a likely range and the variation in plain words', () => {
    // Newcombe 1998 table I: 81/263 is 30.8%, Wilson 95% interval 25.5% to 36.6%
    const series = [81, 80, 82, 81].map((n, i) => ({ period: `${2022 + i}`, numerator: n, denominator: 263, value: null }));
    const { summary } = evaluateMeasure({ ...base, series });
    assert.match(summary, /^30\.8% in 2025, likely between 25\.5% and 36\.6%\./);
    assert.match(summary, /The ups and downs are within the usual range: no sign of a real change\./);
    assert.doesNotMatch(summary, /\(\d+\.\d% to \d+\.\d%\)|common cause|special cause|significant/i);
  });
});
