import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { buildContainer } from './container.ts';
import { openDatabase, type Database } from './db/database.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { resolvePseudonymKey, resolveSecret } from './secret.ts';
import { createDemoSignIns, loadExamples, type DemoSignIn } from './examples.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** The demonstration administrators created on this (first) start, for the caller to show once. */
  demoSignIns: DemoSignIn[];
  stop(): Promise<void>;
}

/** Opens (and on first start creates) the database, migrates it, loads the examples, then listens. */
export async function startServer(config: Config, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<RunningServer> {
  const releaseLock = config.database.kind === 'pglite' ? acquireDataDirLock(config.database.dataDir) : () => undefined;
  const database = await openDatabase(config.database);
  const applied = await migrate(database);
  if (applied.length > 0) log(`Database migrated: ${applied.join(', ')}`);
  const pseudonymKey = resolvePseudonymKey(config);
  const container = buildContainer(database, { secret: resolveSecret(config), ...(pseudonymKey ? { pseudonymKey } : {}) });
  if (config.loadExamples) {
    const loaded = await loadExamples(container);
    for (const plan of loaded.plans) log(`Loaded example plan "${plan.title}" (${plan.priorities} priorities, ${plan.outcomes} outcomes, ${plan.warnings} import warnings)`);
    if (loaded.measuresDefined > 0) log(`Defined ${loaded.measuresDefined} measures; ${loaded.syntheticSeries} given synthetic demonstration series`);
  }
  const demoSignIns = config.database.kind === 'pglite' && config.loadExamples ? await createDemoSignIns(container) : [];
  const app = await buildApp(container, {
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    development: !config.production,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await database.close();
      releaseLock();
    })());
  return { app, database, url, demoSignIns, stop };
}
