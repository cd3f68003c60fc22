// The demonstration series generator: ended periods only, England's periods and band where there is a comparator,
// and areas that add up to the whole area.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endedNationalPeriods, endedPeriods } from './demo-periods.ts';
import { DEMO_BAND, englandFigureFor, syntheticMeasureSeries } from './synthetic-series.ts';

describe('synthetic demonstration series', () => {
  it('ends with the last period that has ended before today, whatever the grain', () => {
    const today = '2026-12-03';
    assert.equal(endedPeriods('quarter', today, 12).at(-1)!.period, '2026 Q3');
    assert.equal(endedPeriods('month', today, 24).at(-1)!.period, 'Nov 2026');
    assert.deepEqual(endedPeriods('year', today, 6).map((p) => p.period), ['2020', '2021', '2022', '2023', '2024', '2025']);
    assert.equal(endedPeriods('quarter', '2025-04-01', 1)[0]!.period, '2025 Q1', 'a quarter ends on its last day');
    assert.deepEqual(endedNationalPeriods('academic-year', today, 2).map((p) => p.period), ['2024/25', '2025/26']);
    assert.deepEqual(endedNationalPeriods('autumn', today, 2).map((p) => p.period), ['2024/25 autumn', '2025/26 autumn'], 'autumn 2026/27 runs to 31 December');
  });

  it("follows England's figure of the same form: an autumn term, not autumn and spring together", () => {
    const national = [{ period: '2021/22 autumn+spring', value: 30 }, { period: '2023/24 autumn', value: 12.4 }];
    assert.equal(englandFigureFor(national, '2019/20 autumn'), 12.4);
    assert.equal(englandFigureFor(national, '2021/22 autumn+spring'), 30);
    assert.equal(englandFigureFor(national, '2023/24'), undefined, 'no academic-year figure');
  });

  it(`stays within ${DEMO_BAND * 100}% of England for every seed, area and period, at percent and per-100 scales`, () => {
    const national = [{ period: '2021/22', value: 0.25 }, { period: '2022/23', value: 18.59 }, { period: '2023/24', value: 13.6 }];
    let points = 0;
    for (let i = 0; i < 300; i += 1) {
      for (const [kind, unit] of [['proportion', 'percent'], ['rate', 'per-100']] as const) {
        const s = syntheticMeasureSeries({ slug: `m-${i}`, kind, unit, polarity: i % 2 ? 'lower-is-better' : 'higher-is-better', grain: 'year', today: '2026-12-03', national, areas: ['North', 'South', 'West'] });
        for (const p of [...s.overall, ...s.areas.flatMap((a) => a.points)]) {
          const england = englandFigureFor(national, p.period)!;
          const value = (100 * p.numerator!) / p.denominator!;
          assert.ok(Math.abs(value / england - 1) <= DEMO_BAND, `m-${i} ${p.period}: ${value} against ${england}`);
          points += 1;
        }
      }
    }
    assert.equal(points, 300 * 2 * 6 * 4);
  });

  it("adds the areas' counts, numerators and denominators up to the whole area's", () => {
    for (const kind of ['count', 'proportion', 'rate'] as const) {
      const s = syntheticMeasureSeries({ slug: `sum-${kind}`, kind, unit: kind === 'count' ? 'count' : 'percent', polarity: 'higher-is-better', grain: 'quarter', today: '2025-06-15', areas: ['North', 'Mid', 'South', 'West'] });
      s.overall.forEach((p, i) => {
        const sum = (pick: 'numerator' | 'denominator') => s.areas.reduce((total, a) => total + (a.points[i]![pick] ?? 0), 0);
        assert.equal(p.numerator, sum('numerator'), `${kind} ${p.period}`);
        assert.equal(p.denominator ?? 0, sum('denominator'), `${kind} ${p.period}`);
      });
    }
  });
});
