import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePlanFile } from '../modules/plans/plan-file-parser.ts';
import type { PlanDocument } from '../modules/plans/plan-document.ts';
import { MEASURE_KINDS, type MeasureKind } from './measure-definition.ts';
import { loadNationalFigures, nationalSeries, type SeriesKey } from './national-figures.ts';
import {
  SEED_DEFINITION_FILES, SeedDefinitionError, loadSeedDefinitions, parseSeedDefinitions, seedDefinitionDrift, type SeedDefinition,
} from './seed-definitions.ts';

const root = new URL('../../', import.meta.url);

const PLANS: Record<keyof typeof SEED_DEFINITION_FILES, PlanDocument> = {
  'essex-send-improvement-programme': parsePlanFile(
    readFileSync(new URL('examples/essex-send-improvement-outcomes.plan.yaml', root)), 'essex-send-improvement-outcomes.plan.yaml',
  ).document,
  'southend-send-strategic-action-plan': parsePlanFile(
    readFileSync(new URL('examples/southend-recommendation-2.txt', root)), 'southend-recommendation-2.txt',
    { title: 'x', id: 'southend-send-strategic-action-plan' },
  ).document,
};
const PLAN_IDS = Object.keys(SEED_DEFINITION_FILES) as (keyof typeof SEED_DEFINITION_FILES)[];
const OVERLAYS = Object.fromEntries(PLAN_IDS.map((id) => [id, loadSeedDefinitions(SEED_DEFINITION_FILES[id])])) as Record<
  keyof typeof SEED_DEFINITION_FILES, SeedDefinition[]
>;
const ALL = PLAN_IDS.flatMap((id) => OVERLAYS[id].map((entry) => ({ planId: id, ...entry })));

function measureAt(plan: PlanDocument, [p, o, m]: readonly number[]) {
  return plan.priorities[p!]?.outcomes[o!]?.measures[m!];
}

function entryAt(planId: keyof typeof SEED_DEFINITION_FILES, at: readonly number[]): SeedDefinition {
  const entry = OVERLAYS[planId].find((e) => e.at.join() === at.join());
  assert.ok(entry, `no entry at [${at.join(', ')}] for ${planId}`);
  return entry;
}

function rejection(text: string): string[] {
  try {
    parseSeedDefinitions(text, 'test.yaml');
  } catch (error) {
    assert.ok(error instanceof SeedDefinitionError, String(error));
    return error.problems;
  }
  assert.fail('expected the overlay to be rejected');
}

const GOOD_ENTRY = [
  '- at: [0, 0, 0]',
  '  description: "Some measure"',
  '  slug: some-measure',
  '  title: Some measure',
  '  kind: count',
  '  unit: count',
  '  polarity: higher-is-better',
  '  periodGrain: year',
].join('\n');

describe('the example plans’ measure definitions', () => {
  it('load for both plans, with one entry per plan measure (69 Essex, 26 Southend)', () => {
    assert.equal(OVERLAYS['essex-send-improvement-programme'].length, 69);
    assert.equal(OVERLAYS['southend-send-strategic-action-plan'].length, 26);
  });

  for (const planId of PLAN_IDS) {
    it(`cover every measure of ${planId} exactly once, with its description`, () => {
      const plan = PLANS[planId];
      let measures = 0;
      plan.priorities.forEach((priority, p) => priority.outcomes.forEach((outcome, o) => outcome.measures.forEach((measure, m) => {
        measures += 1;
        const matching = OVERLAYS[planId].filter((e) => e.at.join() === [p, o, m].join());
        assert.equal(matching.length, 1, `[${p}, ${o}, ${m}] ${measure.description}`);
        assert.equal(matching[0]!.description, measure.description, `[${p}, ${o}, ${m}]`);
      })));
      assert.equal(OVERLAYS[planId].length, measures);
      for (const entry of OVERLAYS[planId]) assert.ok(measureAt(plan, entry.at), `${entry.definition.slug} points at no measure`);
      assert.deepEqual(seedDefinitionDrift(plan, OVERLAYS[planId]), []);
    });

    it(`carry the baselines ${planId} states, and no others`, () => {
      // Numbers the plan attaches to a measure's baseline that do not measure what the definition measures.
      const notTheMeasure = new Set(['southend-send-strategic-action-plan [0,7,0] value', 'southend-send-strategic-action-plan [0,12,1] value']);
      for (const { at, definition } of OVERLAYS[planId]) {
        const baseline = measureAt(PLANS[planId], at)?.baseline;
        const where = `${planId} [${at.join()}]`;
        for (const [field, stated] of [['value', baseline?.value], ['n', baseline?.n], ['period', baseline?.period]] as const) {
          const defined = { value: definition.baselineValue, n: definition.baselineN, period: definition.baselinePeriod }[field];
          if (stated === undefined || notTheMeasure.has(`${where} ${field}`)) {
            assert.equal(defined, undefined, `${where}: baseline ${field} ${defined} is not in the plan`);
          } else {
            assert.equal(defined, stated, `${where}: baseline ${field}`);
          }
        }
      }
    });
  }

  it('give every measure a slug unique across both plans, prefixed with its area', () => {
    const slugs = ALL.map((e) => e.definition.slug);
    assert.equal(new Set(slugs).size, slugs.length, slugs.filter((s, i) => slugs.indexOf(s) !== i).join(', '));
    for (const { planId, definition } of ALL) {
      assert.ok(definition.slug.startsWith(planId.startsWith('essex') ? 'essex-' : 'southend-'), definition.slug);
      assert.ok(definition.title.length <= 80, `${definition.slug}: title is ${definition.title.length} characters`);
    }
  });

  it('use units that fit their kinds', () => {
    const units: Record<MeasureKind, readonly string[]> = {
      proportion: ['percent'], timeliness: ['percent'], 'survey-positive': ['percent'], milestone: ['milestone'],
      count: ['count'], rate: ['per-1000', 'per-100'], duration: ['days', 'weeks'], gap: ['percent', 'per-1000', 'per-100', 'days', 'weeks'],
    };
    for (const { definition: d } of ALL) {
      assert.ok(units[d.kind].includes(d.unit), `${d.slug}: ${d.kind} in ${d.unit}`);
      if (d.kind === 'milestone') assert.equal(d.baselineValue, undefined, d.slug);
      if (d.targetRelative === 'reduce-variation') assert.equal(d.kind, 'gap', d.slug);
      if (d.unit === 'percent' && d.targetValue !== undefined) assert.ok(d.targetValue >= 0 && d.targetValue <= 100, d.slug);
    }
  });

  it('compare only with national series that exist in reference-data/national-figures.csv', () => {
    const figures = loadNationalFigures();
    const compared = ALL.filter((e) => e.definition.nationalComparator);
    assert.ok(compared.length >= 4);
    for (const { definition: d } of compared) {
      const series = nationalSeries(figures, d.nationalComparator as SeriesKey);
      assert.ok(series.length > 0, `${d.slug}: no national series ${JSON.stringify(d.nationalComparator)}`);
      if (d.kind === 'rate') assert.equal(series[0]!.unit, 'per-100-pupils', d.slug);
      else assert.equal(series[0]!.unit, 'percent', d.slug);
    }
  });

  it('keep the figures the plans state: POET respondents, MHST schools, equipment within 6 weeks', () => {
    const poet = entryAt('essex-send-improvement-programme', [0, 0, 0]).definition;
    assert.equal(poet.kind, 'survey-positive');
    assert.equal(poet.baselineN, 2471);
    assert.equal(poet.baselinePeriod, 'July 2019');
    assert.equal(poet.baselineValue, undefined);
    const mhst = entryAt('southend-send-strategic-action-plan', [0, 12, 0]).definition;
    assert.deepEqual([mhst.kind, mhst.unit, mhst.polarity, mhst.baselineValue], ['count', 'count', 'higher-is-better', 8]);
    const equipment = entryAt('essex-send-improvement-programme', [2, 7, 2]).definition;
    assert.deepEqual([equipment.kind, equipment.targetValue], ['timeliness', 100]);
    assert.equal(entryAt('essex-send-improvement-programme', [1, 8, 0]).definition.targetOn, '2021-08-01');
  });

  it('use every kind of the vocabulary somewhere', () => {
    for (const kind of MEASURE_KINDS) assert.ok(ALL.some((e) => e.definition.kind === kind), kind);
  });
});

describe('loading a measure-definition overlay', () => {
  it('reads a valid entry and applies the definition defaults', () => {
    const [entry] = parseSeedDefinitions(GOOD_ENTRY);
    assert.deepEqual(entry?.at, [0, 0, 0]);
    assert.equal(entry?.description, 'Some measure');
    assert.deepEqual(entry?.definition.breakdowns, []);
    assert.equal(entry?.definition.suppressionThreshold, 5);
    assert.equal('at' in (entry?.definition ?? {}), false);
  });

  it('refuses unknown keys, naming the entry and the field', () => {
    const [problem, ...rest] = rejection(`${GOOD_ENTRY}\n${GOOD_ENTRY.replace('some-measure', 'other').replace('[0, 0, 0]', '[0, 0, 1]')}\n  colour: red`);
    assert.deepEqual(rest, []);
    assert.match(problem!, /^entry 1 \(line \d+\): unknown field "colour"/);
  });

  it('requires at and description, and names bad fields', () => {
    const problems = rejection(GOOD_ENTRY.replace('- at: [0, 0, 0]\n  description: "Some measure"\n  slug', '- slug').replace('kind: count', 'kind: tally'));
    assert.ok(problems.some((p) => /^entry 0 \(line 1\), field at: expected \[priorityIndex, outcomeIndex, measureIndex\], but it is missing/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^entry 0 .*field description: expected string, but it is missing/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^entry 0 \(line 3\), field kind: expected one of "count"/.test(p)), problems.join('\n'));
  });

  it('checks the position has three indices and the comparator its fields', () => {
    const problems = rejection(`${GOOD_ENTRY.replace('[0, 0, 0]', '[0, -1]')}\n  nationalComparator: { indicator: suspension-rate, populaton: sen-support }`);
    assert.ok(problems.some((p) => p.startsWith('entry 0 (line 1), field at')), problems.join('\n'));
    assert.ok(problems.some((p) => /field nationalComparator: unknown field "populaton"/.test(p)), problems.join('\n'));
  });

  it('refuses two entries at one position or with one slug', () => {
    const problems = rejection(`${GOOD_ENTRY}\n${GOOD_ENTRY}`);
    assert.deepEqual(problems.map((p) => p.replace(/ \(line \d+\)/, '')), [
      'entry 1, field at: [0, 0, 0] is also the position of entry 0',
      'entry 1, field slug: "some-measure" is also the slug of entry 0',
    ]);
  });

  it('refuses a file that is not a list, or is not YAML', () => {
    assert.deepEqual(rejection('slug: x'), ['expected a list of entries (one per plan measure)']);
    assert.match(rejection('- at: [0, 0\n')[0]!, /^line \d+, column \d+: /);
  });

  it('reports drift between an overlay and its plan', () => {
    const plan = { priorities: [{ outcomes: [{ measures: [{ description: 'Some measure' }, { description: 'Another' }] }] }] };
    const entries = parseSeedDefinitions(`${GOOD_ENTRY.replace('"Some measure"', '"Some measures"')}\n${GOOD_ENTRY.replace('[0, 0, 0]', '[1, 0, 0]').replace('some-measure', 'stray')}`);
    assert.deepEqual(seedDefinitionDrift(plan, entries), [
      'measure [0, 0, 0] reads "Some measure" but its definition (some-measure) says "Some measures"',
      'measure [0, 0, 1] "Another" has no definition',
      'definition stray is at [1, 0, 0], where the plan has no measure',
    ]);
  });
});
