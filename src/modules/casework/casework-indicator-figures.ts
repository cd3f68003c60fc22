// One casework indicator figure as people read it, or the reason it is not shown. Which figures are hidden, for
// small numbers or so that subtraction cannot reveal them, is decided for the whole indicator at once in
// casework-indicator-disclosure.ts; this file only formats.
import { DEFAULT_DISCLOSURE_THRESHOLD } from '../../lib/disclosure/index.ts';
import { formatValue } from '../../lib/svg/index.ts';
import type { Interval } from '../../lib/stats/index.ts';
import { pointValue } from '../../measures/evaluate-measure.ts';
import type { MeasureKind } from '../../measures/measure-definition.ts';
import { addMonths } from '../../casework/calendar-dates.ts';
import type { IndicatorDeclaration } from '../../casework/indicators.ts';

/** Counts from 1 to 4 are not shown (domain.md §7), as on the measure pages (the measures' default threshold). */
export const INDICATOR_SUPPRESSION_THRESHOLD = DEFAULT_DISCLOSURE_THRESHOLD;

/** Months in the "latest 12 months" figure and the breakdown tables. */
export const INDICATOR_WINDOW_MONTHS = 12;

/** Whether an indicator's monthly figures add up over a run of months (numerators and denominators, or counts). */
export const addsUp = (indicator: IndicatorDeclaration) => indicator.rollup === 'sum';

/** The first month of the 12 months ending with `latestMonth`. */
export const windowStart = (latestMonth: string) => addMonths(latestMonth, 1 - INDICATOR_WINDOW_MONTHS);

/** The stored numbers of one figure. */
export interface FigureNumbers {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** A figure after suppression, in display units (percent 0-100, weeks, a count), and as text. */
export interface ShownFigure {
  value: number | null;
  interval: Interval | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: string | null;
  /** "64.8%", "12.3 weeks", "1,204", or "Not shown: " and the reason. */
  text: string;
  /** "61.2% to 68.3%" for percentages, else ''. */
  intervalText: string;
  /** "64.8% (61.2% to 68.3%)": the value with its interval. */
  full: string;
  /** "35 of 54", "54 cases", "3 areas compared", or ''. */
  counts: string;
}

const count = (n: number) => formatValue(n, 'count');
const KIND: Record<IndicatorDeclaration['unit'], MeasureKind> = { percent: 'proportion', weeks: 'duration', count: 'count' };

/** The value of a figure in its unit, as text: "64.8%", "12.3 weeks", "1,204". */
export function valueText(value: number, unit: IndicatorDeclaration['unit']): string {
  if (unit === 'weeks') return `${formatValue(value, 'count', { decimals: 1 })} weeks`;
  return formatValue(value, unit === 'percent' ? 'percent' : 'count');
}

/**
 * A figure of an indicator for display, or, when `hidden` gives the reason (from the indicator's disclosure control),
 * "Not shown: <reason>" and no number at all. Percentages get a Wilson 95% interval; a range between areas counts
 * areas, not cases.
 */
export function showFigure(indicator: IndicatorDeclaration, numbers: FigureNumbers | null, hidden: string | null): ShownFigure {
  const none = { value: null, interval: null, numerator: null, denominator: null, suppressed: null, intervalText: '', counts: '' };
  if (!numbers) return { ...none, text: 'No figures yet', full: 'No figures yet' };
  if (hidden) return { ...none, suppressed: hidden, text: `Not shown: ${hidden}`, full: `Not shown: ${hidden}` };
  const range = indicator.method === 'range';
  const point = indicator.unit === 'percent'
    ? { period: '', numerator: numbers.numerator, denominator: numbers.denominator, value: null }
    : indicator.unit === 'count'
      ? { period: '', numerator: numbers.numerator, denominator: null, value: null }
      : { period: '', numerator: null, denominator: range ? null : numbers.denominator, value: numbers.value };
  // threshold 1: no count is small here, the disclosure control has already hidden what must be hidden
  const shown = pointValue(point, KIND[indicator.unit], indicator.unit, 1);
  if (shown.suppressed || shown.value === null) {
    const text = `Not shown: ${shown.suppressed ?? 'no value'}`;
    return { ...none, suppressed: shown.suppressed ?? 'no value', text, full: text };
  }
  const text = valueText(shown.value, indicator.unit);
  const interval = indicator.unit === 'percent' ? shown.interval : null;
  const intervalText = interval ? `${valueText(interval.lower, 'percent')} to ${valueText(interval.upper, 'percent')}` : '';
  let counts = '';
  if (indicator.unit === 'percent' && shown.numerator !== null && shown.denominator !== null) counts = `${count(shown.numerator)} of ${count(shown.denominator)}`;
  else if (indicator.unit === 'weeks' && numbers.denominator !== null) counts = range ? `${count(numbers.denominator)} areas compared` : `${count(numbers.denominator)} ${numbers.denominator === 1 ? 'case' : 'cases'}`;
  return {
    value: shown.value, interval, numerator: shown.numerator, denominator: indicator.unit === 'count' ? null : numbers.denominator,
    suppressed: null, text, intervalText, full: intervalText ? `${text} (${intervalText})` : text, counts,
  };
}
