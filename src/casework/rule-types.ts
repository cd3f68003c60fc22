import type { CaseworkKind } from './record-kind-types.ts';

/**
 * A statutory or national timescale, declared once as data (domain.md §1.2). The TypeScript status function
 * (rule-status.ts) and the generated SQL (rule-sql.ts) both read these declarations, so they cannot disagree.
 */

/** A condition on a record's column; rules apply only to records meeting all of theirs. */
export type Condition =
  | { column: string; is: 'given' | 'blank' | 'true' }
  | { column: string; in: readonly string[]; orBlank?: boolean }
  | { column: string; atLeast: number };

/**
 * The time limit:
 * - `days` / `weeks` / `months`: the end event is due within that long of the start event (months are calendar
 *   months, clamped to the end of a shorter month);
 * - `fixed-date`: due before a day of the year given by a column (reg 18: "before 15 February in the calendar
 *   year of the transfer"), so the last day allowed is the day before;
 * - `condition`: no deadline; met when the record satisfies `metWhen` (reg 20(6): PfA considered from Year 9).
 */
export type RuleLimit =
  | { unit: 'days' | 'weeks' | 'months'; amount: number }
  | { unit: 'fixed-date'; month: number; day: number; yearColumn: string }
  | { unit: 'condition'; metWhen: Condition };

export type RuleId = 'T01' | 'T02' | 'T03' | 'T06' | 'T07' | 'T08' | 'T12' | 'T14' | 'T16' | 'T17' | 'T18' | 'H01' | 'H03' | 'W13' | 'E01';

export interface RuleDeclaration {
  id: RuleId;
  title: string;
  kind: CaseworkKind;
  /** The start event's date column (null for fixed-date rules). */
  start: { column: string; label: string } | null;
  /** The end event's date column: the case is closed for this rule once it is given. */
  end: { column: string; label: string };
  limit: RuleLimit;
  appliesWhen: readonly Condition[];
  /** Boolean columns any of which, when true, means a lawful exception applied. */
  exceptions: { columns: readonly string[]; reference: string } | null;
  /** Regulation, statute or standard. */
  legal: string;
  /** How DfE (or the standard's owner) defines and reports it, and our reading. */
  notes: string;
  /** domain.md confidence: C confirmed, S secondary source, derived. */
  confidence: 'C' | 'S' | 'C/S' | 'local';
}

/**
 * Whether a case closed exactly on the limit is in time. `inclusive` (default): "within 20 weeks" is met when
 * end − start ≤ 140 days, start being day 0 (domain.md §1.2's recommended convention; the regulations count from
 * the date of receipt, and DfE's own boundary for SEN2 was not retrieved [U]). `exclusive`: met when < 140 days.
 * Fixed-date rules ("before 15 February") are strict whatever this says, as the regulation words them.
 */
export type BoundaryConvention = 'inclusive' | 'exclusive';

export const DEFAULT_BOUNDARY: BoundaryConvention = 'inclusive';

/** The statuses a case can have for a rule on a given day. */
export type RuleStatusName = 'met' | 'breached' | 'open-within-time' | 'due-soon' | 'open-overdue';

export interface RuleStatus {
  rule: RuleId;
  status: RuleStatusName;
  startOn: string | null;
  /** The last day on which the end event is in time (null for condition rules). */
  deadlineOn: string | null;
  endOn: string | null;
  /** Days from the given day to the deadline (0 = due today), for open cases in time. */
  daysRemaining: number | null;
  /** Days past the deadline: for overdue open cases up to the given day, for breached cases to the end event. */
  daysOverdue: number | null;
  /** A lawful exception applied (the rule's exception columns). */
  exceptionApplies: boolean;
}
