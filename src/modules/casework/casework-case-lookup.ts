import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { shortPseudonym } from '../../casework/pseudonym.ts';
import { RECORD_KINDS } from '../../casework/record-kinds.ts';
import { CASEWORK_KINDS, type CaseworkKind } from '../../casework/record-kind-types.ts';
import { RULES } from '../../casework/rules.ts';
import { ruleCasesSql } from '../../casework/rule-sql.ts';
import type { BoundaryConvention, RuleId, RuleStatusName } from '../../casework/rule-types.ts';
import { text, uuid } from '../../casework/sql-literals.ts';

/** One statutory timescale of a found case, on `today`: the same columns and statuses as the worklist. */
export interface FoundRule {
  rule: RuleId;
  ruleTitle: string;
  startOn: string | null;
  deadlineOn: string | null;
  endOn: string | null;
  status: RuleStatusName;
  daysRemaining: number | null;
  daysOverdue: number | null;
  exceptionApplies: boolean;
}

/** A pseudonymised record whose case reference matched: its kind, who (short pseudonym) and where, and its rules. */
export interface FoundCase {
  kind: CaseworkKind;
  kindTitle: string;
  /** The first 10 hex digits of the person's pseudonym, as on the worklist (null for register events). */
  person: string | null;
  area: string | null;
  rules: FoundRule[];
}

const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * The records of every kind whose `record_key` is `recordKey` (the HMAC of a case reference, pseudonym.ts), each
 * with the status of every rule that applies to it, computed by the worklist's SQL (rule-sql.ts). A reference is
 * unique within a kind, so there is at most one record per kind.
 */
export async function findCases(db: Kysely<Schema>, partnershipId: string, recordKey: string, options: { today: string; boundary: BoundaryConvention; dueSoonDays?: number }): Promise<FoundCase[]> {
  if (!HEX_KEY.test(recordKey)) throw new Error('A record key is 64 hex digits');
  const where = (alias: string) => `${alias}.partnership_id = ${uuid(partnershipId)} and ${alias}.record_key = ${text(recordKey)}`;
  const kinds = CASEWORK_KINDS.map((kind) => {
    const declaration = RECORD_KINDS[kind];
    const who = declaration.personal ? 't.person_pseudonym, t.area' : 'null::text as person_pseudonym, null::text as area';
    return `select ${text(kind)} as kind, ${who} from ${declaration.table} t where ${where('t')}`;
  }).join(' union all ');
  const { rows: records } = await sql<{ kind: CaseworkKind; person_pseudonym: string | null; area: string | null }>`${sql.raw(kinds)}`.execute(db);
  if (records.length === 0) return [];
  const found = new Set(records.map((r) => r.kind));
  const rules = RULES.filter((r) => found.has(r.kind));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const statuses = rules.length === 0 ? [] : (await sql<{ rule: RuleId; start_on: string | null; deadline_on: string | null; end_on: string | null; status: RuleStatusName; days_remaining: number | null; days_overdue: number | null; exception_applies: boolean }>`
    select c.rule, c.start_on, c.deadline_on, c.end_on, c.status, c.days_remaining, c.days_overdue, c.exception_applies
    from (${sql.raw(rules.map((rule) => `(${ruleCasesSql(rule, { boundary: options.boundary, today: options.today, dueSoonDays: options.dueSoonDays ?? 14 })} and ${where('t')})`).join(' union all '))}) c
    order by c.rule`.execute(db)).rows;
  return records.map((r) => ({
    kind: r.kind,
    kindTitle: RECORD_KINDS[r.kind].title,
    person: r.person_pseudonym ? shortPseudonym(r.person_pseudonym) : null,
    area: r.area,
    rules: statuses.filter((s) => byId.get(s.rule)?.kind === r.kind).map((s) => ({
      rule: s.rule, ruleTitle: byId.get(s.rule)!.title, startOn: s.start_on, deadlineOn: s.deadline_on, endOn: s.end_on,
      status: s.status, daysRemaining: s.days_remaining, daysOverdue: s.days_overdue, exceptionApplies: s.exception_applies,
    })),
  }));
}
