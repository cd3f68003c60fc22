// Disclosure control for one casework indicator: every figure its list row, its page and its CSV show, with every
// sum a reader can see between them, as one table protected once (src/lib/disclosure/), so that the three hide the
// same cells and no hidden one can be worked out by subtraction (issue 12, defect 1).
import { protect, type DisclosureCell, type LinearRelation, type SuppressionReason } from '../../lib/disclosure/index.ts';
import type { IndicatorDeclaration } from '../../casework/indicators.ts';
import { addsUp, windowStart } from './casework-indicator-figures.ts';
import type { IndicatorFigure } from './casework-indicator-values.ts';

/** Where a figure sits: a stored period (month, quarter, year) or the 12 months to the latest month ('window'). */
export interface FigureKey {
  grain: IndicatorFigure['grain'] | 'window';
  periodStart: string;
  breakdown: string;
  breakdownValue: string;
}

/** The protection of one indicator's figures, with the threshold it was made with. */
export interface IndicatorDisclosure {
  threshold: number;
  /** The 12 months to the latest month, for the whole area (breakdown '') and each breakdown value, as added up. */
  windows: readonly { breakdown: string; breakdownValue: string; numerator: number | null; denominator: number | null }[];
  /** Whether the indicator's pages and CSV publish the figure (a breakdown's single months are not). */
  published(key: FigureKey): boolean;
  /** Why the figure is hidden, or null when it may be shown. */
  reason(key: FigureKey): SuppressionReason | null;
  /** Why the 12-month figure (whole area: breakdown '') is hidden, or null. */
  windowReason(breakdown: string, breakdownValue: string): SuppressionReason | null;
}

const idOf = (k: FigureKey) => `${k.grain}:${k.periodStart}|${k.breakdown}|${k.breakdownValue}`;
const quarterOf = (month: string) => `${month.slice(0, 5)}${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const yearOf = (start: string) => `${start.slice(0, 4)}-01-01`;

/**
 * The additive counts behind a figure: k of n for a percentage, n cases for a median (the median itself does not
 * add up), the count itself for a count. Null for a range between areas, whose denominator counts areas, not cases.
 */
function cellOf(indicator: IndicatorDeclaration, id: string, f: Pick<IndicatorFigure, 'numerator' | 'denominator'>): DisclosureCell | null {
  if (indicator.method === 'range') return null;
  if (indicator.unit === 'count') return { id, numerator: null, denominator: f.numerator ?? f.denominator ?? 0 };
  if (f.denominator === null) return null;
  return { id, numerator: indicator.unit === 'percent' ? (f.numerator ?? 0) : null, denominator: f.denominator };
}

/** Collects cells and the sums between them; a total that is more than its parts gets its remainder as a part. */
class TableBuilder {
  readonly cells = new Map<string, DisclosureCell>();
  readonly relations: LinearRelation[] = [];

  add(cell: DisclosureCell | null): void {
    if (cell) this.cells.set(cell.id, cell);
  }

  /** total = sum of parts (absent parts are zeros: nothing was stored for them). */
  relate(total: string, partIds: readonly string[], label: string): void {
    const t = this.cells.get(total);
    const parts = [...new Set(partIds)].filter((id) => id !== total && this.cells.has(id));
    if (!t || parts.length === 0) return;
    const k = parts.reduce((s, id) => s + (this.cells.get(id)!.numerator ?? 0), 0);
    const n = parts.reduce((s, id) => s + this.cells.get(id)!.denominator, 0);
    const restK = t.numerator === null ? 0 : t.numerator - k;
    const restN = t.denominator - n;
    // parts that add up to more than the total are not a partition of it: no sum of these cells holds
    if (restN < 0 || restK < 0 || restK > restN) return;
    if (restN > 0 || restK > 0) {
      const id = `remainder:${total}:${label}`;
      this.cells.set(id, { id, numerator: t.numerator === null ? null : restK, denominator: restN });
      parts.push(id);
    }
    this.relations.push({ total, parts });
  }
}

/**
 * Builds and protects the table of everything shown about an indicator: each stored month, quarter and year of the
 * whole area and, where the figures add up, the 12 months to the latest month for the whole area and each breakdown
 * value ("Not recorded" included); where they do not add up, the latest month by breakdown value. The sums: each breakdown adds up to its period's
 * whole-area figure; a quarter is its months and a year its quarters (`rollup: 'sum'`), or a quarter is its latest
 * month and a year its latest quarter (month-end snapshots, `'last'`, as indicator-apply-sql.ts rolls them up); the
 * 12 months are their months.
 */
export function indicatorDisclosure(indicator: IndicatorDeclaration, stored: readonly IndicatorFigure[], threshold: number): IndicatorDisclosure {
  // one order whatever the caller's, so the list page, the indicator page and the CSV get the same protection
  const figures = [...stored].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  const table = new TableBuilder();
  // Published: the whole area's months, quarters and years, and (below) the 12 months by each breakdown value.
  // A breakdown's single months are not published to anyone (pages and CSV alike): at a month's grain almost every
  // area, need or age cell is a small number, and protecting them would hide nearly every figure on the page.
  const latestWhole = (grain: IndicatorFigure['grain']) => figures.filter((f) => f.grain === grain && !f.breakdown).map((f) => f.periodStart).sort().at(-1);
  const latest = { month: latestWhole('month'), quarter: latestWhole('quarter'), year: latestWhole('year') };
  const shownBreakdown = (f: IndicatorFigure) => !addsUp(indicator) && f.grain === 'month' && f.periodStart === latest.month;
  // A plan measure computed from the indicator (measures.computed_from) shows its latest period by area at its own
  // grain: those figures are in the table too, so the indicator's pages and the measure's pages hide them alike.
  const linkedBreakdown = (f: IndicatorFigure) => f.periodStart === latest[f.grain];
  const published = new Set<string>();
  for (const f of figures) {
    if (f.breakdown && !shownBreakdown(f) && !linkedBreakdown(f)) continue;
    table.add(cellOf(indicator, idOf(f), f));
    if (!f.breakdown || shownBreakdown(f)) published.add(idOf(f));
  }
  const breakdownsAt = new Map<string, IndicatorFigure[]>();
  for (const f of figures) {
    if (!f.breakdown) continue;
    const key = `${f.grain}:${f.periodStart}|${f.breakdown}`;
    breakdownsAt.set(key, [...(breakdownsAt.get(key) ?? []), f]);
  }
  // each breakdown of a period adds up to the period's whole area
  for (const [key, parts] of breakdownsAt) {
    const { grain, periodStart } = parts[0]!;
    table.relate(idOf({ grain, periodStart, breakdown: '', breakdownValue: '' }), parts.map(idOf), key);
  }
  // quarters and years from months and quarters, as they were rolled up
  const months = figures.filter((f) => f.grain === 'month');
  const parentOf = (f: IndicatorFigure): FigureKey | null => (f.grain === 'month' ? { ...f, grain: 'quarter', periodStart: quarterOf(f.periodStart) }
    : f.grain === 'quarter' ? { ...f, grain: 'year', periodStart: yearOf(f.periodStart) } : null);
  if (indicator.rollup === 'sum') {
    const children = new Map<string, string[]>();
    for (const f of figures) {
      const parent = parentOf(f);
      if (parent) children.set(idOf(parent), [...(children.get(idOf(parent)) ?? []), idOf(f)]);
    }
    for (const [parent, parts] of children) table.relate(parent, parts, 'periods');
  } else if (indicator.rollup === 'last') {
    // the latest month (quarter) with any figure stands for its quarter (year), every breakdown alike
    const latest = new Map<string, string>();
    for (const f of figures) {
      const parent = parentOf(f);
      if (parent && f.periodStart > (latest.get(`${parent.grain}:${parent.periodStart}`) ?? '')) latest.set(`${parent.grain}:${parent.periodStart}`, f.periodStart);
    }
    for (const f of figures) {
      const parent = parentOf(f);
      if (parent && latest.get(`${parent.grain}:${parent.periodStart}`) === f.periodStart) table.relate(idOf(parent), [idOf(f)], 'periods');
    }
  }
  // the 12 months to the latest month, for the whole area and each breakdown value
  const latestMonth = months.filter((m) => !m.breakdown).map((m) => m.periodStart).sort().at(-1);
  const windowKey = (breakdown: string, breakdownValue: string): FigureKey => ({ grain: 'window', periodStart: latestMonth ?? '', breakdown, breakdownValue });
  const windows: { breakdown: string; breakdownValue: string; numerator: number | null; denominator: number | null }[] = [];
  if (latestMonth && addsUp(indicator)) {
    const inWindow = months.filter((m) => m.periodStart >= windowStart(latestMonth) && m.periodStart <= latestMonth);
    const groups = new Map<string, IndicatorFigure[]>();
    for (const m of inWindow) groups.set(`${m.breakdown}|${m.breakdownValue}`, [...(groups.get(`${m.breakdown}|${m.breakdownValue}`) ?? []), m]);
    for (const group of groups.values()) {
      const { breakdown, breakdownValue } = group[0]!;
      const sum = { numerator: group.reduce((s, m) => s + (m.numerator ?? 0), 0), denominator: group.some((m) => m.denominator !== null) ? group.reduce((s, m) => s + (m.denominator ?? 0), 0) : null };
      windows.push({ breakdown, breakdownValue, ...sum });
      table.add(cellOf(indicator, idOf(windowKey(breakdown, breakdownValue)), sum));
      table.relate(idOf(windowKey(breakdown, breakdownValue)), group.map(idOf), 'months');
    }
    for (const breakdown of new Set(inWindow.filter((m) => m.breakdown).map((m) => m.breakdown))) {
      const values = [...groups.values()].filter((g) => g[0]!.breakdown === breakdown).map((g) => idOf(windowKey(breakdown, g[0]!.breakdownValue)));
      table.relate(idOf(windowKey('', '')), values, `window|${breakdown}`);
    }
  }
  const { suppressed } = protect({ cells: [...table.cells.values()], relations: table.relations, threshold });
  return {
    threshold,
    windows,
    published: (key) => published.has(idOf(key)),
    reason: (key) => suppressed.get(idOf(key)) ?? null,
    windowReason: (breakdown, breakdownValue) => suppressed.get(idOf(windowKey(breakdown, breakdownValue))) ?? null,
  };
}
