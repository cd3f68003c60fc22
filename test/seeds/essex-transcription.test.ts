/**
 * Faithfulness of the Essex seed transcription: examples/essex-send-improvement-outcomes.plan.yaml
 * against the text extracted from the published web table (examples/essex-send-improvement-outcomes.txt).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { normaliseActionRefs } from '../../src/lib/plan-refs/action-refs.ts';
import { planDocumentSchema, type PlanDocument } from '../../src/modules/plans/plan-document.ts';

const examples = new URL('../../examples/', import.meta.url);
const sourceText = readFileSync(new URL('essex-send-improvement-outcomes.txt', examples), 'utf8');
const planText = readFileSync(new URL('essex-send-improvement-outcomes.plan.yaml', examples), 'utf8');

/** Outcomes per workstream in this transcription (one per table row); change deliberately. */
const EXPECTED_OUTCOMES: Record<string, { total: number; families: number; professionals: number }> = {
  'Identification of Need': { total: 9, families: 1, professionals: 8 },
  'Joint Commissioning': { total: 12, families: 6, professionals: 6 },
  EHCP: { total: 9, families: 4, professionals: 5 },
};

/** The reference cells as written, in source order (one string per source line). */
const EXPECTED_RAW_REFS: ReadonlyArray<string | readonly string[]> = [
  ['ID 1', 'ID2 – 8'], 'EHC 11', 'EHC15', 'EHC16', 'ID11', '1D10', ['ID9', 'ID8'], 'ID9- 11', 'ID7 ID11',
  'JC15 JC17', 'JC8 -17', 'JC8 -17', 'JC 17', 'JC15 JC9', 'JC15', 'JC2 JC3', 'JC5', 'JC17', 'JC17', 'JC17', 'JC9, JC17',
  'ECH5', 'EHC14 EHC5', 'EHC3 EHC5', 'EHC5', ['EHC14', 'EHC9', 'EHC5 EHC6', 'EHC10'], 'EHC7', 'JC8', 'JC10', 'EHC5',
];

const TABLE_HEADER =
  'Workstream & Ofsted / CQC Feedback Outcomes Action Plan Ref What will be different as a result? How will this be measured?';
/** Workstream headings in the source and the priority title each became. */
const WORKSTREAM_HEADINGS: Record<string, string> = {
  'Identification of Need:': 'Identification of Need',
  'Joint Commissioning Workstream:': 'Joint Commissioning',
  'EHCP Workstream:': 'EHCP',
};
/** Audience headings in the source and the audience each became. */
const AUDIENCE_HEADINGS: Record<string, string> = {
  'For Children, young people and their families:': 'children-young-people-families',
  'For professionals:': 'professionals',
};

const REF_TOKEN = /\b(?:ID|JC|EHC|ECH|1D)\s?\d+(?:\s?[–-]\s?\d+)?/g;
/** A run of reference tokens at the start of a line: the table's "Action Plan Ref" cell. */
const LEADING_REF_CELL = /^(?:(?:ID|JC|EHC|ECH|1D)\s?\d+(?:\s?[–-]\s?\d+)?(?:,?\s+|,?$))+/;

const squash = (value: string): string => value.replace(/\s+/g, ' ').trim();
/** Letters and digits only: for structured extracts (baseline text) that may tidy punctuation. */
const wordsOnly = (value: string): string => value.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

interface SourceLine {
  refCell?: string;
  audienceHeading?: string;
  workstreamHeading?: string;
  rest: string;
}

/** Source lines, whitespace-normalised, with reference cells and headings taken off the front. */
function sourceLines(): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const raw of sourceText.split('\n')) {
    let rest = squash(raw);
    if (rest === '' || rest === TABLE_HEADER) continue;
    const line: SourceLine = { rest };
    const refCell = LEADING_REF_CELL.exec(rest);
    if (refCell) {
      line.refCell = refCell[0].trim();
      rest = rest.slice(refCell[0].length).trim();
    }
    for (const heading of Object.keys(AUDIENCE_HEADINGS)) {
      if (rest.startsWith(heading)) {
        line.audienceHeading = heading;
        rest = rest.slice(heading.length).trim();
      }
    }
    for (const heading of Object.keys(WORKSTREAM_HEADINGS)) {
      if (rest.startsWith(heading)) {
        line.workstreamHeading = heading;
        rest = rest.slice(heading.length).trim();
      }
    }
    line.rest = rest;
    lines.push(line);
  }
  return lines;
}

/** The source's prose cut into fragments: lines split at sentence ends and bullet characters. */
function sourceFragments(): string[] {
  return sourceLines()
    .flatMap((line) => line.rest.split(/(?<=[.!?])\s+|•/))
    .map(squash)
    .filter((fragment) => fragment !== '');
}

/** Every string value in the parsed YAML, in document order. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

const rawPlan: unknown = parse(planText);
const parsed = planDocumentSchema.safeParse(rawPlan);
const plan: PlanDocument | undefined = parsed.success ? parsed.data : undefined;

function validPlan(): PlanDocument {
  assert.ok(plan, `the plan file is not valid: ${parsed.error?.message}`);
  return plan;
}

const outcomes = () => validPlan().priorities.flatMap((priority) => priority.outcomes);
const rawRefCells = () =>
  outcomes().flatMap((outcome) =>
    outcome.actionRefs === undefined ? [] : Array.isArray(outcome.actionRefs) ? outcome.actionRefs : [outcome.actionRefs],
  );

describe('the Essex seed transcription', () => {
  test('the plan file parses as YAML and validates against the plan document schema', () => {
    assert.ok(parsed.success, `schema errors: ${JSON.stringify(parsed.error?.issues, null, 2)}`);
    const doc = validPlan();
    assert.equal(doc.format, 'send-outcomes/plan@1');
    assert.equal(doc.id, 'essex-send-improvement-programme');
    assert.equal(doc.area, 'Essex');
    assert.equal(doc.source?.publisher, 'Essex County Council');
    assert.deepEqual(doc.actions, []);
  });

  test('every fragment of the source text appears in the plan file text fields', () => {
    const haystack = squash(stringsIn(rawPlan).join(' '));
    const fragments = sourceFragments();
    assert.ok(fragments.length >= 130, `only ${fragments.length} fragments were read from the source`);
    const missing = fragments.filter((fragment) => !haystack.includes(fragment));
    assert.deepEqual(missing, [], `source fragments missing from the plan file:\n${missing.join('\n')}`);
  });

  test('the workstream headings of the source become the priority titles', () => {
    const workstreams = sourceLines().flatMap((line) =>
      line.workstreamHeading ? [WORKSTREAM_HEADINGS[line.workstreamHeading]] : [],
    );
    assert.deepEqual(
      workstreams,
      validPlan().priorities.map((priority) => priority.title),
    );
  });

  test('each source row becomes one outcome, with the audience of the heading above it', () => {
    // A row starts at a reference cell; reference cells on consecutive lines with nothing else
    // between them are one cell. Its audience is the latest heading when its prose begins.
    const rows: { refs: string[]; audience?: string }[] = [];
    let audience: string | undefined;
    let previousWasRefOnly = false;
    for (const line of sourceLines()) {
      if (line.workstreamHeading) audience = undefined;
      if (line.refCell) {
        const last = rows.at(-1);
        if (previousWasRefOnly && last) last.refs.push(line.refCell);
        else rows.push({ refs: [line.refCell] });
      }
      if (line.audienceHeading) audience = AUDIENCE_HEADINGS[line.audienceHeading];
      const last = rows.at(-1);
      if (line.rest !== '' && last && last.audience === undefined) last.audience = audience;
      previousWasRefOnly = Boolean(line.refCell) && line.rest === '' && !line.audienceHeading;
    }
    const transcribed = outcomes().map((outcome) => ({
      refs: outcome.actionRefs === undefined ? [] : [outcome.actionRefs].flat(),
      audience: outcome.audience,
    }));
    assert.deepEqual(transcribed, rows);
  });

  test('no text in the plan file is invented: its prose is found in the source', () => {
    const source = squash(sourceText);
    const sourceWords = wordsOnly(sourceText);
    const doc = validPlan();
    const verbatim: string[] = [doc.summary ?? '', ...doc.priorities.flatMap((p) => [p.finding ?? '', p.aim ?? ''])]
      .flatMap((block) => block.split('\n'))
      .filter((line) => line.trim() !== '');
    for (const outcome of outcomes()) {
      verbatim.push(outcome.statement, ...(outcome.whatWillBeDifferent ?? []), outcome.howMeasured ?? '');
      for (const measure of outcome.measures) {
        // A description may join a list's heading to one of its items ("Baseline experience: ...").
        verbatim.push(...measure.description.split(/:\s+/), measure.source ?? '', measure.target ?? '');
        if (measure.baseline) {
          assert.ok(sourceWords.includes(wordsOnly(measure.baseline.text)), `baseline not in the source: ${measure.baseline.text}`);
        }
      }
    }
    const invented = verbatim.map(squash).filter((text) => text !== '' && !source.includes(text));
    assert.deepEqual(invented, [], `plan text not found in the source:\n${invented.join('\n')}`);
  });

  test('every action reference in the source appears in some outcome’s raw action references', () => {
    const cells = rawRefCells();
    const sourceTokens = [...sourceText.matchAll(REF_TOKEN)].map((match) => squash(match[0]));
    const cellTokens = sourceLines().flatMap((line) => (line.refCell ? [...line.refCell.matchAll(REF_TOKEN)].map((m) => squash(m[0])) : []));
    assert.deepEqual(cellTokens, sourceTokens, 'every reference token in the source should sit in a reference cell');
    for (const token of sourceTokens) {
      assert.ok(
        cells.some((cell) => [...cell.matchAll(REF_TOKEN)].some((match) => squash(match[0]) === token)),
        `action reference "${token}" is not in any outcome's actionRefs`,
      );
    }
    const planTokens = cells.flatMap((cell) => [...cell.matchAll(REF_TOKEN)].map((match) => squash(match[0])));
    assert.deepEqual(planTokens, sourceTokens, 'the plan should hold the source’s references once each, in source order');
  });

  test('the raw action references are the reference cells exactly as written', () => {
    assert.deepEqual(
      validPlan().priorities.flatMap((priority) => priority.outcomes.map((outcome) => outcome.actionRefs)),
      EXPECTED_RAW_REFS,
    );
  });

  test('every raw action reference can be read by the importer’s normaliser', () => {
    const known = Object.keys(validPlan().actionRefPrefixes ?? {});
    assert.deepEqual(known, ['ID', 'JC', 'EHC']);
    for (const cell of rawRefCells()) {
      assert.doesNotThrow(() => normaliseActionRefs(cell, known), `"${cell}" could not be normalised`);
    }
  });

  test('there are three workstreams with the expected number of outcomes each', () => {
    const priorities = validPlan().priorities;
    assert.deepEqual(
      priorities.map((priority) => priority.title),
      ['Identification of Need', 'Joint Commissioning', 'EHCP'],
    );
    for (const priority of priorities) {
      assert.equal(priority.kind, 'workstream');
      assert.ok(priority.finding && priority.aim, `${priority.title} needs a finding and an aim`);
      const count = (audience: string) => priority.outcomes.filter((outcome) => outcome.audience === audience).length;
      assert.deepEqual(
        {
          total: priority.outcomes.length,
          families: count('children-young-people-families'),
          professionals: count('professionals'),
        },
        EXPECTED_OUTCOMES[priority.title],
        `outcome counts for ${priority.title}`,
      );
    }
  });

  test('each outcome’s statement is the first of its “what will be different” paragraphs, or starts it', () => {
    for (const outcome of outcomes()) {
      const first = outcome.whatWillBeDifferent?.[0];
      assert.ok(first, `"${outcome.statement}" has no whatWillBeDifferent`);
      assert.ok(squash(first).startsWith(squash(outcome.statement)), `statement "${outcome.statement}" does not begin "${first}"`);
    }
  });
});
