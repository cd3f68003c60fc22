/**
 * The casework indicators a measure can be computed from (`computedFrom: casework:<id>` in a measure
 * definition). Declared in indicators.ts; this list is kept apart so the measure vocabulary can import it lightly.
 */
export const CASEWORK_INDICATOR_IDS = [
  'ehc-plans-within-20-weeks',
  'ehc-plans-within-20-weeks-excluding-exceptions',
  'assessment-decisions-within-6-weeks',
  'not-issue-decisions-within-16-weeks',
  'advice-within-6-weeks',
  'annual-reviews-within-12-months',
  'review-decisions-within-4-weeks',
  'amended-plans-within-8-weeks',
  'phase-transfers-on-time',
  'year-9-reviews-considering-adulthood',
  'autism-assessments-within-3-months',
  'first-contact-within-13-weeks',
  'wheelchairs-within-18-weeks',
  'equipment-within-6-weeks',
  'assessment-wait-median-weeks',
  'assessment-wait-p90-weeks',
  'assessment-wait-area-range-weeks',
  'equipment-wait-median-weeks',
  're-referral-rate',
  're-referrals-resumed',
  'dsr-entries-by-rating',
  'dsr-admissions',
] as const;

export type CaseworkIndicatorId = (typeof CASEWORK_INDICATOR_IDS)[number];
