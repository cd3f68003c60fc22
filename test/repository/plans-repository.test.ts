import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { buildContainer, type Container } from '../../src/container.ts';
import { normaliseActionRefs } from '../../src/lib/plan-refs/action-refs.ts';
import { NotFoundError, PlanExistsError, PlanFileError, type PlanTree } from '../../src/modules/plans/index.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/test-database.ts';
import { fixedClock, TEST_SECRET } from '../helpers/test-server.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';

const essexText = readFileSync(new URL('../../examples/essex-send-improvement-outcomes.txt', import.meta.url), 'utf8');

/** A small valid plan file; tests break it in one place at a time. */
function planFile(overrides: Record<string, unknown> = {}) {
  return {
    format: 'send-outcomes/plan@1',
    id: 'test-plan',
    title: 'Test plan',
    area: 'Testshire',
    priorities: [{ kind: 'priority', title: 'Priority one', outcomes: [{ statement: 'Children are heard', actionRefs: 'P1-3', measures: [{ description: 'Survey', baseline: { text: '2019 survey', n: 120 } }] }] }],
    ...overrides,
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`plans on ${kind}`, () => {
    let database: TestDatabase;
    let c: Container;
    let essex: PlanTree;
    let southend: PlanTree;

    before(async () => {
      database = await createTestDatabase(kind);
      c = buildContainer(database, { clock: fixedClock, secret: TEST_SECRET });
      await c.plans.importExamples();
      essex = await c.plans.planTree('essex-send-improvement-programme');
      southend = await c.plans.planTree('southend-send-strategic-action-plan');
    });
    after(() => database.destroy());

    it('loads Essex with its three workstreams, their findings and outcomes', () => {
      assert.deepEqual(essex.priorities.map((p) => p.title), ['Identification of Need', 'Joint Commissioning', 'EHCP']);
      assert.deepEqual(essex.priorities.map((p) => p.outcomes.length), [9, 12, 9]);
      for (const p of essex.priorities) assert.ok(p.finding && p.aim, `${p.title} lacks its finding or aim`);
    });

    it('keeps the POET survey baseline with its date and number of respondents', () => {
      const measures = essex.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
      const poet = measures.find((m) => m.baseline?.n === 2471);
      assert.ok(poet, 'no measure has the POET baseline n=2471');
      assert.equal(poet.baseline!.period, 'July 2019');
      assert.ok(measures.some((m) => m.baseline?.n === 1800), 'the High Needs Block survey baseline (n=1800) is missing');
    });

    it('loads Southend with 14 outcomes, each with all five fields', () => {
      assert.equal(southend.priorities.length, 1);
      const outcomes = southend.priorities[0]!.outcomes;
      assert.equal(outcomes.length, 14);
      for (const o of outcomes) {
        for (const field of [o.whatWeWant, o.whatWeWillDo, o.whereAreWeNow, o.whatWeWillSee, o.differenceThisWillMake]) assert.ok(field && field.trim().length > 0);
      }
      const mhst = outcomes[12]!.measures[0]!;
      assert.deepEqual([mhst.baseline?.value, mhst.baseline?.unit], [8, 'schools']);
    });

    it('has every action reference in the Essex text, normalised', () => {
      const inExport = new Set(essex.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.actionRefs)));
      const tokens = essexText.match(/\b(?:ID|JC|EHC|ECH|1D)\s?\d+(?:\s?[–-]\s?\d+)?/g) ?? [];
      assert.ok(tokens.length >= 40, `found only ${tokens.length} reference tokens in the seed`);
      for (const token of tokens) {
        for (const ref of normaliseActionRefs(token, ['ID', 'JC', 'EHC']).refs) assert.ok(inExport.has(ref), `${token} → ${ref} is not in the export`);
      }
      for (const ref of ['ID2', 'ID8', 'JC8', 'JC17', 'EHC14', 'ID10', 'EHC5']) assert.ok(inExport.has(ref), ref);
    });

    it('reports the two typos it corrected', () => {
      assert.deepEqual(
        essex.importWarnings.map((w) => w.message),
        ['Action reference "1D10" was read as ID10 (a digit in place of a letter: "1D" read as "ID").', 'Action reference "ECH5" was read as EHC5 (letters transposed: "ECH" read as "EHC").'],
      );
    });

    it('writes nothing when a plan file is malformed', async () => {
      const before = await tableChecksums(database);
      const bad = stringify(planFile({ priorities: [{ kind: 'workstream', title: 'X', outcomes: [{ statement: '' }] }] }));
      await assert.rejects(c.plans.importPlanFile(bad, 'bad.yaml'), (error: unknown) => {
        assert.ok(error instanceof PlanFileError);
        assert.deepEqual(error.problems, [{ location: 'line 9, priorities[0].outcomes[0].statement', message: 'must not be empty' }]);
        return true;
      });
      await assert.rejects(c.plans.importPlanFile(stringify(planFile({ priorities: [{ kind: 'priority', title: 'X', outcomes: [{ statement: 'a', actionRefs: 'see plan' }] }] })), 'bad.yaml'), PlanFileError);
      assert.deepEqual(await tableChecksums(database), before);
    });

    it('rolls back the whole plan when the database refuses a row half-way through', async () => {
      const before = await tableChecksums(database);
      const overflowing = planFile({ priorities: [{ kind: 'priority', title: 'X', outcomes: [{ statement: 'a', measures: [{ description: 'm', baseline: { text: 'b', n: 3_000_000_000 } }] }] }] });
      await assert.rejects(c.plans.importPlanFile(JSON.stringify(overflowing), 'plan.json'));
      assert.deepEqual(await tableChecksums(database), before);
    });

    it('refuses to import a plan id twice unless told to replace it', async () => {
      await c.plans.importPlanFile(JSON.stringify(planFile()), 'plan.json');
      const before = await tableChecksums(database);
      await assert.rejects(c.plans.importPlanFile(JSON.stringify(planFile({ title: 'Changed' })), 'plan.json'), PlanExistsError);
      assert.deepEqual(await tableChecksums(database), before);
      await c.plans.importPlanFile(JSON.stringify(planFile({ title: 'Changed' })), 'plan.json', { replace: true });
      const tree = await c.plans.planTree('test-plan');
      assert.equal(tree.title, 'Changed');
      assert.deepEqual(tree.priorities[0]!.outcomes[0]!.actionRefs, ['P1', 'P2', 'P3']);
    });

    it('keeps partnerships apart: a plan is not found through another partnership', async () => {
      await c.plans.importPlanFile(JSON.stringify(planFile()), 'plan.json', { partnership: { slug: 'other', name: 'Other partnership' } });
      await assert.rejects(c.plans.publishedPlanTree('southend-on-sea', 'essex-send-improvement-programme'), NotFoundError);
      await assert.rejects(c.plans.actionDetail('southend-on-sea', 'essex-send-improvement-programme', 'ID1'), NotFoundError);
      await assert.rejects(c.plans.planTree('test-plan'), /more than one partnership/);
      assert.equal((await c.plans.planTree('test-plan', 'other')).partnership.slug, 'other');
    });

    it('records a progress update and the status it sets', async () => {
      await c.plans.addProgressUpdate({ personId: null, label: 'test', partnershipSlug: 'essex', organisationId: null, role: 'plan-editor' }, 'essex', 'essex-send-improvement-programme', 'ID10', { reportedOn: '2025-06-01', whatWeDid: 'Census checks agreed', onBehalfOf: 'Data team', statusAfter: 'at-risk' });
      const detail = await c.plans.actionDetail('essex', 'essex-send-improvement-programme', 'id10');
      assert.deepEqual(detail.updates, [{ reportedOn: '2025-06-01', whatWeDid: 'Census checks agreed', author: 'test', onBehalfOf: 'Data team', statusAfter: 'at-risk' }]);
      assert.equal(detail.action.status, 'at-risk');
      assert.equal(detail.action.rag, 'amber');
      assert.deepEqual(detail.outcomes.map((o) => o.priorityTitle), ['Identification of Need', 'Identification of Need']);
    });
  });
}
