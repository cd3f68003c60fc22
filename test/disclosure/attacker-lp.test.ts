// The attacker's test of disclosure control (issue 12): for thousands of seeded tables with linked totals, several
// breakdowns of one total, months → quarters → years with a rolling 12 months, and month-end snapshots, protect()
// then linear programming over everything shown must leave every hidden non-zero count (k, n and n − k) an interval
// at least the threshold wide. Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.3.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DisclosureTable, primaryReason, protect } from '../../src/lib/disclosure/index.ts';
import { type AttackCell, type Leak, lpSolveCount, recoverable } from '../helpers/disclosure-attacker.ts';
import { generatedTable } from './generated-tables.ts';

const TABLES = 2000;
const thresholdFor = (seed: number): number => [5, 5, 5, 3, 10][seed % 5] as number;

function shown(table: DisclosureTable, hidden: (id: string) => boolean): AttackCell[] {
  return table.cells.map((cell) => ({ ...cell, hidden: hidden(cell.id) }));
}

describe('disclosure control against a linear-programming attacker', () => {
  it(`leaves no hidden count recoverable in ${TABLES} generated tables`, async () => {
    const counts = { tables: 0, cells: 0, primary: 0, secondary: 0, lpSolves: 0, recoverable: 0 };
    const before = lpSolveCount();
    const leaks: (Leak & { seed: number })[] = [];
    for (let seed = 1; seed <= TABLES; seed++) {
      const table = generatedTable(seed, thresholdFor(seed));
      const { suppressed } = protect(table);
      counts.tables += 1;
      counts.cells += table.cells.length;
      for (const reason of suppressed.values()) counts[reason.kind] += 1;
      for (const leak of await recoverable(shown(table, (id) => suppressed.has(id)), table.relations, table.threshold)) leaks.push({ ...leak, seed });
    }
    counts.lpSolves = lpSolveCount() - before;
    counts.recoverable = leaks.length;
    console.log('disclosure attacker:', JSON.stringify(counts));
    assert.deepEqual(leaks.slice(0, 5), []);
    assert.ok(counts.primary > 0 && counts.secondary > 0, 'the tables exercise both kinds of suppression');
  });

  it('finds recoverable counts when only primary suppression is applied (the test can fail)', async () => {
    let leaks = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const table = generatedTable(seed, thresholdFor(seed));
      const hidden = new Set(table.cells.filter((cell) => primaryReason(cell, table.threshold) !== null).map((cell) => cell.id));
      leaks += (await recoverable(shown(table, (id) => hidden.has(id)), table.relations, table.threshold)).length;
    }
    console.log('disclosure attacker, primary suppression alone:', JSON.stringify({ tables: 50, recoverable: leaks }));
    assert.ok(leaks > 0);
  });

  it('gives every suppression its true reason and the same answer every time', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const table = generatedTable(seed, thresholdFor(seed));
      const { suppressed } = protect(table);
      assert.deepEqual(protect(table).suppressed, suppressed);
      for (const cell of table.cells) {
        const reason = suppressed.get(cell.id);
        const own = primaryReason(cell, table.threshold);
        if (own) assert.deepEqual(reason, own, `${seed} ${cell.id}`);
        else if (reason) {
          assert.equal(reason.kind, 'secondary');
          if (reason.kind === 'secondary') for (const id of reason.protects) assert.equal(suppressed.get(id)?.kind, 'primary', `${seed} ${cell.id} protects ${id}`);
        }
      }
    }
  });
});
