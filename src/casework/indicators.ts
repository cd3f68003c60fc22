import type { CaseworkIndicatorId } from './indicator-ids.ts';
import type { CaseworkKind } from './record-kind-types.ts';
import type { Condition, RuleDeclaration, RuleId } from './rule-types.ts';
import { ruleById } from './rules.ts';

/** A breakdown of an indicator and the record column it groups by. */
export const INDICATOR_BREAKDOWNS = {
  area: 'area', need: 'primary_need', 'age-group': 'age_band', provider: 'provider', pathway: 'pathway',
  'advice-type': 'advice_type', 'equipment-type': 'equipment_type',
} as const;
export type IndicatorBreakdown = keyof typeof INDICATOR_BREAKDOWNS | 'rating';

/**
 * How an indicator is computed, per calendar month (set-based SQL in indicator-sql.ts):
 * - `timeliness`: cases closed in the month (month of the rule's end event); numerator those in time.
 *   `exceptions: 'exclude'` leaves exception cases out of both (DfE's "excluding exceptions").
 * - `duration`: the median or 90th percentile of end − start in weeks over cases closed in the month
 *   (value; denominator = cases; no numerator).
 * - `share`: records whose `periodColumn` falls in the month and meet `where`; numerator those meeting `numeratorWhen`.
 * - `count`: DSR events of one type in the month.
 * - `snapshot`: DSR entries on the register at the month's end, by their latest rating.
 * - `range`: max − min of another indicator's area values in the month (variation between areas).
 * Quarters and years are added up from months where the figures add (`rollup: 'sum'`), taken from the last
 * month for snapshots (`'last'`), and not made for medians and ranges (`'none'`).
 */
export type IndicatorDeclaration = {
  id: CaseworkIndicatorId;
  title: string;
  unit: 'percent' | 'weeks' | 'count';
  breakdowns: readonly IndicatorBreakdown[];
  rollup: 'sum' | 'last' | 'none';
  reference: string;
} & (
  | { method: 'timeliness'; rules: readonly RuleId[]; exceptions: 'include' | 'exclude' }
  | { method: 'duration'; kind: CaseworkKind; start: string; end: string; where: readonly Condition[]; percentile: number }
  | { method: 'share'; kind: CaseworkKind; periodColumn: string; where: readonly Condition[]; numeratorWhen: Condition }
  | { method: 'count'; event: 'admission' | 'discharge' | 'cetr' }
  | { method: 'snapshot' }
  | { method: 'range'; of: CaseworkIndicatorId; breakdown: 'area' }
);

const ASD_SLT: Condition = { column: 'pathway', in: ['autism', 'speech-and-language'] };

/** Every casework indicator, in the order they are computed (a range after the indicator it reads). */
export const INDICATORS: readonly IndicatorDeclaration[] = [
  { id: 'ehc-plans-within-20-weeks', title: 'EHC plans issued within 20 weeks, including exception cases', unit: 'percent', method: 'timeliness', rules: ['T06'], exceptions: 'include', breakdowns: ['area', 'need', 'age-group'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 13(2); DfE SEN2 "plans issued within 20 weeks" including exceptions' },
  { id: 'ehc-plans-within-20-weeks-excluding-exceptions', title: 'EHC plans issued within 20 weeks, excluding exception cases', unit: 'percent', method: 'timeliness', rules: ['T06'], exceptions: 'exclude', breakdowns: ['area', 'need', 'age-group'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 13(2)-(3); DfE SEN2 headline (plans where <Week20> = 1 excluded)' },
  { id: 'assessment-decisions-within-6-weeks', title: 'Decisions whether to assess within 6 weeks', unit: 'percent', method: 'timeliness', rules: ['T01'], exceptions: 'include', breakdowns: ['area', 'need'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 5(1)' },
  { id: 'not-issue-decisions-within-16-weeks', title: 'Decisions not to issue a plan within 16 weeks', unit: 'percent', method: 'timeliness', rules: ['T03'], exceptions: 'include', breakdowns: ['area'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 10(1)' },
  { id: 'advice-within-6-weeks', title: 'Advice for EHC needs assessments given within 6 weeks', unit: 'percent', method: 'timeliness', rules: ['T02'], exceptions: 'exclude', breakdowns: ['provider', 'advice-type', 'area'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 8(1); requests where the missed-appointment exception applied are left out' },
  { id: 'annual-reviews-within-12-months', title: 'Annual reviews completed within 12 months', unit: 'percent', method: 'timeliness', rules: ['T07', 'T08'], exceptions: 'include', breakdowns: ['area', 'need', 'age-group'], rollup: 'sum', reference: 'Children and Families Act 2014 s44; SEND Code of Practice 9.169' },
  { id: 'review-decisions-within-4-weeks', title: 'Review decisions within 4 weeks of the meeting', unit: 'percent', method: 'timeliness', rules: ['T14'], exceptions: 'include', breakdowns: ['area'], rollup: 'sum', reference: 'SEND Regulations 2014 regs 20-21; SEND Code of Practice chapter 9' },
  { id: 'amended-plans-within-8-weeks', title: 'Amended plans issued within 8 weeks of the proposed amendments', unit: 'percent', method: 'timeliness', rules: ['T16'], exceptions: 'include', breakdowns: ['area'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 22(3)' },
  { id: 'phase-transfers-on-time', title: 'Phase transfer plans amended by the statutory date', unit: 'percent', method: 'timeliness', rules: ['T17', 'T18'], exceptions: 'include', breakdowns: ['area'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 18(1)' },
  { id: 'year-9-reviews-considering-adulthood', title: 'Reviews from Year 9 that considered preparing for adulthood', unit: 'percent', method: 'timeliness', rules: ['T12'], exceptions: 'include', breakdowns: ['area', 'need'], rollup: 'sum', reference: 'SEND Regulations 2014 reg 20(6) and 21(6)' },
  { id: 'autism-assessments-within-3-months', title: 'Autism diagnostic assessments started within 3 months of referral', unit: 'percent', method: 'timeliness', rules: ['H01'], exceptions: 'include', breakdowns: ['provider', 'area'], rollup: 'sum', reference: 'NICE QS51 statement 1; NICE CG128' },
  { id: 'first-contact-within-13-weeks', title: 'Seen within 13 weeks of referral', unit: 'percent', method: 'timeliness', rules: ['W13'], exceptions: 'include', breakdowns: ['pathway', 'area', 'provider'], rollup: 'sum', reference: 'NHS England Autism Waiting Time Statistics (13 weeks)' },
  { id: 'wheelchairs-within-18-weeks', title: 'Wheelchairs delivered within 18 weeks', unit: 'percent', method: 'timeliness', rules: ['H03'], exceptions: 'include', breakdowns: ['area', 'provider'], rollup: 'sum', reference: 'NHS planning guidance: 92% of children within 18 weeks' },
  { id: 'equipment-within-6-weeks', title: 'Specialist equipment received within 6 weeks of identification', unit: 'percent', method: 'timeliness', rules: ['E01'], exceptions: 'include', breakdowns: ['area', 'equipment-type', 'provider'], rollup: 'sum', reference: 'Essex SEND improvement plan (JC10)' },
  { id: 'assessment-wait-median-weeks', title: 'Median wait from referral to first assessment contact (autism and speech and language)', unit: 'weeks', method: 'duration', kind: 'referrals', start: 'referred_on', end: 'first_contact_on', where: [ASD_SLT], percentile: 0.5, breakdowns: ['pathway', 'area', 'provider'], rollup: 'none', reference: 'NICE QS51; NHS England Community Health Services waiting lists' },
  { id: 'assessment-wait-p90-weeks', title: '90th percentile wait from referral to first assessment contact (autism and speech and language)', unit: 'weeks', method: 'duration', kind: 'referrals', start: 'referred_on', end: 'first_contact_on', where: [ASD_SLT], percentile: 0.9, breakdowns: ['pathway', 'area', 'provider'], rollup: 'none', reference: 'NICE QS51; NHS England Community Health Services waiting lists' },
  { id: 'assessment-wait-area-range-weeks', title: 'Difference between the longest and shortest area median waits', unit: 'weeks', method: 'range', of: 'assessment-wait-median-weeks', breakdown: 'area', breakdowns: [], rollup: 'none', reference: 'Variation between areas: range of the area medians (areas with a median that month)' },
  { id: 'equipment-wait-median-weeks', title: 'Median wait from identification to delivery of specialist equipment', unit: 'weeks', method: 'duration', kind: 'equipment-requests', start: 'identified_on', end: 'delivered_on', where: [], percentile: 0.5, breakdowns: ['area', 'equipment-type'], rollup: 'none', reference: 'Essex SEND improvement plan (JC10)' },
  { id: 're-referral-rate', title: 'Referrals that are re-referrals', unit: 'percent', method: 'share', kind: 'referrals', periodColumn: 'referred_on', where: [], numeratorWhen: { column: 'previous_referral_key', is: 'given' }, breakdowns: ['pathway', 'provider', 'area'], rollup: 'sum', reference: 'Share of referrals received in the month that name an earlier referral' },
  { id: 're-referrals-resumed', title: 'Re-referrals taken back without starting the pathway again', unit: 'percent', method: 'share', kind: 'referrals', periodColumn: 'referred_on', where: [{ column: 'previous_referral_key', is: 'given' }, { column: 'resumed_pathway', is: 'given' }], numeratorWhen: { column: 'resumed_pathway', is: 'true' }, breakdowns: ['pathway', 'provider'], rollup: 'sum', reference: 'Essex SEND improvement plan: re-referral without starting again' },
  { id: 'dsr-entries-by-rating', title: 'Children and young people on the dynamic support register at the month end', unit: 'count', method: 'snapshot', breakdowns: ['rating', 'area'], rollup: 'last', reference: 'NHS England Dynamic support register and C(E)TR policy (2023): RAG+blue ratings' },
  { id: 'dsr-admissions', title: 'Admissions to mental health inpatient settings of people on the register', unit: 'count', method: 'count', event: 'admission', breakdowns: ['area'], rollup: 'sum', reference: 'NHS England Dynamic support register policy (2023)' },
];

/** The declaration of an indicator by id. */
export function indicatorById(id: string): IndicatorDeclaration | undefined {
  return INDICATORS.find((indicator) => indicator.id === id);
}

/** The record kinds an indicator reads. */
export function indicatorKinds(indicator: IndicatorDeclaration): CaseworkKind[] {
  switch (indicator.method) {
    case 'timeliness':
      return [...new Set(indicator.rules.map((id) => ruleById(id)!.kind))];
    case 'duration':
    case 'share':
      return [indicator.kind];
    case 'range':
      return indicatorKinds(indicatorById(indicator.of)!);
    default:
      return ['dsr-entries', 'dsr-events'];
  }
}

/**
 * The date columns of a record kind that decide which month a record counts in, for some indicator: when a record
 * is added or replaced, only these months (of the new and the old row) need recomputing.
 */
export function periodColumns(kind: CaseworkKind): string[] {
  const columns = new Set<string>();
  for (const indicator of INDICATORS) {
    if (indicator.method === 'timeliness') for (const id of indicator.rules) { const rule = ruleById(id)!; if (rule.kind === kind) columns.add(rule.end.column); }
    if (indicator.method === 'duration' && indicator.kind === kind) columns.add(indicator.end);
    if (indicator.method === 'share' && indicator.kind === kind) columns.add(indicator.periodColumn);
  }
  if (kind === 'dsr-entries') ['added_on', 'removed_on'].forEach((c) => columns.add(c));
  if (kind === 'dsr-events') columns.add('event_on');
  return [...columns].sort();
}

/**
 * For each period-deciding date column of a record kind (see {@link periodColumns}), every column that the
 * indicators counted by that date read: start and end dates, conditions, exception flags and breakdowns. When a
 * record is replaced and none of these changed, its place in that column's months is unchanged, so those months
 * need no recompute. Null for the register kinds, whose month-end snapshots carry forward (the import handles them
 * itself: casework-writer.ts).
 */
export function periodDependencies(kind: CaseworkKind): Map<string, string[]> | null {
  if (kind === 'dsr-entries' || kind === 'dsr-events') return null;
  const dependencies = new Map<string, Set<string>>();
  const add = (period: string, indicator: IndicatorDeclaration, columns: (string | undefined)[]) => {
    const set = dependencies.get(period) ?? new Set<string>();
    for (const c of [period, ...columns, ...indicator.breakdowns.filter((b) => b !== 'rating').map((b) => INDICATOR_BREAKDOWNS[b as keyof typeof INDICATOR_BREAKDOWNS])]) if (c) set.add(c);
    dependencies.set(period, set);
  };
  const ruleColumns = (rule: RuleDeclaration) => [rule.start?.column, ...rule.appliesWhen.map((c) => c.column), ...(rule.exceptions?.columns ?? []),
    rule.limit.unit === 'fixed-date' ? rule.limit.yearColumn : undefined, rule.limit.unit === 'condition' ? rule.limit.metWhen.column : undefined];
  for (const indicator of INDICATORS) {
    if (indicator.method === 'timeliness') for (const id of indicator.rules) { const rule = ruleById(id)!; if (rule.kind === kind) add(rule.end.column, indicator, ruleColumns(rule)); }
    if (indicator.method === 'duration' && indicator.kind === kind) add(indicator.end, indicator, [indicator.start, ...indicator.where.map((c) => c.column)]);
    if (indicator.method === 'share' && indicator.kind === kind) add(indicator.periodColumn, indicator, [...indicator.where.map((c) => c.column), indicator.numeratorWhen.column]);
  }
  return new Map([...dependencies].sort(([a], [b]) => a.localeCompare(b)).map(([period, set]) => [period, [...set].sort()]));
}
