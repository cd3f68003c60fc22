import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, addMonths } from '../../src/casework/calendar-dates.ts';
import { RECORD_KINDS } from '../../src/casework/record-kinds.ts';
import type { CaseworkKind } from '../../src/casework/record-kind-types.ts';
import { ruleDeadline, ruleStatus } from '../../src/casework/rule-status.ts';
import { ruleCasesSql } from '../../src/casework/rule-sql.ts';
import { RULES } from '../../src/casework/rules.ts';
import type { BoundaryConvention, RuleStatusName } from '../../src/casework/rule-types.ts';
import { mulberry32 } from '../../src/lib/random/seeded-random.ts';
import { createCaseworkPartnership, insertRecords, selectRows, testUuid, type RecordRow } from '../factories/casework-records.ts';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const TODAYS = ['2024-02-29', '2025-02-28', '2025-06-15', '2025-09-01', '2026-02-01', '2026-03-20'];
// Leap days, month ends and dates whose limit lands on 29 February, among ordinary days.
const SPECIAL_STARTS = ['2023-10-12', '2023-11-30', '2024-01-18', '2024-02-29', '2023-02-28', '2024-01-31', '2025-01-31', '2024-03-31', '2024-11-30'];

/** Deterministic cases of every kind with rules, their end events placed around each rule's deadline. */
function generateCases(): Map<CaseworkKind, RecordRow[]> {
  const random = mulberry32(20_140_901);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = () => (random() < 0.25 ? pick(SPECIAL_STARTS) : addDays('2023-06-01', Math.floor(random() * 1000)));
  const around = (deadline: string | null): string | null => {
    const offset = pick([-1, 0, 1, null, null, -20, 45]);
    return deadline === null || offset === null ? null : addDays(deadline, offset);
  };
  const endFor = (ruleId: string, record: RecordRow) => around(ruleDeadline(RULES.find((r) => r.id === ruleId)!, record));
  const cases = new Map<CaseworkKind, RecordRow[]>();
  const add = (kind: CaseworkKind, row: RecordRow) => cases.set(kind, [...(cases.get(kind) ?? []), row]);
  for (let i = 0; i < 400; i += 1) {
    const received = day();
    const ehc: RecordRow = { area: pick(['N', 'S']), received_on: received, request_outcome: pick(['assess', 'not-assess', 'withdrawn', null]), exceptions_apply: random() < 0.2 };
    ehc.request_outcome_on = ehc.request_outcome === null ? null : endFor('T01', ehc) ?? addDays(received, 10);
    ehc.assessment_outcome = pick(['issue-plan', 'not-issue', 'withdrawn', null]);
    ehc.assessment_outcome_on = ehc.assessment_outcome === null ? null : endFor('T03', ehc) ?? addDays(received, 100);
    ehc.plan_issued_on = endFor('T06', ehc);
    add('ehc-requests', ehc);
    const advice: RecordRow = { area: 'N', advice_type: 'health', provider: 'P1', requested_on: day(), missed_appointment: random() < 0.2 };
    advice.received_on = endFor('T02', advice);
    add('advice-requests', advice);
    const first = random() < 0.5;
    const review: RecordRow = { area: 'N', plan_issued_on: day(), previous_review_on: first ? null : day(), meeting_on: random() < 0.8 ? day() : null,
      year_group: pick([8, 9, 11, null]), pfa_considered: pick([true, false, null]), amendments_proposed_on: random() < 0.6 ? day() : null };
    review.decision_on = random() < 0.5 ? endFor(first ? 'T07' : 'T08', review) : endFor('T14', review);
    review.decision = review.decision_on === null ? null : 'maintain';
    review.amended_plan_issued_on = endFor('T16', review);
    add('annual-reviews', review);
    const transfer: RecordRow = { area: 'S', transfer_type: pick(['primary-to-secondary', 'secondary-to-post-16', 'early-years-to-school', 'post-16-to-post-16']), transfer_year: pick([2024, 2025, 2026]) };
    transfer.amended_plan_issued_on = endFor(transfer.transfer_type === 'secondary-to-post-16' ? 'T18' : 'T17', transfer);
    add('phase-transfers', transfer);
    const referred = day();
    const referral: RecordRow = { area: 'S', pathway: pick(['autism', 'speech-and-language', 'other']), provider: 'P2', referred_on: referred, accepted_on: random() < 0.8 ? addDays(referred, Math.floor(random() * 20)) : null };
    referral.first_contact_on = random() < 0.5 ? endFor('H01', referral) : endFor('W13', referral);
    add('referrals', referral);
    const equipment: RecordRow = { area: 'N', equipment_type: pick(['wheelchair', 'sensory']), identified_on: day() };
    equipment.delivered_on = random() < 0.5 ? endFor('H03', equipment) : endFor('E01', equipment);
    add('equipment-requests', equipment);
  }
  // Open cases due exactly yesterday, today, in 14 and in 15 days on 2025-06-15, for the day-based rules.
  for (const offset of [-1, 0, 14, 15]) {
    const deadline = addDays('2025-06-15', offset);
    add('ehc-requests', { area: 'N', received_on: addDays(deadline, -140), request_outcome: 'assess', request_outcome_on: addDays(deadline, -100), assessment_outcome: null, assessment_outcome_on: null, plan_issued_on: null, exceptions_apply: false });
    add('annual-reviews', { area: 'N', plan_issued_on: addMonths(deadline, -12), previous_review_on: null, meeting_on: null, year_group: 9, pfa_considered: null, amendments_proposed_on: null, decision_on: null, decision: null, amended_plan_issued_on: null });
  }
  return cases;
}

type Status = { id: string; status: RuleStatusName; deadline_on: string | null; days_remaining: number | null; days_overdue: number | null; exception_applies: boolean };

for (const kind of DATABASE_KINDS) {
  describe(`rules in SQL and in TypeScript agree (${kind})`, () => {
    let database: TestDatabase;
    const cases = generateCases();
    const ids = new Map<CaseworkKind, string[]>();
    before(async () => {
      database = await createTestDatabase(kind);
      const owner = await createCaseworkPartnership(database, 'agreement');
      let next = 1;
      for (const [recordKind, rows] of cases) {
        await insertRecords(database, recordKind, owner, rows, next);
        ids.set(recordKind, rows.map((_, i) => testUuid(next + i)));
        next += rows.length;
      }
    });
    after(() => database.destroy());

    for (const boundary of ['inclusive', 'exclusive'] as BoundaryConvention[]) {
      it(`gives every case the same status, deadline and days for every rule and day (${boundary} boundary, leap days included)`, async () => {
        const seen = new Map<string, Set<string>>();
        for (const rule of RULES) {
          const rows = cases.get(rule.kind)!;
          const recordIds = ids.get(rule.kind)!;
          for (const today of TODAYS) {
            const fromSql = await selectRows<Status>(database, `select x.id, x.status, x.deadline_on, x.days_remaining, x.days_overdue, x.exception_applies from (${ruleCasesSql(rule, { today, boundary })}) x`);
            const bySql = new Map(fromSql.map((r) => [r.id, r]));
            let compared = 0;
            rows.forEach((record, i) => {
              const expected = ruleStatus(rule, record, today, { boundary });
              const actual = bySql.get(recordIds[i]!);
              if (!expected) return assert.equal(actual, undefined, `${rule.id} ${today}: case ${i} should not be counted`);
              assert.deepEqual(actual && [actual.status, actual.deadline_on, actual.days_remaining, actual.days_overdue, actual.exception_applies],
                [expected.status, expected.deadlineOn, expected.daysRemaining, expected.daysOverdue, expected.exceptionApplies], `${rule.id} on ${today}, case ${i}: ${JSON.stringify(record)}`);
              compared += 1;
              seen.set(rule.id, (seen.get(rule.id) ?? new Set()).add(expected.status));
            });
            assert.equal(compared, bySql.size, `${rule.id} on ${today}: SQL found cases TypeScript did not`);
          }
        }
        for (const rule of RULES) {
          // T03 applies only once the decision not to issue is made, with its date, so its cases are always closed.
          const expected = rule.limit.unit === 'condition' || rule.id === 'T03' ? ['breached', 'met'] : ['breached', 'due-soon', 'met', 'open-overdue', 'open-within-time'];
          assert.deepEqual([...seen.get(rule.id) ?? []].sort(), expected, `${rule.id} covers every status (${RECORD_KINDS[rule.kind].table})`);
        }
      });
    }
  });
}
