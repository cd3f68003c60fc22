// The small tables of the issue and of the GaussSuppression vignette, shared by the unit and attacker tests.
import type { DisclosureTable } from '../../src/lib/disclosure/index.ts';

/** Issue 12: the whole area 36/70 and its four areas. Mid (4 of 14) was recoverable by subtraction. */
export const ISSUE_AREAS: DisclosureTable = {
  threshold: 5,
  cells: [
    { id: 'area:all', numerator: 36, denominator: 70 },
    { id: 'area:North', numerator: 11, denominator: 15 },
    { id: 'area:Mid', numerator: 4, denominator: 14 },
    { id: 'area:South', numerator: 12, denominator: 23 },
    { id: 'area:West', numerator: 9, denominator: 18 },
  ],
  relations: [{ total: 'area:all', parts: ['area:North', 'area:Mid', 'area:South', 'area:West'] }],
};

/** Issue 12: year 2026 18/38 = Q1 11/23 + Q2 6/12 + Q3 1/3. Q3 was recoverable by subtraction. */
export const ISSUE_QUARTERS: DisclosureTable = {
  threshold: 5,
  cells: [
    { id: 'year:2026', numerator: 18, denominator: 38 },
    { id: 'quarter:2026-Q1', numerator: 11, denominator: 23 },
    { id: 'quarter:2026-Q2', numerator: 6, denominator: 12 },
    { id: 'quarter:2026-Q3', numerator: 1, denominator: 3 },
  ],
  relations: [{ total: 'year:2026', parts: ['quarter:2026-Q1', 'quarter:2026-Q2', 'quarter:2026-Q3'] }],
};

/**
 * Table 1 of the GaussSuppression vignette "Small count frequency table suppression" (Statistics Norway, CRAN package
 * GaussSuppression; data SSBtoolsData("example1"), year 2014): age × country counts with their totals.
 */
export function vignetteTable(threshold: number): DisclosureTable {
  const counts: Record<string, Record<string, number>> = {
    young: { Iceland: 2, Portugal: 0, Spain: 5, Total: 7 },
    old: { Iceland: 3, Portugal: 4, Spain: 6, Total: 13 },
    Total: { Iceland: 5, Portugal: 4, Spain: 11, Total: 20 },
  };
  const ages = ['young', 'old', 'Total'];
  const countries = ['Iceland', 'Portugal', 'Spain', 'Total'];
  return {
    threshold,
    cells: ages.flatMap((age) => countries.map((country) => ({ id: `${age}:${country}`, numerator: null, denominator: counts[age]?.[country] as number }))),
    relations: [
      ...ages.map((age) => ({ total: `${age}:Total`, parts: ['Iceland', 'Portugal', 'Spain'].map((country) => `${age}:${country}`) })),
      ...countries.map((country) => ({ total: `Total:${country}`, parts: [`young:${country}`, `old:${country}`] })),
    ],
  };
}
