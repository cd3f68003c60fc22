// The certificate behind every hidden count: changes to the hidden cells that keep every sum and every count
// non-negative and move the count up and down by at least the threshold between them.
import type { SuppressionLayer } from './suppression-layers.ts';

/** A ±1 pattern over hidden cells that keeps every relation of a layer, and how far it can go. */
export interface Pattern {
  signs: ReadonlyMap<number, 1 | -1>;
  /** The largest t for which v + t·d (up) or v − t·d (down) stays non-negative; Infinity when nothing limits it. */
  reach: number;
  /** Cells the pattern needs that were not hidden yet, in the order chosen. */
  added: readonly number[];
}

export interface SearchOptions {
  /** Which cells are hidden already (1) and may join a pattern at no cost. */
  hidden: Uint8Array;
  /** The information lost by hiding each cell that is not hidden yet. */
  cost: Float64Array;
  /** Branch-and-bound nodes to explore at most, and an eighth of that once a pattern is found (deterministic). */
  budget: number;
}

/**
 * The cheapest pattern found that moves `target` by `amount` in `layer`: `up` raises it, `down` lowers it.
 *
 * A pattern is d ∈ {−1, 0, +1} over hidden cells with A·d = 0 for every relation, d[target] = +1, so v ± t·d keeps
 * every sum and every shown cell. Going up, the cells with −1 must hold at least `amount`; going down, those with +1.
 * Those points are feasible for the attacker's linear program, so its interval holds both ends (Hundepool et al.
 * (2012) Statistical Disclosure Control, Wiley, §4.3). The hypercube method (Repsilber (1994) "Preservation of
 * confidentiality in aggregated data", Eurostat; Giessing & Repsilber (2002) "Tools and strategies to protect
 * multiple tables with the GHQUAR cell suppression engine", LNCS 2316) uses the corners of a hypercube; any pattern
 * of the relations serves, and the two directions may use different cells, so a small cell may rise against zeros
 * and fall against large cells (Langsrud (2024) "Secondary cell suppression by Gaussian elimination", J. Official
 * Statistics 40(4), on zeros). Depth-first branch and bound: fix the unbalanced relation with fewest choices,
 * cheapest choice first; bound by cost spent plus the dearest cheapest fix of any unbalanced relation.
 */
export function findPattern(layer: SuppressionLayer, target: number, direction: 'up' | 'down', amount: number, options: SearchOptions): (Pattern & { cost: number }) | null {
  const { values, relations, memberships } = layer;
  const { hidden, cost } = options;
  const limited = direction === 'up' ? -1 : 1;
  const d = new Int8Array(values.length);
  const residual = new Int32Array(relations.length);
  const unbalanced = new Set<number>();
  const chosen: number[] = [];
  let nodes = 0;
  let best: (Pattern & { cost: number }) | null = null;
  let spent = 0;
  let firstAt = -1;

  const shift = (cell: number, sign: number): void => {
    for (const { relation, coefficient } of memberships[cell] ?? []) {
      const next = ((residual[relation] as number) += coefficient * sign);
      if (next === 0) unbalanced.delete(relation);
      else unbalanced.add(relation);
    }
  };
  const eligible = (cell: number, sign: number): boolean => d[cell] === 0 && (sign !== limited || (values[cell] as number) >= amount);
  const price = (cell: number): number => (hidden[cell] === 1 ? 0 : (cost[cell] as number));
  // What one more cell usually costs: the median, so that a few dear totals do not make every detour look cheap.
  const typical = [...cost].sort((a, b) => a - b)[cost.length >> 1] ?? 1;
  const knockOn = (cell: number, sign: number): number => {
    let change = 0;
    for (const { relation, coefficient } of memberships[cell] ?? []) {
      const before = residual[relation] as number;
      change += Math.abs(before + coefficient * sign) - Math.abs(before);
    }
    return change;
  };
  const record = (): void => {
    const signs = new Map<number, 1 | -1>();
    let reach = Infinity;
    d.forEach((sign, cell) => {
      if (sign === 0) return;
      signs.set(cell, sign as 1 | -1);
      if (sign === limited) reach = Math.min(reach, values[cell] as number);
    });
    if (best === null) firstAt = nodes;
    best = { signs, reach, added: chosen.filter((cell) => hidden[cell] !== 1), cost: spent };
  };
  // The relation to fix next and a lower bound on what is left to spend, or null at a dead end.
  const choose = (): { relation: number; bound: number } | null => {
    let pick = -1;
    let fewest = Infinity;
    let bound = 0;
    for (const relation of unbalanced) {
      const sign = -Math.sign(residual[relation] as number);
      const { total, parts } = relations[relation] as (typeof relations)[number];
      let count = 0;
      let cheapest = Infinity;
      if (eligible(total, sign)) {
        count++;
        cheapest = price(total);
      }
      for (const part of parts) {
        if (!eligible(part, -sign)) continue;
        count++;
        cheapest = Math.min(cheapest, price(part));
      }
      if (count === 0) return null;
      bound = Math.max(bound, cheapest);
      if (count < fewest) {
        fewest = count;
        pick = relation;
      }
    }
    return { relation: pick, bound };
  };
  const search = (): void => {
    if (nodes++ > options.budget || (firstAt >= 0 && nodes > firstAt + options.budget / 8)) return;
    if (unbalanced.size === 0) return record();
    const next = choose();
    if (next === null || (best !== null && spent + next.bound >= (best as Pattern & { cost: number }).cost)) return;
    const sign = -Math.sign(residual[next.relation] as number);
    const { total, parts } = relations[next.relation] as (typeof relations)[number];
    const choices: [number, number][] = [];
    if (eligible(total, sign)) choices.push([total, sign]);
    for (const part of parts) if (eligible(part, -sign)) choices.push([part, -sign]);
    // Cheapest first, counting each relation a choice unbalances as one more cell to find and each it settles as one
    // fewer: this closes hypercube-like loops instead of climbing to the grand total.
    const estimate = new Map(choices.map(([cell, cellSign]) => [cell, price(cell) + typical * knockOn(cell, cellSign)]));
    choices.sort((a, b) => (estimate.get(a[0]) as number) - (estimate.get(b[0]) as number) || a[0] - b[0]);
    for (const [cell, cellSign] of choices) {
      const cellPrice = price(cell);
      if (best !== null && spent + cellPrice >= (best as Pattern & { cost: number }).cost) continue;
      d[cell] = cellSign;
      shift(cell, cellSign);
      chosen.push(cell);
      spent += cellPrice;
      search();
      spent -= cellPrice;
      chosen.pop();
      shift(cell, -cellSign);
      d[cell] = 0;
    }
  };

  if (direction === 'down' && (values[target] as number) < amount) return null;
  d[target] = 1;
  shift(target, 1);
  search();
  return best;
}
