import { SEN2_NEEDS, YEAR_GROUPS, type CaseworkKind, type FieldDeclaration, type RecordKindDeclaration } from './record-kind-types.ts';

/**
 * The eight casework record kinds of issue 6 (one table each, migration 0006), aligned with the DfE SEN2
 * person-level return where one exists (domain.md §2.1). SEN2 request and assessment outcome codes other
 * than S were not retrieved (domain.md §2.1, [U]), so outcomes are our own words, mapped in the documentation.
 */

const recordId = (what: string): FieldDeclaration => ({
  key: 'record_id', heading: 'Record ID', type: 'record-id', required: true, column: 'record_key',
  description: `Your own reference for the ${what}, unique in the file. Pseudonymised (HMAC) before it is stored; importing the same reference again replaces the record.`,
  example: 'EHC-2025-00123',
});
const personId: FieldDeclaration = {
  key: 'person_id', heading: 'Person ID', type: 'person-id', required: true, column: 'person_pseudonym',
  description: 'Your identifier for the child or young person (case-system id, NHS number or UPN). Pseudonymised with the partnership key before anything is stored. Another heading may be mapped to it (--person-column).',
  example: 'P0048213',
};
const area: FieldDeclaration = {
  key: 'area', heading: 'Area', type: 'code', required: true, column: 'area',
  description: 'The locality or team area code you report by.', example: 'North',
};
const age: FieldDeclaration = {
  key: 'age', heading: 'Age', type: 'age', required: false, column: 'age_band',
  description: 'Age in whole years (0-25) at the start of the case. Stored only as the DfE band 0-4, 5-10, 11-15, 16-19 or 20-25.',
  example: '9', sen2: 'derived from module 1 date of birth (never uploaded)',
};
const need: FieldDeclaration = {
  key: 'primary_need', heading: 'Primary need', type: 'enum', required: false, column: 'primary_need', allowed: SEN2_NEEDS,
  description: 'Primary type of need (SEN2 SEN type, rank 1).', example: 'ASD', sen2: 'module 5c SEN type (rank 1)',
};
const date = (key: string, heading: string, required: boolean, description: string, example: string, sen2?: string): FieldDeclaration =>
  ({ key, heading, type: 'date', required, column: key, description, example, ...(sen2 ? { sen2 } : {}) });
const flag = (key: string, heading: string, description: string, column: string | null = key, blankIsUnknown = false): FieldDeclaration =>
  ({ key, heading, type: 'flag', required: false, column, description, example: 'N', ...(blankIsUnknown ? { blankIsUnknown } : {}) });

const EXCEPTION = (letter: string, text: string) =>
  flag(`exception_${letter}`, `Exception ${letter}`, `Y when exception (${letter}) of regs 5(4), 10(4) and 13(3) applied: ${text}.`);

export const RECORD_KINDS: Record<CaseworkKind, RecordKindDeclaration> = {
  'ehc-requests': {
    kind: 'ehc-requests', table: 'casework_ehc_requests', title: 'EHC needs assessment requests', personal: true,
    description: 'One row per request for an EHC needs assessment (initial requests), with the decision whether to assess, the assessment outcome and the plan.',
    fields: [
      recordId('request'), personId, area, age, need,
      date('received_on', 'Received date', true, 'Date the local authority received the request (or became responsible).', '2025-01-06', 'module 2 date request received'),
      { key: 'request_outcome', heading: 'Request outcome', type: 'enum', required: false, column: 'request_outcome', allowed: ['assess', 'not-assess', 'withdrawn'], description: 'Decision whether to assess: assess, not-assess, or withdrawn before a decision. Blank while undecided.', example: 'assess', sen2: 'module 2 request outcome' },
      date('request_outcome_on', 'Request outcome date', false, 'Date the decision whether to assess was notified (reg 5).', '2025-02-10', 'module 2 request outcome date'),
      { key: 'assessment_outcome', heading: 'Assessment outcome', type: 'enum', required: false, column: 'assessment_outcome', allowed: ['issue-plan', 'not-issue', 'withdrawn'], description: 'Outcome of the assessment: issue-plan, not-issue (reg 10), or withdrawn. Blank while assessing.', example: 'issue-plan', sen2: 'module 3 assessment outcome' },
      date('assessment_outcome_on', 'Assessment outcome date', false, 'Date of the assessment outcome (for not-issue: the date the decision was notified, reg 10(1)).', '2025-04-14', 'module 3 assessment outcome date'),
      date('draft_issued_on', 'Draft plan date', false, 'Date the draft plan was sent (reg 13(1)).', '2025-04-22'),
      date('plan_issued_on', 'Final plan date', false, 'Date the final EHC plan was issued (reg 13(2)).', '2025-05-19', 'module 4a plan start date'),
      EXCEPTION('a', 'advice asked of a school or post-16 institution closed for 4 weeks or more (the summer holiday)'),
      EXCEPTION('b', 'advice asked of an early years provider closed for 4 weeks or more'),
      EXCEPTION('c', 'exceptional personal circumstances of the child, parent or young person'),
      EXCEPTION('d', 'the child, parent or young person away from the area for 4 continuous weeks or more'),
      flag('week20', 'Week20', 'Y when your system only records that a 20-week exception applied (SEN2 <Week20>), without the letter.', null),
    ],
    checks: [
      { kind: 'together', keys: ['request_outcome', 'request_outcome_on'] },
      { kind: 'together', keys: ['assessment_outcome', 'assessment_outcome_on'] },
      { kind: 'order', earlier: 'received_on', later: 'request_outcome_on' },
      { kind: 'order', earlier: 'received_on', later: 'assessment_outcome_on' },
      { kind: 'order', earlier: 'received_on', later: 'draft_issued_on' },
      { kind: 'order', earlier: 'received_on', later: 'plan_issued_on' },
      { kind: 'order', earlier: 'draft_issued_on', later: 'plan_issued_on' },
    ],
    derived: [{ column: 'exceptions_apply', from: ['exception_a', 'exception_b', 'exception_c', 'exception_d', 'week20'], rule: 'any-true', description: 'SEN2 Week20: Y in any of the four exception columns or in Week20' }],
  },
  'advice-requests': {
    kind: 'advice-requests', table: 'casework_advice_requests', title: 'Advice requests', personal: true,
    description: 'One row per request for advice and information for an EHC needs assessment (reg 8), per adviser.',
    fields: [
      recordId('advice request'), personId, area, age,
      { key: 'request_key', heading: 'Assessment ID', type: 'reference', required: false, column: 'request_key', description: 'The Record ID of the EHC needs assessment request the advice is for.', example: 'EHC-2025-00123' },
      { key: 'advice_type', heading: 'Advice type', type: 'enum', required: true, column: 'advice_type', allowed: ['educational-psychology', 'health', 'social-care', 'other'], description: 'Who was asked: educational-psychology, health, social-care or other.', example: 'health' },
      { key: 'provider', heading: 'Provider', type: 'code', required: true, column: 'provider', description: 'Code of the service or trust asked for advice.', example: 'EPUT' },
      date('requested_on', 'Requested date', true, 'Date the advice was requested.', '2025-02-12'),
      date('received_on', 'Received date', false, 'Date the advice was received. Blank while awaited.', '2025-03-20'),
      flag('missed_appointment', 'Missed appointment', 'Y when the child, parent or young person failed to keep an appointment for an examination or test in the 6 weeks (reg 8 exception).'),
    ],
    checks: [{ kind: 'order', earlier: 'requested_on', later: 'received_on' }],
  },
  'annual-reviews': {
    kind: 'annual-reviews', table: 'casework_annual_reviews', title: 'Annual reviews', personal: true,
    description: 'One row per annual review of an EHC plan: the review that is due, its meeting, report and decision, and any amendment.',
    fields: [
      recordId('review'), personId, area, age, need,
      { key: 'year_group', heading: 'Year group', type: 'year-group', required: false, column: 'year_group', allowed: YEAR_GROUPS, description: 'National curriculum year at the meeting: N1, N2, R, 1-14. Blank when not in a year group.', example: '9', sen2: 'NCY' },
      date('plan_issued_on', 'Plan issued date', false, 'For a first review: the date the plan was issued.', '2024-05-19'),
      date('previous_review_on', 'Previous review date', false, 'For later reviews: the date of the previous review decision.', '2024-04-30'),
      date('meeting_on', 'Meeting date', false, 'Date of the review meeting.', '2025-03-18', 'module 5a annual review meeting date'),
      date('report_sent_on', 'Report sent date', false, 'Date the review report was sent (reg 20(7)/21(7)).', '2025-03-27'),
      { key: 'decision', heading: 'Decision', type: 'enum', required: false, column: 'decision', allowed: ['maintain', 'amend', 'cease'], description: 'The local authority decision: maintain, amend or cease.', example: 'amend', sen2: 'module 5a annual review decision' },
      date('decision_on', 'Decision date', false, 'Date the decision was notified.', '2025-04-09', 'module 5a annual review decision date'),
      date('amendments_proposed_on', 'Amendments proposed date', false, 'Date the proposed amendments were sent (reg 22(2)).', '2025-04-09'),
      date('amended_plan_issued_on', 'Amended plan date', false, 'Date the final amended plan was issued (reg 22(3)).', '2025-05-28'),
      flag('pfa_considered', 'Preparing for adulthood considered', 'Y when the meeting considered preparing for adulthood and independent living (required from Year 9, reg 20(6)/21(6)); N when it did not. Blank: not recorded.', 'pfa_considered', true),
    ],
    checks: [
      { kind: 'one-of', keys: ['plan_issued_on', 'previous_review_on'] },
      { kind: 'together', keys: ['decision', 'decision_on'] },
      { kind: 'order', earlier: 'plan_issued_on', later: 'meeting_on' },
      { kind: 'order', earlier: 'previous_review_on', later: 'meeting_on' },
      { kind: 'order', earlier: 'meeting_on', later: 'report_sent_on' },
      { kind: 'order', earlier: 'meeting_on', later: 'decision_on' },
      { kind: 'order', earlier: 'amendments_proposed_on', later: 'amended_plan_issued_on' },
      { kind: 'required-when', key: 'amendments_proposed_on', when: 'amended_plan_issued_on', equals: ['*'] },
    ],
  },
  'phase-transfers': {
    kind: 'phase-transfers', table: 'casework_phase_transfers', title: 'Phase transfers', personal: true,
    description: 'One row per child or young person with a plan who is within 12 months of a transfer between phases (reg 18).',
    fields: [
      recordId('transfer'), personId, area, age, need,
      { key: 'transfer_type', heading: 'Transfer', type: 'enum', required: true, column: 'transfer_type', allowed: ['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16', 'post-16-to-post-16'], description: 'The transfer between phases (reg 2).', example: 'primary-to-secondary' },
      { key: 'transfer_year', heading: 'Transfer year', type: 'integer', required: true, column: 'transfer_year', min: 2014, max: 2100, description: 'Calendar year in which the transfer happens (September 2026: 2026).', example: '2026', sen2: 'module 5a phase-transfer due date (v1.3)' },
      date('amended_plan_issued_on', 'Amended plan date', false, 'Date the amended plan naming the new setting was issued. Blank while not issued.', '2026-02-03', 'module 5a phase-transfer final date (v1.3)'),
    ],
    checks: [],
  },
  referrals: {
    kind: 'referrals', table: 'casework_referrals', title: 'Referrals to assessment pathways', personal: true,
    description: 'One row per referral to an assessment pathway (autism, speech and language, other).',
    fields: [
      recordId('referral'), personId, area, age,
      { key: 'pathway', heading: 'Pathway', type: 'enum', required: true, column: 'pathway', allowed: ['autism', 'speech-and-language', 'other'], description: 'autism, speech-and-language or other.', example: 'autism' },
      { key: 'provider', heading: 'Provider', type: 'code', required: true, column: 'provider', description: 'Code of the service or trust.', example: 'MSE' },
      date('referred_on', 'Referred date', true, 'Date the referral was received.', '2025-01-15'),
      date('accepted_on', 'Accepted date', false, 'Date the team accepted the referral.', '2025-01-29'),
      date('first_contact_on', 'First assessment contact date', false, 'Date of the first assessment contact. Blank while waiting.', '2025-04-02'),
      date('discharged_on', 'Discharged date', false, 'Date of discharge from the pathway.', '2025-09-30'),
      { key: 'previous_referral_key', heading: 'Previous referral ID', type: 'reference', required: false, column: 'previous_referral_key', description: 'For a re-referral: the Record ID of the earlier referral.', example: 'REF-2024-0456' },
      flag('resumed_pathway', 'Resumed pathway', 'For a re-referral: Y when it was taken back at the point reached, N when the pathway started again.', 'resumed_pathway', true),
    ],
    checks: [
      { kind: 'order', earlier: 'referred_on', later: 'accepted_on' },
      { kind: 'order', earlier: 'referred_on', later: 'first_contact_on' },
      { kind: 'order', earlier: 'accepted_on', later: 'first_contact_on' },
      { kind: 'order', earlier: 'referred_on', later: 'discharged_on' },
      { kind: 'only-when', key: 'resumed_pathway', when: 'previous_referral_key', equals: ['*'] },
    ],
  },
  'equipment-requests': {
    kind: 'equipment-requests', table: 'casework_equipment_requests', title: 'Specialist equipment requests', personal: true,
    description: 'One row per item of specialist equipment (including wheelchairs) identified as needed.',
    fields: [
      recordId('equipment request'), personId, area, age,
      { key: 'equipment_type', heading: 'Equipment type', type: 'enum', required: true, column: 'equipment_type', allowed: ['wheelchair', 'posture-and-seating', 'communication-aid', 'moving-and-handling', 'sensory', 'other'], description: 'Kind of equipment.', example: 'posture-and-seating' },
      { key: 'provider', heading: 'Provider', type: 'code', required: false, column: 'provider', description: 'Code of the service that supplies it.', example: 'ECES' },
      date('identified_on', 'Identified date', true, 'Date the need for the equipment was identified (for wheelchairs: the referral).', '2025-03-03'),
      date('delivered_on', 'Delivered date', false, 'Date the equipment was delivered. Blank while awaited.', '2025-04-07'),
    ],
    checks: [{ kind: 'order', earlier: 'identified_on', later: 'delivered_on' }],
  },
  'dsr-entries': {
    kind: 'dsr-entries', table: 'casework_dsr_entries', title: 'Dynamic support register entries', personal: true,
    description: 'One row per child or young person on the dynamic support register (NHS England policy, 2023).',
    fields: [
      recordId('register entry'), personId, area, age,
      { key: 'cohort', heading: 'Cohort', type: 'enum', required: false, column: 'cohort', allowed: ['autism', 'learning-disability', 'autism-and-learning-disability'], description: 'autism, learning-disability or autism-and-learning-disability.', example: 'autism' },
      date('added_on', 'Added date', true, 'Date added to the register.', '2024-11-04'),
      date('removed_on', 'Removed date', false, 'Date removed from the register. Blank while on it.', ''),
    ],
    checks: [{ kind: 'order', earlier: 'added_on', later: 'removed_on' }],
  },
  'dsr-events': {
    kind: 'dsr-events', table: 'casework_dsr_events', title: 'Dynamic support register events', personal: false,
    description: 'One row per event of a register entry: a RAG+blue rating, an inpatient admission or discharge, or a care (education) and treatment review. Import the entries first.',
    fields: [
      recordId('event'),
      { key: 'entry_key', heading: 'DSR entry ID', type: 'reference', required: true, column: 'entry_key', description: 'The Record ID of the register entry.', example: 'DSR-0042' },
      { key: 'event', heading: 'Event', type: 'enum', required: true, column: 'event', allowed: ['rating', 'admission', 'discharge', 'cetr'], description: 'rating, admission, discharge or cetr.', example: 'rating' },
      date('event_on', 'Event date', true, 'Date of the event.', '2025-01-20'),
      { key: 'rating', heading: 'Rating', type: 'enum', required: false, column: 'rating', allowed: ['red', 'amber', 'green', 'blue'], description: 'For a rating: red (imminent risk), amber (risk without support), green (managed) or blue (in hospital).', example: 'amber' },
      { key: 'review_type', heading: 'Review type', type: 'enum', required: false, column: 'review_type', allowed: ['community', 'post-admission', 'inpatient'], description: 'For a cetr: community, post-admission or inpatient.', example: '' },
    ],
    checks: [
      { kind: 'required-when', key: 'rating', when: 'event', equals: ['rating'] },
      { kind: 'only-when', key: 'rating', when: 'event', equals: ['rating'] },
      { kind: 'only-when', key: 'review_type', when: 'event', equals: ['cetr'] },
    ],
  },
};
