import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CASEWORK_INDICATOR_IDS } from './indicator-ids.ts';
import { INDICATOR_BREAKDOWNS, INDICATORS } from './indicators.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import { ruleById, RULES } from './rules.ts';
import { deadlineSql, ruleCasesSql } from './rule-sql.ts';
import { inMonthsSql } from './period-scope.ts';
import { caseworkImportDoc, caseworkRulesDoc } from './import-doc.ts';

const migration = readFileSync(new URL('../db/migrations/0006-casework.sql', import.meta.url), 'utf8');
const tableColumns = (table: string): string[] => {
  const body = migration.split(`create table ${table} (`)[1]!.split('\n);')[0]!;
  return body.split('\n').map((line) => /^\s+([a-z_0-9]+) /.exec(line)?.[1]).filter((c): c is string => !!c && !['check', 'unique', 'foreign'].includes(c));
};

describe('the casework declarations agree with each other and with the tables', () => {
  it('every import column fills a column of its table (migration 0006)', () => {
    for (const declaration of Object.values(RECORD_KINDS)) {
      const columns = tableColumns(declaration.table);
      for (const field of declaration.fields) if (field.column) assert.ok(columns.includes(field.column), `${declaration.table}.${field.column}`);
      for (const derived of declaration.derived ?? []) assert.ok(columns.includes(derived.column), `${declaration.table}.${derived.column}`);
    }
  });

  it('every rule reads columns its record kind has', () => {
    for (const rule of RULES) {
      const columns = tableColumns(RECORD_KINDS[rule.kind].table);
      const used = [rule.start?.column, rule.end.column, ...rule.appliesWhen.map((c) => c.column), ...(rule.exceptions?.columns ?? []),
        rule.limit.unit === 'fixed-date' ? rule.limit.yearColumn : undefined, rule.limit.unit === 'condition' ? rule.limit.metWhen.column : undefined];
      for (const column of used) if (column) assert.ok(columns.includes(column), `${rule.id}: ${column}`);
    }
  });

  it('every indicator is listed once, in the declared order, and breaks down by columns its records have', () => {
    assert.deepEqual(INDICATORS.map((i) => i.id), [...CASEWORK_INDICATOR_IDS]);
    for (const indicator of INDICATORS) {
      const kinds = indicator.method === 'timeliness' ? indicator.rules.map((id) => ruleById(id)!.kind) : 'kind' in indicator ? [indicator.kind] : ['dsr-entries' as const];
      for (const kind of kinds) {
        const columns = tableColumns(RECORD_KINDS[kind].table);
        for (const b of indicator.breakdowns) if (b !== 'rating') assert.ok(columns.includes(INDICATOR_BREAKDOWNS[b]), `${indicator.id}: ${b}`);
      }
    }
  });

  it('generates the deadline SQL from the declaration: weeks as days, months as intervals, fixed dates as the day before', () => {
    assert.equal(deadlineSql(ruleById('T06')!), '(t.received_on + 140)');
    assert.equal(deadlineSql(ruleById('T06')!, 'exclusive'), '(t.received_on + 139)');
    assert.equal(deadlineSql(ruleById('T07')!), "((t.plan_issued_on + interval '12 months')::date)");
    assert.equal(deadlineSql(ruleById('T17')!), '(make_date(t.transfer_year::int, 2, 15) - 1)');
    assert.equal(deadlineSql(ruleById('T12')!), null);
    assert.match(ruleCasesSql(ruleById('T06')!, { today: '2025-06-15' }), /from casework_ehc_requests t where \(t\.request_outcome is null or t\.request_outcome in \('assess'\)\)/);
  });

  it('merges consecutive months into one date range', () => {
    assert.equal(inMonthsSql('t.d', ['2025-03-01', '2025-01-01', '2025-02-01', '2025-06-01']),
      "((t.d >= date '2025-01-01' and t.d < date '2025-04-01') or (t.d >= date '2025-06-01' and t.d < date '2025-07-01'))");
  });

  it('documents every column of every kind in docs/casework-import.md, as generated from the declarations', () => {
    const doc = readFileSync(new URL('../../docs/casework-import.md', import.meta.url), 'utf8');
    assert.ok(doc.includes(caseworkImportDoc()), 'regenerate the part after "Generated" with: npx tsx scripts/casework-docs.ts');
    const rules = readFileSync(new URL('../../docs/casework.md', import.meta.url), 'utf8');
    assert.ok(rules.includes(caseworkRulesDoc()), 'regenerate the rule and indicator tables with: npx tsx scripts/casework-docs.ts');
  });
});
