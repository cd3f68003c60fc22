import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBoundary, rule } from './rule-status-test-support.ts';
import { ruleStatus } from './rule-status.ts';


const referral = { pathway: 'autism', referred_on: '2025-01-15', accepted_on: '2025-01-29', first_contact_on: null };

describe('H01: autism assessment started within 3 months of referral (NICE QS51 statement 1; CG128)', () => {
  it('is met on 2025-04-29 for a referral accepted 2025-01-29 and breached the day after', () => {
    assertBoundary('H01', referral, 'first_contact_on', '2025-04-29');
  });

  it('clamps to 29 February in a leap year (accepted 2023-11-30) and 28 February otherwise (accepted 2024-11-30)', () => {
    assertBoundary('H01', { ...referral, accepted_on: '2023-11-30' }, 'first_contact_on', '2024-02-29');
    assertBoundary('H01', { ...referral, accepted_on: '2024-11-30' }, 'first_contact_on', '2025-02-28');
  });

  it('applies to accepted autism referrals only', () => {
    assert.equal(ruleStatus(rule('H01'), { ...referral, pathway: 'speech-and-language' }, '2025-03-01'), null);
    assert.equal(ruleStatus(rule('H01'), { ...referral, accepted_on: null }, '2025-03-01'), null);
  });
});

describe('W13: first contact within 13 weeks of referral (NHS England Autism Waiting Time Statistics)', () => {
  it('is met on day 91 (2025-04-16 for a referral on 2025-01-15) and breached on day 92, on every pathway', () => {
    assertBoundary('W13', referral, 'first_contact_on', '2025-04-16');
    assertBoundary('W13', { ...referral, pathway: 'speech-and-language' }, 'first_contact_on', '2025-04-16');
  });

  it('counts across 29 February 2024: referred 2023-11-30, due 2024-02-29', () => {
    assertBoundary('W13', { ...referral, referred_on: '2023-11-30' }, 'first_contact_on', '2024-02-29');
  });
});

describe('H03: wheelchairs within 18 weeks of referral (NHS planning guidance, national wheelchair data collection)', () => {
  const wheelchair = { equipment_type: 'wheelchair', identified_on: '2025-03-03', delivered_on: null };

  it('is met on day 126 (2025-07-07) and breached on day 127; it does not apply to other equipment', () => {
    assertBoundary('H03', wheelchair, 'delivered_on', '2025-07-07');
    assert.equal(ruleStatus(rule('H03'), { ...wheelchair, equipment_type: 'communication-aid' }, '2025-04-01'), null);
  });
});

describe('E01: specialist equipment within 6 weeks of identification (Essex SEND improvement plan, JC10)', () => {
  const equipment = { equipment_type: 'posture-and-seating', identified_on: '2025-03-03', delivered_on: null };

  it('is met on day 42 (2025-04-14) and breached on day 43, for every kind of equipment', () => {
    assertBoundary('E01', equipment, 'delivered_on', '2025-04-14');
    assertBoundary('E01', { ...equipment, equipment_type: 'wheelchair' }, 'delivered_on', '2025-04-14');
  });

  it('counts across 29 February 2024: identified 2024-01-18, due 2024-02-29; awaited equipment is open', () => {
    assertBoundary('E01', { ...equipment, identified_on: '2024-01-18' }, 'delivered_on', '2024-02-29');
    assert.deepEqual([ruleStatus(rule('E01'), equipment, '2025-04-15')?.status, ruleStatus(rule('E01'), equipment, '2025-04-15')?.daysOverdue], ['open-overdue', 1]);
  });
});
