import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { loadExamples } from '../../src/examples.ts';
import { buildContainer, type Clock, type Container } from '../../src/container.ts';
import type { DatabaseKind } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** Tests run on a fixed day so dates and ratings are repeatable. */
export const TEST_TODAY = '2025-06-15';
export const fixedClock: Clock = { today: () => TEST_TODAY, now: () => new Date() };
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
/** A fixed casework pseudonymisation key for tests (never a real one). */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-test-pseudonym-key-0123';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app on a fresh test database, with the example plans loaded unless told otherwise. */
export async function createTestApp(options: { kind?: DatabaseKind; examples?: boolean; clock?: Clock; app?: AppOptions } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.kind ?? 'pglite');
  const container = buildContainer(database, { clock: options.clock ?? fixedClock, secret: TEST_SECRET, pseudonymKey: TEST_PSEUDONYM_KEY });
  if (options.examples ?? true) await loadExamples(container);
  const app = await buildApp(container, { signInRateLimit: 10_000, ...options.app });
  return {
    app,
    container,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Same, listening on a free port on 127.0.0.1, for browser tests. */
export async function startTestServer(options: { kind?: DatabaseKind; examples?: boolean } = {}): Promise<TestApp & { url: string }> {
  const testApp = await createTestApp(options);
  const url = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...testApp, url };
}
