// A table as additive layers: the counts that the attacker's linear program treats as separate unknowns.
import type { DisclosureTable, SensitiveQuantity } from './types.ts';

/** One additive relation inside a layer, by cell index: values[total] = Σ values[parts]. */
export interface LayerRelation {
  total: number;
  parts: readonly number[];
}

/**
 * One count per cell that adds up along every relation: the numerators k, the complements m = n − k, or the counts n
 * of count cells. A proportion's n = k + m, so protecting k and m in their own layers bounds n too: the attacker's
 * problems for k and m share no constraint (each relation holds for k and for n, hence for k and for m), and the
 * range of n is the sum of their ranges (Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.3).
 */
export interface SuppressionLayer {
  quantity: SensitiveQuantity;
  /** The cell's count in this layer, or NaN when the cell has none (a count cell in the numerator layer). */
  values: Float64Array;
  relations: readonly LayerRelation[];
  /** For each cell, the relations it is in, with +1 where it is the total and −1 where it is a part. */
  memberships: readonly (readonly { relation: number; coefficient: 1 | -1 }[])[];
}

/**
 * The layers of `table`, with cell indices in table order.
 *
 * @throws RangeError when a relation names a cell not in the table, names a cell twice, or mixes proportions with
 *   counts (their numerators would not add up).
 */
export function suppressionLayers(table: DisclosureTable, index: ReadonlyMap<string, number>): SuppressionLayer[] {
  const size = table.cells.length;
  const proportion = table.cells.map((cell) => cell.numerator !== null);
  const relations: LayerRelation[] = table.relations.map((relation) => {
    const ids = [relation.total, ...relation.parts];
    const members = ids.map((id) => {
      const at = index.get(id);
      if (at === undefined) throw new RangeError(`relation with total ${relation.total}: cell ${id} is not in the table`);
      return at;
    });
    if (new Set(members).size !== members.length) throw new RangeError(`relation with total ${relation.total} names a cell twice`);
    if (relation.parts.length === 0) throw new RangeError(`relation with total ${relation.total} has no parts`);
    const kinds = new Set(members.map((at) => proportion[at]));
    if (kinds.size > 1) throw new RangeError(`relation with total ${relation.total} mixes proportions with counts`);
    return { total: members[0] as number, parts: members.slice(1) };
  });
  const layer = (quantity: SensitiveQuantity, value: (i: number) => number, forProportions: boolean): SuppressionLayer => {
    const values = new Float64Array(size).map((_, i) => value(i));
    const own = relations.filter((relation) => proportion[relation.total] === forProportions);
    const memberships: { relation: number; coefficient: 1 | -1 }[][] = Array.from({ length: size }, () => []);
    own.forEach((relation, r) => {
      memberships[relation.total]?.push({ relation: r, coefficient: 1 });
      for (const part of relation.parts) memberships[part]?.push({ relation: r, coefficient: -1 });
    });
    return { quantity, values, relations: own, memberships };
  };
  const cell = (i: number) => table.cells[i] as (typeof table.cells)[number];
  return [
    layer('numerator', (i) => cell(i).numerator ?? NaN, true),
    layer('complement', (i) => (cell(i).numerator === null ? NaN : cell(i).denominator - (cell(i).numerator as number)), true),
    layer('denominator', (i) => (cell(i).numerator === null ? cell(i).denominator : NaN), false),
  ];
}
