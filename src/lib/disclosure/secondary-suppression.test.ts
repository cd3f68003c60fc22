import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { protect } from './protect-table.ts';
import type { DisclosureCell, DisclosureTable, LinearRelation } from './types.ts';

// The attacker's own check (linear programming with HiGHS) is test/disclosure/attacker-lp.test.ts; here the
// intervals are worked by hand.
const hiddenIds = (table: DisclosureTable): string[] => [...protect(table).suppressed.keys()].sort();
const count = (id: string, n: number): DisclosureCell => ({ id, numerator: null, denominator: n });

describe('secondary suppression', () => {
  it('hides North with Mid, so that the whole area minus the others no longer gives Mid (issue 12)', () => {
    const table: DisclosureTable = {
      threshold: 5,
      cells: [
        { id: 'all', numerator: 36, denominator: 70 },
        { id: 'North', numerator: 11, denominator: 15 },
        { id: 'Mid', numerator: 4, denominator: 14 },
        { id: 'South', numerator: 12, denominator: 23 },
        { id: 'West', numerator: 9, denominator: 18 },
      ],
      relations: [{ total: 'all', parts: ['North', 'Mid', 'South', 'West'] }],
    };
    // North is itself sensitive (4 of its 15 did not meet the condition). Hidden together, North + Mid = 15 of 29:
    // each k lies anywhere in [0, 15], each n − k in [0, 14], each n in [0, 29].
    const { suppressed } = protect(table);
    assert.deepEqual(Object.fromEntries(suppressed), {
      North: { kind: 'primary', quantity: 'complement' },
      Mid: { kind: 'primary', quantity: 'numerator' },
    });
  });

  it('hides Q2 with Q3, so that the year minus Q1 and Q2 no longer gives Q3 (issue 12)', () => {
    const table: DisclosureTable = {
      threshold: 5,
      cells: [
        { id: 'y', numerator: 18, denominator: 38 },
        { id: 'q1', numerator: 11, denominator: 23 },
        { id: 'q2', numerator: 6, denominator: 12 },
        { id: 'q3', numerator: 1, denominator: 3 },
      ],
      relations: [{ total: 'y', parts: ['q1', 'q2', 'q3'] }],
    };
    // Q2 + Q3 = 7 of 15: Q3's k in [0, 7], n − k in [0, 8], n in [0, 15]. Q2 (12 cases) costs less than Q1 (23).
    const { suppressed } = protect(table);
    assert.deepEqual(Object.fromEntries(suppressed), { q3: { kind: 'primary', quantity: 'numerator' }, q2: { kind: 'secondary', protects: ['q3'] } });
  });

  it('protects the GaussSuppression vignette table, pairing the small cell against non-zero cells', () => {
    // Table 1 of the GaussSuppression vignette "Small count frequency table suppression" (Statistics Norway; CRAN
    // package GaussSuppression, SSBtoolsData("example1"), 2014). The vignette, with zeros sensitive, hides young and
    // old × Iceland and Portugal. Here zeros are shown and 2 (young, Iceland) is sensitive at threshold 3; the same
    // square would let young Iceland only fall (Portugal's 0 cannot), to [0, 2], narrower than 3. Against Spain it
    // can move from 0 to 5 (young Spain 5 and old Iceland 3 bound the rise at 3, the cell itself the fall at 2).
    const ages = ['young', 'old', 'Total'];
    const countries = ['Iceland', 'Portugal', 'Spain', 'Total'];
    const values = [2, 0, 5, 7, 3, 4, 6, 13, 5, 4, 11, 20];
    const table: DisclosureTable = {
      threshold: 3,
      cells: ages.flatMap((age, a) => countries.map((country, c) => count(`${age}:${country}`, values[4 * a + c] as number))),
      relations: [
        ...ages.map((age) => ({ total: `${age}:Total`, parts: ['Iceland', 'Portugal', 'Spain'].map((country) => `${age}:${country}`) })),
        ...countries.map((country) => ({ total: `Total:${country}`, parts: [`young:${country}`, `old:${country}`] })),
      ],
    };
    assert.deepEqual(hiddenIds(table), ['old:Iceland', 'old:Spain', 'young:Iceland', 'young:Spain']);
  });

  it('hides the quarter of a month-end snapshot with its last month, which it equals', () => {
    const cells = [count('sep:all', 30), count('sep:North', 3), count('sep:South', 27), count('q3:all', 30), count('q3:North', 3), count('q3:South', 27)];
    cells.push(count('aug:all', 25), count('aug:North', 9), count('aug:South', 16));
    const relations: LinearRelation[] = [
      { total: 'sep:all', parts: ['sep:North', 'sep:South'] },
      { total: 'aug:all', parts: ['aug:North', 'aug:South'] },
      { total: 'q3:all', parts: ['q3:North', 'q3:South'] },
      { total: 'q3:North', parts: ['sep:North'] },
      { total: 'q3:South', parts: ['sep:South'] },
      { total: 'q3:all', parts: ['sep:all'] },
    ];
    const { suppressed } = protect({ cells, relations, threshold: 5 });
    assert.deepEqual(suppressed.get('q3:North'), { kind: 'primary', quantity: 'denominator' });
    // North's 3 must be able to move by 5: South's September and quarter (27) move against it; August is not linked.
    assert.deepEqual([...suppressed.keys()].sort(), ['q3:North', 'q3:South', 'sep:North', 'sep:South']);
  });

  it('moves a small cell of a rolling 12 months only with cells that keep the window, the months and the year', () => {
    const months = Array.from({ length: 12 }, (_, m) => m);
    const n = (m: number, area: string) => (area === 'A' ? (m === 4 ? 2 : 10 + m) : 20 + m);
    const cells: DisclosureCell[] = [];
    const relations: LinearRelation[] = [];
    for (const area of ['A', 'B']) {
      for (const m of months) cells.push(count(`m${m}:${area}`, n(m, area)));
      cells.push(count(`r12:${area}`, months.reduce((sum, m) => sum + n(m, area), 0)));
      relations.push({ total: `r12:${area}`, parts: months.map((m) => `m${m}:${area}`) });
    }
    for (const m of months) {
      cells.push(count(`m${m}:all`, n(m, 'A') + n(m, 'B')));
      relations.push({ total: `m${m}:all`, parts: [`m${m}:A`, `m${m}:B`] });
    }
    cells.push(count('r12:all', cells.filter((c) => c.id.startsWith('r12:')).reduce((sum, c) => sum + c.denominator, 0)));
    relations.push({ total: 'r12:all', parts: ['r12:A', 'r12:B'] });
    // The cheapest square: A and B × May and January (the smallest other month); every total stays shown.
    assert.deepEqual(hiddenIds({ cells, relations, threshold: 5 }), ['m0:A', 'm0:B', 'm4:A', 'm4:B']);
  });

  it('hides the whole linked group when even the grand total is small', () => {
    const table = { threshold: 5, cells: [count('all', 4), count('a', 1), count('b', 3), count('c', 0)], relations: [{ total: 'all', parts: ['a', 'b', 'c'] }] };
    // All three non-zero cells are sensitive; hidden, the total can rise without limit, and with it a and b.
    assert.deepEqual(hiddenIds(table), ['a', 'all', 'b']);
  });

  it('shows a table with nothing small, and reasons every secondary cell by the primary cell it protects', () => {
    const table = { threshold: 5, cells: [count('all', 40), count('a', 20), count('b', 20)], relations: [{ total: 'all', parts: ['a', 'b'] }] };
    assert.equal(protect(table).suppressed.size, 0);
    const small = { threshold: 5, cells: [count('all', 40), count('a', 2), count('b', 18), count('c', 20)], relations: [{ total: 'all', parts: ['a', 'b', 'c'] }] };
    assert.deepEqual(Object.fromEntries(protect(small).suppressed), { a: { kind: 'primary', quantity: 'denominator' }, b: { kind: 'secondary', protects: ['a'] } });
  });

  it('refuses tables it cannot reason about, naming the problem', () => {
    const cells = [count('all', 10), { id: 'a', numerator: 2, denominator: 5 }, count('b', 5)];
    assert.throws(() => protect({ threshold: 5, cells, relations: [{ total: 'all', parts: ['a', 'b'] }] }), /relation with total all mixes proportions with counts/);
    assert.throws(() => protect({ threshold: 5, cells, relations: [{ total: 'all', parts: ['z'] }] }), /cell z is not in the table/);
    assert.throws(() => protect({ threshold: 5, cells: [...cells, count('b', 1)], relations: [] }), /cell b appears twice/);
  });
});
