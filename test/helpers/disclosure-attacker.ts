// The attacker of a protected table: linear programming over everything shown (HiGHS, tests only).
//
// Use:
//   const cells = table.cells.map((c) => ({ id: c.id, numerator: c.numerator, denominator: c.denominator,
//     hidden: protection.suppressed.has(c.id) }));
//   const intervals = await attack(cells, table.relations);            // what an attacker can bound, hidden cells only
//   const leaks = await recoverable(cells, table.relations, threshold); // [] when every hidden count is protected
//   assert.deepEqual(leaks, []);
//
// Each cell is two non-negative unknowns, k and m = n − k (a count cell has n only). A shown cell's numbers are
// fixed; a hidden cell's numbers are ignored by the attack (pass the true ones: `recoverable` needs them). A cell
// whose numerator is null is a count cell; give `kind: 'proportion'` for a proportion whose numbers you leave null.
// Every relation holds for n; it holds for k too when all its cells are proportions. For each hidden cell and each of
// k, n and n − k, the attacker minimises and maximises it subject to all of that (continuous LP, in CPLEX LP format,
// as the protection criterion defines the attacker; integer programming could narrow some intervals further).
// `recoverable` stops optimising a count once feasible points span the threshold. Fellegi (1972) "On the question
// of statistical confidentiality", JASA 67(337); Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.3
// (the attacker's problem, "feasibility intervals").
import highsModule from 'highs';
import type { Highs } from 'highs';
import type { LinearRelation } from '../../src/lib/disclosure/index.ts';

export interface AttackCell {
  id: string;
  numerator: number | null;
  denominator: number | null;
  hidden: boolean;
  kind?: 'proportion' | 'count';
}

export type Interval = [min: number, max: number];

/** What the attacker can bound for one hidden cell; null where the cell has no such count. Max may be Infinity. */
export interface CellBounds {
  k: Interval | null;
  n: Interval;
  complement: Interval | null;
}

// highs ships one CommonJS-flavoured d.ts for both builds; at run time its ES module's default export is the loader.
type Loader = () => Promise<Highs>;
const highsLoader = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as unknown as Loader;
let loaded: Promise<Highs> | undefined;
let solves = 0;

/** How many LPs this process has solved (for the property test's report). */
export function lpSolveCount(): number {
  return solves;
}

/** A linear expression: variable name → coefficient, plus a constant. */
interface Expression {
  terms: Map<string, number>;
  constant: number;
}

function add(target: Expression, source: Expression, sign: number): void {
  target.constant += sign * source.constant;
  for (const [name, coefficient] of source.terms) target.terms.set(name, (target.terms.get(name) ?? 0) + sign * coefficient);
}

function format(terms: Map<string, number>): string {
  const parts = [...terms].filter(([, c]) => c !== 0).map(([name, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${name}`);
  return parts.length === 0 ? '' : parts.join(' ');
}

/**
 * Every hidden cell's bounds, keyed by id. Throws when what is shown contradicts the relations. With `enough`, a
 * quantity is not optimised further once feasible points already seen span `enough`: its interval is then the span
 * of those points (the hidden cells' own numbers, where given, count as one: they are the truth), inside the
 * attacker's, and at least `enough` wide; narrower intervals are always exact.
 */
export async function attack(cells: readonly AttackCell[], relations: readonly LinearRelation[], enough?: number): Promise<Map<string, CellBounds>> {
  const highs = await (loaded ??= highsLoader());
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const isProportion = (cell: AttackCell): boolean => (cell.kind ?? (cell.numerator === null ? 'count' : 'proportion')) === 'proportion';
  const variables: string[] = [];
  const k = new Map<string, Expression>();
  const n = new Map<string, Expression>();
  cells.forEach((cell, i) => {
    if (!cell.hidden) {
      if (cell.denominator === null) throw new Error(`shown cell ${cell.id} has no denominator`);
      if (isProportion(cell)) k.set(cell.id, { terms: new Map(), constant: cell.numerator ?? 0 });
      n.set(cell.id, { terms: new Map(), constant: cell.denominator });
    } else if (isProportion(cell)) {
      variables.push(`k${i}`, `m${i}`);
      k.set(cell.id, { terms: new Map([[`k${i}`, 1]]), constant: 0 });
      n.set(cell.id, { terms: new Map([[`k${i}`, 1], [`m${i}`, 1]]), constant: 0 });
    } else {
      variables.push(`n${i}`);
      n.set(cell.id, { terms: new Map([[`n${i}`, 1]]), constant: 0 });
    }
  });
  const rows: string[] = [];
  relations.forEach((relation, r) => {
    const ids = [relation.total, ...relation.parts];
    for (const id of ids) if (!byId.has(id)) throw new Error(`relation ${relation.total}: no cell ${id}`);
    const layers: [string, Map<string, Expression>][] = [['n', n]];
    if (ids.every((id) => isProportion(byId.get(id) as AttackCell))) layers.push(['k', k]);
    for (const [layer, values] of layers) {
      const sum: Expression = { terms: new Map(), constant: 0 };
      add(sum, values.get(relation.total) as Expression, 1);
      for (const part of relation.parts) add(sum, values.get(part) as Expression, -1);
      const text = format(sum.terms);
      if (text === '') {
        if (Math.abs(sum.constant) > 1e-9) throw new Error(`relation ${relation.total} does not add up in what is shown`);
        continue;
      }
      rows.push(` ${layer}${r}: ${text} = ${-sum.constant}`);
    }
  });
  // A free row keeps every variable known to the model even when no relation uses it.
  const anchor = variables.length > 0 ? ` anchor: ${variables.map((v) => `+ 1 ${v}`).join(' ')} >= 0` : '';
  const body = `Subject To\n${[...rows, anchor].join('\n')}\nBounds\n${variables.map((v) => ` ${v} >= 0`).join('\n')}\nEnd\n`;
  // One model per table; each bound changes only the objective and re-solves from the last basis.
  const model = highs.createModel({ format: 'lp', data: `Minimize\n obj: 0 ${variables[0] ?? 'x'}\n${body}` });
  const columns = variables.map((name) => model.getColByName(name));
  const column = new Map(variables.map((name, i) => [name, columns[i] as number]));
  const { objectiveSense, modelStatus } = highs.constants;
  const optimise = (sense: 'Minimize' | 'Maximize', objective: Expression): { value: number; point: Float64Array | null } => {
    const costs = new Float64Array(columns.length);
    variables.forEach((name, i) => (costs[columns[i] as number] = objective.terms.get(name) ?? 0));
    model.changeColsCost({ kind: 'range', from: 0, to: columns.length - 1 }, costs);
    model.changeObjectiveSense(sense === 'Minimize' ? objectiveSense.minimize : objectiveSense.maximize);
    let status = model.run().modelStatus;
    solves += 1;
    if (status === modelStatus.unboundedOrInfeasible) {
      model.options.set({ presolve: 'off' });
      status = model.run().modelStatus;
      solves += 1;
    }
    if (status === modelStatus.optimal) return { value: model.getObjectiveValue() + objective.constant, point: model.getSolution().colValue };
    if (status === modelStatus.unbounded) return { value: sense === 'Maximize' ? Infinity : -Infinity, point: null };
    throw new Error(`attacker LP ended with HiGHS model status ${status}`);
  };
  // Every quantity of every hidden cell, with the range of the feasible points seen so far.
  const goals: { id: string; quantity: keyof CellBounds; expression: Expression; range: Interval }[] = [];
  for (const cell of cells) {
    if (!cell.hidden) continue;
    const nExpression = n.get(cell.id) as Expression;
    goals.push({ id: cell.id, quantity: 'n', expression: nExpression, range: [Infinity, -Infinity] });
    if (!isProportion(cell)) continue;
    const kExpression = k.get(cell.id) as Expression;
    const complement: Expression = { terms: new Map(), constant: 0 };
    add(complement, nExpression, 1);
    add(complement, kExpression, -1);
    goals.push({ id: cell.id, quantity: 'k', expression: kExpression, range: [Infinity, -Infinity] });
    goals.push({ id: cell.id, quantity: 'complement', expression: complement, range: [Infinity, -Infinity] });
  }
  const see = (point: Float64Array): void => {
    for (const goal of goals) {
      let value = goal.expression.constant;
      for (const [name, coefficient] of goal.expression.terms) value += coefficient * (point[column.get(name) as number] as number);
      goal.range[0] = Math.min(goal.range[0], value);
      goal.range[1] = Math.max(goal.range[1], value);
    }
  };
  if (enough !== undefined) {
    // The true table is one feasible point: start every span from the hidden cells' own numbers where given.
    for (const goal of goals) {
      const cell = byId.get(goal.id) as AttackCell;
      if (cell.denominator === null || (goal.quantity !== 'n' && cell.numerator === null)) continue;
      const value = goal.quantity === 'n' ? cell.denominator : goal.quantity === 'k' ? (cell.numerator as number) : cell.denominator - (cell.numerator as number);
      goal.range = [value, value];
    }
  }
  try {
    model.options.set({ output_flag: false, presolve: 'off' });
    for (const goal of goals) {
      for (const sense of ['Minimize', 'Maximize'] as const) {
        if (enough !== undefined && goal.range[1] - goal.range[0] >= enough) break;
        const { value, point } = optimise(sense, goal.expression);
        if (point) see(point);
        if (sense === 'Minimize') goal.range[0] = Math.min(goal.range[0], value);
        else goal.range[1] = Math.max(goal.range[1], value);
      }
    }
  } finally {
    model.dispose();
  }
  const result = new Map<string, CellBounds>();
  for (const goal of goals) {
    const bounds = result.get(goal.id) ?? { k: null, n: [0, 0], complement: null };
    bounds[goal.quantity] = goal.range;
    result.set(goal.id, bounds);
  }
  return result;
}

/** A hidden count the attacker can pin down to an interval narrower than the threshold. */
export interface Leak {
  id: string;
  quantity: 'numerator' | 'denominator' | 'complement';
  truth: number;
  interval: Interval;
}

/**
 * The hidden cells whose k, n or n − k is not zero yet lies in an attacker's interval narrower than `threshold`
 * (1e-6 allowed for floating point). Hidden cells must carry their true numbers. Also fails loudly when the truth is
 * outside a narrow interval, which would mean the model is wrong. Stops optimising a count once feasible points span
 * the threshold (see `attack`), so it needs far fewer LPs than the full intervals.
 */
export async function recoverable(cells: readonly AttackCell[], relations: readonly LinearRelation[], threshold: number): Promise<Leak[]> {
  const intervals = await attack(cells, relations, threshold);
  const leaks: Leak[] = [];
  for (const cell of cells) {
    const bounds = intervals.get(cell.id);
    if (!bounds) continue;
    if (cell.denominator === null) throw new Error(`hidden cell ${cell.id} needs its true denominator`);
    const checks: [Leak['quantity'], number | null, Interval | null][] = [
      ['numerator', cell.numerator, bounds.k],
      ['denominator', cell.denominator, bounds.n],
      ['complement', cell.numerator === null ? null : cell.denominator - cell.numerator, bounds.complement],
    ];
    for (const [quantity, truth, interval] of checks) {
      if (truth === null || interval === null) continue;
      if (interval[1] - interval[0] >= threshold - 1e-6) continue;
      // A narrow interval is the attacker's exact one, so it must hold the truth.
      if (truth < interval[0] - 1e-6 || truth > interval[1] + 1e-6) throw new Error(`${cell.id} ${quantity} ${truth} outside [${interval.join(', ')}]`);
      if (truth !== 0) leaks.push({ id: cell.id, quantity, truth, interval });
    }
  }
  return leaks;
}
