// Pairs a rise and a fall of one hidden count that together span at least the threshold.
import { findPattern, type Pattern, type SearchOptions } from './perturbation-search.ts';
import type { SuppressionLayer } from './suppression-layers.ts';

/** Why a hidden count cannot be narrowed below the threshold: feasible tables that put it that far apart. */
export interface Certificate {
  /** Cells to hide as well, in the order chosen. */
  added: readonly number[];
  /** Every cell either pattern moves, with the width the two patterns guarantee for it. */
  widths: ReadonlyMap<number, number>;
}

/**
 * The cheapest certificate found that `target`'s count in `layer` can move by `threshold`: a pattern that raises it
 * by q and one that lowers it by p, with p + q = threshold and p no more than the count (either may be empty when
 * the other suffices). Three splits are tried: the largest fall, an even split, and no fall; the first at no cost is taken. The width for
 * another cell in the patterns is q + p where both move it the same way, otherwise the larger of the two.
 * Null when no pattern is found within the search budget. See perturbation-search.ts for the method and sources.
 */
export function findCertificate(layer: SuppressionLayer, target: number, threshold: number, options: SearchOptions): Certificate | null {
  const value = layer.values[target] as number;
  const downs = new Map<number, (Pattern & { cost: number }) | null>();
  const ups = new Map<number, (Pattern & { cost: number }) | null>();
  const pattern = (cache: typeof downs, direction: 'up' | 'down', amount: number) => {
    if (amount <= 0) return undefined;
    if (!cache.has(amount)) cache.set(amount, findPattern(layer, target, direction, amount, options));
    return cache.get(amount);
  };
  let best: { up: Pattern | undefined; down: Pattern | undefined; added: number[]; cost: number } | null = null;
  const top = Math.min(value, threshold);
  const falls = [top, Math.min(top, Math.floor(threshold / 2)), 0];
  for (const fall of new Set(falls)) {
    const down = pattern(downs, 'down', fall);
    const up = pattern(ups, 'up', threshold - fall);
    if (down === null || up === null) continue;
    const added = [...new Set([...(down?.added ?? []), ...(up?.added ?? [])])];
    const cost = added.reduce((sum, cell) => sum + (options.cost[cell] as number), 0);
    if (best === null || cost < best.cost) best = { up, down, added, cost };
    if (cost === 0) break;
  }
  if (best === null) return null;
  const { up, down } = best;
  const widths = new Map<number, number>();
  for (const cell of new Set([...(up?.signs.keys() ?? []), ...(down?.signs.keys() ?? [])])) {
    const rise = up?.signs.get(cell);
    const fall = down?.signs.get(cell);
    const a = rise === undefined ? 0 : (up as Pattern).reach;
    const b = fall === undefined ? 0 : (down as Pattern).reach;
    widths.set(cell, rise !== undefined && rise === fall ? a + b : Math.max(a, b));
  }
  return { added: best.added, widths };
}
