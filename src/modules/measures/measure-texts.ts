// The words of a measure page for a board member (issue 12): the "By area" and "Compared with England" summaries,
// the dated points of the England chart, and the "How to read this" notes that name the statistics behind the words.
import { parseDatedPeriod } from '../../lib/dates/period-model.ts';
import { formatMeasureValue, periodWords } from '../../measures/measure-summary.ts';
import type { MeasuresService } from './measures-service.ts';

type Evaluated = NonNullable<Awaited<ReturnType<MeasuresService['evaluate']>>>;

const COMPARED: Record<string, string> = { better: 'better than', worse: 'worse than', similar: 'not clearly different from', higher: 'higher than', lower: 'lower than' };

/** A point of the England chart, with its period's first and last days when the calendar model knows the period. */
export function datedPoint(period: string, value: number | null): { label: string; value: number | null; start?: string; end?: string } {
  const dated = parseDatedPeriod(period);
  return dated ? { label: period, value, start: dated.start, end: dated.end } : { label: period, value };
}

/** "England: 12.1% in the autumn and spring terms of 2021/22 and 12.4% in the autumn term of 2023/24." and the comparison, both periods named. */
export function nationalSummaryText(e: Evaluated): string {
  if (e.national.length === 0) return 'There is no published national figure for this measure.';
  const fmt = (v: number) => formatMeasureValue(v, e.measure.unit);
  const figures = e.national.map((n) => `${fmt(n.value)} in ${periodWords(n.period)}`);
  const list = figures.length === 1 ? figures[0] : `${figures.slice(0, -1).join(', ')} and ${figures.at(-1)}`;
  const n = e.evaluation.national;
  let comparison = '';
  if (n?.comparison && n.localPeriod && n.localValue !== null) {
    comparison = ` This area's ${fmt(n.localValue)} in ${periodWords(n.localPeriod)} is ${COMPARED[n.comparison]} England's ${fmt(n.value)} for ${periodWords(n.period)}${n.note ? `; ${n.note}` : ''}.`;
  } else if (n?.note) {
    comparison = ` Not compared: ${n.note}.`;
  }
  return `England: ${list}.${comparison}`;
}

/** The "By area" summary: the spread, which areas stand out (proportions only), and for counts whether the areas add up. */
export function areaSummaryText(e: Evaluated): string {
  const ev = e.evaluation;
  if (ev.areas.length === 0) return 'There is no breakdown by area for this measure.';
  const fmt = (v: number) => formatMeasureValue(v, e.measure.unit);
  const shown = ev.areas.filter((a) => a.value !== null);
  const hidden = ev.areas.length - shown.length;
  const values = shown.map((a) => a.value!);
  const out = [`${ev.areas.length} areas in ${ev.latest?.period ?? 'the latest period'}${values.length >= 2 ? `, from ${fmt(Math.min(...values))} to ${fmt(Math.max(...values))}` : ''}${hidden ? ` (${hidden} not shown because of small numbers)` : ''}.`];
  if (ev.areaComparison?.method === 'funnel') {
    const whole = ev.latest?.value != null ? ` (${fmt(ev.latest.value)})` : '';
    const standOut = ev.areas.filter((a) => a.significance && a.significance !== 'not-significant')
      .map((a) => `${a.area} is ${a.significance!.startsWith('high') ? 'higher' : 'lower'} than the whole area${whole}`);
    out.push(standOut.length ? `${standOut.join('; ')}, by more than chance alone would explain.` : `No area differs from the whole area${whole} by more than chance alone would explain.`);
  } else if (ev.areaComparison) {
    out.push(`${ev.areaComparison.reason.charAt(0).toUpperCase()}${ev.areaComparison.reason.slice(1)}.`);
  }
  const total = ev.areaTotal;
  if (e.measure.kind === 'count') {
    if (!total) out.push('Some areas are not shown, so the areas are not added up here.');
    else if (total.matches) out.push(`Together they make the whole area's ${fmt(total.whole)}.`);
    else {
      const why = e.measure.synthetic
        ? 'this synthetic demonstration data was generated separately for each area'
        : 'some cases may have no recorded area, or the figures come from different returns, so check the source before adding them up';
      out.push(`The whole area's count (${fmt(total.whole)}) is not the sum of the areas' counts (${fmt(total.sum)}): ${why}.`);
    }
  }
  return out.join(' ');
}

/** The "How to read this" notes: what the plain words mean in statistical terms. */
export function howToRead(e: Evaluated): { heading: string; text: string }[] {
  const notes = [
    { heading: 'Likely between', text: 'The range is a 95% confidence interval: allowing for chance in small numbers, the true figure lies in such a range 95 times in 100. Percentages use the Wilson score interval, counts and rates Byar\'s method.' },
    { heading: 'Change from the baseline', text: '"By more than chance alone would explain" means a two-proportion z-test finds the difference significant at the 5% level (p < 0.05); "no clear change" means it does not.' },
    { heading: 'Compared with England', text: '"Better" or "worse than England" means England\'s figure lies outside this area\'s 95% confidence interval, as OHID Fingertips compares; "not clearly different" means it lies inside. A figure is compared only with England\'s for a like period: of the same length (a year with a year, a term with a term) and sharing more than half of this area\'s period. So 2022 is compared with the 2021/22 school year (1 September 2021 to 31 August 2022), never with a single term. A financial year runs from 1 April to 31 March.' },
    { heading: 'The usual range', text: 'The chart over time is a statistical process control (XmR) chart, as NHS England\'s Making Data Count uses. "Within the usual range" is common cause variation: the points stay inside the process limits (the mean ± 2.66 × the mean moving range) with no unusual pattern. A "real change" is special cause variation: a point outside the limits, a run of points on one side of the mean (a shift), a run of rises or falls (a trend), or two of three points near a limit.' },
  ];
  if (e.evaluation.areaComparison?.method === 'funnel') notes.push({ heading: 'By area', text: 'Areas are compared with the whole area on a funnel plot: an area outside the 95% (or 99.8%) funnel limits differs by more than chance alone would explain for an area of its size.' });
  else if (e.evaluation.areaComparison) {
    const counts = e.measure.kind === 'count' ? 'Counts are not compared between areas, because a bigger area has more of everything. The whole area\'s count should be the sum of its areas\' counts.' : 'Areas of this measure are not compared with the whole area.';
    notes.push({ heading: 'By area', text: `${counts} Only percentages are compared between areas, on a funnel plot.` });
  }
  return notes;
}
