import { assuranceIconSvg, comparisonChart, formatValue, intervalBars, spcChart, spcIcon, type Unit } from '../../lib/svg/index.ts';
import { pointValue } from '../../measures/evaluate-measure.ts';
import { ukDate } from '../../web/nunjucks-filters.ts';
import type { MeasuresService } from './measures-service.ts';
import { areaSummaryText, datedPoint, howToRead, nationalSummaryText } from './measure-texts.ts';

type Evaluated = NonNullable<Awaited<ReturnType<MeasuresService['evaluate']>>>;

/** Our measure units on the chart library's scale (weeks and milestones plot as plain numbers). */
export function chartUnit(unit: string): Unit {
  if (unit === 'percent' || unit === 'count' || unit === 'days') return unit;
  if (unit === 'per-1000') return 'per-1000';
  if (unit === 'per-100') return 'per-100';
  return 'count';
}

export function display(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return 'No value';
  if (unit === 'milestone') return value >= 1 ? 'Done' : 'Not yet';
  if (unit === 'weeks') return `${value.toFixed(1)} weeks`;
  return formatValue(value, chartUnit(unit));
}

const COMPARISON_TEXT: Record<string, string> = { better: 'Better than England', worse: 'Worse than England', similar: 'Similar to England', higher: 'Higher than England', lower: 'Lower than England' };
const CHANGE_TEXT: Record<string, string> = { improved: 'Improved significantly', worsened: 'Worsened significantly', higher: 'Significantly higher', lower: 'Significantly lower', 'no-significant-change': 'No significant change' };
const VARIATION_TEXT: Record<string, string> = {
  'common-cause': 'Common cause variation',
  'special-cause-improving-high': 'Improving (special cause, high)',
  'special-cause-improving-low': 'Improving (special cause, low)',
  'special-cause-concerning-high': 'Concerning (special cause, high)',
  'special-cause-concerning-low': 'Concerning (special cause, low)',
  'special-cause-neither-high': 'Special cause, high',
  'special-cause-neither-low': 'Special cause, low',
};
const FUNNEL_TEXT: Record<string, string> = {
  'high-99.8': 'Above the 99.8% limit',
  'high-95': 'Above the 95% limit',
  'not-significant': 'Within the limits',
  'low-95': 'Below the 95% limit',
  'low-99.8': 'Below the 99.8% limit',
};

/** A funnel position as the chart's comparison: better/worse by polarity, or higher/lower without one. */
function funnelComparison(significance: string | null, polarity: string): 'better' | 'worse' | 'similar' | 'higher' | 'lower' | null {
  if (!significance) return null;
  if (significance === 'not-significant') return 'similar';
  const high = significance.startsWith('high');
  if (polarity === 'neither') return high ? 'higher' : 'lower';
  return high === (polarity === 'higher-is-better') ? 'better' : 'worse';
}

const ASSURANCE_TEXT: Record<string, string> = { 'consistently-passing': 'Consistently meets target', 'consistently-failing': 'Consistently misses target', inconsistent: 'May or may not meet target' };

/** One dashboard row: scannable words for each signal, plus the icons (never colour alone). */
export function dashboardRow(e: Evaluated, href: string) {
  const ev = e.evaluation;
  const unit = e.measure.unit;
  return {
    href,
    title: e.measure.title,
    latest: ev.latest ? (ev.latest.value === null ? `Not shown: ${ev.latest.suppressed}` : display(ev.latest.value, unit)) : 'No data yet',
    latestPeriod: ev.latest?.period ?? '',
    interval: ev.latest?.interval ? `${display(ev.latest.interval.lower, unit)} to ${display(ev.latest.interval.upper, unit)}` : null,
    change: ev.change ? CHANGE_TEXT[ev.change.direction] : e.measure.baseline.text ? 'Baseline has no comparable figure' : 'No baseline',
    variation: ev.spc?.variation ? VARIATION_TEXT[ev.spc.variation] : e.measure.kind === 'milestone' ? 'Not charted: a milestone is done or not' : 'Too few points',
    variationIcon: ev.spc ? spcIcon(ev.spc.variation, { size: 32 }) : '',
    assurance: [
      ev.spc?.assurance ? ASSURANCE_TEXT[ev.spc.assurance] : ev.target ? (ev.target.status === 'met' ? 'Target met' : ev.target.status === 'not-met' ? 'Target not met' : ev.target.relative ? `Aim: ${ev.target.relative.replace(/-/g, ' ')}` : 'No numeric target') : 'No target',
      ev.target?.trajectory ? (ev.target.trajectory === 'on-track' ? 'on track for the target date' : 'off track for the target date') : null,
    ].filter(Boolean).join('; '),
    assuranceIcon: ev.spc?.assurance ? assuranceIconSvg(ev.spc.assurance, { size: 32 }) : '',
    // both periods, or why they were not compared (a term is never compared with a year)
    national: ev.national?.comparison && ev.national.localPeriod ? `${COMPARISON_TEXT[ev.national.comparison]} (${ev.national.localPeriod} against England's ${display(ev.national.value, unit)} for ${ev.national.period})` : ev.national ? 'Not compared: no England figure for a like period' : 'No national comparison',
    synthetic: e.measure.synthetic,
  };
}

/** The measure page: three charts, each with its summary, a table of the same numbers and a CSV link. */
export function measureCharts(e: Evaluated, csvHref: string) {
  const { measure, evaluation: ev } = e;
  const unit = chartUnit(measure.unit);
  const spc = ev.spc;
  // approved corrections of data returns: marked in the table and said in the summary
  const revised = new Set(e.revisedPeriods);
  const revisedNote = revised.size === 0 ? null : `The figures for ${listOf([...revised])} have been revised since they were first approved.`;
  const summary = revisedNote ? `${ev.summary} ${revisedNote}` : ev.summary;
  // every period, suppressed ones included (as gaps), so nothing silently disappears
  const overTime = e.series.map((p) => {
    const v = pointValue(p, measure.kind, measure.unit, e.suppressionThreshold);
    const at = spc ? spc.periods.indexOf(p.period) : -1;
    const point = at >= 0 ? spc!.chart.points[at] : undefined;
    return { period: p.period, value: v.value, suppressed: v.suppressed, point };
  });
  const spcSvg = spcChart({
    id: 'spc',
    title: `${measure.title}: statistical process control chart`,
    summary,
    points: overTime.some((p) => p.value !== null) ? overTime.map((p) => ({ label: p.period, value: p.point?.value ?? p.value, specialCause: p.point?.specialCause ?? false, rules: p.point?.rules ?? [], direction: p.point?.direction ?? null })) : [],
    mean: spc?.chart.mean ?? null,
    lowerLimit: spc?.chart.lowerLimit ?? null,
    upperLimit: spc?.chart.upperLimit ?? null,
    target: measure.target.value,
    polarity: measure.polarity,
    unit,
  });
  const areaSummary = areaSummaryText(e);
  const areaSvg = intervalBars({
    id: 'areas',
    title: `${measure.title}: by area`,
    summary: areaSummary,
    rows: ev.areas.map((a) => ({ label: a.area, value: a.value, lower: a.interval?.lower ?? null, upper: a.interval?.upper ?? null, comparison: funnelComparison(a.significance, measure.polarity) })),
    // a count is not compared with the whole area's count (funnel limits are for proportions only)
    benchmark: ev.areaComparison?.method === 'funnel' ? (ev.latest?.value ?? null) : null,
    benchmarkLabel: 'Whole area',
    unit,
  });
  const nationalSummary = nationalSummaryText(e);
  const nationalSvg = comparisonChart({
    id: 'national',
    title: `${measure.title}: compared with England`,
    summary: nationalSummary,
    series: [
      // placed by their dates (src/lib/dates/period-model.ts), so England's school years and terms fall where they were
      { name: 'This area', style: 'local', points: overTime.map((p) => datedPoint(p.period, p.value)) },
      { name: 'England', style: 'national', points: e.national.map((n) => datedPoint(n.period, n.value)) },
    ],
    unit,
  });
  return {
    revisedNote,
    howToRead: howToRead(e),
    spc: { svg: spcSvg, summary, rows: overTime.map((p) => ({ period: revised.has(p.period) ? `${p.period} (revised)` : p.period, value: p.suppressed ? `Not shown: ${p.suppressed}` : display(p.value, measure.unit), movingRange: p.point?.movingRange == null ? '' : display(p.point.movingRange, measure.unit), signal: p.point?.specialCause ? p.point.rules.join(', ') : p.point ? 'None' : '' })), limits: spc ? { mean: display(spc.chart.mean, measure.unit), lower: display(spc.chart.lowerLimit, measure.unit), upper: display(spc.chart.upperLimit, measure.unit) } : null },
    areas: { svg: areaSvg, summary: areaSummary, rows: ev.areas.map((a) => ({ area: a.area, value: a.value === null ? `Not shown: ${a.suppressed}` : display(a.value, measure.unit), interval: a.interval ? `${display(a.interval.lower, measure.unit)} to ${display(a.interval.upper, measure.unit)}` : '', significance: a.significance ? (FUNNEL_TEXT[a.significance] ?? a.significance) : ev.areaComparison?.method === 'none' ? 'Not compared' : '' })) },
    national: { svg: nationalSvg, summary: nationalSummary, rows: e.national.map((n) => ({ period: n.period, value: display(n.value, measure.unit) })) },
    csvHref,
    targetText: measure.target.value !== null ? `${display(measure.target.value, measure.unit)}${measure.target.on ? ` by ${ukDate(measure.target.on)}` : ''}` : null,
  };
}

/** "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** CSV of a measure's series; cells that look like formulas are neutralised (CWE-1236). */
export function measureCsv(e: Evaluated): string {
  const safe = (cell: string) => (/^-?\d+(\.\d+)?$/.test(cell) ? cell : /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  const quote = (cell: string) => `"${safe(cell).replace(/"/g, '""')}"`;
  const rows = [['measure', 'period', 'breakdown', 'numerator', 'denominator', 'value', 'lower_95', 'upper_95', 'suppressed', 'synthetic']];
  for (const p of e.series) {
    // published data: small counts are suppressed here too, not only on the page
    const v = pointValue(p, e.measure.kind, e.measure.unit, e.suppressionThreshold);
    rows.push([e.measure.slug, p.period, 'all', v.suppressed ? '' : String(p.numerator ?? ''), v.suppressed ? '' : String(p.denominator ?? ''), v.value === null ? '' : v.value.toFixed(3), v.interval ? v.interval.lower.toFixed(3) : '', v.interval ? v.interval.upper.toFixed(3) : '', v.suppressed ?? '', String(e.measure.synthetic)]);
  }
  for (const a of e.evaluation.areas) {
    rows.push([e.measure.slug, e.evaluation.latest?.period ?? '', `area:${a.area}`, '', '', a.value === null ? '' : a.value.toFixed(3), a.interval ? a.interval.lower.toFixed(3) : '', a.interval ? a.interval.upper.toFixed(3) : '', a.suppressed ?? '', String(e.measure.synthetic)]);
  }
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
