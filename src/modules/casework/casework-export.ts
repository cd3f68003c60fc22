// A worklist as CSV (RFC 4180, CRLF line ends, UTF-8 with a BOM so Excel reads it as such). Every text
// cell is neutralised so a spreadsheet never reads it as a formula; the person is the short pseudonym only.
import { neutraliseForExport } from '../../returns-parsing/index.ts';
import { ruleById } from '../../casework/rules.ts';
import type { IndicatorDeclaration } from '../../casework/indicators.ts';
import { reasonText, type SuppressionReason } from '../../lib/disclosure/index.ts';
import { showFigure, windowStart } from './casework-indicator-figures.ts';
import type { IndicatorDisclosure } from './casework-indicator-disclosure.ts';
import type { IndicatorFigure } from './casework-indicator-values.ts';
import type { WorklistFilters } from './casework-forms.ts';
import type { WorklistRow } from './casework-worklist.ts';

const HEADINGS = ['Rule', 'Rule title', 'Legal reference', 'Record kind', 'Person (pseudonym)', 'Area', 'Start date', 'Deadline', 'Days remaining', 'Days overdue', 'Exception applies'];

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = String(neutraliseForExport(value));
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows of a worklist as a CSV file. */
export function worklistCsv(rows: readonly WorklistRow[]): string {
  const lines = rows.map((r) => {
    const rule = ruleById(r.rule);
    const exception = rule?.exceptions ? (r.exceptionApplies ? 'Y' : 'N') : '';
    return [r.rule, r.ruleTitle, rule?.legal ?? '', r.kind, r.person, r.area, r.startOn, r.deadlineOn, r.daysRemaining, r.daysOverdue, exception].map(cell).join(',');
  });
  return `\uFEFF${[HEADINGS.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** The file name of a worklist download: what it lists and for which day, nothing else. */
export function worklistFileName(partnershipSlug: string, filters: WorklistFilters, today: string): string {
  const what = filters.status === 'overdue' ? 'overdue' : `due-within-${filters.withinDays}-days`;
  return `casework-${partnershipSlug}-${what}${filters.rule ? `-${filters.rule}` : ''}-${today}.csv`;
}

const INDICATOR_HEADINGS = ['indicator', 'grain', 'period_start', 'breakdown', 'breakdown_value', 'numerator', 'denominator', 'value', 'unit', 'lower_95', 'upper_95', 'suppressed'];

/**
 * Every stored figure of an indicator as CSV: the figures the pages hide (small numbers, and those hidden so that
 * subtraction cannot reveal them) are left blank with the reason, values in the indicator's unit, text cells neutralised.
 */
export function indicatorCsv(indicator: IndicatorDeclaration, figures: readonly IndicatorFigure[], disclosure: IndicatorDisclosure): string {
  const fixed = (n: number | null | undefined) => (n === null || n === undefined ? null : Number(n.toFixed(3)));
  const line = (grain: string, periodStart: string, f: Pick<IndicatorFigure, 'breakdown' | 'breakdownValue' | 'numerator' | 'denominator' | 'value'>, reason: SuppressionReason | null) => {
    const shown = showFigure(indicator, f, reason && reasonText(reason, disclosure.threshold));
    return [indicator.id, grain, periodStart, f.breakdown || 'all', f.breakdown ? f.breakdownValue : '', shown.numerator, shown.denominator,
      fixed(shown.value), indicator.unit, fixed(shown.interval?.lower), fixed(shown.interval?.upper), shown.suppressed ?? ''].map(cell).join(',');
  };
  // the figures the pages publish, and nothing finer: a breakdown's single months are not published (see
  // casework-indicator-disclosure.ts); the 12 months are given by breakdown instead, as on the indicator page
  const latest = figures.filter((f) => f.grain === 'month' && !f.breakdown).map((f) => f.periodStart).sort().at(-1);
  const lines = [
    ...figures.filter((f) => disclosure.published(f)).map((f) => line(f.grain, f.periodStart, f, disclosure.reason(f))),
    ...(latest ? disclosure.windows.map((w) => line('12-months', windowStart(latest), { ...w, value: null }, disclosure.windowReason(w.breakdown, w.breakdownValue))) : []),
  ];
  return `\uFEFF${[INDICATOR_HEADINGS.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
