// Child process for `npm run bench:pages`: a real server on a fresh embedded database holding the
// example plans plus a generated plan with 200 defined measures, each with a synthetic series.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { buildContainer } from '../src/container.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadExamples } from '../src/examples.ts';
import { MEASURE_KINDS } from '../src/measures/measure-definition.ts';

const kinds = MEASURE_KINDS.filter((k) => k !== 'gap');
const database = await openDatabase(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir: join(mkdtempSync(join(tmpdir(), 'bench-pages-')), 'pgdata') });
await migrate(database);
const container = buildContainer(database, { secret: 'bench-secret-bench-secret-bench-secret-00' });
await loadExamples(container);

const outcomes = Array.from({ length: 40 }, (_, o) => ({
  statement: `Generated outcome ${o + 1}`,
  measures: Array.from({ length: 5 }, (_, m) => ({ description: `Generated measure ${o * 5 + m + 1}` })),
}));
const plan = { format: 'send-outcomes/plan@1', id: 'bench-200', title: 'Benchmark plan with 200 measures', priorities: [{ kind: 'priority', title: 'Everything', outcomes }] };
await container.plans.importPlanFile(JSON.stringify(plan), 'bench.json', { partnership: { slug: 'bench', name: 'Benchmark partnership' }, replace: true });
const tree = await container.plans.planTree('bench-200', 'bench');
const entries = outcomes.flatMap((o, oi) =>
  o.measures.map((m, mi) => {
    const kind = kinds[(oi * 5 + mi) % kinds.length]!;
    const unit = kind === 'milestone' ? 'milestone' : kind === 'duration' ? 'weeks' : kind === 'count' ? 'count' : kind === 'rate' ? 'per-1000' : 'percent';
    return { at: [0, oi, mi] as const, description: m.description, definition: { slug: `bench-${oi * 5 + mi + 1}`, title: m.description, kind, unit, polarity: 'higher-is-better', periodGrain: 'month', breakdowns: mi % 2 ? ['area'] : [], suppressionThreshold: 5, references: [] } as const };
  }),
);
await container.measures.defineMeasures(tree.uuid, entries as never);
await container.measures.addSyntheticSeries('bench');
const app = await buildApp(container, { logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${url}\n`);
