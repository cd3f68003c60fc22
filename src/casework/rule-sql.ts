import { RECORD_KINDS } from './record-kinds.ts';
import { DEFAULT_BOUNDARY, type BoundaryConvention, type Condition, type RuleDeclaration } from './rule-types.ts';
import { column, date, integer, text } from './sql-literals.ts';

/**
 * SQL generated from the rule declarations (rules.ts), so the database computes exactly what ruleStatus()
 * computes in TypeScript: the same conditions, the same deadline arithmetic (7-day weeks; calendar months
 * clamped to the month's end by `date + interval 'N months'`; the day before a fixed date) and the same statuses.
 */

/** SQL for a condition on alias `t` (same meaning as meetsCondition). */
export function conditionSql(condition: Condition, alias = 't'): string {
  const col = column(alias, condition.column);
  if ('is' in condition) return condition.is === 'blank' ? `${col} is null` : condition.is === 'given' ? `${col} is not null` : `${col} is true`;
  if ('in' in condition) {
    const list = `${col} in (${condition.in.map(text).join(', ')})`;
    return condition.orBlank ? `(${col} is null or ${list})` : list;
  }
  return `${col} >= ${integer(condition.atLeast)}`;
}

/** The conditions under which the rule applies, including that its start (or year) is known: each a SQL conjunct. */
export function appliesConjuncts(rule: RuleDeclaration, alias = 't'): string[] {
  const parts = rule.appliesWhen.map((c) => conditionSql(c, alias));
  if (rule.limit.unit === 'fixed-date') parts.push(`${column(alias, rule.limit.yearColumn)} is not null`);
  else if (rule.start) parts.push(`${column(alias, rule.start.column)} is not null`);
  return parts;
}

/** The conditions under which the rule applies, as one SQL condition. */
export function appliesSql(rule: RuleDeclaration, alias = 't'): string {
  const parts = appliesConjuncts(rule, alias);
  return parts.length > 0 ? parts.join(' and ') : 'true';
}

/** The deadline (last day in time) as a SQL date expression, or null for condition rules. */
export function deadlineSql(rule: RuleDeclaration, boundary: BoundaryConvention = DEFAULT_BOUNDARY, alias = 't'): string | null {
  const { limit } = rule;
  if (limit.unit === 'condition') return null;
  if (limit.unit === 'fixed-date') {
    return `(make_date(${column(alias, limit.yearColumn)}::int, ${integer(limit.month)}, ${integer(limit.day)}) - 1)`;
  }
  if (!rule.start) throw new Error(`Rule ${rule.id} has no start event`);
  const start = column(alias, rule.start.column);
  const less = boundary === 'inclusive' ? '' : ' - 1';
  if (limit.unit === 'months') return `((${start} + interval '${integer(limit.amount)} months')::date${less})`;
  const days = limit.unit === 'weeks' ? limit.amount * 7 : limit.amount;
  return `(${start} + ${integer(boundary === 'inclusive' ? days : days - 1)})`;
}

/** True when one of the rule's exception columns is true. */
export function exceptionSql(rule: RuleDeclaration, alias = 't'): string {
  if (!rule.exceptions) return 'false';
  return `(${rule.exceptions.columns.map((c) => `${column(alias, c)} is true`).join(' or ')})`;
}

/** Whether a closed case met the rule (a boolean SQL expression; only meaningful when the end event is given). */
export function metSql(rule: RuleDeclaration, boundary: BoundaryConvention = DEFAULT_BOUNDARY, alias = 't'): string {
  if (rule.limit.unit === 'condition') return `(${conditionSql(rule.limit.metWhen, alias)})`;
  return `(${column(alias, rule.end.column)} <= ${deadlineSql(rule, boundary, alias)})`;
}

export interface RuleCasesOptions {
  boundary?: BoundaryConvention;
  today: string;
  dueSoonDays?: number;
}

/**
 * One row per case the rule applies to, with its status on `today`: the set-based twin of ruleStatus().
 * Columns: id, rule, person_pseudonym (null for DSR events), area, start_on, deadline_on, end_on,
 * exception_applies, status, days_remaining, days_overdue. Filter it with a WHERE on those columns.
 */
export function ruleCasesSql(rule: RuleDeclaration, options: RuleCasesOptions, alias = 't'): string {
  const boundary = options.boundary ?? DEFAULT_BOUNDARY;
  const declaration = RECORD_KINDS[rule.kind];
  const end = column(alias, rule.end.column);
  const today = date(options.today);
  const personal = declaration.personal;
  const person = personal ? column(alias, 'person_pseudonym') : 'null::text';
  const area = personal ? column(alias, 'area') : 'null::text';
  const start = rule.start ? column(alias, rule.start.column) : 'null::date';
  const deadline = deadlineSql(rule, boundary, alias);
  let status: string;
  let remaining = 'null::int';
  let overdue = 'null::int';
  if (deadline === null) {
    status = `case when ${metSql(rule, boundary, alias)} then 'met' else 'breached' end`;
  } else {
    status = `case when ${end} is not null then case when ${end} <= ${deadline} then 'met' else 'breached' end`
      + ` when ${deadline} < ${today} then 'open-overdue'`
      + ` when ${deadline} - ${today} <= ${integer(options.dueSoonDays ?? 14)} then 'due-soon' else 'open-within-time' end`;
    remaining = `case when ${end} is null and ${deadline} >= ${today} then ${deadline} - ${today} end`;
    overdue = `case when ${end} is not null and ${end} > ${deadline} then ${end} - ${deadline} when ${end} is null and ${deadline} < ${today} then ${today} - ${deadline} end`;
  }
  return `select ${column(alias, 'id')} as id, ${column(alias, 'partnership_id')} as partnership_id, ${text(rule.id)} as rule, ${person} as person_pseudonym, ${area} as area,`
    + ` ${start} as start_on, ${deadline ?? 'null::date'} as deadline_on, ${end} as end_on, ${exceptionSql(rule, alias)} as exception_applies,`
    + ` ${status} as status, ${remaining} as days_remaining, ${overdue} as days_overdue`
    + ` from ${declaration.table} ${alias} where ${appliesSql(rule, alias)}`;
}
