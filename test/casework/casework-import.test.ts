import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { isValidNhsNumber } from '../../src/casework/identifier-detection.ts';
import type { CaseworkActor } from '../../src/modules/casework/index.ts';
import { csvFile, EHC_HEADINGS, ehcRow, SAMPLE_FILES, xlsxFile } from '../factories/casework-files.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

const ACTOR: CaseworkActor = { personId: null, label: 'command line' };

/** Valid NHS numbers (modulus 11, NHS Data Dictionary) made from a 9-digit stem. */
function nhsNumbers(count: number): string[] {
  const out: string[] = [];
  for (let stem = 943476591; out.length < count; stem += 7) {
    for (let check = 0; check <= 9; check += 1) {
      const candidate = `${stem}${check}`;
      if (isValidNhsNumber(candidate)) {
        out.push(`${candidate.slice(0, 3)} ${candidate.slice(3, 6)} ${candidate.slice(6)}`);
        break;
      }
    }
  }
  return out;
}

/** Every column of every table, as text, searched for each needle (case-insensitive). */
async function findAnywhere(app: TestApp, needles: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(app.database.db);
  assert.ok(columns.length > 100, 'every column of every table is scanned');
  const patterns = needles.map((n) => `%${n.replace(/[%_\\]/g, '\\$&')}%`);
  const found: string[] = [];
  for (const { table_name: table, column_name: name } of columns) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(name)}::text ilike any(${`{${patterns.map((p) => `"${p}"`).join(',')}}`}::text[])`.execute(app.database.db);
    if (rows[0]!.n > 0) found.push(`${table}.${name}`);
  }
  return found;
}

for (const kind of DATABASE_KINDS) {
  describe(`casework import (${kind})`, () => {
    let app: TestApp;
    let essex: string;
    before(async () => {
      app = await createTestApp({ kind });
      essex = (await app.container.casework.partnershipId('essex'))!;
    });
    after(() => app.close());

    it('imports a file of every record kind, all or nothing, and reports what it wrote', async () => {
      const ehc = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ehcRow()]), 'requests.csv', ACTOR);
      assert.ok(ehc.ok, JSON.stringify(ehc));
      assert.deepEqual([ehc.rows, ehc.inserted, ehc.replaced], [1, 1, 0]);
      assert.deepEqual(ehc.months, ['2025-02-01', '2025-04-01', '2025-05-01'], 'the months of the decision, the outcome and the plan');
      for (const [recordKind, rows] of Object.entries(SAMPLE_FILES)) {
        const result = await app.container.casework.import(essex, recordKind, csvFile(rows), `${recordKind}.csv`, ACTOR);
        assert.ok(result.ok, `${recordKind}: ${JSON.stringify(result)}`);
        assert.equal(result.rows, 1);
      }
      const stored = await app.database.db.selectFrom('casework_ehc_requests').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.match(stored[0]!.person_pseudonym, /^[0-9a-f]{64}$/);
      assert.equal(stored[0]!.age_band, '5-10');
      assert.equal(stored[0]!.plan_issued_on, '2025-05-19');
    });

    it('reads the same records from an Excel workbook, with real date cells', async () => {
      const file = await xlsxFile([[...EHC_HEADINGS], ehcRow({ 'Record ID': 'EHC-X1', 'Received date': '', 'Final plan date': '' }).map((v, i) =>
        i === 5 ? new Date(Date.UTC(2025, 0, 7)) : i === 11 ? new Date(Date.UTC(2025, 4, 20)) : v)]);
      const result = await app.container.casework.import(essex, 'ehc-requests', file, 'requests.xlsx', ACTOR);
      assert.ok(result.ok, JSON.stringify(result));
      const row = await app.database.db.selectFrom('casework_ehc_requests').select(['received_on', 'plan_issued_on']).where('plan_issued_on', '=', '2025-05-20').executeTakeFirstOrThrow();
      assert.equal(row.received_on, '2025-01-07');
    });

    it('replaces a record imported again with the same Record ID, and counts it as replaced', async () => {
      const again = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ehcRow({ 'Final plan date': '2025-06-02' })]), 'requests.csv', ACTOR);
      assert.ok(again.ok);
      assert.deepEqual([again.inserted, again.replaced], [0, 1]);
      assert.ok(again.months.includes('2025-05-01') && again.months.includes('2025-06-01'), 'the old and the new final plan months are both recomputed');
      const rows = await app.database.db.selectFrom('casework_ehc_requests').select('plan_issued_on').where('received_on', '=', '2025-01-06').execute();
      assert.deepEqual(rows, [{ plan_issued_on: '2025-06-02' }]);
    });

    it('refuses a Record ID given twice in one file by row and column, and keeps R1-11 and R11-1 apart', async () => {
      const before = await tableChecksums(app.database);
      const twice = [ehcRow({ 'Record ID': 'EHC-D1' }), ehcRow({ 'Record ID': 'ehc-d1 ' })];
      const refused = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...twice]), 'requests.csv', ACTOR);
      assert.ok(!refused.ok);
      assert.deepEqual(refused.problems, [{ row: 3, column: 'Record ID', message: 'Row 3, Record ID: the same record as row 2; each record appears once in a file' }]);
      assert.deepEqual(await tableChecksums(app.database), before);
      const distinct = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'R1-11' }), ehcRow({ 'Record ID': 'R11-1' })]), 'requests.csv', ACTOR);
      assert.ok(distinct.ok, JSON.stringify(distinct));
      assert.deepEqual([distinct.inserted, distinct.replaced], [2, 0]);
    });

    it('stores no raw identifier or name in any column of any table after an import (NHS number mapped as the person)', async () => {
      const numbers = nhsNumbers(3);
      const refs = ['EHC-ZEPHYR-9001', 'EHC-ZEPHYR-9002', 'EHC-ZEPHYR-9003'];
      const headings = EHC_HEADINGS.map((h) => (h === 'Person ID' ? 'NHS number' : h));
      const rows = numbers.map((nhs, i) => ehcRow({ 'Record ID': refs[i]!, 'Person ID': nhs, Area: 'Harlow' }));
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([headings, ...rows]), 'Quentina Albright and Bartholomew Zanzibar.csv', ACTOR, { personColumn: 'NHS number' });
      assert.ok(result.ok, JSON.stringify(result));
      const needles = [...numbers, ...numbers.map((n) => n.replaceAll(' ', '')), ...refs, 'ZEPHYR', 'Quentina', 'Albright', 'Bartholomew', 'Zanzibar', 'P-0001', 'P-0002'];
      assert.deepEqual(await findAnywhere(app, needles), []);
    });

    it('refuses columns that look like names, addresses, dates of birth, UPNs and NHS numbers, and writes nothing', async () => {
      const before = await tableChecksums(app.database);
      const headings = [...EHC_HEADINGS, 'Forename', 'Surname', 'Address line 1', 'Postcode', 'Date of birth', 'UPN', 'NHS number'];
      const row = [...ehcRow({ 'Record ID': 'EHC-NEW' }), 'Quentina', 'Albright', '1 High Street', 'CM1 1AA', '2015-03-02', 'A123456789012', '943 476 5919'];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([headings, row]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      const messages = result.ok ? [] : result.problems.map((p) => p.message);
      assert.match(messages.find((m) => m.includes("'Forename'"))!, /looks like a person’s name\. Names must never be uploaded/);
      assert.match(messages.find((m) => m.includes("'Surname'"))!, /person’s name/);
      assert.match(messages.find((m) => m.includes("'Address line 1'"))!, /address or postcode/);
      assert.match(messages.find((m) => m.includes("'Postcode'"))!, /address or postcode/);
      assert.match(messages.find((m) => m.includes("'Date of birth'"))!, /date of birth.*Age column/);
      assert.match(messages.find((m) => m.includes("'UPN'"))!, /unique pupil or learner number.*pseudonymised/);
      assert.match(messages.find((m) => m.includes("'NHS number'"))!, /NHS number.*person column/);
      assert.ok(messages.every((m) => !m.includes('Quentina') && !m.includes('943 476 5919')), 'no message repeats a value');
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('refuses a UPN or an NHS number written in another column, without repeating it, and writes nothing', async () => {
      const before = await tableChecksums(app.database);
      const rows = [ehcRow({ 'Record ID': 'EHC-N1', Area: 'A123456789012' }), ehcRow({ 'Record ID': 'EHC-N2', Area: '943 476 5919' }), ehcRow({ 'Record ID': 'EHC-N3', Area: '9434765918' })];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      const problems = result.ok ? [] : result.problems;
      assert.deepEqual(problems.map((p) => [p.row, p.column]), [[2, 'Area'], [3, 'Area']], 'a 10-digit number failing the modulus 11 check is not an NHS number');
      assert.match(problems[0]!.message, /^Row 2, column 'Area': this looks like a unique pupil number \(UPN\)/);
      assert.match(problems[1]!.message, /^Row 3, column 'Area': this looks like an NHS number/);
      assert.ok(problems.every((p) => !p.message.includes('A123456789012') && !p.message.includes('5919')));
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('refuses rows whose dates are out of order or whose outcome has no date, naming row and column', async () => {
      const before = await tableChecksums(app.database);
      const rows = [ehcRow({ 'Record ID': 'EHC-D1', 'Final plan date': '2024-12-01' }), ehcRow({ 'Record ID': 'EHC-D2', 'Request outcome date': '' })];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      const problems = result.ok ? [] : result.problems;
      assert.deepEqual(problems.map((p) => [p.row, p.column]), [[2, 'Final plan date'], [2, 'Final plan date'], [3, 'Request outcome date']]);
      assert.equal(problems[0]!.message, "Row 2, column 'Final plan date': this date is before the 'Received date'; check both dates", 'the other date is not repeated either');
      assert.equal(problems[2]!.message, "Row 3, column 'Request outcome date': give the 'Request outcome date' with the 'Request outcome'");
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('describes a wrong cell without repeating it: a valid NHS number in a date column (issue 12 item 3)', async () => {
      const before = await tableChecksums(app.database);
      const rows = [ehcRow({ 'Record ID': 'EHC-E1', 'Final plan date': '9434765919' }), ehcRow({ 'Record ID': 'EHC-E2', Age: '943 476 5919', 'Primary need': 'A123456789012' })];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), [
        "Row 2, column 'Final plan date': expected a date such as 2025-03-31 or 31/03/2025",
        "Row 3, column 'Age': expected a whole number",
        "Row 3, column 'Primary need': this is not one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, ...",
      ]);
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('refuses a postcode or a date written as an Area or Provider code, without repeating it', async () => {
      const rows = [ehcRow({ 'Record ID': 'EHC-P1', Area: 'CM1 1AA' }), ehcRow({ 'Record ID': 'EHC-P2', Area: '02/03/2015' }), ehcRow({ 'Record ID': 'EHC-P3', Area: 'E06000033' })];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      const problems = result.ok ? [] : result.problems;
      assert.deepEqual(problems.map((p) => [p.row, p.column]), [[2, 'Area'], [3, 'Area']], 'an ONS area code is a code');
      assert.match(problems[0]!.message, /^Row 2, column 'Area': this looks like a postcode\. Postcodes and addresses must never be uploaded/);
      assert.match(problems[1]!.message, /^Row 3, column 'Area': this looks like a date\./);
      assert.ok(problems.every((p) => !p.message.includes('CM1') && !p.message.includes('2015')));
    });

    it('lists every problem in one pass: a bad date on one row and dates out of order on another, and in the same row (issue 12 item 8)', async () => {
      const before = await tableChecksums(app.database);
      const rows = [
        ehcRow({ 'Record ID': 'EHC-O1', 'Draft plan date': 'soon' }),
        ehcRow({ 'Record ID': 'EHC-O2', 'Received date': '2025-03-01', 'Request outcome date': '2025-03-20', 'Assessment outcome date': '2025-04-14', 'Draft plan date': '2025-04-22', 'Final plan date': '2025-02-28' }),
        ehcRow({ 'Record ID': 'EHC-O3', Age: 'nine', 'Received date': '2025-03-01', 'Request outcome date': '2025-02-01' }),
      ];
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ...rows]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      const problems = result.ok ? [] : result.problems;
      assert.deepEqual(problems.map((p) => [p.row, p.column]), [[2, 'Draft plan date'], [3, 'Final plan date'], [3, 'Final plan date'], [4, 'Age'], [4, 'Request outcome date']], JSON.stringify(problems));
      assert.equal(problems[1]!.message, "Row 3, column 'Final plan date': this date is before the 'Received date'; check both dates");
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('gives the spreadsheet’s row numbers to the row checks when the file has blank rows', async () => {
      const file = Buffer.from(`${EHC_HEADINGS.join(',')}\n\n${ehcRow({ 'Record ID': 'EHC-B1', 'Final plan date': '2024-12-01' }).join(',')}\n`);
      const result = await app.container.casework.import(essex, 'ehc-requests', file, 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : [...new Set(result.problems.map((p) => p.row))], [3]);
    });

    it('passes on the parser’s own problems (a date that does not exist) with row and column', async () => {
      const result = await app.container.casework.import(essex, 'ehc-requests', csvFile([EHC_HEADINGS, ehcRow({ 'Record ID': 'EHC-D3', 'Received date': '2025-02-31' })]), 'requests.csv', ACTOR);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => [p.row, p.column]), [[2, 'Received date']]);
    });

    it('rolls back a file the database refuses (a DSR event of an unknown entry): every table unchanged', async () => {
      const before = await tableChecksums(app.database);
      const file = csvFile([['Record ID', 'DSR entry ID', 'Event', 'Event date', 'Rating'], ['EV-9', 'DSR-1', 'admission', '2025-02-01', ''], ['EV-10', 'DSR-UNKNOWN', 'rating', '2025-02-03', 'red']]);
      const result = await app.container.casework.import(essex, 'dsr-events', file, 'events.csv', ACTOR);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.problems.map((p) => [p.row, p.column]), [[3, 'DSR entry ID']]);
      assert.deepEqual(await tableChecksums(app.database), before);
    });

    it('audits each import with counts only: no file name, no row', async () => {
      const events = await app.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'casework.imported').execute();
      assert.ok(events.length >= 9);
      const text = JSON.stringify(events);
      assert.ok(!text.includes('.csv') && !text.includes('Quentina') && !text.includes('EHC-'), text);
      assert.deepEqual(Object.keys(events[0]!.details).sort(), ['inserted', 'kind', 'months', 'replaced', 'rows']);
    });
  });
}
