import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBoundary, rule } from './rule-status-test-support.ts';
import { ruleStatus } from './rule-status.ts';


const review = { plan_issued_on: null, previous_review_on: null, meeting_on: null, decision_on: null, year_group: 9, pfa_considered: null, amendments_proposed_on: null, amended_plan_issued_on: null };

describe('T07 and T08: annual reviews within 12 months (Children and Families Act 2014 s44; CoP 9.169)', () => {
  it('T07: a first review of a plan issued 2024-03-15 is due by 2025-03-15', () => {
    assertBoundary('T07', { ...review, plan_issued_on: '2024-03-15' }, 'decision_on', '2025-03-15');
  });

  it('T07: a plan issued on 29 February 2024 is due by 28 February 2025 (calendar months, clamped)', () => {
    assertBoundary('T07', { ...review, plan_issued_on: '2024-02-29' }, 'decision_on', '2025-02-28');
  });

  it('T08: a review after one on 2023-02-28 is due by 2024-02-28, not the leap day', () => {
    assertBoundary('T08', { ...review, plan_issued_on: '2020-01-10', previous_review_on: '2023-02-28' }, 'decision_on', '2024-02-28');
  });

  it('T07 applies to first reviews only and T08 to later ones', () => {
    const later = { ...review, plan_issued_on: '2020-01-10', previous_review_on: '2024-05-31' };
    assert.equal(ruleStatus(rule('T07'), later, '2025-01-01'), null);
    assert.deepEqual([ruleStatus(rule('T08'), later, '2025-05-20')?.status, ruleStatus(rule('T08'), later, '2025-05-20')?.daysRemaining], ['due-soon', 11]);
    assert.equal(ruleStatus(rule('T08'), { ...review, plan_issued_on: '2024-03-15' }, '2025-01-01'), null);
  });
});

describe('T12: preparing for adulthood considered at reviews from Year 9 (SEND Regulations 2014 reg 20(6), 21(6))', () => {
  const meeting = { ...review, previous_review_on: '2024-03-01', meeting_on: '2025-03-01' };

  it('is met when recorded as considered and breached when not, or not recorded', () => {
    assert.equal(ruleStatus(rule('T12'), { ...meeting, pfa_considered: true }, '2030-01-01')?.status, 'met');
    assert.equal(ruleStatus(rule('T12'), { ...meeting, pfa_considered: false }, '2030-01-01')?.status, 'breached');
    assert.equal(ruleStatus(rule('T12'), meeting, '2030-01-01')?.status, 'breached');
  });

  it('applies from Year 9 (not Year 8) and only once the meeting is held', () => {
    assert.equal(ruleStatus(rule('T12'), { ...meeting, year_group: 8, pfa_considered: false }, '2030-01-01'), null);
    assert.equal(ruleStatus(rule('T12'), { ...meeting, year_group: 14, pfa_considered: true }, '2030-01-01')?.status, 'met');
    assert.equal(ruleStatus(rule('T12'), { ...meeting, meeting_on: null }, '2030-01-01'), null);
  });
});

describe('T14: the LA decision within 4 weeks of the review meeting (SEND Regulations 2014 regs 20-21; CoP chapter 9)', () => {
  it('is met on day 28 (2025-04-15 after a meeting on 2025-03-18) and breached on day 29', () => {
    assertBoundary('T14', { ...review, previous_review_on: '2024-04-01', meeting_on: '2025-03-18' }, 'decision_on', '2025-04-15');
  });

  it('counts across 29 February 2024: meeting 2024-02-01, due 2024-02-29', () => {
    assertBoundary('T14', { ...review, previous_review_on: '2023-03-01', meeting_on: '2024-02-01' }, 'decision_on', '2024-02-29');
  });
});

describe('T16: the amended plan within 8 weeks of the proposed amendments (SEND Regulations 2014 reg 22(3))', () => {
  it('is met on day 56 (2025-06-04 after proposals sent 2025-04-09) and breached on day 57', () => {
    assertBoundary('T16', { ...review, previous_review_on: '2024-04-01', amendments_proposed_on: '2025-04-09' }, 'amended_plan_issued_on', '2025-06-04');
  });

  it('is open and overdue when no amended plan has followed by day 57', () => {
    const open = ruleStatus(rule('T16'), { ...review, previous_review_on: '2024-04-01', amendments_proposed_on: '2025-04-09' }, '2025-06-05');
    assert.deepEqual([open?.status, open?.daysOverdue], ['open-overdue', 1]);
  });
});

describe('T17 and T18: phase transfers by a fixed date (SEND Regulations 2014 reg 18(1))', () => {
  const transfer = { transfer_type: 'primary-to-secondary', transfer_year: 2026, amended_plan_issued_on: null };

  it('T17 reg 18(1)(b): "before 15 February": 14 February is in time, 15 February is late', () => {
    assertBoundary('T17', transfer, 'amended_plan_issued_on', '2026-02-14');
  });

  it('T17 is strict whatever the boundary convention, and gives open cases a status on the day', () => {
    assert.equal(ruleStatus(rule('T17'), { ...transfer, amended_plan_issued_on: '2026-02-14' }, '2030-01-01', { boundary: 'exclusive' })?.status, 'met');
    const open = ruleStatus(rule('T17'), transfer, '2026-02-01');
    assert.deepEqual([open?.status, open?.daysRemaining, open?.startOn], ['due-soon', 13, null]);
    assert.equal(ruleStatus(rule('T17'), transfer, '2026-02-15')?.status, 'open-overdue');
  });

  it('T18 reg 18(1)(a): secondary to post-16 "before 31 March": 30 March in time, 31 March late', () => {
    assertBoundary('T18', { ...transfer, transfer_type: 'secondary-to-post-16', transfer_year: 2025 }, 'amended_plan_issued_on', '2025-03-30');
  });

  it('each applies to its own transfers only: T17 not to secondary to post-16, T18 not to primary to secondary', () => {
    assert.equal(ruleStatus(rule('T17'), { ...transfer, transfer_type: 'secondary-to-post-16' }, '2026-01-01'), null);
    assert.equal(ruleStatus(rule('T18'), transfer, '2026-01-01'), null);
    assert.equal(ruleStatus(rule('T17'), { ...transfer, transfer_type: 'post-16-to-post-16' }, '2026-01-01'), null);
  });
});
