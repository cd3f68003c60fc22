/**
 * Measure-definition overlays for the two example plans: every measure the seed plans describe
 * becomes a defined measure (closed vocabulary of `measure-definition.ts`), linked to its plan
 * measure by position. An overlay is a YAML list in `examples/measure-definitions/`, one entry per
 * plan measure:
 *
 *   - at: [0, 4, 0]                 ← [priorityIndex, outcomeIndex, measureIndex], 0-based as in the plan export
 *     description: "Data analysis…" ← the plan measure's description, exactly, so that drift is noticed
 *     slug: essex-need-mix-gap      ← then the measure definition fields
 *     kind: gap
 *     …
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { z } from 'zod';
import { measureDefinitionSchema, type MeasureDefinition } from './measure-definition.ts';

/** The overlay file of each example plan, by plan id; paths are relative to the project root. */
export const SEED_DEFINITION_FILES = {
  'essex-send-improvement-programme': 'examples/measure-definitions/essex.yaml',
  'southend-send-strategic-action-plan': 'examples/measure-definitions/southend.yaml',
} as const satisfies Record<string, string>;

/** A plan measure's position: priority, outcome within the priority, measure within the outcome (all 0-based). */
export type MeasurePosition = [priorityIndex: number, outcomeIndex: number, measureIndex: number];

/** One validated overlay entry: where the measure is, what it says, and its definition. */
export interface SeedDefinition {
  at: MeasurePosition;
  description: string;
  definition: MeasureDefinition;
}

/** The plan shape the drift check needs: any parsed plan document (or plan export) has it. */
export interface PlanMeasures {
  priorities: readonly { outcomes: readonly { measures?: readonly { description: string }[] }[] }[];
}

/** An overlay file that cannot be used; `problems` lists every problem found, each naming its entry and field. */
export class SeedDefinitionError extends Error {
  readonly problems: string[];

  constructor(label: string, problems: string[]) {
    super(`${label}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`}`);
    this.name = 'SeedDefinitionError';
    this.problems = problems;
  }
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const index = z.number().int().nonnegative();

/** An overlay entry as written: position and description, then the definition fields (unknown keys refused). */
export const seedDefinitionEntrySchema = z.strictObject({
  at: z.tuple([index, index, index]),
  description: z.string().trim().min(1),
  ...measureDefinitionSchema.shape,
});

function fieldLabel(path: readonly PropertyKey[]): string {
  return path.reduce<string>((label, part) => (typeof part === 'number' ? `${label}[${part}]` : label ? `${label}.${String(part)}` : String(part)), '');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'tuple') {
    return `expected [priorityIndex, outcomeIndex, measureIndex]${issue.input === undefined ? ', but it is missing' : ''}`;
  }
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${issue.input === undefined ? ', but it is missing' : ''}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

const positionKey = (at: readonly number[]): string => `[${at.join(', ')}]`;

/**
 * Parses and validates overlay YAML text. Each entry is checked against {@link seedDefinitionEntrySchema};
 * two entries may not share a position or a slug.
 * @param label names the file in error messages.
 * @throws SeedDefinitionError listing every problem as "entry N (line L), field F: message".
 */
export function parseSeedDefinitions(text: string, label = 'measure definitions'): SeedDefinition[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SeedDefinitionError(label, doc.errors.map((error) => {
      const at = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${error.message.split('\n')[0] ?? error.message}`;
    }));
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const input: unknown = doc.toJS();
  if (!Array.isArray(input)) throw new SeedDefinitionError(label, ['expected a list of entries (one per plan measure)']);

  const problems: string[] = [];
  const entries: SeedDefinition[] = [];
  const positions = new Map<string, number>();
  const slugs = new Map<string, number>();
  input.forEach((raw: unknown, i) => {
    const where = (path: readonly (string | number)[]): string => {
      const line = lineOf([i, ...path]);
      return `entry ${i}${line ? ` (line ${line})` : ''}`;
    };
    const result = seedDefinitionEntrySchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const field = fieldLabel(path);
        problems.push(`${where(path)}${field ? `, field ${field}` : ''}: ${issueMessage(issue)}`);
      }
      return;
    }
    const { at, description, ...definition } = result.data;
    const key = positionKey(at);
    const samePosition = positions.get(key);
    if (samePosition !== undefined) problems.push(`${where(['at'])}, field at: ${key} is also the position of entry ${samePosition}`);
    positions.set(key, i);
    const sameSlug = slugs.get(definition.slug);
    if (sameSlug !== undefined) problems.push(`${where(['slug'])}, field slug: "${definition.slug}" is also the slug of entry ${sameSlug}`);
    slugs.set(definition.slug, i);
    entries.push({ at, description, definition });
  });
  if (problems.length > 0) throw new SeedDefinitionError(label, problems);
  return entries;
}

/**
 * Reads and validates an overlay file, e.g. `loadSeedDefinitions(SEED_DEFINITION_FILES[planId])`.
 * @param file an absolute path, or a path relative to the project root.
 * @throws SeedDefinitionError naming the entry index and field of every problem.
 */
export function loadSeedDefinitions(file: string): SeedDefinition[] {
  const path = isAbsolute(file) ? file : resolve(PROJECT_ROOT, file);
  return parseSeedDefinitions(readFileSync(path, 'utf8'), basename(path));
}

/**
 * Compares an overlay with its plan: every plan measure needs exactly one entry at its position whose
 * description is the measure's, and every entry needs a measure. Returns the mismatches (empty when they agree).
 */
export function seedDefinitionDrift(plan: PlanMeasures, entries: readonly SeedDefinition[]): string[] {
  const problems: string[] = [];
  const byPosition = new Map<string, SeedDefinition[]>();
  for (const entry of entries) {
    const key = positionKey(entry.at);
    byPosition.set(key, [...(byPosition.get(key) ?? []), entry]);
  }
  const planPositions = new Set<string>();
  plan.priorities.forEach((priority, p) => priority.outcomes.forEach((outcome, o) => (outcome.measures ?? []).forEach((measure, m) => {
    const key = positionKey([p, o, m]);
    planPositions.add(key);
    const found = byPosition.get(key) ?? [];
    if (found.length === 0) problems.push(`measure ${key} "${measure.description}" has no definition`);
    else if (found.length > 1) problems.push(`measure ${key} has ${found.length} definitions`);
    for (const entry of found) {
      if (entry.description !== measure.description) {
        problems.push(`measure ${key} reads "${measure.description}" but its definition (${entry.definition.slug}) says "${entry.description}"`);
      }
    }
  })));
  for (const entry of entries) {
    const key = positionKey(entry.at);
    if (!planPositions.has(key)) problems.push(`definition ${entry.definition.slug} is at ${key}, where the plan has no measure`);
  }
  return problems;
}
