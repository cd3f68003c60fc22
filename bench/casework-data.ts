// The synthetic casework world of npm run bench:casework: seeded and deterministic (mulberry32), so every run and
// every database sees the same records. National scale: 152 local authorities (the areas) of very different sizes
// and performance, 42 health trusts, 13 SEN2 primary needs, 2017-2024 with seasonality and growth; about 60% of plans
// within 20 weeks, 7% with a 20-week exception, about 3 advice requests per EHC request, annual reviews, referrals to
// autism / speech and language / other pathways with long-tailed waits and 10% re-referrals, plus modest numbers of
// phase transfers, equipment requests and dynamic support register entries with their events.
// Records are emitted with every event of their whole life (dates as day numbers); casework-files.ts cuts them at a date.
import { mulberry32 } from '../src/lib/random/seeded-random.ts';
import { SEN2_NEEDS, type CaseworkKind } from '../src/casework/record-kind-types.ts';
import { choice, clamp, dayNumber, exponential, monthlyCounts, MS_PER_DAY, normal, picker, uniform, type Random } from './casework-random.ts';

export type Cell = string | number | null;
/** A generated record: import-file field key → value (dates as day numbers since 1970-01-01). */
export type GeneratedRecord = Record<string, Cell>;
export type Emit = (kind: CaseworkKind, record: GeneratedRecord) => void;

export interface ScaleSpec {
  name: string;
  requests: number;
  reviews: number;
  referrals: number;
  transfers: number;
  equipment: number;
  dsrEntries: number;
  areas: number;
  trusts: number;
}

export const SCALES: Record<'national' | 'council', ScaleSpec> = {
  national: { name: 'national', requests: 1_000_000, reviews: 2_000_000, referrals: 1_000_000, transfers: 120_000, equipment: 60_000, dsrEntries: 6_000, areas: 152, trusts: 42 },
  council: { name: 'council', requests: 6_700, reviews: 13_300, referrals: 6_700, transfers: 800, equipment: 400, dsrEntries: 60, areas: 4, trusts: 2 },
};

/** The bench's calendar: records from FIRST_YEAR; the base load is cut at BASE_END, the extra month ends at FINAL_END. */
export const FIRST_YEAR = 2017;
export const BASE_END = '2024-11-30';
export const FINAL_END = '2024-12-31';
const LAST_YEAR = 2024;

interface Area {
  code: string;
  trust: number;
  /** Share of plans issued within 20 weeks (before seasonal and exception effects). */
  plans20: number;
  decisions6: number;
  epAdvice: number;
  careAdvice: number;
  reviewsOnTime: number;
}

interface World {
  areas: Area[];
  pickArea: (r: Random) => Area;
  trustAdvice: number[];
  /** Median referral-to-contact wait in days per trust: autism, speech and language, other. */
  trustWaits: [number, number, number][];
}

function buildWorld(scale: ScaleSpec): World {
  const r = mulberry32(20_170_101);
  const council = scale.areas <= 8;
  const areas: Area[] = Array.from({ length: scale.areas }, (_, i) => ({
    code: council ? ['North', 'South', 'East', 'West', 'Central', 'Coast', 'Rural', 'City'][i]! : `LA${301 + i}`,
    trust: i % scale.trusts,
    plans20: clamp(0.62 + 0.22 * normal(r), 0.04, 0.99),
    decisions6: clamp(0.85 + 0.1 * normal(r), 0.3, 0.995),
    epAdvice: clamp(0.6 + 0.2 * normal(r), 0.1, 0.98),
    careAdvice: clamp(0.7 + 0.15 * normal(r), 0.2, 0.98),
    reviewsOnTime: clamp(0.55 + 0.18 * normal(r), 0.1, 0.95),
  }));
  // Local authorities' 0-25 populations differ about forty-fold (lognormal sizes).
  const weights = areas.map(() => Math.exp(0.75 * normal(r)));
  const pick = picker(weights);
  return {
    areas,
    pickArea: (rr) => areas[pick(rr)]!,
    trustAdvice: Array.from({ length: scale.trusts }, () => clamp(0.5 + 0.2 * normal(r), 0.1, 0.97)),
    trustWaits: Array.from({ length: scale.trusts }, () => [250 * Math.exp(0.45 * normal(r)), 85 * Math.exp(0.4 * normal(r)), 55 * Math.exp(0.3 * normal(r))]),
  };
}

const REQUEST_SEASON = [1.05, 1.1, 1.15, 1.0, 1.05, 1.1, 1.0, 0.55, 0.85, 1.15, 1.15, 0.9];
const REFERRAL_SEASON = [1.0, 1.1, 1.15, 0.95, 1.05, 1.1, 1.0, 0.6, 0.9, 1.15, 1.15, 0.85];
const pickNeed = choice<string | null>([...SEN2_NEEDS, null], [5, 10, 5, 1.5, 17, 15, 2, 1, 0.5, 4, 30, 1, 6, 2]);
const pickRequestAge = choice([0, 5, 11, 16, 20], [20, 45, 25, 8, 2]);
const ageIn = (r: Random, bandStart: number) => bandStart + uniform(r, 0, bandStart === 0 ? 4 : bandStart === 5 ? 5 : bandStart === 11 ? 4 : bandStart === 16 ? 3 : 5);
const yes = (flag: boolean) => (flag ? 'Y' : 'N');
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(7, '0')}`;

/** EHC needs assessment requests with their decisions, assessments and plans, and the advice asked for each. */
function requestsAndAdvice(world: World, scale: ScaleSpec, emit: Emit): void {
  const r = mulberry32(1);
  let adviceSeq = 0;
  let seq = 0;
  for (const month of monthlyCounts(scale.requests, FIRST_YEAR, LAST_YEAR, 1.07, REQUEST_SEASON)) {
    const year = new Date(month.start * MS_PER_DAY).getUTCFullYear();
    for (let i = 0; i < month.count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const receivedOn = month.start + uniform(r, 0, month.days - 1);
      const person = `P${String(seq).padStart(8, '0')}`;
      const outcomeRoll = r();
      const requestOutcome = outcomeRoll < 0.8 ? 'assess' : outcomeRoll < 0.97 ? 'not-assess' : 'withdrawn';
      const decisionDays = requestOutcome === 'withdrawn' ? uniform(r, 5, 40) : r() < area.decisions6 ? uniform(r, 18, 42) : 43 + Math.floor(exponential(r, 18));
      const exceptionRoll = r();
      const exception = exceptionRoll < 0.07 ? (['a', 'b', 'c', 'd'] as const)[Math.floor(exceptionRoll / 0.0175)]! : null;
      const record: GeneratedRecord = {
        record_id: id('EHC', seq), person_id: person, area: area.code, age: r() < 0.01 ? null : ageIn(r, pickRequestAge(r)), primary_need: pickNeed(r),
        received_on: receivedOn, request_outcome: requestOutcome, request_outcome_on: receivedOn + decisionDays,
        assessment_outcome: null, assessment_outcome_on: null, draft_issued_on: null, plan_issued_on: null,
        exception_a: yes(exception === 'a'), exception_b: yes(exception === 'b'), exception_c: yes(exception === 'c'), exception_d: yes(exception === 'd'), week20: 'N',
      };
      if (requestOutcome === 'assess') {
        const roll = r();
        const decidedOn = receivedOn + decisionDays;
        if (roll < 0.88) {
          // Within 20 weeks more often in spring (no summer closure in the way), less often with an exception, and a slow national decline.
          const season = [1, 1.02, 1.05, 1.05, 0.95, 0.85, 0.85, 0.95, 1, 1.02, 1.02, 0.98][new Date(receivedOn * MS_PER_DAY).getUTCMonth()]!;
          const onTime = r() < clamp(area.plans20 * season * (exception ? 0.55 : 1) * (1.06 - 0.015 * (year - FIRST_YEAR)), 0.01, 0.995);
          let total = onTime ? uniform(r, 95, 140) : 141 + Math.min(560, Math.floor(exponential(r, 55)));
          if (total < decisionDays + 30) total = decisionDays + 30;
          const planOn = receivedOn + total;
          const draftOn = Math.max(decidedOn + 1, planOn - uniform(r, 15, 35));
          Object.assign(record, { assessment_outcome: 'issue-plan', assessment_outcome_on: draftOn, draft_issued_on: draftOn, plan_issued_on: planOn });
        } else {
          const notIssue = roll < 0.97;
          const days = notIssue ? (r() < 0.78 ? uniform(r, 70, 112) : 113 + Math.floor(exponential(r, 30))) : uniform(r, 50, 150);
          Object.assign(record, { assessment_outcome: notIssue ? 'not-issue' : 'withdrawn', assessment_outcome_on: Math.max(decidedOn + 1, receivedOn + days) });
        }
        // Advice (reg 8): educational psychology and health always, a second health adviser, social care, sometimes other.
        const advisers: [string, string, number][] = [['educational-psychology', `EP-${area.code}`, area.epAdvice], ['health', `TR${String(area.trust + 1).padStart(2, '0')}`, world.trustAdvice[area.trust]!]];
        if (r() < 0.45) advisers.push(['health', `TR${String(((area.trust + 7) % world.trustAdvice.length) + 1).padStart(2, '0')}`, world.trustAdvice[(area.trust + 7) % world.trustAdvice.length]!]);
        if (r() < 0.9) advisers.push(['social-care', `SC-${area.code}`, area.careAdvice]);
        if (r() < 0.4) advisers.push(['other', `OT-${area.code}`, 0.7]);
        for (const [type, provider, onTimeShare] of advisers) {
          adviceSeq += 1;
          const requestedOn = decidedOn + uniform(r, 0, 7);
          const missed = r() < 0.03;
          const days = !missed && r() < onTimeShare ? uniform(r, 12, 42) : 43 + Math.floor(exponential(r, 25));
          emit('advice-requests', {
            record_id: id('ADV', adviceSeq), person_id: person, area: area.code, age: record.age ?? null, request_key: record.record_id ?? null, advice_type: type, provider,
            requested_on: requestedOn, received_on: requestedOn + days, missed_appointment: yes(missed),
          });
        }
      }
      emit('ehc-requests', record);
    }
  }
}

const pickDecision = choice(['maintain', 'amend', 'cease'], [60, 35, 5]);

/** Annual reviews of plans: the first within 12 months of the plan, later ones within 12 months of the last. */
function annualReviews(world: World, scale: ScaleSpec, emit: Emit): void {
  const r = mulberry32(2);
  let seq = 0;
  for (const month of monthlyCounts(scale.reviews, FIRST_YEAR - 1, LAST_YEAR, 1.09, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])) {
    for (let i = 0; i < month.count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const basisOn = month.start + uniform(r, 0, month.days - 1);
      const first = r() < 0.25;
      const age = uniform(r, 3, 25);
      const yearGroup = clamp(age - 5, -2, 14);
      const decisionDays = r() < area.reviewsOnTime ? uniform(r, 290, 365) : 366 + Math.floor(exponential(r, 45));
      const decisionOn = basisOn + decisionDays;
      const meetingOn = Math.max(basisOn + 200, decisionOn - (r() < 0.7 ? uniform(r, 3, 28) : uniform(r, 29, 70)));
      const decision = pickDecision(r);
      const pfaRoll = r();
      const pfa = yearGroup >= 9 ? (pfaRoll < 0.72 ? 'Y' : pfaRoll < 0.9 ? 'N' : null) : (pfaRoll < 0.05 ? 'Y' : pfaRoll < 0.15 ? 'N' : null);
      const amended = decision === 'amend' ? decisionOn + (r() < 0.45 ? uniform(r, 20, 56) : 57 + Math.floor(exponential(r, 40))) : null;
      emit('annual-reviews', {
        record_id: id('AR', seq), person_id: `R${String(seq).padStart(8, '0')}`, area: area.code, age, primary_need: pickNeed(r),
        year_group: yearGroup < 0 ? (yearGroup === -2 ? 'N1' : 'N2') : yearGroup === 0 ? 'R' : String(yearGroup),
        plan_issued_on: first ? basisOn : null, previous_review_on: first ? null : basisOn, meeting_on: meetingOn,
        report_sent_on: Math.min(decisionOn, meetingOn + uniform(r, 2, 14)), decision, decision_on: decisionOn,
        amendments_proposed_on: amended === null ? null : decisionOn, amended_plan_issued_on: amended, pfa_considered: pfa,
      });
    }
  }
}

const pickPathway = choice(['autism', 'speech-and-language', 'other'], [45, 40, 15]);

/** Referrals to assessment pathways: long-tailed waits that differ by trust, and about 10% re-referrals. */
function referrals(world: World, scale: ScaleSpec, emit: Emit): void {
  const r = mulberry32(3);
  const recent = new Map<string, { id: string; person: string }[]>();
  let seq = 0;
  for (const month of monthlyCounts(scale.referrals, FIRST_YEAR, LAST_YEAR, 1.12, REFERRAL_SEASON)) {
    for (let i = 0; i < month.count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const pathway = pickPathway(r);
      const referredOn = month.start + uniform(r, 0, month.days - 1);
      const pool = recent.get(area.code) ?? [];
      const previous = pool.length > 20 && r() < 0.1 ? pool[Math.floor(r() * pool.length)]! : null;
      const recordId = id('REF', seq);
      const person = previous?.person ?? `C${String(seq).padStart(8, '0')}`;
      const accepted = r() < 0.92;
      const acceptedOn = accepted ? referredOn + uniform(r, 0, 21) : null;
      const median = world.trustWaits[area.trust]![pathway === 'autism' ? 0 : pathway === 'speech-and-language' ? 1 : 2];
      const wait = Math.round(median * Math.exp(0.75 * normal(r)));
      const contactOn = acceptedOn === null ? null : Math.max(acceptedOn + 1, referredOn + wait);
      const dischargedOn = contactOn === null ? referredOn + uniform(r, 14, 60) : r() < 0.7 ? contactOn + uniform(r, 30, 400) : null;
      const resumedRoll = r();
      emit('referrals', {
        record_id: recordId, person_id: person, area: area.code, age: pathway === 'speech-and-language' ? uniform(r, 1, 10) : uniform(r, 2, 17),
        pathway, provider: `TR${String(area.trust + 1).padStart(2, '0')}`, referred_on: referredOn, accepted_on: acceptedOn,
        first_contact_on: contactOn, discharged_on: dischargedOn, previous_referral_key: previous?.id ?? null,
        resumed_pathway: previous ? (resumedRoll < 0.4 ? 'Y' : resumedRoll < 0.9 ? 'N' : null) : null,
      });
      pool.push({ id: recordId, person });
      if (pool.length > 400) pool.splice(0, 100);
      recent.set(area.code, pool);
    }
  }
}

const TRANSFERS = ['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16', 'post-16-to-post-16'];
const pickTransfer = picker([18, 5, 2, 35, 3, 30, 7]);
const TRANSFER_AGE = [4, 7, 9, 11, 13, 16, 17];

/** Phase transfers (reg 18), equipment requests and the dynamic support register: modest numbers. */
function otherKinds(world: World, scale: ScaleSpec, emit: Emit): void {
  const r = mulberry32(4);
  let seq = 0;
  const years = LAST_YEAR + 1 - FIRST_YEAR + 1;
  for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year += 1) {
    const count = Math.round(scale.transfers / years);
    for (let i = 0; i < count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const t = pickTransfer(r);
      const deadline = dayNumber(`${year}-${t >= 5 ? '03-30' : '02-14'}`);
      emit('phase-transfers', {
        record_id: id('PT', seq), person_id: `T${String(seq).padStart(8, '0')}`, area: area.code, age: TRANSFER_AGE[t]!, primary_need: pickNeed(r),
        transfer_type: TRANSFERS[t]!, transfer_year: year, amended_plan_issued_on: deadline + (r() < area.plans20 + 0.15 ? -uniform(r, 0, 90) : uniform(r, 1, 150)),
      });
    }
  }
  const pickEquipment = choice(['wheelchair', 'posture-and-seating', 'communication-aid', 'moving-and-handling', 'sensory', 'other'], [30, 20, 15, 15, 10, 10]);
  seq = 0;
  for (const month of monthlyCounts(scale.equipment, FIRST_YEAR, LAST_YEAR, 1.05, REQUEST_SEASON)) {
    for (let i = 0; i < month.count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const type = pickEquipment(r);
      const identifiedOn = month.start + uniform(r, 0, month.days - 1);
      emit('equipment-requests', {
        record_id: id('EQ', seq), person_id: `E${String(seq).padStart(8, '0')}`, area: area.code, age: uniform(r, 0, 25), equipment_type: type,
        provider: r() < 0.02 ? null : type === 'wheelchair' ? `WS${String(area.trust + 1).padStart(2, '0')}` : `EQ-${area.code}`,
        identified_on: identifiedOn, delivered_on: identifiedOn + Math.max(1, Math.round((type === 'wheelchair' ? 90 : 35) * Math.exp(0.6 * normal(r)))),
      });
    }
  }
  const pickCohort = choice(['autism', 'learning-disability', 'autism-and-learning-disability', null], [45, 30, 20, 5]);
  const pickRating = choice(['red', 'amber', 'green', 'blue'], [15, 45, 35, 5]);
  seq = 0;
  let eventSeq = 0;
  const registerEnd = dayNumber('2025-12-31');
  for (const month of monthlyCounts(scale.dsrEntries, 2019, LAST_YEAR, 1.1, REQUEST_SEASON)) {
    for (let i = 0; i < month.count; i += 1) {
      seq += 1;
      const area = world.pickArea(r);
      const addedOn = month.start + uniform(r, 0, month.days - 1);
      const removedOn = r() < 0.45 ? addedOn + uniform(r, 60, 900) : null;
      const entryId = id('DSR', seq);
      emit('dsr-entries', { record_id: entryId, person_id: `D${String(seq).padStart(8, '0')}`, area: area.code, age: uniform(r, 8, 17), cohort: pickCohort(r), added_on: addedOn, removed_on: removedOn });
      const event = (type: string, on: number, rating: string | null = null, review: string | null = null) => {
        eventSeq += 1;
        emit('dsr-events', { record_id: id('EV', eventSeq), entry_key: entryId, event: type, event_on: on, rating, review_type: review });
      };
      // Ratings on distinct days (the latest rating before a month end decides the snapshot), now and then an admission.
      for (let on = addedOn; on <= Math.min(removedOn ?? registerEnd, registerEnd); on += uniform(r, 30, 120)) {
        const rating = pickRating(r);
        event('rating', on, rating);
        if (rating === 'red' && r() < 0.3) {
          event('admission', on + 1);
          event('discharge', on + 2 + uniform(r, 20, 200));
        }
        if (r() < 0.1) event('cetr', on + uniform(r, 3, 25), null, r() < 0.7 ? 'community' : 'post-admission');
      }
    }
  }
}

/** Generates every record of a scale, in a fixed order, through `emit`. */
export function generateCasework(scale: ScaleSpec, emit: Emit): void {
  const world = buildWorld(scale);
  requestsAndAdvice(world, scale, emit);
  annualReviews(world, scale, emit);
  referrals(world, scale, emit);
  otherKinds(world, scale, emit);
}
