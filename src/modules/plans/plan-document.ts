import { z } from 'zod';

/**
 * The structured plan file (YAML or JSON), format `send-outcomes/plan@1`.
 * Every importer (YAML/JSON plan files, the labelled-text format of the Southend seed)
 * produces this shape; one service validates it and writes it in one transaction.
 * Documented for users in docs/plan-file-format.md.
 */

const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens (for example essex-send-2023)');

export const AUDIENCES = ['children-young-people-families', 'professionals'] as const;
export const ACTION_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const;
export const PRIORITY_KINDS = ['workstream', 'recommendation', 'priority'] as const;

export const baselineSchema = z.strictObject({
  text: text.describe('the baseline as the plan states it'),
  value: z.number().finite().optional(),
  unit: text.optional(),
  n: z.number().int().nonnegative().optional().describe('number of respondents or cases'),
  period: text.optional().describe('when the baseline was taken, e.g. "July 2019"'),
});

export const measureSchema = z.strictObject({
  description: text,
  source: text.optional(),
  baseline: baselineSchema.optional(),
  target: text.optional(),
});

/** An action reference as written: "ID2 – 8", "EHC14 EHC5", "1D10"; normalised on import. */
const rawRefs = z.union([text, z.array(text)]);

export const outcomeSchema = z.strictObject({
  statement: text,
  audience: z.enum(AUDIENCES).optional(),
  actionRefs: rawRefs.optional(),
  whatWillBeDifferent: z.array(text).optional(),
  howMeasured: text.optional(),
  whatWeWant: text.optional(),
  whatWeWillDo: text.optional(),
  whereAreWeNow: text.optional(),
  whatWeWillSee: text.optional(),
  differenceThisWillMake: text.optional(),
  measures: z.array(measureSchema).default([]),
});

export const prioritySchema = z.strictObject({
  kind: z.enum(PRIORITY_KINDS),
  title: text,
  finding: text.optional(),
  aim: text.optional(),
  outcomes: z.array(outcomeSchema).min(1, 'must list at least one outcome'),
});

export const milestoneSchema = z.strictObject({
  title: text,
  dueOn: isoDate.optional(),
  completedOn: isoDate.optional(),
});

export const actionSchema = z.strictObject({
  ref: text,
  title: text.optional(),
  owner: text.optional().describe('owner organisation'),
  dueOn: isoDate.optional(),
  status: z.enum(ACTION_STATUSES).default('not-started'),
  milestones: z.array(milestoneSchema).default([]),
});

export const planDocumentSchema = z.strictObject({
  format: z.literal('send-outcomes/plan@1'),
  id: slug,
  title: text,
  area: text.optional(),
  summary: text.optional(),
  source: z
    .strictObject({ title: text, url: z.string().url().optional(), publisher: text.optional(), note: text.optional() })
    .optional(),
  /** Known action-reference prefixes and what they stand for; used to spot typos such as 1D10 or ECH5. */
  actionRefPrefixes: z.record(z.string().regex(/^[A-Z]{1,5}$/, 'must be 1-5 capital letters'), text).optional(),
  priorities: z.array(prioritySchema).min(1, 'must list at least one priority'),
  actions: z.array(actionSchema).default([]),
});

export type PlanDocument = z.infer<typeof planDocumentSchema>;
export type PlanDocumentInput = z.input<typeof planDocumentSchema>;
export type OutcomeDocument = z.infer<typeof outcomeSchema>;
export type MeasureDocument = z.infer<typeof measureSchema>;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type Audience = (typeof AUDIENCES)[number];
