import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBoundary, rule } from './rule-status-test-support.ts';
import { ruleStatus } from './rule-status.ts';


const request = { received_on: '2025-01-06', request_outcome: 'assess', request_outcome_on: null, assessment_outcome: null, assessment_outcome_on: null, plan_issued_on: null, exceptions_apply: false };

describe('T06: the final EHC plan within 20 weeks of the request (SEND Regulations 2014 reg 13(2))', () => {
  it('is met on day 140 (2025-05-26 for a request received 2025-01-06) and breached on day 141', () => {
    assertBoundary('T06', request, 'plan_issued_on', '2025-05-26');
  });

  it('treats day 140 as late under the exclusive boundary convention (a documented setting)', () => {
    const onDay140 = ruleStatus(rule('T06'), { ...request, plan_issued_on: '2025-05-26' }, '2030-01-01', { boundary: 'exclusive' });
    assert.deepEqual([onDay140?.status, onDay140?.deadlineOn, onDay140?.daysOverdue], ['breached', '2025-05-25', 1]);
    assert.equal(ruleStatus(rule('T06'), { ...request, plan_issued_on: '2025-05-25' }, '2030-01-01', { boundary: 'exclusive' })?.status, 'met');
  });

  it('lands on 29 February in a leap year: received 2023-10-12, due 2024-02-29', () => {
    assertBoundary('T06', { ...request, received_on: '2023-10-12' }, 'plan_issued_on', '2024-02-29');
  });

  it('reports a reg 13(3) exception beside the status, which stays breached when the plan was late', () => {
    const late = ruleStatus(rule('T06'), { ...request, plan_issued_on: '2025-06-30', exceptions_apply: true }, '2030-01-01');
    assert.deepEqual([late?.status, late?.exceptionApplies], ['breached', true]);
  });

  it('gives open cases their status on the day: within time, due within 14 days (inclusive), due today, overdue', () => {
    const on = (today: string) => ruleStatus(rule('T06'), request, today);
    assert.deepEqual([on('2025-05-11')?.status, on('2025-05-11')?.daysRemaining], ['open-within-time', 15]);
    assert.deepEqual([on('2025-05-12')?.status, on('2025-05-12')?.daysRemaining], ['due-soon', 14]);
    assert.deepEqual([on('2025-05-26')?.status, on('2025-05-26')?.daysRemaining], ['due-soon', 0]);
    assert.deepEqual([on('2025-05-27')?.status, on('2025-05-27')?.daysOverdue], ['open-overdue', 1]);
    assert.equal(ruleStatus(rule('T06'), request, '2025-05-01', { dueSoonDays: 30 })?.status, 'due-soon');
  });

  it('does not apply when the LA decided not to assess, or the assessment ended without a plan', () => {
    assert.equal(ruleStatus(rule('T06'), { ...request, request_outcome: 'not-assess', request_outcome_on: '2025-02-01' }, '2025-06-01'), null);
    assert.equal(ruleStatus(rule('T06'), { ...request, assessment_outcome: 'not-issue', assessment_outcome_on: '2025-04-01' }, '2025-06-01'), null);
    assert.equal(ruleStatus(rule('T06'), { ...request, request_outcome: null }, '2025-02-01')?.status, 'open-within-time', 'applies before the decision to assess');
  });
});

describe('T01: decision whether to assess within 6 weeks (SEND Regulations 2014 reg 5(1))', () => {
  it('is met on day 42 and breached on day 43', () => {
    assertBoundary('T01', request, 'request_outcome_on', '2025-02-17');
  });

  it('counts across 29 February: received 2024-01-18, due 2024-02-29', () => {
    assertBoundary('T01', { ...request, received_on: '2024-01-18' }, 'request_outcome_on', '2024-02-29');
  });

  it('applies to decisions either way and to undecided requests, not to withdrawn ones; exceptions reg 5(4) are reported', () => {
    assert.equal(ruleStatus(rule('T01'), { ...request, request_outcome: 'not-assess', request_outcome_on: '2025-02-17' }, '2030-01-01')?.status, 'met');
    assert.equal(ruleStatus(rule('T01'), { ...request, request_outcome: null }, '2025-02-18')?.status, 'open-overdue');
    assert.equal(ruleStatus(rule('T01'), { ...request, request_outcome: 'withdrawn', request_outcome_on: '2025-01-20' }, '2030-01-01'), null);
    assert.equal(ruleStatus(rule('T01'), { ...request, request_outcome_on: '2025-03-01', exceptions_apply: true }, '2030-01-01')?.exceptionApplies, true);
  });
});

describe('T03: decision not to issue within 16 weeks of the request (SEND Regulations 2014 reg 10(1))', () => {
  const notIssue = { ...request, assessment_outcome: 'not-issue' };

  it('is met on day 112 (2025-04-28) and breached on day 113', () => {
    assertBoundary('T03', notIssue, 'assessment_outcome_on', '2025-04-28');
  });

  it('applies only to a decision not to issue; reg 10(4) exceptions are reported beside it', () => {
    assert.equal(ruleStatus(rule('T03'), { ...request, assessment_outcome: 'issue-plan', assessment_outcome_on: '2025-04-01' }, '2030-01-01'), null);
    assert.equal(ruleStatus(rule('T03'), { ...notIssue, assessment_outcome_on: '2025-05-01', exceptions_apply: true }, '2030-01-01')?.exceptionApplies, true);
  });
});

describe('T02: advice within 6 weeks of the request for it (SEND Regulations 2014 reg 8(1))', () => {
  const advice = { requested_on: '2025-02-12', received_on: null, missed_appointment: false };

  it('is met on day 42 (2025-03-26) and breached on day 43', () => {
    assertBoundary('T02', advice, 'received_on', '2025-03-26');
  });

  it('counts across 29 February 2028: requested 2028-01-18, due 2028-02-29', () => {
    assertBoundary('T02', { ...advice, requested_on: '2028-01-18' }, 'received_on', '2028-02-29');
  });

  it('reports the missed-appointment exception (reg 8) and gives awaited advice an open status', () => {
    assert.equal(ruleStatus(rule('T02'), { ...advice, received_on: '2025-04-30', missed_appointment: true }, '2030-01-01')?.exceptionApplies, true);
    assert.deepEqual([ruleStatus(rule('T02'), advice, '2025-03-20')?.status, ruleStatus(rule('T02'), advice, '2025-03-20')?.daysRemaining], ['due-soon', 6]);
  });
});
