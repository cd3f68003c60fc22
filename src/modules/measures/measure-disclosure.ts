// Disclosure control for one measure: every figure its page, its CSV and the dashboard show (each period of the
// whole-area series, and each area in the latest period) as one table protected once (src/lib/disclosure/), so
// that no hidden figure can be worked out by subtracting the shown areas from the whole area (issue 12, defect 1).
import { protect, reasonText, type DisclosureCell, type LinearRelation } from '../../lib/disclosure/index.ts';
import type { SeriesPoint } from '../../measures/evaluate-measure.ts';

/**
 * The additive counts behind a point: k of n where the numerator is part of the denominator (proportions, and rates
 * whose events are fewer than the population), the count alone for a count (or a rate with more events than
 * people), n cases for a median. Null for a value without counts (a milestone): nothing to add up or protect.
 */
function cellOf(id: string, p: SeriesPoint): DisclosureCell | null {
  const { numerator: k, denominator: n } = p;
  if (k !== null && n !== null) return k <= n ? { id, numerator: k, denominator: n } : { id, numerator: null, denominator: k };
  if (k !== null) return { id, numerator: null, denominator: k };
  if (n !== null) return { id, numerator: null, denominator: n };
  return null;
}

/**
 * The series and areas with `suppressed` set, with its true reason, on every point to hide. The whole area of the
 * latest period is the sum of its areas (and of a remainder when the areas add up to less: records without an area);
 * where the areas add up to more, they are not a partition of it and no sum links them.
 */
export function protectMeasure<A extends SeriesPoint>(series: readonly SeriesPoint[], areas: readonly A[], threshold: number): { series: SeriesPoint[]; areas: A[] } {
  // a threshold below 1 (no suppression) is a count of 1 that is never small
  const limit = Math.max(1, threshold);
  const cells: DisclosureCell[] = [];
  const seriesIds = series.map((p, i) => `period:${i}:${p.period}`);
  const areaIds = areas.map((a, i) => `area:${i}`);
  series.forEach((p, i) => { const c = cellOf(seriesIds[i]!, p); if (c) cells.push(c); });
  areas.forEach((a, i) => { const c = cellOf(areaIds[i]!, a); if (c) cells.push(c); });
  const relations: LinearRelation[] = [];
  const total = series.length > 0 ? cells.find((c) => c.id === seriesIds.at(-1)) : undefined;
  const parts = cells.filter((c) => c.id.startsWith('area:'));
  const shape = (c: DisclosureCell) => c.numerator === null;
  if (total && parts.length > 0 && parts.every((c) => shape(c) === shape(total))) {
    const restK = total.numerator === null ? 0 : total.numerator - parts.reduce((s, c) => s + (c.numerator ?? 0), 0);
    const restN = total.denominator - parts.reduce((s, c) => s + c.denominator, 0);
    if (restN >= 0 && restK >= 0 && restK <= restN) {
      const ids = parts.map((c) => c.id);
      if (restN > 0) {
        cells.push({ id: 'area:remainder', numerator: total.numerator === null ? null : restK, denominator: restN });
        ids.push('area:remainder');
      }
      relations.push({ total: total.id, parts: ids });
    }
  }
  const { suppressed } = protect({ cells, relations, threshold: limit });
  const mark = <P extends SeriesPoint>(p: P, id: string): P => {
    const reason = suppressed.get(id);
    return reason ? { ...p, suppressed: reasonText(reason, limit) } : p;
  };
  return { series: series.map((p, i) => mark(p, seriesIds[i]!)), areas: areas.map((a, i) => mark(a, areaIds[i]!)) };
}
