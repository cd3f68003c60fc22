import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';

const root = new URL('../..', import.meta.url).pathname;
let dataDir: string;

/** The CLI on its own embedded database, with no pseudonymisation key in the environment. */
function cli(args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.CASEWORK_PSEUDONYM_KEY;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('send-outcomes casework', () => {
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'send-outcomes-casework-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a file with a wrong row: exit code 1, the row and column on stderr, nothing written', () => {
    const file = join(dataDir, 'requests.csv');
    writeFileSync(file, csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'C1' }), ehcRow({ 'Record ID': 'C2', 'Final plan date': '2024-01-01' })]));
    const { code, stdout, stderr } = cli(['casework', 'import', 'ehc-requests', file, '--partnership', 'essex']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^Row 3, column 'Final plan date': this date is before the 'Received date'/m);
    assert.match(stderr, /Nothing was written/);
  });

  it('imports the corrected file (both rows new, so the refused one wrote nothing) and keeps its key beside the data', () => {
    const file = join(dataDir, 'requests.csv');
    writeFileSync(file, csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'C1' }), ehcRow({ 'Record ID': 'C2' })]));
    const { code, stdout, stderr } = cli(['casework', 'import', 'ehc-requests', file, '--partnership', 'essex']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Imported 2 ehc-requests rows \(2 new, 0 replaced\); recomputed 3 months: \d+ indicator values, \d+ measure values\.\n$/);
    assert.equal(statSync(join(dataDir, 'casework-pseudonym-key')).mode & 0o777, 0o600);
  });

  it('recomputes on request and explains an unknown kind with the usage text', () => {
    const refresh = cli(['casework', 'refresh', '--partnership', 'essex', '--json']);
    assert.equal(refresh.code, 0, refresh.stderr);
    assert.equal(JSON.parse(refresh.stdout).months, 'all');
    const unknown = cli(['casework', 'import', 'school-meals', 'x.csv', '--partnership', 'essex']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown record kind "school-meals"; the kinds are ehc-requests, advice-requests/);
  });
});
