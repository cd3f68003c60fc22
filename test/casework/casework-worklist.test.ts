import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/casework/calendar-dates.ts';
import type { CaseworkActor } from '../../src/modules/casework/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow } from '../factories/casework-files.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, TEST_TODAY, type TestApp } from '../helpers/test-server.ts';

const ANALYST: CaseworkActor = { personId: null, label: 'analyst@essex.example', ip: '192.0.2.1' };
const open = { 'Request outcome': 'assess', 'Request outcome date': '', 'Assessment outcome': '', 'Assessment outcome date': '', 'Draft plan date': '', 'Final plan date': '' };

for (const kind of DATABASE_KINDS) {
  describe(`casework worklists (${kind})`, () => {
    let app: TestApp;
    let essex: string;
    before(async () => {
      app = await createTestApp({ kind });
      essex = (await app.container.casework.partnershipId('essex'))!;
      // Open requests whose 20-week deadline (reg 13(2)) is 3 days past, today, in 14 days and in 15 days (TEST_TODAY 2025-06-15).
      const rows = [-3, 0, 14, 15].map((offset, i) => ehcRow({ ...open, 'Record ID': `W${i}`, 'Person ID': `PW${i}`, Area: i % 2 ? 'South' : 'North',
        'Received date': addDays(addDays(TEST_TODAY, offset), -140), 'Request outcome date': addDays(addDays(TEST_TODAY, offset), -120) }));
      rows.push(ehcRow({ 'Record ID': 'W-closed', 'Received date': addDays(TEST_TODAY, -150), 'Final plan date': addDays(TEST_TODAY, -2), 'Request outcome date': addDays(TEST_TODAY, -120), 'Assessment outcome date': addDays(TEST_TODAY, -3), 'Draft plan date': addDays(TEST_TODAY, -4) }));
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'open.csv', { personId: null, label: 'command line' });
      assert.ok(result.ok, JSON.stringify(result));
    });
    after(() => app.close());

    it('lists open cases due within 14 days, soonest first, with a shortened pseudonym and no identifier', async () => {
      const list = await app.container.casework.worklist(essex, { rule: 'T06', status: 'due-soon', today: TEST_TODAY }, ANALYST);
      assert.equal(list.total, 2);
      assert.deepEqual(list.rows.map((r) => [r.rule, r.daysRemaining, r.deadlineOn, r.area]), [['T06', 0, TEST_TODAY, 'South'], ['T06', 14, '2025-06-29', 'North']]);
      assert.ok(list.rows.every((r) => /^[0-9a-f]{10}$/.test(r.person!) && r.kind === 'ehc-requests' && r.ruleTitle.includes('20 weeks')));
      assert.equal(list.rows[1]!.startOn, addDays('2025-06-29', -140));
    });

    it('lists overdue cases, most overdue first, and filters by area and rule', async () => {
      const overdue = await app.container.casework.worklist(essex, { status: 'overdue', today: TEST_TODAY }, ANALYST);
      assert.deepEqual(overdue.rows.filter((r) => r.rule === 'T06').map((r) => r.daysOverdue), [3]);
      assert.equal((await app.container.casework.worklist(essex, { rule: 'T06', status: 'due-soon', area: 'North', today: TEST_TODAY }, ANALYST)).total, 1);
      assert.equal((await app.container.casework.worklist(essex, { rule: 'T02', status: 'due-soon', today: TEST_TODAY }, ANALYST)).total, 0);
      assert.equal((await app.container.casework.worklist(essex, { rule: 'T06', status: 'due-soon', withinDays: 15, today: TEST_TODAY }, ANALYST)).total, 3);
    });

    it('matches a person identifier to the pseudonym shown, and writes every worklist read to the audit trail', async () => {
      const list = await app.container.casework.worklist(essex, { rule: 'T06', status: 'overdue', today: TEST_TODAY }, ANALYST);
      assert.equal(list.rows[0]!.person, app.container.casework.shortPseudonymOf(essex, 'pw0'));
      const audited = await app.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'casework.worklist-viewed').orderBy('id', 'desc').execute();
      assert.equal(audited.length, 6);
      assert.equal(audited[0]!.actor, 'analyst@essex.example');
      assert.deepEqual(audited[0]!.details, { rule: 'T06', area: null, status: 'overdue', withinDays: 14, today: TEST_TODAY, rows: 1, total: 1 });
    });
  });
}
