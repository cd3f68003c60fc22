import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { shortPseudonym } from '../../casework/pseudonym.ts';
import { RULES } from '../../casework/rules.ts';
import { ruleCasesSql } from '../../casework/rule-sql.ts';
import type { BoundaryConvention, RuleId } from '../../casework/rule-types.ts';
import type { CaseworkKind } from '../../casework/record-kind-types.ts';
import { uuid } from '../../casework/sql-literals.ts';

export interface WorklistQuery {
  /** One rule (e.g. 'T06'), or every rule with a deadline. */
  rule?: RuleId;
  /** One area code. */
  area?: string;
  /** Open cases due within `withinDays` (0 = due today), or open cases past their deadline. */
  status: 'due-soon' | 'overdue';
  /** Default 14. */
  withinDays?: number;
  /** The day the worklist is for (YYYY-MM-DD). */
  today: string;
  /** Page size (default 200, at most 2000) and offset, for paging. */
  limit?: number;
  offset?: number;
}

/** One open case on a worklist: no identifier but the shortened pseudonym. */
export interface WorklistRow {
  rule: RuleId;
  ruleTitle: string;
  kind: CaseworkKind;
  /** The first 10 hex digits of the person's pseudonym (null for register events). */
  person: string | null;
  area: string | null;
  startOn: string | null;
  deadlineOn: string;
  /** Days left to the deadline (due-soon), else null. */
  daysRemaining: number | null;
  /** Days past the deadline (overdue), else null. */
  daysOverdue: number | null;
  exceptionApplies: boolean;
}

export interface WorklistResult {
  rows: WorklistRow[];
  /** All matching cases, beyond this page too (0 when the page is past the end). */
  total: number;
}

/** Open cases due soon or overdue, computed in SQL from the same rule declarations as the measures. */
export async function queryWorklist(db: Kysely<Schema>, partnershipId: string, query: WorklistQuery, boundary: BoundaryConvention): Promise<WorklistResult> {
  const rules = RULES.filter((r) => r.limit.unit !== 'condition' && (!query.rule || r.id === query.rule));
  if (rules.length === 0) return { rows: [], total: 0 };
  const within = query.withinDays ?? 14;
  const union = rules.map((rule) => `(${ruleCasesSql(rule, { boundary, today: query.today, dueSoonDays: within })}`
    + ` and t.partnership_id = ${uuid(partnershipId)} and t.${rule.end.column} is null)`).join(' union all ');
  const status = query.status === 'due-soon' ? 'due-soon' : 'open-overdue';
  const order = query.status === 'due-soon' ? 'w.days_remaining asc, w.deadline_on asc, w.rule asc, w.id asc' : 'w.days_overdue desc, w.rule asc, w.id asc';
  const limit = Math.min(Math.max(query.limit ?? 200, 1), 2000);
  const { rows } = await sql<{ rule: RuleId; person_pseudonym: string | null; area: string | null; start_on: string | null; deadline_on: string; days_remaining: number | null; days_overdue: number | null; exception_applies: boolean; total: number }>`
    select w.rule, w.person_pseudonym, w.area, w.start_on, w.deadline_on, w.days_remaining, w.days_overdue, w.exception_applies, (count(*) over ())::int as total
    from (${sql.raw(union)}) w
    where w.status = ${status} and (${query.area ?? null}::text is null or w.area = ${query.area ?? null})
    order by ${sql.raw(order)} limit ${limit} offset ${Math.max(query.offset ?? 0, 0)}`.execute(db);
  const byId = new Map(RULES.map((r) => [r.id, r]));
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      rule: r.rule, ruleTitle: byId.get(r.rule)!.title, kind: byId.get(r.rule)!.kind,
      person: r.person_pseudonym ? shortPseudonym(r.person_pseudonym) : null, area: r.area,
      startOn: r.start_on, deadlineOn: r.deadline_on, daysRemaining: r.days_remaining, daysOverdue: r.days_overdue, exceptionApplies: r.exception_applies,
    })),
  };
}
