// The issue's two subtractions and the GaussSuppression vignette table, checked by the linear-programming attacker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DisclosureTable, primaryReason, protect } from '../../src/lib/disclosure/index.ts';
import { attack, recoverable } from '../helpers/disclosure-attacker.ts';
import { ISSUE_AREAS, ISSUE_QUARTERS, vignetteTable } from './worked-tables.ts';

const showing = (table: DisclosureTable, hidden: (id: string) => boolean) => table.cells.map((cell) => ({ ...cell, hidden: hidden(cell.id) }));
const primaryOnly = (table: DisclosureTable) => showing(table, (id) => primaryReason(table.cells.find((c) => c.id === id) as DisclosureTable['cells'][number], table.threshold) !== null);
const protectedCells = (table: DisclosureTable) => {
  const { suppressed } = protect(table);
  return showing(table, (id) => suppressed.has(id));
};

describe('the worked examples against the attacker', () => {
  it('recovers Mid = 4 of 14 by subtraction under primary suppression alone, and nothing once protected (issue 12)', async () => {
    // The page hid Mid alone (North's complement, 4 of 15, was not checked then).
    const bounds = await attack(showing(ISSUE_AREAS, (id) => id === 'area:Mid'), ISSUE_AREAS.relations);
    assert.deepEqual(bounds.get('area:Mid'), { k: [4, 4], n: [14, 14], complement: [10, 10] });
    assert.deepEqual(await recoverable(protectedCells(ISSUE_AREAS), ISSUE_AREAS.relations, 5), []);
  });

  it('recovers Q3 = 1 of 3 from the year under primary suppression alone, and nothing once protected (issue 12)', async () => {
    const bounds = await attack(primaryOnly(ISSUE_QUARTERS), ISSUE_QUARTERS.relations);
    assert.deepEqual(bounds.get('quarter:2026-Q3'), { k: [1, 1], n: [3, 3], complement: [2, 2] });
    const cells = protectedCells(ISSUE_QUARTERS);
    assert.deepEqual(await recoverable(cells, ISSUE_QUARTERS.relations, 5), []);
    // Q2 + Q3 = 7 of 15 is all the attacker knows.
    assert.deepEqual((await attack(cells, ISSUE_QUARTERS.relations)).get('quarter:2026-Q3'), { k: [0, 7], n: [0, 15], complement: [0, 8] });
  });

  it("protects the GaussSuppression vignette table, where the vignette's own square would leave a 2 within [0, 2]", async () => {
    // GaussSuppression vignette "Small count frequency table suppression", Table 1 (zeros sensitive there): it hides
    // young and old × Iceland and Portugal. With zeros shown and threshold 3, that square cannot raise young Iceland.
    const table = vignetteTable(3);
    const square = new Set(['young:Iceland', 'young:Portugal', 'old:Iceland', 'old:Portugal']);
    const leaks = await recoverable(showing(table, (id) => square.has(id)), table.relations, 3);
    // Every cell of the square moves only one way, by 2: young Iceland [0, 2], old Iceland [3, 5], old Portugal [2, 4].
    assert.deepEqual(leaks.map((leak) => [leak.id, leak.interval]), [['young:Iceland', [0, 2]], ['old:Iceland', [3, 5]], ['old:Portugal', [2, 4]]]);
    assert.deepEqual(await recoverable(protectedCells(table), table.relations, 3), []);
  });
});
