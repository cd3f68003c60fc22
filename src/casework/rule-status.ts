import { addDays, addMonths, daysBetween } from './calendar-dates.ts';
import { DEFAULT_BOUNDARY, type BoundaryConvention, type Condition, type RuleDeclaration, type RuleStatus } from './rule-types.ts';

/** A record as the rules read it: column name → value (dates as 'YYYY-MM-DD'). */
export type CaseRecord = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface StatusOptions {
  boundary?: BoundaryConvention;
  /** Open cases due within this many days (inclusive; 0 = due today) are `due-soon`. Default 14. */
  dueSoonDays?: number;
}

const blank = (value: unknown) => value === null || value === undefined || value === '';

/** Whether a record meets a condition (the same meaning as conditionSql). */
export function meetsCondition(record: CaseRecord, condition: Condition): boolean {
  const value = record[condition.column];
  if ('is' in condition) return condition.is === 'blank' ? blank(value) : condition.is === 'given' ? !blank(value) : value === true;
  if ('in' in condition) return blank(value) ? condition.orBlank === true : condition.in.includes(String(value));
  return !blank(value) && Number(value) >= condition.atLeast;
}

/** Whether the rule applies to the record at all. */
export function ruleApplies(rule: RuleDeclaration, record: CaseRecord): boolean {
  return rule.appliesWhen.every((condition) => meetsCondition(record, condition));
}

/**
 * The last day on which the rule's end event is in time, or null (condition rules, or no start date).
 * Weeks are 7 days; months are calendar months clamped to the month's end, as in PostgreSQL.
 */
export function ruleDeadline(rule: RuleDeclaration, record: CaseRecord, boundary: BoundaryConvention = DEFAULT_BOUNDARY): string | null {
  const { limit } = rule;
  if (limit.unit === 'condition') return null;
  if (limit.unit === 'fixed-date') {
    const year = record[limit.yearColumn];
    if (blank(year)) return null;
    const fixed = `${String(year).padStart(4, '0')}-${String(limit.month).padStart(2, '0')}-${String(limit.day).padStart(2, '0')}`;
    return addDays(fixed, -1); // "before" the fixed day
  }
  const start = rule.start ? record[rule.start.column] : null;
  if (blank(start)) return null;
  const limitDay = limit.unit === 'months' ? addMonths(String(start), limit.amount) : addDays(String(start), limit.unit === 'weeks' ? limit.amount * 7 : limit.amount);
  return boundary === 'inclusive' ? limitDay : addDays(limitDay, -1);
}

/**
 * The status of one case for one rule on a given day, or null when the rule does not apply to it.
 * Closed cases are `met` or `breached` (with the days late); open cases are `open-within-time`,
 * `due-soon` (deadline within `dueSoonDays`, with the days remaining) or `open-overdue` (with the days overdue).
 * A lawful exception does not change the status: it is reported beside it (`exceptionApplies`), as DfE
 * reports the 20-week figure both including and excluding exception cases.
 */
export function ruleStatus(rule: RuleDeclaration, record: CaseRecord, today: string, options: StatusOptions = {}): RuleStatus | null {
  if (!ruleApplies(rule, record)) return null;
  const startOn = rule.start && !blank(record[rule.start.column]) ? String(record[rule.start.column]) : null;
  const endValue = record[rule.end.column];
  const endOn = blank(endValue) ? null : String(endValue);
  const exceptionApplies = rule.exceptions?.columns.some((column) => record[column] === true) ?? false;
  const base = { rule: rule.id, startOn, endOn, exceptionApplies, daysRemaining: null, daysOverdue: null };
  if (rule.limit.unit === 'condition') {
    return { ...base, deadlineOn: null, status: meetsCondition(record, rule.limit.metWhen) ? 'met' : 'breached' };
  }
  const deadlineOn = ruleDeadline(rule, record, options.boundary);
  if (deadlineOn === null) return null;
  if (endOn !== null) {
    return endOn <= deadlineOn ? { ...base, deadlineOn, status: 'met' } : { ...base, deadlineOn, status: 'breached', daysOverdue: daysBetween(deadlineOn, endOn) };
  }
  const remaining = daysBetween(today, deadlineOn);
  if (remaining < 0) return { ...base, deadlineOn, status: 'open-overdue', daysOverdue: -remaining };
  return { ...base, deadlineOn, status: remaining <= (options.dueSoonDays ?? 14) ? 'due-soon' : 'open-within-time', daysRemaining: remaining };
}
