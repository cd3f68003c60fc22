// Protects one table: primary suppression, then secondary suppression until no hidden count can be narrowed below
// the threshold by linear programming over what is shown.
import { checkCell, primaryReason } from './primary-suppression.ts';
import { secondarySuppression } from './secondary-suppression.ts';
import type { DisclosureTable, Protection, SuppressionReason } from './types.ts';

/**
 * The cells of `table` to hide, each with its true reason: `primary` for its own small count, `secondary` with the
 * cells it protects. Everything else may be shown.
 *
 * The guarantee: for every hidden cell and each of its counts k, n and n − k that is not zero, an attacker who
 * minimises and maximises that count by linear programming, subject to every shown cell, every relation (for k and
 * for n) and non-negativity, finds an interval at least `threshold` wide (Hundepool et al. (2012) Statistical
 * Disclosure Control, Wiley, §4.3, protection intervals). Protect one table that holds everything one audience can
 * see together: cells published elsewhere but left out here are not taken into account.
 *
 * @throws RangeError for a duplicate cell id, bad counts, or a relation naming a cell not in the table.
 */
export function protect(table: DisclosureTable): Protection {
  const index = new Map<string, number>();
  table.cells.forEach((cell, i) => {
    checkCell(cell);
    if (index.has(cell.id)) throw new RangeError(`cell ${cell.id} appears twice in the table`);
    index.set(cell.id, i);
  });
  const primary = new Map<string, SuppressionReason>();
  for (const cell of table.cells) {
    const reason = primaryReason(cell, table.threshold);
    if (reason) primary.set(cell.id, reason);
  }
  return { suppressed: secondarySuppression(table, index, primary) };
}
