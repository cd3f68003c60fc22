import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** Lints `code` as if it were the file at `path`, returning the rule ids that fired. */
async function rulesFiring(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('forbid lib/ from importing the app', async () => {
    assert.deepEqual(await rulesFiring("import { openDatabase } from '../../db/database.ts';\nexport const x = openDatabase;\n", 'src/lib/stats/example.ts'), ['import-x/no-restricted-paths']);
  });

  it('forbid db/ from importing modules', async () => {
    assert.deepEqual(await rulesFiring("import { PlansService } from '../modules/plans/index.ts';\nexport const x = PlansService;\n", 'src/db/example.ts'), ['import-x/no-restricted-paths']);
  });

  it('forbid routes from importing db/', async () => {
    assert.deepEqual(await rulesFiring("import { migrate } from '../../db/migrate.ts';\nexport const x = migrate;\n", 'src/modules/plans/example-routes.ts'), ['import-x/no-restricted-paths']);
  });

  it('forbid reaching into another module past its index.ts', async () => {
    assert.deepEqual(await rulesFiring("import { HealthService } from '../health/health-service.ts';\nexport const x = HealthService;\n", 'src/modules/plans/example.ts'), ['no-restricted-imports']);
    assert.deepEqual(await rulesFiring("import { HealthService } from '../health/index.ts';\nexport const x = HealthService;\n", 'src/modules/plans/example.ts'), []);
  });

  it('forbid import cycles', async () => {
    // container.ts imports the plans module; a plans file importing container.ts closes a cycle.
    assert.ok((await rulesFiring("import { buildContainer } from '../../container.ts';\nexport const x = buildContainer;\n", 'src/modules/plans/plans-service.ts')).includes('import-x/no-cycle'));
  });

  it('pass on the code base as it is', async () => {
    const results = await eslint.lintFiles(['src']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    assert.deepEqual(problems, []);
  });
});
