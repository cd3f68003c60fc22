#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config.ts';
import { buildContainer, type Container } from '../container.ts';
import { openDatabase } from '../db/database.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { startServer } from '../main.ts';
import { AccountsError } from '../modules/accounts/index.ts';
import { PlanFileError, PlanExistsError, NotFoundError } from '../modules/plans/index.ts';
import { resolvePseudonymKey, resolveSecret } from '../secret.ts';
import { loadExamples } from '../examples.ts';
import { USAGE } from './usage.ts';
import { demoSignInBox } from './demo-sign-in-box.ts';
import { CliUsageError, runUsersCommand } from './users-command.ts';
import { NoSuchMeasureError, runMeasuresCommand } from './measures-command.ts';
import { runSsoCommand, SsoUsageError, SSO_USAGE } from './sso-command.ts';
import { CaseworkCommandError, runCaseworkCommand } from './casework-command.ts';
import { CaseworkError } from '../modules/casework/index.ts';
import { returnsErrorLines, runReturnsCommand } from './returns-command.ts';

/** Only command output goes to stdout; progress and problems go to stderr. */
const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);

class UsageError extends Error {}

async function withContainer<T>(config: Config, work: (container: Container) => Promise<T>): Promise<T> {
  const release = config.database.kind === 'pglite' ? acquireDataDirLock(config.database.dataDir) : () => undefined;
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    const pseudonymKey = resolvePseudonymKey(config);
    const container = buildContainer(database, { secret: resolveSecret(config), ...(pseudonymKey ? { pseudonymKey } : {}) });
    if (config.loadExamples) await loadExamples(container);
    return await work(container);
  } finally {
    await database.close();
    release();
  }
}

async function serve(config: Config): Promise<void> {
  const server = await startServer(config);
  err(`SEND Outcomes is running at ${server.url} (${server.database.kind === 'pglite' ? 'embedded database' : 'PostgreSQL'}). Press Ctrl+C to stop.`);
  // after start-up and on stderr, outside the JSON log (stdout), so the passwords are not lost among log lines
  if (server.demoSignIns.length > 0) err(demoSignInBox(server.url, server.demoSignIns));
  const shutdown = () => {
    err('Stopping...');
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function plans(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      partnership: { type: 'string' },
      'partnership-name': { type: 'string' },
      title: { type: 'string' },
      id: { type: 'string' },
      area: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  if (sub === 'import') {
    const file = positionals[0];
    if (!file) throw new UsageError('plans import needs a file: send-outcomes plans import <file>');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UsageError(`Cannot read ${file}`);
    }
    const partnership = values.partnership ? { slug: values.partnership, name: values['partnership-name'] ?? values.partnership } : undefined;
    const result = await withContainer(config, (c) =>
      c.plans.importPlanFile(bytes, basename(file), {
        ...(partnership ? { partnership } : {}),
        ...(values.title ? { title: values.title } : {}),
        ...(values.id ? { id: values.id } : {}),
        ...(values.area ? { area: values.area } : {}),
        replace: values.replace,
      }),
    );
    for (const w of result.warnings) err(`warning: ${w.location}: ${w.message}`);
    if (values.json) out(JSON.stringify(result, null, 2));
    else out(`Imported "${result.title}" as ${result.id} into ${result.partnership}: ${result.priorities} priorities, ${result.outcomes} outcomes, ${result.measures} measures, ${result.actions} actions, ${result.warnings.length} warnings.`);
  } else if (sub === 'list') {
    const list = await withContainer(config, (c) => c.plans.listPlans(values.partnership));
    if (values.json) out(JSON.stringify(list, null, 2));
    else out(list.map((p) => `${p.partnership.slug}\t${p.id}\t${p.title}`).join('\n') || 'No plans.');
  } else if (sub === 'export') {
    const id = positionals[0];
    if (!id) throw new UsageError('plans export needs a plan id: send-outcomes plans export <id> --json');
    const tree = await withContainer(config, (c) => c.plans.planTree(id, values.partnership));
    out(JSON.stringify(tree, null, 2));
  } else {
    throw new UsageError(`Unknown command "plans ${sub ?? ''}".`);
  }
}

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      out(USAGE);
      return 0;
    }
    const config = loadConfig(env);
    if (command === 'serve') await serve(config);
    else if (command === 'db' && args[0] === 'migrate') {
      const release = config.database.kind === 'pglite' ? acquireDataDirLock(config.database.dataDir) : () => undefined;
      const database = await openDatabase(config.database);
      try {
        const applied = await migrate(database);
        out(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
        release();
      }
    } else if (command === 'plans') await plans(config, args);
    else if (command === 'measures') await withContainer(config, (c) => runMeasuresCommand(c, args, out));
    else if (command === 'sso') await withContainer(config, (c) => runSsoCommand(c, args, out));
    else if (command === 'casework') await withContainer(config, (c) => runCaseworkCommand(c, args, out));
    else if (command === 'returns') await withContainer(config, (c) => runReturnsCommand(c, args, out));
    else if (command === 'users') await withContainer(config, (c) => runUsersCommand(c, args, env.BASE_URL ?? `http://localhost:${config.port}`, out));
    else throw new UsageError(`Unknown command "${[command, ...args.slice(0, 1)].join(' ')}".`);
    return 0;
  } catch (error) {
    if (error instanceof SsoUsageError) {
      err(`${error.message}\n\n${SSO_USAGE}`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof CliUsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PlanFileError || error instanceof PlanExistsError || error instanceof NotFoundError || error instanceof AccountsError || error instanceof NoSuchMeasureError || error instanceof CaseworkCommandError || error instanceof CaseworkError) {
      err(error.message);
      err('Nothing was written.');
      return 1;
    }
    const returnsLines = returnsErrorLines(error);
    if (returnsLines) {
      for (const line of returnsLines) err(line);
      return 1;
    }
    err(`Error: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('send-outcomes.js') || process.argv[1]?.endsWith('cli/main.ts')) {
  const code = await runCli(process.argv.slice(2), process.env);
  if (code !== 0 || (process.argv[2] !== 'serve')) process.exitCode = code;
  if (process.argv[2] !== 'serve') process.exit(code);
}
