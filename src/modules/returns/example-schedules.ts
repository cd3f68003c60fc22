import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const entry = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  measure: z.string(),
  organisation: z.object({ name: z.string().min(1), kind: z.string() }),
  grain: z.enum(['month', 'quarter', 'year']),
  shape: z.enum(['ratio', 'count', 'value']),
  breakdown: z.string(),
  breakdownValues: z.array(z.string().min(1)),
  deadlineDays: z.number().int().min(0).max(366),
  firstPeriod: z.string(),
  guidance: z.string().optional(),
});

export type ExampleSchedule = z.infer<typeof entry>;

/** The shipped example schedules, by partnership slug (examples/return-schedules.yaml). */
export function readExampleSchedules(path: string): Record<string, ExampleSchedule[]> {
  return z.record(z.string(), z.array(entry)).parse(parse(readFileSync(path, 'utf8')));
}
