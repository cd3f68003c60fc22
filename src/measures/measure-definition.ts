import { z } from 'zod';
import { CASEWORK_INDICATOR_IDS } from '../casework/indicator-ids.ts';

/**
 * A measure is frozen data from a closed vocabulary, not free SQL (shared/design.md "Measures").
 * Kinds follow DHIS2's indicator idea (numerator over denominator) where one applies.
 */
export const MEASURE_KINDS = ['count', 'proportion', 'rate', 'duration', 'timeliness', 'survey-positive', 'milestone', 'gap'] as const;
export const POLARITIES = ['higher-is-better', 'lower-is-better', 'neither'] as const;
export const PERIOD_GRAINS = ['month', 'quarter', 'year'] as const;
export const BREAKDOWNS = ['area', 'provider', 'trust', 'need', 'age-group', 'school'] as const;
export const UNITS = ['percent', 'count', 'per-1000', 'per-100', 'days', 'weeks', 'milestone'] as const;
export const RELATIVE_TARGETS = ['in-line-with-national', 'reduce-variation', 'increase', 'decrease'] as const;
export const INTERVAL_METHODS = ['wilson', 'byar', 'none'] as const;

export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type Polarity = (typeof POLARITIES)[number];
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The interval method a kind implies: Wilson for proportions, Byar for counts and rates, none otherwise. */
export function intervalMethodFor(kind: MeasureKind): (typeof INTERVAL_METHODS)[number] {
  if (kind === 'proportion' || kind === 'timeliness' || kind === 'survey-positive') return 'wilson';
  if (kind === 'count' || kind === 'rate') return 'byar';
  return 'none';
}

const text = z.string().trim().min(1);
const CASEWORK_SOURCES = new Set<string>(CASEWORK_INDICATOR_IDS.map((id) => `casework:${id}`));

/** The definition a plan editor (or the seed overlay) gives a plan measure. */
export const measureDefinitionSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens').max(80),
  title: text.max(200),
  kind: z.enum(MEASURE_KINDS),
  unit: z.enum(UNITS),
  polarity: z.enum(POLARITIES),
  periodGrain: z.enum(PERIOD_GRAINS),
  breakdowns: z.array(z.enum(BREAKDOWNS)).default([]),
  /** Counts below this are suppressed on published pages (domain.md §7: suppress 1-4 by default). */
  suppressionThreshold: z.number().int().min(0).max(100).default(5),
  baselineValue: z.number().finite().optional(),
  baselinePeriod: text.optional(),
  baselineN: z.number().int().nonnegative().optional(),
  targetValue: z.number().finite().optional(),
  targetOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  targetRelative: z.enum(RELATIVE_TARGETS).optional(),
  /** A national series to compare with: indicator/population/need/basis in reference-data/national-figures.csv. */
  nationalComparator: z
    .strictObject({ indicator: text, population: text, need: text.optional(), basis: text.optional() })
    .optional(),
  ownerOrganisation: text.optional(),
  references: z.array(text).default([]),
  /** Values computed from casework records (issue 6): `casework:<indicator>`, one of src/casework/indicator-ids.ts. */
  computedFrom: z.string().refine((value) => CASEWORK_SOURCES.has(value), { message: `must be casework:<indicator>, with an indicator of src/casework/indicator-ids.ts` }).optional(),
});

export type MeasureDefinition = z.infer<typeof measureDefinitionSchema>;
