import type { RuleDeclaration } from './rule-types.ts';

const ASSESSMENT_EXCEPTIONS = (reg: string) => ({ columns: ['exceptions_apply'], reference: `${reg} → (a)-(d): school or early years provider closed 4+ weeks; exceptional personal circumstances; absent from the area 4+ weeks` });
const SCHOOL_TRANSFERS = ['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary'];

/**
 * The rules of issue 6, from domain.md §1.2 (SEND Regulations 2014, SI 2014/1530; Children and Families Act
 * 2014; NICE; NHS England) and the Essex plan's equipment target. Each is declared once; statuses, measures
 * and worklists are computed from these declarations in TypeScript and in SQL alike.
 */
export const RULES: readonly RuleDeclaration[] = [
  {
    id: 'T01', title: 'Decision whether to assess within 6 weeks', kind: 'ehc-requests',
    start: { column: 'received_on', label: 'Request received' }, end: { column: 'request_outcome_on', label: 'Decision notified' },
    limit: { unit: 'weeks', amount: 6 }, appliesWhen: [{ column: 'request_outcome', in: ['assess', 'not-assess'], orBlank: true }],
    exceptions: ASSESSMENT_EXCEPTIONS('reg 5(4)'), legal: 'SEND Regulations 2014 reg 5(1)', confidence: 'C',
    notes: 'Requests withdrawn before a decision are not counted. DfE reports requests decided within the statutory timeframe from SEN2 2025.',
  },
  {
    id: 'T02', title: 'Advice given within 6 weeks of the request', kind: 'advice-requests',
    start: { column: 'requested_on', label: 'Advice requested' }, end: { column: 'received_on', label: 'Advice received' },
    limit: { unit: 'weeks', amount: 6 }, appliesWhen: [],
    exceptions: { columns: ['missed_appointment'], reference: 'reg 8: the child, parent or young person failed to keep an appointment in the 6 weeks' },
    legal: 'SEND Regulations 2014 reg 8(1)', confidence: 'C/S',
    notes: 'Per request for advice. The school-closure exception does not apply to this duty (Swindon SEND performance [S]).',
  },
  {
    id: 'T03', title: 'Decision not to issue a plan within 16 weeks of the request', kind: 'ehc-requests',
    start: { column: 'received_on', label: 'Request received' }, end: { column: 'assessment_outcome_on', label: 'Decision not to issue notified' },
    limit: { unit: 'weeks', amount: 16 }, appliesWhen: [{ column: 'assessment_outcome', in: ['not-issue'] }],
    exceptions: ASSESSMENT_EXCEPTIONS('reg 10(4)'), legal: 'SEND Regulations 2014 reg 10(1)', confidence: 'C',
    notes: 'Applies only where the assessment ends in a decision not to issue. There is no statutory 16-week limit for the draft plan.',
  },
  {
    id: 'T06', title: 'Final EHC plan issued within 20 weeks of the request', kind: 'ehc-requests',
    start: { column: 'received_on', label: 'Request received' }, end: { column: 'plan_issued_on', label: 'Final plan issued' },
    limit: { unit: 'weeks', amount: 20 },
    appliesWhen: [{ column: 'request_outcome', in: ['assess'], orBlank: true }, { column: 'assessment_outcome', in: ['issue-plan'], orBlank: true }],
    exceptions: ASSESSMENT_EXCEPTIONS('reg 13(3)'), legal: 'SEND Regulations 2014 reg 13(2)', confidence: 'C',
    notes: 'DfE (SEN2, "Education, health and care plans") counts plans issued in the calendar year and reports the share within 20 weeks both including exception cases and excluding them (plans where <Week20> = 1 leave numerator and denominator).',
  },
  {
    id: 'T07', title: 'First annual review within 12 months of the plan', kind: 'annual-reviews',
    start: { column: 'plan_issued_on', label: 'Plan issued' }, end: { column: 'decision_on', label: 'Review decision notified' },
    limit: { unit: 'months', amount: 12 }, appliesWhen: [{ column: 'previous_review_on', is: 'blank' }, { column: 'plan_issued_on', is: 'given' }],
    exceptions: null, legal: 'Children and Families Act 2014 s44; SEND Code of Practice 9.169', confidence: 'S',
    notes: 'The decision after the review must be notified within 4 weeks of the meeting and within the 12-month window (CoP 9.169).',
  },
  {
    id: 'T08', title: 'Next annual review within 12 months of the previous one', kind: 'annual-reviews',
    start: { column: 'previous_review_on', label: 'Previous review decision' }, end: { column: 'decision_on', label: 'Review decision notified' },
    limit: { unit: 'months', amount: 12 }, appliesWhen: [{ column: 'previous_review_on', is: 'given' }],
    exceptions: null, legal: 'Children and Families Act 2014 s44; SEND Code of Practice 9.169', confidence: 'S',
    notes: 'From 2025 DfE collects annual review dates and outcomes in SEN2 module 5a.',
  },
  {
    id: 'T12', title: 'Preparing for adulthood considered at reviews from Year 9', kind: 'annual-reviews',
    start: { column: 'meeting_on', label: 'Review meeting' }, end: { column: 'meeting_on', label: 'Review meeting' },
    limit: { unit: 'condition', metWhen: { column: 'pfa_considered', is: 'true' } },
    appliesWhen: [{ column: 'year_group', atLeast: 9 }, { column: 'meeting_on', is: 'given' }],
    exceptions: null, legal: 'SEND Regulations 2014 reg 20(6) and 21(6)', confidence: 'C',
    notes: 'Met when the meeting recorded that preparing for adulthood and independent living was considered; a blank counts as not recorded, so not met.',
  },
  {
    id: 'T14', title: 'Review decision within 4 weeks of the meeting', kind: 'annual-reviews',
    start: { column: 'meeting_on', label: 'Review meeting' }, end: { column: 'decision_on', label: 'Review decision notified' },
    limit: { unit: 'weeks', amount: 4 }, appliesWhen: [{ column: 'meeting_on', is: 'given' }],
    exceptions: null, legal: 'SEND Regulations 2014 regs 20 and 21; SEND Code of Practice chapter 9 (annual reviews)', confidence: 'S',
    notes: 'Keep, amend or cease, notified to the parent or young person and the setting.',
  },
  {
    id: 'T16', title: 'Amended plan issued within 8 weeks of the proposed amendments', kind: 'annual-reviews',
    start: { column: 'amendments_proposed_on', label: 'Amendments proposed' }, end: { column: 'amended_plan_issued_on', label: 'Amended plan issued' },
    limit: { unit: 'weeks', amount: 8 }, appliesWhen: [{ column: 'amendments_proposed_on', is: 'given' }],
    exceptions: null, legal: 'SEND Regulations 2014 reg 22(3)', confidence: 'C',
    notes: 'The parent or young person has at least 15 days for representations (reg 22(2)(c)) inside the 8 weeks.',
  },
  {
    id: 'T17', title: 'Phase transfer: amended plan before 15 February', kind: 'phase-transfers',
    start: null, end: { column: 'amended_plan_issued_on', label: 'Amended plan issued' },
    limit: { unit: 'fixed-date', month: 2, day: 15, yearColumn: 'transfer_year' }, appliesWhen: [{ column: 'transfer_type', in: SCHOOL_TRANSFERS }],
    exceptions: null, legal: 'SEND Regulations 2014 reg 18(1)(b)', confidence: 'C',
    notes: '"Before 15 February in the calendar year of the transfer": 14 February is the last day in time.',
  },
  {
    id: 'T18', title: 'Secondary to post-16 transfer: amended plan before 31 March', kind: 'phase-transfers',
    start: null, end: { column: 'amended_plan_issued_on', label: 'Amended plan issued' },
    limit: { unit: 'fixed-date', month: 3, day: 31, yearColumn: 'transfer_year' }, appliesWhen: [{ column: 'transfer_type', in: ['secondary-to-post-16'] }],
    exceptions: null, legal: 'SEND Regulations 2014 reg 18(1)(a)', confidence: 'C',
    notes: '"Before 31 March in the calendar year of the transfer": 30 March is the last day in time.',
  },
  {
    id: 'H01', title: 'Autism diagnostic assessment started within 3 months of referral', kind: 'referrals',
    start: { column: 'accepted_on', label: 'Referral accepted' }, end: { column: 'first_contact_on', label: 'First assessment contact' },
    limit: { unit: 'months', amount: 3 }, appliesWhen: [{ column: 'pathway', in: ['autism'] }, { column: 'accepted_on', is: 'given' }],
    exceptions: null, legal: 'NICE QS51 statement 1; NICE CG128 audit criterion 1', confidence: 'C',
    notes: 'A quality standard, not law. NHS England reports the same wait as 13 weeks (rule W13).',
  },
  {
    id: 'W13', title: 'First assessment contact within 13 weeks of referral', kind: 'referrals',
    start: { column: 'referred_on', label: 'Referral received' }, end: { column: 'first_contact_on', label: 'First assessment contact' },
    limit: { unit: 'weeks', amount: 13 }, appliesWhen: [],
    exceptions: null, legal: 'NHS England Autism Waiting Time Statistics (13 weeks as the operational measure of NICE QS51)', confidence: 'C/S',
    notes: 'All pathways, from the referral itself; there is no statutory standard for speech and language therapy waits.',
  },
  {
    id: 'H03', title: 'Wheelchair delivered within 18 weeks of referral', kind: 'equipment-requests',
    start: { column: 'identified_on', label: 'Referral' }, end: { column: 'delivered_on', label: 'Wheelchair delivered' },
    limit: { unit: 'weeks', amount: 18 }, appliesWhen: [{ column: 'equipment_type', in: ['wheelchair'] }],
    exceptions: null, legal: 'NHS planning guidance; national wheelchair data collection (92% of children within 18 weeks)', confidence: 'C',
    notes: 'An operational standard.',
  },
  {
    id: 'E01', title: 'Specialist equipment received within 6 weeks of identification', kind: 'equipment-requests',
    start: { column: 'identified_on', label: 'Need identified' }, end: { column: 'delivered_on', label: 'Equipment delivered' },
    limit: { unit: 'weeks', amount: 6 }, appliesWhen: [],
    exceptions: null, legal: 'Essex SEND improvement plan, outcome "specialist equipment" (action JC10): all within 6 weeks of identification', confidence: 'local',
    notes: 'A local target set by the seed plan; there is no national standard for equipment other than wheelchairs.',
  },
];

/** The declaration of a rule by id. */
export function ruleById(id: string): RuleDeclaration | undefined {
  return RULES.find((rule) => rule.id === id);
}
