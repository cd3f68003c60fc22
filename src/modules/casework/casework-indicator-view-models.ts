// What the casework indicator pages show: every indicator's latest month and 12 months in groups, and one
// indicator's series by month, quarter and year, its breakdowns and the plan measures computed from it, with a
// chart that has a text summary and the same numbers in the tables. Aggregates only; small numbers suppressed.
import type { SignedIn } from '../accounts/index.ts';
import { comparisonChart } from '../../lib/svg/index.ts';
import { addMonths, monthStart } from '../../casework/calendar-dates.ts';
import { indicatorKinds, type IndicatorBreakdown, type IndicatorDeclaration } from '../../casework/indicators.ts';
import type { CaseworkKind } from '../../casework/record-kind-types.ts';
import { ruleById } from '../../casework/rules.ts';
import { caseworkHome, monthName } from './casework-view-models.ts';
import { DEFAULT_DISCLOSURE_THRESHOLD, reasonText, type SuppressionReason } from '../../lib/disclosure/index.ts';
import { addsUp, showFigure, valueText, windowStart, type ShownFigure } from './casework-indicator-figures.ts';
import type { IndicatorFigure, IndicatorHeadline, LinkedMeasure } from './casework-indicator-values.ts';
import type { IndicatorDisclosure } from './casework-indicator-disclosure.ts';

/** Months in the series table and chart. */
export const SERIES_MONTHS = 24;
const SERIES_QUARTERS = 12;

const GROUPS: readonly { id: string; title: string; kinds: readonly CaseworkKind[] }[] = [
  { id: 'ehc', title: 'EHC needs assessments and plans', kinds: ['ehc-requests'] },
  { id: 'advice', title: 'Advice for EHC needs assessments', kinds: ['advice-requests'] },
  { id: 'reviews', title: 'Annual reviews and phase transfers', kinds: ['annual-reviews', 'phase-transfers'] },
  { id: 'referrals', title: 'Referrals and waits for assessment', kinds: ['referrals'] },
  { id: 'equipment', title: 'Specialist equipment', kinds: ['equipment-requests'] },
  { id: 'dsr', title: 'Dynamic support register', kinds: ['dsr-entries', 'dsr-events'] },
];

const BREAKDOWN_LABELS: Record<IndicatorBreakdown, string> = {
  area: 'Area', need: 'Primary need', 'age-group': 'Age group', provider: 'Provider', pathway: 'Pathway',
  'advice-type': 'Advice type', 'equipment-type': 'Equipment type', rating: 'Rating',
};

export const indicatorsHome = (auth: SignedIn) => `${caseworkHome(auth)}/indicators`;
const indicatorHref = (auth: SignedIn, id: string) => `${indicatorsHome(auth)}/${encodeURIComponent(id)}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const periodText = (grain: IndicatorFigure['grain'], start: string) => {
  if (grain === 'year') return start.slice(0, 4);
  if (grain === 'quarter') return `${MONTHS[Number(start.slice(5, 7)) - 1]} to ${monthName(addMonths(start, 2))}`;
  return monthName(start);
};
/** "June 2025", or "June 2025 (so far)" for the month that has not ended: its figures will still change. */
const monthText = (start: string, today: string) => `${monthName(start)}${start === monthStart(today) ? ' (so far)' : ''}`;
const windowText = (latestMonth: string, today: string) => `${monthName(windowStart(latestMonth))} to ${monthText(latestMonth, today)}`;

/** Why an indicator has no 12-month figure. */
function notAddedUp(indicator: IndicatorDeclaration): string {
  return indicator.rollup === 'last' ? 'Not added up: a count at each month end' : 'Not added up: a median or range is for one month';
}

/** Casework analysts reach the overview; everyone else has no breadcrumb to a page they may not open. */
const crumbs = (auth: SignedIn) => (auth.role === 'analyst' ? [{ text: 'Casework', href: caseworkHome(auth) }] : undefined);

const suppressionNote = (threshold: number) => `Counts from 1 to ${threshold - 1}, and percentages and medians computed from them, are not shown, so that no child or family can be identified.`
  + ' Some other figures are not shown either, so that a hidden one cannot be worked out by subtracting the figures shown from a total.';

/** The reason text of a hidden figure, or null when it is shown. */
const hiddenText = (reason: SuppressionReason | null, threshold: number) => (reason ? reasonText(reason, threshold) : null);

type Headline = IndicatorHeadline & { disclosure: IndicatorDisclosure };

/** The indicators page: each group's indicators with their latest month and latest 12 months for the whole area. */
export function indicatorsPage(auth: SignedIn, headlines: readonly Headline[], today: string) {
  const row = ({ disclosure: d, ...h }: Headline) => ({
    id: h.indicator.id, href: indicatorHref(auth, h.indicator.id), title: h.indicator.title, reference: h.indicator.reference,
    latestPeriod: h.latest ? monthText(h.latest.periodStart, today) : '', latest: showFigure(h.indicator, h.latest, h.latest && hiddenText(d.reason(h.latest), d.threshold)),
    windowPeriod: h.window ? windowText(h.window.to, today) : '',
    window: h.window ? showFigure(h.indicator, { numerator: h.window.numerator, denominator: h.window.denominator, value: null }, hiddenText(d.windowReason('', ''), d.threshold)) : null,
    windowNote: h.latest && !h.window ? notAddedUp(h.indicator) : '',
  });
  return {
    pageTitle: 'Casework indicators',
    navigation: 'casework',
    breadcrumbs: crumbs(auth),
    partnershipName: auth.partnershipName,
    suppressionNote: suppressionNote(headlines[0]?.disclosure.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD),
    anyFigures: headlines.some((h) => h.latest),
    groups: GROUPS.map((g) => ({ id: g.id, title: g.title, rows: headlines.filter((h) => g.kinds.includes(indicatorKinds(h.indicator)[0]!)).map(row) })).filter((g) => g.rows.length > 0),
  };
}

/** How an indicator is computed, in words. */
function methodText(indicator: IndicatorDeclaration): string {
  switch (indicator.method) {
    case 'timeliness': {
      const exceptions = indicator.rules.some((id) => ruleById(id)?.exceptions)
        ? indicator.exceptions === 'exclude' ? ' Cases where a lawful exception applied are left out of both numbers.' : ' Cases where a lawful exception applied are counted like any other.'
        : '';
      return `Cases completed in the month (by the date of the event that stops the clock), and how many of them were completed in time.${exceptions}`;
    }
    case 'duration': return `The ${indicator.percentile === 0.5 ? 'median' : `${Math.round(indicator.percentile * 100)}th percentile`} wait in weeks of the cases whose wait ended in the month.`;
    case 'share': return 'Records dated in the month, and how many of them meet the condition, as a percentage.';
    case 'count': return 'Events recorded in the month.';
    case 'snapshot': return 'People on the register at the end of the month, by their latest rating.';
    default: return 'The longest area median wait minus the shortest in the month, over the areas with a median that month.';
  }
}

const rollupText: Record<IndicatorDeclaration['rollup'], string> = {
  sum: 'Added up from the months', last: 'The figure at the last month end of the period', none: 'Not made: medians and ranges do not add up',
};

/** The columns of a figure table after the period: value, interval and counts as the unit has them. */
function columns(indicator: IndicatorDeclaration) {
  if (indicator.unit === 'percent') return indicator.method === 'timeliness' ? ['Percentage', '95% confidence interval', 'In time', 'Cases completed'] : ['Percentage', '95% confidence interval', 'Meeting the condition', 'Records'];
  if (indicator.unit === 'weeks') return ['Weeks', indicator.method === 'range' ? 'Areas compared' : 'Cases'];
  return ['Number'];
}

/** The cells after the period, in the order of {@link columns}. */
function cells(indicator: IndicatorDeclaration, f: ShownFigure, none: boolean): string[] {
  const n = columns(indicator).length;
  if (none) return ['None in the period', ...Array<string>(n - 1).fill('')];
  if (f.suppressed) return [f.text, ...Array<string>(n - 1).fill('')];
  const count = (v: number | null) => (v === null ? '' : v.toLocaleString('en-GB'));
  if (indicator.unit === 'percent') return [f.text, f.intervalText, count(f.numerator), count(f.denominator)];
  if (indicator.unit === 'weeks') return [f.text, count(f.denominator)];
  return [f.text];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Detail = { indicator: IndicatorDeclaration; series: IndicatorFigure[]; breakdowns: IndicatorFigure[]; measures: LinkedMeasure[]; disclosure: IndicatorDisclosure };

/** ", 3 are not shown: 1 because of small numbers, 2 so that it cannot be worked out by subtraction", or ''. */
function notShownText(reasons: readonly (SuppressionReason | null)[]): string {
  const counts = [
    { n: reasons.filter((r) => r?.kind === 'primary').length, why: 'because of small numbers' },
    { n: reasons.filter((r) => r?.kind === 'secondary').length, why: 'so that it cannot be worked out by subtraction' },
  ].filter((c) => c.n > 0);
  const all = counts.reduce((s, c) => s + c.n, 0);
  if (all === 0) return '';
  const are = `${all} ${all === 1 ? 'is' : 'are'} not shown`;
  return counts.length === 1 ? `, ${are} ${counts[0]!.why}` : `, ${are}: ${counts.map((c) => `${c.n} ${c.why}`).join(', ')}`;
}

/** One indicator's page: about, the chart and table by month, quarters and years, breakdowns and linked measures. */
export function indicatorPage(auth: SignedIn, detail: Detail, today: string) {
  const { indicator, series, disclosure: d } = detail;
  const show = (f: IndicatorFigure) => showFigure(indicator, f, hiddenText(d.reason(f), d.threshold));
  const months = series.filter((f) => f.grain === 'month');
  const latestMonth = months[0]?.periodStart;
  const byStart = new Map(months.map((f) => [f.periodStart, f]));
  // the 24 calendar months to the latest, newest first; a month without a stored row had no cases
  const monthRows = latestMonth ? Array.from({ length: SERIES_MONTHS }, (_, i) => addMonths(latestMonth, -i)).map((start) => {
    const stored = byStart.get(start);
    const reason = stored ? d.reason(stored) : null;
    const figure = showFigure(indicator, stored ?? null, hiddenText(reason, d.threshold));
    return { start, period: monthText(start, today), figure, reason, cells: cells(indicator, figure, !stored) };
  }) : [];
  const table = (grain: 'quarter' | 'year', limit: number) => series.filter((f) => f.grain === grain).slice(0, limit).map((f) => {
    return { period: periodText(grain, f.periodStart), cells: cells(indicator, show(f), false) };
  });
  const latest = monthRows[0];
  const suppressedMonths = monthRows.filter((r) => r.figure.suppressed).length;
  const emptyMonths = monthRows.filter((r) => !byStart.has(r.start)).length;
  const summary = !latest
    ? 'No figures have been computed for this indicator yet.'
    : [
        // for a board member: the interval as a likely range, named a 95% confidence interval under "How to read this" (issue 12)
        `${latest.period}: ${latest.figure.suppressed ? latest.figure.text.toLowerCase() : latest.figure.text}${latest.figure.counts ? ` (${latest.figure.counts})` : ''}`
          + `${!latest.figure.suppressed && latest.figure.interval ? `, likely between ${valueText(latest.figure.interval.lower, 'percent')} and ${valueText(latest.figure.interval.upper, 'percent')}` : ''}.`,
        `Over the ${SERIES_MONTHS} months to ${latest.period}, ${plural(SERIES_MONTHS - suppressedMonths - emptyMonths, 'month has', 'months have')} a figure`
          + notShownText(monthRows.map((r) => r.reason))
          + `${emptyMonths ? ` and ${emptyMonths} had none` : ''}.`,
      ].join(' ');
  const breakdownPeriod = latestMonth ? (addsUp(indicator) ? windowText(latestMonth, today) : monthText(latestMonth, today)) : '';
  const breakdowns = indicator.breakdowns.map((b) => ({
    id: `by-${b}`, heading: `By ${BREAKDOWN_LABELS[b].toLowerCase()}`, label: BREAKDOWN_LABELS[b],
    rows: detail.breakdowns.filter((f) => f.breakdown === b).map((f) => {
      // the 12 months added up, or the latest month alone where figures do not add up (as the values query reads them)
      const reason = addsUp(indicator) ? d.windowReason(f.breakdown, f.breakdownValue) : d.reason({ ...f, grain: 'month', periodStart: latestMonth! });
      return { value: f.breakdownValue === 'unknown' ? 'Not recorded' : f.breakdownValue, cells: cells(indicator, showFigure(indicator, f, hiddenText(reason, d.threshold)), false) };
    }),
  }));
  const home = indicatorHref(auth, indicator.id);
  return {
    pageTitle: indicator.title,
    navigation: 'casework',
    breadcrumbs: [...(crumbs(auth) ?? []), { text: 'Casework indicators', href: indicatorsHome(auth) }],
    indicator: { id: indicator.id, title: indicator.title, reference: indicator.reference },
    about: {
      method: methodText(indicator),
      rules: indicator.method === 'timeliness' ? indicator.rules.map((id) => `${id}: ${ruleById(id)!.title} (${ruleById(id)!.legal})`) : [],
      breakdowns: indicator.breakdowns.map((b) => BREAKDOWN_LABELS[b]).join(', ') || 'None',
      rollup: rollupText[indicator.rollup],
    },
    suppressionNote: suppressionNote(d.threshold),
    hasFigures: Boolean(latest),
    columns: columns(indicator),
    months: monthRows,
    quarters: table('quarter', SERIES_QUARTERS),
    years: table('year', Infinity),
    chart: latest && {
      summary,
      howToRead: indicator.unit === 'percent'
        ? '"Likely between" gives the 95% confidence interval (the Wilson score interval): allowing for chance in small numbers, the true figure lies in such a range 95 times in 100. The tables show it as "95% confidence interval".'
        : null,
      svg: comparisonChart({
        id: 'months', title: `${indicator.title}: by month`, summary, unit: indicator.unit === 'percent' ? 'percent' : 'count',
        series: [{ name: 'Whole area', style: 'local', points: [...monthRows].reverse().map((r) => ({ label: `${monthName(r.start).slice(0, 3)} ${r.start.slice(0, 4)}`, value: r.figure.value })) }],
      }),
    },
    breakdownPeriod,
    breakdownWhat: addsUp(indicator) ? `the 12 months from ${breakdownPeriod}, added up` : `${breakdownPeriod}, the latest month: ${indicator.rollup === 'last' ? 'month-end counts' : 'medians'} do not add up over months`,
    breakdowns,
    measures: detail.measures.map((m) => ({ title: m.title, plan: m.planTitle, href: `/partnerships/${encodeURIComponent(auth.partnershipSlug)}/plans/${encodeURIComponent(m.planSlug)}/measures/${encodeURIComponent(m.measureSlug)}` })),
    csvHref: `${home}.csv`,
  };
}
