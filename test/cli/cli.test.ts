import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
let dataDir: string;

/** Runs the CLI as a user would, on its own embedded database (DATABASE_URL removed). */
function cli(args: string[], via: 'npm' | 'bin' | 'tsx' = 'tsx') {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const [command, prefix] =
    via === 'npm' ? ['npm', ['run', '--silent', 'cli', '--']] : via === 'bin' ? [process.execPath, ['bin/send-outcomes.js']] : [process.execPath, ['--import', 'tsx', 'src/cli/main.ts']];
  const result = spawnSync(command, [...prefix, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the send-outcomes command', () => {
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'send-outcomes-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints nothing but JSON on stdout for "npm run --silent cli -- plans list --json"', () => {
    const { code, stdout } = cli(['plans', 'list', '--json'], 'npm');
    assert.equal(code, 0);
    const plans = JSON.parse(stdout) as { id: string; partnership: { slug: string } }[];
    assert.deepEqual(plans.map((p) => `${p.partnership.slug}/${p.id}`), ['essex/essex-send-improvement-programme', 'southend-on-sea/southend-send-strategic-action-plan']);
  });

  it('exports Essex with 3 priorities and Southend with 14 outcomes, each with all five fields', () => {
    const essex = JSON.parse(cli(['plans', 'export', 'essex-send-improvement-programme', '--json']).stdout);
    assert.equal(essex.priorities.length, 3);
    assert.equal(essex.importWarnings.length, 2);
    const southend = JSON.parse(cli(['plans', 'export', 'southend-send-strategic-action-plan', '--json'], 'bin').stdout);
    const outcomes = southend.priorities[0].outcomes;
    assert.equal(outcomes.length, 14);
    for (const o of outcomes) for (const key of ['whatWeWant', 'whatWeWillDo', 'whereAreWeNow', 'whatWeWillSee', 'differenceThisWillMake']) assert.ok(o[key]?.length > 0, key);
    for (const key of ['statement', 'actionRefs', 'measures']) assert.ok(key in outcomes[0], key);
    for (const key of ['description', 'source', 'baseline']) assert.ok(key in outcomes[0].measures[0], key);
  });

  it('refuses a malformed plan file with the line and field, exit code 1, and writes nothing', () => {
    const before = cli(['plans', 'list', '--json']).stdout;
    const file = join(dataDir, 'broken.yaml');
    writeFileSync(file, 'format: send-outcomes/plan@1\nid: broken\ntitle: Broken\narea: Testshire\npriorities:\n  - kind: workstream\n    title: One\n    outcomes:\n      - statement: Fine\n        audience: parents\n');
    const { code, stdout, stderr } = cli(['plans', 'import', file]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /line 10, priorities\[0\]\.outcomes\[0\]\.audience: expected one of "children-young-people-families", "professionals"/);
    assert.match(stderr, /Nothing was written/);
    assert.equal(cli(['plans', 'list', '--json']).stdout, before);
  });

  it('imports a valid plan file and reports what it imported', () => {
    const file = join(dataDir, 'plan.json');
    writeFileSync(file, JSON.stringify({ format: 'send-outcomes/plan@1', id: 'small-plan', title: 'Small plan', area: 'Testshire', priorities: [{ kind: 'priority', title: 'One', outcomes: [{ statement: 'Better', actionRefs: 'PX1 – 2' }] }] }));
    const { code, stdout } = cli(['plans', 'import', file]);
    assert.equal(code, 0);
    assert.equal(stdout, 'Imported "Small plan" as small-plan into testshire: 1 priorities, 1 outcomes, 0 measures, 2 actions, 0 warnings.\n');
  });

  it('explains unknown commands with the usage text and exit code 2', () => {
    const { code, stderr } = cli(['plans', 'frobnicate']);
    assert.equal(code, 2);
    assert.match(stderr, /Unknown command "plans frobnicate"/);
    assert.match(stderr, /Usage: send-outcomes/);
  });

  it('creates a person with a role and prints a one-time link to set a password', () => {
    const { code, stdout, stderr } = cli(['users', 'create', '--email', 'Lead@Essex.example', '--org', 'Essex County Council', '--org-kind', 'council', '--role', 'plan-editor', '--partnership', 'essex']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Created lead@essex\.example \(plan-editor, Essex County Council\)\.\nSet a password \(link works once, for 1 hour\): http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}\n$/);
    const reset = cli(['users', 'reset-link', '--email', 'lead@essex.example']);
    assert.equal(reset.code, 0);
    assert.match(reset.stdout, /^http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}\n$/);
  });

  it('refuses an unknown role or organisation with a clear message', () => {
    const role = cli(['users', 'create', '--email', 'x@essex.example', '--org', 'Essex County Council', '--role', 'king', '--partnership', 'essex']);
    assert.equal(role.code, 1);
    assert.match(role.stderr, /Role must be one of: partnership-admin, plan-editor/);
    const org = cli(['users', 'create', '--email', 'x@essex.example', '--org', 'Nowhere Trust', '--role', 'viewer', '--partnership', 'essex']);
    assert.equal(org.code, 1);
    assert.match(org.stderr, /There is no organisation "Nowhere Trust" in Essex local area SEND partnership/);
    assert.match(cli(['users', 'reset-link', '--email', 'nobody@essex.example']).stderr, /There is no person with the email address nobody@essex.example/);
  });

  it('lists every measure of the seed plans with its outcome and baseline', () => {
    const measures = JSON.parse(cli(['measures', 'list', '--json']).stdout) as { id: string; kind: string; outcome: { statement: string }; baseline: { n: number | null; value: number | null } }[];
    assert.equal(measures.length, 95);
    assert.ok(measures.every((m) => m.outcome.statement.length > 0 && m.kind));
    assert.equal(measures.find((m) => m.id === 'essex-poet-family-confidence')?.baseline.n, 2471);
    assert.ok(measures.some((m) => m.baseline.value === 8), 'the 8 schools with an MHST practitioner');
  });

  it('evaluates a measure as JSON, and names an unknown one', () => {
    const report = JSON.parse(cli(['measures', 'evaluate', 'essex-advice-within-timescales', '--json']).stdout);
    assert.equal(report.id, 'essex-advice-within-timescales');
    assert.equal(report.synthetic, true);
    assert.ok(report.latest.interval.lower <= report.latest.value && report.latest.value <= report.latest.interval.upper);
    assert.ok(Array.isArray(report.spc.points) && report.spc.points.length === report.series.length);
    assert.match(report.summary, /%/);
    const unknown = cli(['measures', 'evaluate', 'no-such-measure', '--json']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /There is no measure "no-such-measure"/);
  });

  it('says the database is up to date when migrations have run', () => {
    const { code, stdout } = cli(['db', 'migrate']);
    assert.equal(code, 0);
    assert.equal(stdout, 'The database is up to date.\n');
  });
});
