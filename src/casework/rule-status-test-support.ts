// Shared by the rule boundary tests (rule-status-*.test.ts).
import assert from 'node:assert/strict';
import { addDays } from './calendar-dates.ts';
import { ruleStatus, type CaseRecord } from './rule-status.ts';
import { ruleById } from './rules.ts';
import type { RuleId } from './rule-types.ts';

/** A declared rule by id (throws in a test when it is missing). */
export const rule = (id: RuleId) => ruleById(id)!;

/** The day before, the day of and the day after the deadline, for a case closed on each. */
export function assertBoundary(id: RuleId, record: CaseRecord, endColumn: string, deadline: string): void {
  const at = (end: string) => ruleStatus(rule(id), { ...record, [endColumn]: end }, '2030-01-01');
  assert.equal(at(addDays(deadline, -1))?.status, 'met', 'day before the deadline');
  assert.deepEqual([at(deadline)?.status, at(deadline)?.deadlineOn], ['met', deadline], 'on the deadline');
  assert.deepEqual([at(addDays(deadline, 1))?.status, at(addDays(deadline, 1))?.daysOverdue], ['breached', 1], 'day after the deadline');
}
