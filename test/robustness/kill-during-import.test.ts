// Issue 5 acceptance: killing the server process during a large import leaves no partial return.
// The real server runs as a child process (`send-outcomes serve`); a 200,000-row return is POSTed to the
// API and the process is killed with SIGKILL while the rows are being written. Afterwards the return is
// absent and every table is as it was (PostgreSQL), or the return is absent or whole, never partial (PGlite).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { buildContainer } from '../../src/container.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadExamples } from '../../src/examples.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createTestDatabase, pgliteSnapshot } from '../helpers/test-database.ts';
import { fixedClock, TEST_SECRET } from '../helpers/test-server.ts';

const root = new URL('../..', import.meta.url).pathname;
const ROWS = 200_000;
const SCHEDULE = 'users-by-school';
const PERIOD = '2025-05';
const ACTOR = { label: 'kill test', personId: null, organisationId: null, reviewer: true };

/** The examples, plus a schedule with an open breakdown (any school) and a token of the organisation that supplies it. */
async function prepare(database: Database): Promise<{ token: string; scheduleId: string }> {
  const container = buildContainer(database, { secret: TEST_SECRET, clock: fixedClock });
  await loadExamples(container);
  const essex = (await container.returns.partnership('essex'))!.id;
  const council = (await database.db.selectFrom('organisations').select('id').where('partnership_id', '=', essex).where('name', '=', 'Essex County Council').executeTakeFirstOrThrow()).id;
  const measure = (await database.db.selectFrom('measures').select('id').where('partnership_id', '=', essex).where('slug', '=', 'essex-local-offer-website-users').executeTakeFirstOrThrow()).id;
  const scheduleId = await container.returns.createSchedule(essex, { slug: SCHEDULE, measureId: measure, organisationId: council, grain: 'month', shape: 'count', breakdown: 'school', breakdownValues: [], deadlineDays: 10, firstPeriodStart: '2025-01-01' }, ACTOR);
  const { token } = await container.apiTokens.create(essex, council, 'kill test', { label: 'kill test', personId: null });
  return { token, scheduleId };
}

/**
 * Every table's checksum, except that api_tokens is compared without last_used_at: the server records a
 * token's use when it authenticates the request, in its own statement before the import's transaction,
 * so that one write is expected to survive (it is not part of the return).
 */
async function state(database: Database): Promise<Record<string, unknown>> {
  const { api_tokens: _lastUsedChanges, ...tables } = await tableChecksums(database);
  const tokens = await database.db.selectFrom('api_tokens').select(['id', 'name', 'token_hash', 'scopes', 'created_at', 'revoked_at']).orderBy('id').execute();
  return { ...tables, api_tokens: JSON.stringify(tokens) };
}

async function returnRows(database: Database, scheduleId: string) {
  const { rows } = await sql<{ returns: number; revisions: number; values: number; status: string | null }>`
    select (select count(*)::int from data_returns where schedule_id = ${scheduleId}) as returns,
           (select count(*)::int from return_revisions r join data_returns d on d.id = r.return_id where d.schedule_id = ${scheduleId}) as revisions,
           (select count(*)::int from return_values v join return_revisions r on r.id = v.revision_id join data_returns d on d.id = r.return_id where d.schedule_id = ${scheduleId}) as values,
           (select status from data_returns where schedule_id = ${scheduleId}) as status`.execute(database.db);
  return rows[0]!;
}

/** Starts `send-outcomes serve` as a child process and waits for the address it prints. */
async function startServer(env: Record<string, string | undefined>): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOAD_EXAMPLES: 'false', SESSION_SECRET: TEST_SECRET, ...env };
  if (env.DATABASE_URL === undefined) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { cwd: root, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no address:\n${stderr}`)), 45_000);
    child.stderr!.on('data', () => {
      const match = /running at (http:\/\/\S+) /.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

/** POSTs a 200,000-row return; resolves when the whole body has been handed to the socket. The answer is never awaited. */
function sendLargeReturn(url: string, token: string): Promise<void> {
  const schools = Array.from({ length: ROWS }, (_, i) => ({ breakdown: `School ${String(i).padStart(6, '0')}`, count: i % 50 }));
  // the Total is the sum of the schools, or the return is refused before anything is written (issue 12, defect 7)
  const rows = [{ count: schools.reduce((sum, row) => sum + row.count, 0) }, ...schools];
  const body = JSON.stringify({ rows, submit: true });
  const req = request(`${url}/api/v1/returns/${SCHEDULE}/${PERIOD}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  req.on('error', () => undefined); // the server dies mid-request: that is the point
  req.on('response', (res) => res.resume());
  return new Promise((resolve) => req.end(body, () => resolve()));
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Polls `check` every 20 ms until it returns a value, or fails after `limitMs` with `what`. */
async function waitFor<T>(what: string, limitMs: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('killing the server during a large import', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('on PostgreSQL, leaves no trace of the return when killed while its values are being inserted', { skip: process.env.DATABASE_URL ? false : 'DATABASE_URL is not set' }, async (t) => {
    const database = await createTestDatabase('postgres');
    cleanups.push(() => database.destroy());
    const { token, scheduleId } = await prepare(database);
    const before = await state(database);
    const server = await startServer({ DATABASE_URL: database.url! });
    cleanups.push(() => kill(server.child));

    const watcher = new pg.Client({ connectionString: database.url! });
    await watcher.connect();
    cleanups.push(() => watcher.end());
    // the import's connection, seen from another one: writing return_values (INSERT batches, or COPY)
    const writing = async () => {
      const { rows } = await watcher.query<{ pid: number; state: string }>(
        `select pid, state from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')
           and query ~* '^\\s*(insert\\s+into|copy)\\s+"?return_values"?'`,
      );
      return rows[0];
    };
    await sendLargeReturn(server.url, token);
    const importer = await waitFor(`an INSERT INTO return_values (server log: ${server.stderr()})`, 40_000, writing);
    await kill(server.child);
    t.diagnostic(`killed while the import's connection was ${importer.state}`);

    // PostgreSQL rolls the transaction back when it sees the client has gone
    await waitFor('the killed server’s connection to end', 20_000, async () => {
      const { rowCount } = await watcher.query('select 1 from pg_stat_activity where pid = $1', [importer.pid]);
      return rowCount === 0 ? true : undefined;
    });
    assert.deepEqual(await returnRows(database, scheduleId), { returns: 0, revisions: 0, values: 0, status: null });
    assert.deepEqual(await state(database), before);
  });

  it('on the embedded database, leaves the return absent or whole, never partial', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'send-outcomes-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pgdata = join(dataDir, 'pgdata');
    const prepared = await openDatabase({ kind: 'pglite', dataDir: pgdata, snapshot: await pgliteSnapshot() });
    await migrate(prepared);
    const { token, scheduleId } = await prepare(prepared);
    const before = await state(prepared);
    await prepared.close();

    const server = await startServer({ DATA_DIR: dataDir });
    cleanups.push(() => kill(server.child));
    // PGlite has no pg_stat_activity to watch from outside; its write-ahead log shows writing instead
    const wal = join(pgdata, 'pg_wal');
    const walState = () => readdirSync(wal).filter((f) => /^[0-9A-F]{24}$/.test(f)).map((f) => `${f}:${statSync(join(wal, f)).mtimeMs}`).join(' ');
    await sendLargeReturn(server.url, token);
    // everything the request wrote before its body was read (the token's "last used") is in the log by now
    let seen = walState();
    let changes = 0;
    await waitFor(`the import to write (server log: ${server.stderr()})`, 40_000, () => {
      const now = walState();
      if (now !== seen) [seen, changes] = [now, changes + 1];
      return changes >= 3 ? true : undefined;
    });
    await kill(server.child);

    const reopened = await openDatabase({ kind: 'pglite', dataDir: pgdata });
    cleanups.push(() => reopened.close());
    const found = await returnRows(reopened, scheduleId);
    t.diagnostic(`after the kill the return was ${found.returns === 0 ? 'absent' : `present (${found.values} values)`}`);
    if (found.returns === 0) {
      assert.deepEqual(found, { returns: 0, revisions: 0, values: 0, status: null });
      assert.deepEqual(await state(reopened), before);
    } else {
      assert.deepEqual(found, { returns: 1, revisions: 1, values: ROWS + 1, status: 'submitted' });
    }
  });
});
