// The returns service on a real database (PGlite, and PostgreSQL when DATABASE_URL is set): obligations,
// the draft → submitted → approved/returned lifecycle, revisions and their diff, and approval feeding the series.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ReturnProblemsError, type ReturnsActor } from '../../src/modules/returns/index.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

for (const kind of DATABASE_KINDS) {
  describe(`returns service (${kind})`, () => {
    let t: TestApp;
    let essex: string;
    let council: string;
    let submitter: ReturnsActor;
    const analyst: ReturnsActor = { label: 'analyst@essex.example', personId: null, organisationId: null, reviewer: true };

    before(async () => {
      t = await createTestApp({ kind });
      essex = (await t.container.returns.partnership('essex'))!.id;
      const schedule = await t.container.returns.schedule(essex, 'advice-timeliness-by-provider');
      council = schedule.organisationId;
      submitter = { label: 'submitter@essex.example', personId: null, organisationId: council, reviewer: false };
    });
    after(() => t.close());

    it('lists what each organisation owes, overdue once the deadline has passed', async () => {
      const owed = await t.container.returns.obligations(essex, council);
      const advice = owed.filter((o) => o.schedule.slug === 'advice-timeliness-by-provider');
      // 2024 Q4 and 2025 Q1 have ended by 15 June 2025; Q1 was due 20 days after 31 March
      assert.deepEqual(advice.map((o) => [o.period.code, o.dueOn, o.status, o.overdue]), [
        ['2024-Q4', '2025-01-20', 'not-started', true],
        ['2025-Q1', '2025-04-20', 'not-started', true],
      ]);
      assert.ok(owed.every((o) => o.schedule.organisationId === council));
    });

    it('saves nothing when a figure fails its check, and says which row and why', async () => {
      const schedule = await t.container.returns.schedule(essex, 'advice-timeliness-by-provider');
      const period = t.container.returns.period(schedule, '2025-Q1');
      const before = await tableChecksums(t.database);
      await assert.rejects(
        t.container.returns.save(essex, schedule, period, [
          { breakdownValue: '', numerator: 50, denominator: 40, value: null },
          { breakdownValue: 'Educational psychology', numerator: -1, denominator: 10, value: null },
          { breakdownValue: 'Health', numerator: 1, denominator: 10, value: null },
          { breakdownValue: 'Astrology', numerator: 1, denominator: 10, value: null },
        ], { actor: submitter, channel: 'form', submit: true }),
        (error: unknown) => {
          assert.ok(error instanceof ReturnProblemsError);
          const messages = error.problems.map((p) => p.message);
          assert.ok(messages.includes('Total: the numerator (50) cannot be more than the denominator (40)'), messages.join('\n'));
          assert.ok(messages.includes('Provider "Educational psychology": the numerator cannot be negative'));
          assert.ok(messages.some((m) => m.startsWith('Provider "Astrology" is not in this schedule')));
          assert.ok(messages.includes('There is no row for Provider "Social care"'));
          return true;
        },
      );
      assert.deepEqual(await tableChecksums(t.database), before);
    });

    it('keeps every revision, feeds the series on approval and marks a later correction as revised', async () => {
      const returns = t.container.returns;
      const schedule = await returns.schedule(essex, 'advice-timeliness-by-provider');
      const period = returns.period(schedule, '2025-Q1');
      // the Total is the sum of the providers, so a different Total comes with a different Health figure
      const rows = (total: number) => [
        { breakdownValue: '', numerator: total, denominator: 90, value: null },
        { breakdownValue: 'Educational psychology', numerator: 20, denominator: 30, value: null },
        { breakdownValue: 'Health', numerator: total - 35, denominator: 30, value: null },
        { breakdownValue: 'Social care', numerator: 15, denominator: 30, value: null },
      ];
      await returns.save(essex, schedule, period, rows(55), { actor: submitter, channel: 'form', submit: false });
      await returns.save(essex, schedule, period, rows(60), { actor: submitter, channel: 'form', submit: true, note: 'Health figure provisional' });
      await assert.rejects(returns.save(essex, schedule, period, rows(61), { actor: submitter, channel: 'form', submit: true }), /waiting for review/);
      await returns.sendBack(essex, schedule, period, 'Health looks low against last quarter', analyst);
      assert.equal((await returns.detail(essex, schedule, period)).returnedReason, 'Health looks low against last quarter');
      await returns.save(essex, schedule, period, rows(60), { actor: submitter, channel: 'upload', submit: true });
      assert.equal(await returns.approve(essex, schedule, period, analyst), 4);

      const measure = await t.container.measures.evaluate(essex, 'essex-advice-within-timescales');
      assert.ok(measure);
      const series = await t.database.db.selectFrom('measure_values').selectAll().where('measure_id', '=', schedule.measureId).execute();
      assert.equal(series.filter((r) => r.synthetic).length, 0, 'demonstration data makes way for real returns');
      const total = series.find((r) => r.breakdown === '' && r.period === '2025 Q1');
      assert.deepEqual([Number(total?.numerator), Number(total?.denominator), total?.revision], [60, 90, 1]);
      assert.equal(series.find((r) => r.breakdown_value === 'Health')?.breakdown, 'provider');

      // a correction after approval: a new revision, approved again, shows as revised
      await returns.save(essex, schedule, period, rows(58), { actor: submitter, channel: 'api', submit: true });
      await returns.approve(essex, schedule, period, analyst);
      const detail = await returns.detail(essex, schedule, period);
      assert.equal(detail.status, 'approved');
      assert.deepEqual(detail.history.map((h) => `${h.revision}:${h.action}:${h.channel}`), ['1:saved:form', '2:submitted:form', '2:returned:review', '3:submitted:upload', '3:approved:review', '4:submitted:api', '4:approved:review']);
      assert.deepEqual(await returns.diff(essex, detail.returnId!, 3, 4), [{ breakdownValue: '', field: 'numerator', before: 60, after: 58 }, { breakdownValue: 'Health', field: 'numerator', before: 25, after: 23 }]);
      const latest = await t.database.db.selectFrom('measure_values').select(['numerator', 'revision']).where('measure_id', '=', schedule.measureId).where('breakdown', '=', '').where('period', '=', '2025 Q1').orderBy('revision', 'desc').execute();
      assert.deepEqual(latest.map((r) => [Number(r.numerator), r.revision]), [[58, 2], [60, 1]]);
    });

    it('refuses a submission for another organisation', async () => {
      const schedule = await t.container.returns.schedule(essex, 'integrated-checks-by-area');
      const period = t.container.returns.period(schedule, '2025-Q1');
      await assert.rejects(t.container.returns.save(essex, schedule, period, [{ breakdownValue: '', numerator: 1, denominator: null, value: null }], { actor: submitter, channel: 'form', submit: false }), /only submit returns for your own organisation/);
    });

    it('imports a CSV with a semicolon separator and a BOM, reporting a wrong period by row and column', async () => {
      const returns = t.container.returns;
      const schedule = await returns.schedule(essex, 'integrated-checks-by-area');
      const period = returns.period(schedule, '2025-Q1');
      const actor: ReturnsActor = { label: 'command line', personId: null, organisationId: null, reviewer: false };
      const file = (start: string) => Buffer.from(`\uFEFFArea;Period start;Count;Note\nTotal;${start};40;\nNorth;${start};10;\nMid;${start};10;=1+2\nSouth;${start};10;\nWest;${start};10;\n`);
      await assert.rejects(returns.importFile(essex, schedule, period, file('2024-10-01'), 'checks.csv', { actor, channel: 'command-line', submit: true }), (error: unknown) => {
        assert.ok(error instanceof ReturnProblemsError);
        assert.deepEqual(error.problems[0], { row: 2, column: 'Period start', message: 'Row 2, Period start: this return is for 2025 Q1, so the period start must be 2025-01-01' });
        return true;
      });
      const saved = await returns.importFile(essex, schedule, period, file('01/01/2025'), 'checks.csv', { actor, channel: 'command-line', submit: true });
      assert.equal(saved.revision, 1);
      const detail = await returns.detail(essex, schedule, period);
      assert.equal(detail.rows.length, 5);
      assert.match(detail.note, /^Mid: =1\+2/);
    });
  });
}
