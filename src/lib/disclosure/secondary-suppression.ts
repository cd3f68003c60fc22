// Secondary (complementary) suppression: hide more cells until no hidden count can be narrowed below the threshold.
import { findCertificate } from './protection-certificate.ts';
import { suppressionLayers } from './suppression-layers.ts';
import type { DisclosureTable, SuppressionReason } from './types.ts';

/** Branch-and-bound nodes per pattern searched: enough for tables of a few hundred cells, and a bound on the time. */
const SEARCH_BUDGET = 1500;

/**
 * Adds to `primary` (the cells hidden for their own small counts) the cells that must also be hidden, each with the
 * primary cells it protects, and returns the lot.
 *
 * Every hidden cell's every non-zero count (k, n − k, or a count cell's n) gets a certificate: a pattern of hidden
 * cells along which it can move by at least the threshold with every relation kept and nothing negative (see
 * perturbation-search.ts). A cell hidden to complete a pattern is certified by the same pattern in that count; its
 * other count needs its own pattern, so the work goes on until every hidden count is certified. Hiding more never
 * undoes a certificate: the attacker only loses constraints. Patterns are chosen to hide the least: cells already
 * hidden are free, otherwise the cost is the cell's n + 1, quadrupled for a total, so small cells are preferred and
 * totals avoided (Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.2.2, information loss by cell
 * value). Where no pattern is found (a small grand total, say), the whole linked group is hidden: with nothing in it
 * shown the attacker can scale every hidden count up without limit. Deterministic: table order throughout.
 */
export function secondarySuppression(table: DisclosureTable, index: ReadonlyMap<string, number>, primary: ReadonlyMap<string, SuppressionReason>): Map<string, SuppressionReason> {
  const { cells, threshold } = table;
  const layers = suppressionLayers(table, index);
  const suppressed = new Map(primary);
  const hidden = new Uint8Array(cells.length);
  const isTotal = new Uint8Array(cells.length);
  for (const layer of layers) for (const relation of layer.relations) isTotal[relation.total] = 1;
  const cost = new Float64Array(cells.length).map((_, i) => ((cells[i]?.denominator ?? 0) + 1) * (isTotal[i] === 1 ? 4 : 1));
  const certified = layers.map(() => new Uint8Array(cells.length));
  const queue: number[] = [];
  cells.forEach((cell, i) => {
    if (!primary.has(cell.id)) return;
    hidden[i] = 1;
    queue.push(i);
  });
  const protects = (i: number): readonly string[] => {
    const reason = suppressed.get(cells[i]?.id as string);
    return reason?.kind === 'secondary' ? reason.protects : [cells[i]?.id as string];
  };
  const hide = (cell: number, forCell: number): void => {
    if (hidden[cell] === 1) return;
    hidden[cell] = 1;
    suppressed.set(cells[cell]?.id as string, { kind: 'secondary', protects: protects(forCell) });
    queue.push(cell);
  };

  for (let next = 0; next < queue.length; next++) {
    const cell = queue[next] as number;
    layers.forEach((layer, l) => {
      const value = layer.values[cell] as number;
      const done = certified[l] as Uint8Array;
      if (!(value > 0) || done[cell] === 1) return;
      const found = findCertificate(layer, cell, threshold, { hidden, cost, budget: SEARCH_BUDGET });
      if (found === null) {
        for (const member of linkedGroup(layers, cell)) {
          hide(member, cell);
          for (const other of certified) other[member] = 1;
        }
        return;
      }
      for (const added of found.added) hide(added, cell);
      for (const [member, width] of found.widths) if (width >= threshold) done[member] = 1;
    });
  }
  return suppressed;
}

/** Every cell linked to `start` through relations of any layer, `start` included. */
function linkedGroup(layers: ReturnType<typeof suppressionLayers>, start: number): number[] {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const cell = stack.pop() as number;
    for (const layer of layers) {
      for (const { relation } of layer.memberships[cell] ?? []) {
        const { total, parts } = layer.relations[relation] as (typeof layer.relations)[number];
        for (const member of [total, ...parts]) {
          if (seen.has(member)) continue;
          seen.add(member);
          stack.push(member);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}
