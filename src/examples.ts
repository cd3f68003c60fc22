import { fileURLToPath } from 'node:url';
import type { Container } from './container.ts';
import { loadSeedDefinitions, SEED_DEFINITION_FILES } from './measures/seed-definitions.ts';
import { readExampleSchedules } from './modules/returns/index.ts';

const EXAMPLE_SCHEDULES = fileURLToPath(new URL('../examples/return-schedules.yaml', import.meta.url));

/** A demonstration administrator of one example partnership, created on a first start. */
export interface DemoSignIn {
  partnership: string;
  email: string;
  password: string;
}

/** The example partnerships that get a demonstration administrator, each in its council. */
const DEMO_ADMINISTRATORS = [
  { slug: 'essex', name: 'Essex', organisation: 'Essex County Council' },
  { slug: 'southend-on-sea', name: 'Southend-on-Sea', organisation: 'Southend-on-Sea City Council' },
] as const;

/**
 * Creates a demonstration administrator with a generated password for each example partnership that has nobody
 * yet (so only on a first start); the passwords are returned once, never stored in clear or logged.
 */
export async function createDemoSignIns(container: Container): Promise<DemoSignIn[]> {
  const created: DemoSignIn[] = [];
  for (const demo of DEMO_ADMINISTRATORS) {
    const account = await container.accounts.createDemoAdmin(demo.slug, demo.organisation);
    if (account) created.push({ partnership: demo.name, ...account });
  }
  return created;
}

export interface ExamplesLoaded {
  plans: { title: string; priorities: number; outcomes: number; warnings: number }[];
  measuresDefined: number;
  syntheticSeries: number;
  returnSchedules: number;
}

/**
 * Loads the shipped examples into an empty installation: the two seed plans, the definitions of
 * their measures (examples/measure-definitions/), and a deterministic synthetic series for each
 * measure so the dashboard has something to show (labelled "synthetic demonstration data"; near England's
 * figure where a measure is compared with England, and only for periods ended by the clock: src/measures/synthetic-series.ts).
 * Idempotent: plans and series already present are left alone.
 */
export async function loadExamples(container: Container): Promise<ExamplesLoaded> {
  const imported = await container.plans.importExamples();
  let measuresDefined = 0;
  let syntheticSeries = 0;
  for (const result of imported) {
    const file = SEED_DEFINITION_FILES[result.id as keyof typeof SEED_DEFINITION_FILES];
    if (!file) continue;
    const plan = await container.plans.planTree(result.id, result.partnership);
    const entries = loadSeedDefinitions(file).map((e) => ({ at: e.at, description: e.description, definition: e.definition }));
    const missing = await container.measures.defineMeasures(plan.uuid, entries);
    if (missing.length > 0) throw new Error(`Measure definitions do not match the plan "${result.id}": ${missing.slice(0, 3).join(' | ')}`);
    measuresDefined += entries.length;
    syntheticSeries += await container.measures.addSyntheticSeries(result.partnership);
  }
  let returnSchedules = 0;
  for (const [partnershipSlug, entries] of Object.entries(readExampleSchedules(EXAMPLE_SCHEDULES))) {
    for (const e of entries) {
      if (!(await container.accounts.organisationExists(partnershipSlug, e.organisation.name))) {
        await container.accounts.createOrganisation(partnershipSlug, { name: e.organisation.name, kind: e.organisation.kind, area: null }, 'example data');
      }
    }
    returnSchedules += await container.returns.addExampleSchedules(partnershipSlug, entries);
  }
  return {
    returnSchedules,
    plans: imported.map((r) => ({ title: r.title, priorities: r.priorities, outcomes: r.outcomes, warnings: r.warnings.length })),
    measuresDefined,
    syntheticSeries,
  };
}
